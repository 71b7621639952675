"""The site through nginx as production serves it: headers, client addresses, rate limits, lockouts, cache,
uploads and the health check."""

import redis
import requests

from .forms import form_fields
from .stack import HOST, PORTS, REDIS_URL

RATE_LIMITED = "réessayez un peu plus tard"


def test_the_health_check_answers_through_nginx(visitor):
    response = visitor.get("/sante/")

    assert response.status_code == 200
    assert response.json() == {"statut": "ok", "database": "ok", "cache": "ok"}


def test_pages_come_over_https_with_the_security_headers(visitor):
    response = visitor.get("/")

    assert response.status_code == 200
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_plain_http_is_sent_to_https_and_unknown_hosts_get_no_answer(make_visitor):
    plain = make_visitor("127.0.0.2", base=f"http://{HOST}:{PORTS['http']}")
    assert plain.get("/actualites/").headers["Location"] == f"https://{HOST}/actualites/"

    plain.headers["Host"] = "attaquant.example"
    try:
        plain.get("/")
        answered = True
    except requests.ConnectionError:  # nginx's 444: the connection is closed
        answered = False
    assert not answered


def contact(visitor, message):
    page = visitor.get("/contact/")
    fields = form_fields(page.text, action="/contact/")
    del fields["csrfmiddlewaretoken"]
    fields.update(
        {
            "votre_nom": "Camille Martin",
            "votre_adresse_e_mail": "camille@example.org",
            "objet": "Présenter notre structure",
            "votre_message": message,
            "consentement": "on",
        }
    )
    return visitor.submit("/contact/", fields).text


def test_two_visitors_get_two_rate_limit_buckets_even_with_a_forged_header(make_visitor):
    first, second = make_visitor("127.0.0.21"), make_visitor("127.0.0.22")
    # The first visitor claims other addresses: nginx replaces the header with the address it sees.
    for number in range(2):
        first.headers["X-Forwarded-For"] = f"198.51.100.{number}"
        assert RATE_LIMITED not in contact(first, f"Message {number} de la première structure.")
    assert RATE_LIMITED in contact(first, "Un troisième message, refusé pour l'instant.")

    assert RATE_LIMITED not in contact(second, "Le premier message d'une autre structure.")


def test_a_locked_out_attacker_does_not_lock_out_the_real_user_from_another_address(make_visitor):
    attacker, volunteer = make_visitor("127.0.0.31"), make_visitor("127.0.0.32")
    failures = [attacker.log_in(password="mauvais-mot-de-passe").status_code for _ in range(5)]
    assert failures == [200, 200, 200, 200, 429]  # the fifth failure locks this pair out
    locked = attacker.log_in()
    assert locked.status_code == 429
    assert "Connexion temporairement bloquée" in locked.text

    response = volunteer.log_in()

    assert response.status_code == 302
    assert volunteer.get("/admin/").status_code == 200


def page_cache_keys():
    return [key for key in redis.Redis.from_url(REDIS_URL).scan_iter("*page-cache:*") if b"generation" not in key]


def test_anonymous_pages_are_cached_but_random_query_parameters_are_not(visitor):
    first = visitor.get("/actualites/?page=1")
    assert "s-maxage=300" in first.headers["Cache-Control"]
    assert visitor.get("/actualites/?page=1").text == first.text
    before = len(page_cache_keys())

    for number in range(20):
        response = visitor.get(f"/actualites/?utm_source=campagne-{number}")
        assert response.status_code == 200
        assert "s-maxage" not in response.headers.get("Cache-Control", "")

    assert len(page_cache_keys()) == before


def test_nginx_refuses_an_upload_beyond_25_megabytes_and_django_answers_in_french_below(visitor):
    visitor.log_in()
    too_big = visitor.post("/admin/images/add/", files={"file": ("enorme.png", b"0" * (26 * 1024 * 1024))})
    assert too_big.status_code == 413

    page = visitor.get("/admin/images/add/")
    fields = form_fields(page.text, action="/admin/images/add/")
    fields.update({"title": "Trop lourde", "alt_text": "Une photo trop lourde"})
    response = visitor.post(
        "/admin/images/add/",
        data=fields,
        files={"file": ("lourde.png", b"\x89PNG\r\n\x1a\n" + b"0" * (11 * 1024 * 1024), "image/png")},
        headers={"Referer": f"https://{HOST}/admin/images/add/"},
    )
    assert response.status_code == 200
    assert "taille" in response.text.lower()


def test_a_record_check_link_leaves_its_token_in_no_log(stack, visitor):
    """The e-mail's link redirects to an address without the token; nginx's and gunicorn's access logs mask it."""
    path = stack.manage(
        "shell", "--no-imports", "-c",
        "from actors import record_checks; from actors.models import Actor, RecordCheck; "
        "actor = Actor.objects.filter(live=True).first(); "
        "check = RecordCheck.objects.create(actor=actor, recipient='public', fingerprint=record_checks.fingerprint(actor)); "
        "print(record_checks.link_path(check))",
    ).stdout.strip()  # fmt: skip
    token = path.split("/")[2]

    landing = visitor.get(path)
    assert landing.status_code == 302 and token not in landing.headers["Location"]
    page = visitor.get(landing.headers["Location"])
    assert page.status_code == 200 and "Tout est juste" in page.text
    assert visitor.get(path + "corriger/").status_code == 302  # the corrections' link, too
    logs = {name: stack.log(name) for name in ("nginx-access", "app_a", "app_b")}
    assert "/verifier-ma-fiche/[jeton]/" in logs["nginx-access"]
    assert "/verifier-ma-fiche/[jeton]/" in logs["app_a"] + logs["app_b"]
    for name, text in logs.items():
        assert token not in text, name
