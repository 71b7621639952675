"""« Vérifiez votre fiche », its privacy and its abuse cases: the private contact e-mail, addresses that bounce,
links forwarded, reused or guessed, rate limits, and no token in a log line or a later address."""

import logging
import smtplib
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from actors import record_checks
from actors.models import Actor, ActorProposal, RecordCheck
from home import outbox, spam
from home.dashboard import todo_panels_for
from home.roles import EDITORS, MODERATORS
from site_ess.log_privacy import RedactSecretLinks, redact

from .test_actor_record_checks import PROPOSER, correction_data, follow, guard, link_of, make_actor, send

PRIVATE = "direction.privee@example.org"
UNKNOWN = "personne@inconnu.example.org"


@pytest.fixture
def actor(langon):
    return make_actor(langon, private_email=PRIVATE)


class RefusingBackend:
    """A mail server that answers `code` to every recipient (550: unknown address; 450: mailbox busy)."""

    code = 550

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        recipients = {address: (self.code, b"5.1.1 User unknown") for message in messages for address in message.to}
        raise smtplib.SMTPRecipientsRefused(recipients)


class BusyBackend(RefusingBackend):
    code = 450


def yearly_job():
    call_command("send_record_checks", stdout=open("/dev/null", "w"))  # noqa: SIM115


def panel_items(user, name):
    panels = {panel.name: panel for panel in todo_panels_for(user)}
    return [label for label, _url in panels[name].get_context_data()["items"]] if name in panels else []


# The private contact e-mail.


def test_the_request_goes_to_the_private_address_then_the_public_one_then_the_proposer(langon):
    actor = make_actor(langon, private_email=PRIVATE)
    ActorProposal.objects.create(actor=actor, contact_name="Dominique", contact_email=PROPOSER, consent_text="Oui")
    assert record_checks.recipient(actor) == (PRIVATE, RecordCheck.Recipient.PRIVATE)
    actor.private_email = ""
    assert record_checks.recipient(actor) == ("contact@ressourcerie.example.org", RecordCheck.Recipient.PUBLIC)
    actor.email = ""
    assert record_checks.recipient(actor) == (PROPOSER, RecordCheck.Recipient.PROPOSER)

    send(Actor.objects.get(pk=actor.pk))
    assert mail.outbox[0].to == [PRIVATE]
    check = RecordCheck.objects.get()
    assert check.recipient == RecordCheck.Recipient.PRIVATE
    assert PRIVATE not in check.address_digest and len(check.address_digest) == 64  # a digest, not the address


def test_a_record_with_a_private_address_only_is_asked_by_the_yearly_job(langon):
    make_actor(langon, email="", private_email=PRIVATE)
    mail.outbox.clear()
    yearly_job()
    assert [message.to for message in mail.outbox] == [[PRIVATE]]


def test_the_private_address_is_on_no_public_page_file_or_search(client, demo_content):
    actor = Actor.objects.get(slug="co-actions")
    actor.private_email = PRIVATE
    actor.email = "contact@co-actions.example.org"
    actor.save_revision().publish()
    urls = [
        "/acteurs/co-actions/",  # the profile and its JSON-LD
        "/acteurs/",
        "/acteurs/acteurs.csv",
        "/carte/",
        "/carte/acteurs.geojson",
        "/carte/points.json",
        f"/carte/details.json?ids={actor.pk}",
        "/recherche/?q=co-actions",
        "/recherche/?q=direction.privee",
        "/sitemap.xml",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        content = response.getvalue().decode()
        assert "direction.privee" not in content, url
    assert "contact@co-actions.example.org" in client.get("/acteurs/co-actions/").content.decode()

    # Nor on the page the e-mail's link opens (its corrections form neither).
    mail.outbox.clear()
    record_checks.send_request(Actor.objects.get(pk=actor.pk))
    assert mail.outbox[0].to == [PRIVATE]
    page = follow(client, link_of(mail.outbox[0]))
    for path in (page, page + "corriger/"):
        response = client.get(path)
        assert response.status_code == 200 and "direction.privee" not in response.content.decode(), path


@pytest.fixture
def member(django_user_model):
    def create(role):
        user = django_user_model.objects.create_user(f"membre-{len(role)}", f"{len(role)}@example.org", "changeme")
        user.groups.add(Group.objects.get(name=role))
        return user

    return create


@pytest.mark.parametrize("role", [EDITORS, MODERATORS])
def test_only_those_who_read_personal_data_see_the_private_address_in_the_admin(client, member, actor, role):
    reads = role == MODERATORS
    client.force_login(member(role))
    first = actor.latest_revision
    actor.private_email = "nouvelle.privee@example.org"
    latest = actor.save_revision()
    urls = [
        reverse("wagtailsnippets_actors_actor:edit", args=[actor.pk]),
        reverse("wagtailsnippets_actors_actor:list"),
        reverse("wagtailsnippets_actors_actor:list") + "?export=csv",
        reverse("wagtailsnippets_actors_actor:revisions_compare", args=[actor.pk, first.pk, latest.pk]),
        reverse("actors_record_check_send", args=[actor.pk]),
    ]
    for url in urls:
        response = client.get(url)
        content = response.getvalue().decode() if response.status_code == 200 else ""
        shown = "privee@example.org" in content
        assert not shown or reads, (role, url)
        if "edit" in url or "compare" in url or "verification" in url:
            assert response.status_code == 200 and shown is reads, (role, url)
    # The volunteer still learns where the request goes: « l'e-mail privé de la fiche ».
    assert (
        "e-mail privé de la fiche" in client.get(reverse("actors_record_check_send", args=[actor.pk])).content.decode()
    )


def test_a_redacteur_saving_the_record_keeps_its_private_address(client, member, actor):
    client.force_login(member(EDITORS))
    edit = reverse("wagtailsnippets_actors_actor:edit", args=[actor.pk])
    form = client.get(edit).content.decode()
    assert 'name="private_email"' not in form
    data = {
        "name": "Ressourcerie du Sud-Gironde",
        "slug": actor.slug,
        "short_description": actor.short_description,
        "legal_form": actor.legal_form,
        "commune": actor.commune_id,
        "email": actor.email,
        "phone": actor.phone,
        "private_email": "tentative@example.org",
        "last_reviewed": actor.last_reviewed.isoformat(),
    }
    response = client.post(edit, data)
    assert response.status_code in (200, 302)
    latest = Actor.objects.get(pk=actor.pk).latest_revision.as_object()
    if response.status_code == 302:
        assert latest.name == "Ressourcerie du Sud-Gironde"
    assert latest.private_email == PRIVATE


# Addresses the mail server refuses.


def test_an_unknown_address_refused_for_good_is_recorded_listed_and_not_asked_again(actor, moderator, settings):
    settings.MAIL_DELIVERY_BACKEND = "tests.test_actor_record_check_privacy.RefusingBackend"
    settings.MAIL_RETRY_DELAYS = [0, 0]
    Actor.objects.filter(pk=actor.pk).update(private_email=UNKNOWN)
    check = record_checks.send_request(Actor.objects.get(pk=actor.pk))
    check.refresh_from_db()
    assert check.delivery_failed_at is not None  # « adresse en échec »
    assert panel_items(moderator, "actors-checks-undeliverable") == [
        f"Ressourcerie du Sud (adresse en échec le {timezone.localdate():%d/%m/%Y})"
    ]

    # A year on, the yearly job does not write to the same address for this record.
    settings.MAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    RecordCheck.objects.update(sent_at=timezone.now() - timedelta(days=400))
    assert panel_items(moderator, "actors-checks-expired") == []  # listed as failed, not as unanswered
    mail.outbox.clear()
    yearly_job()
    assert mail.outbox == [] and RecordCheck.objects.count() == 1
    assert record_checks.refused_at(Actor.objects.get(pk=actor.pk), UNKNOWN)  # the send page warns of it
    assert record_checks.due_for_yearly_request().get().failed_address == record_checks.address_digest(UNKNOWN)

    # Once a volunteer fixes the address, the yearly job writes to the new one, and the failure leaves the list.
    actor = Actor.objects.get(pk=actor.pk)
    actor.private_email = "nouvelle.adresse@example.org"
    actor.save_revision().publish()
    yearly_job()
    assert [message.to for message in mail.outbox] == [["nouvelle.adresse@example.org"]]
    assert panel_items(moderator, "actors-checks-undeliverable") == []


def test_the_send_page_warns_that_the_last_request_to_this_address_failed(client, actor, moderator, settings):
    settings.MAIL_DELIVERY_BACKEND = "tests.test_actor_record_check_privacy.RefusingBackend"
    record_checks.send_request(actor)
    client.force_login(moderator)
    page = client.get(reverse("actors_record_check_send", args=[actor.pk])).content.decode()
    assert "n'a pas été distribuée" in page and PRIVATE in page

    # The listing's bulk action leaves it out, saying why (a month on, when the request is no longer recent).
    RecordCheck.objects.update(sent_at=timezone.now() - timedelta(days=40))
    bulk = reverse("wagtail_bulk_action", args=["actors", "actor", "record_check"]) + f"?id={actor.pk}"
    assert "n'a pas été distribuée à cette adresse : ignorée" in client.get(bulk).content.decode()
    settings.MAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    assert client.post(bulk, {"next": "/admin/"}).status_code == 302
    assert mail.outbox == [] and RecordCheck.objects.count() == 1


def test_a_refusal_is_not_tried_again_but_a_temporary_failure_is(settings, task_worker, caplog):
    from django_tasks_db.models import DBTaskResult

    settings.MAIL_RETRY_DELAYS = [0, 0]
    reported = []
    outbox.register_refusal_handler("tests.refusal", reported.append)
    settings.MAIL_DELIVERY_BACKEND = "tests.test_actor_record_check_privacy.RefusingBackend"
    with caplog.at_level(logging.WARNING, logger="home.outbox"):
        outbox.queue(mail.EmailMessage("Sujet", "Corps", to=[UNKNOWN]), on_refusal=("tests.refusal", 42))
        task_worker()
    assert DBTaskResult.objects.filter(task_path="home.outbox.deliver").count() == 1  # not tried again
    assert reported == ["42"] and "refused for good" in caplog.text

    DBTaskResult.objects.all().delete()
    settings.MAIL_DELIVERY_BACKEND = "tests.test_actor_record_check_privacy.BusyBackend"  # 450: try again later
    outbox.queue(mail.EmailMessage("Sujet", "Corps", to=[UNKNOWN]), on_refusal=("tests.refusal", 43))
    task_worker()
    assert DBTaskResult.objects.filter(task_path="home.outbox.deliver").count() == 3
    assert reported == ["42"]  # a temporary failure is no refusal


def test_an_unanswered_request_leaves_the_lists_once_a_volunteer_checked_the_record(actor, moderator):
    send(actor)
    RecordCheck.objects.update(sent_at=timezone.now() - timedelta(days=31))
    assert panel_items(moderator, "actors-checks-expired")
    Actor.objects.filter(pk=actor.pk).update(last_reviewed=timezone.localdate())  # they called the structure
    assert panel_items(moderator, "actors-checks-expired") == []


# Links: single use, forwarded, guessed, rate-limited, never in a log line.


def test_the_token_is_in_no_later_address_page_or_log_line(client, actor, caplog):
    link = send(actor)
    token = link.split("/")[2]
    with caplog.at_level(logging.DEBUG):
        response = client.get(link)
        page = response["Location"]
        assert response.status_code == 302 and token not in page and page.startswith("/verifier-ma-fiche/demande/")
        assert response["Referrer-Policy"] == "same-origin" and "no-cache" in response["Cache-Control"]
        html = client.get(page).content.decode()
        assert token not in html
        client.post(page + "corriger/", correction_data(actor, phone="05 57 11 22 33"))
        # Refused links answer 4xx, which Django logs with the address: never the token's.
        for refused in (link, link + "corriger/", f"/verifier-ma-fiche/{token[:-3]}abc/"):
            assert client.get(refused, follow=True).status_code in (400, 410)
        assert client.post(link, guard()).status_code == 302
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "/verifier-ma-fiche/" in logged  # the 4xx pages were logged…
    assert token not in logged and token[:20] not in logged  # …without the token


def test_the_log_redaction_masks_the_token_wherever_it_appears():
    token = "MTI:1vQx2b:AbCdEf-ghIJ_kl"
    lines = [
        f'GET /verifier-ma-fiche/{token}/ HTTP/1.1" 302',
        f"Gone: /verifier-ma-fiche/{token}/corriger/",
        f"https://club.example.org/verifier-ma-fiche/{token}/",
    ]
    for line in lines:
        assert token not in redact(line) and "/verifier-ma-fiche/[jeton]/" in redact(line)
    assert redact("/verifier-ma-fiche/demande/12/corriger/") == "/verifier-ma-fiche/demande/12/corriger/"


def test_the_console_handler_masks_django_log_lines():
    handlers = logging.getLogger().handlers  # Django's LOGGING, applied at start-up
    assert any(isinstance(each, RedactSecretLinks) for handler in handlers for each in handler.filters)
    path = "/verifier-ma-fiche/MTI:1vQx2b:AbCdEf/"
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "Gone: %s", (path,), None)
    assert RedactSecretLinks().filter(record) and record.getMessage() == "Gone: /verifier-ma-fiche/[jeton]/"


def test_the_nginx_access_log_format_masks_the_token():
    import re
    from pathlib import Path

    conf = (Path(__file__).resolve().parents[1] / "deploy" / "nginx" / "site-ess.conf").read_text()
    pattern = re.search(r'map \$request \$request_without_token \{\s*"~([^"]+)"', conf).group(1)
    pattern = pattern.replace("(?<before>", "(?P<before>").replace("(?<after>", "(?P<after>")
    request = "GET /verifier-ma-fiche/MTI:1vQx2b:AbCdEf/ HTTP/2.0"
    match = re.match(pattern, request)
    assert match and match["before"] + "[jeton]" + match["after"] == "GET /verifier-ma-fiche/[jeton]/ HTTP/2.0"
    assert re.match(pattern, "GET /verifier-ma-fiche/demande/12/ HTTP/2.0") is None
    assert conf.count("access_log /var/log/nginx/access.log site_ess;") == 2  # the site and its http redirect


def test_a_forwarded_link_only_proposes_a_draft_and_the_page_needs_the_link(client, actor):
    link = send(actor)
    page = follow(client, link)
    stranger = Client()
    # Without the link, the token-free address opens nothing, whatever request number is tried.
    for path in (page, page + "corriger/", "/verifier-ma-fiche/demande/999/"):
        response = stranger.get(path)
        assert response.status_code == 403 and "Ouvrez le lien reçu par e-mail" in response.content.decode()
    assert stranger.post(page, guard()).status_code == 403
    assert RecordCheck.objects.get().outcome == ""
    # With the forwarded link, a stranger can only propose corrections, which wait for a moderator.
    forwarded = follow(stranger, link)
    response = stranger.post(forwarded + "corriger/", correction_data(actor, name="Nom détourné", website=""))
    assert response.status_code == 200 and "Vos corrections sont bien arrivées" in response.content.decode()
    live = Actor.objects.get(pk=actor.pk)
    assert live.name == "Ressourcerie du Sud" and live.has_unpublished_changes
    # The link served once: neither browser may use it again, to confirm or to correct.
    assert client.post(page, guard()).status_code == 410
    assert stranger.post(forwarded + "corriger/", correction_data(actor)).status_code == 410
    assert Actor.objects.get(pk=actor.pk).last_reviewed != timezone.localdate()


def test_two_links_opened_in_one_browser_each_keep_their_record(client, langon):
    first_actor = make_actor(langon)
    second_actor = make_actor(langon, name="Épicerie", slug="epicerie", email="epicerie@example.org")
    first = follow(client, send(first_actor))
    second = follow(client, send(second_actor))
    assert "Ressourcerie du Sud" in client.get(first).content.decode()
    assert "Épicerie" in client.get(second).content.decode()
    client.post(first, guard())
    assert Actor.objects.get(pk=first_actor.pk).last_reviewed == timezone.localdate()
    assert Actor.objects.get(pk=second_actor.pk).last_reviewed != timezone.localdate()


def test_answers_are_rate_limited_per_client_address(client, langon, settings):
    settings.FORM_RATE_LIMIT = "1/h"
    actors = [
        make_actor(langon, name=f"Structure {n}", slug=f"structure-{n}", email=f"s{n}@example.org") for n in (1, 2, 3)
    ]
    pages = [follow(client, send(each)) for each in actors]
    assert client.post(pages[0], guard(), REMOTE_ADDR="192.0.2.1").status_code == 200
    # Over the limit from that address, corrections too: the form comes back, nothing is saved.
    limited = client.post(
        pages[1] + "corriger/", correction_data(actors[1], phone="05 57 00 00 01"), REMOTE_ADDR="192.0.2.1"
    )
    assert spam.RATE_LIMITED_MESSAGE[:40] in limited.content.decode()
    assert RecordCheck.objects.get(actor=actors[1]).outcome == ""
    # Another address is not held back.
    assert client.post(pages[2], guard(), REMOTE_ADDR="192.0.2.2").status_code == 200
    assert RecordCheck.objects.get(actor=actors[2]).outcome == RecordCheck.Outcome.CONFIRMED


# « Tout est juste » while an older correction waits for a moderator.


def test_publishing_an_older_draft_keeps_the_date_of_a_later_confirmation(client, actor, moderator):
    old_review = actor.last_reviewed
    first = follow(client, send(actor))
    client.post(first + "corriger/", correction_data(actor, phone="05 57 11 22 33"))
    correction = RecordCheck.objects.get().correction
    assert correction.as_object().last_reviewed == old_review

    # A volunteer asks again; the structure answers « Tout est juste » while the correction waits.
    second = follow(client, send(Actor.objects.get(pk=actor.pk)))
    assert client.post(second, guard()).status_code == 200
    assert Actor.objects.get(pk=actor.pk).last_reviewed == timezone.localdate()

    correction.publish(user=moderator)
    published = Actor.objects.get(pk=actor.pk)
    assert published.phone == "05 57 11 22 33"
    assert published.last_reviewed == timezone.localdate()  # not taken back to the draft's older date


def test_a_later_delivery_to_the_same_address_clears_an_old_failure(actor, settings):
    settings.MAIL_DELIVERY_BACKEND = "tests.test_actor_record_check_privacy.RefusingBackend"
    record_checks.send_request(actor)  # refused (the mail server had a bad day with this domain)
    settings.MAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    RecordCheck.objects.update(sent_at=timezone.now() - timedelta(days=800))
    send(Actor.objects.get(pk=actor.pk))  # a volunteer sent it again by hand: delivered
    RecordCheck.objects.filter(delivery_failed_at__isnull=True).update(sent_at=timezone.now() - timedelta(days=400))
    mail.outbox.clear()
    yearly_job()
    assert [message.to for message in mail.outbox] == [[PRIVATE]]
