"""The mutualisation board: moderated posts, filters, expiry, replies that never show the poster's e-mail."""

import time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState

from actors.models import Actor, Commune, Epci, Pays
from board.choices import PostStatus
from board.models import BoardPost, BoardReply
from home import spam
from home.roles import MODERATORS

POSTER_EMAIL = "poster-secret@example.org"


def guard(seconds_ago=60):
    return spam.guard_fields(now=time.time() - seconds_ago)


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def places(db):
    sud = Epci.objects.create(siren="200070845", name="CC du Sud Gironde", kind="cc")
    reolais = Epci.objects.create(siren="243301165", name="CC du Réolais en Sud Gironde", kind="cc")
    pays = Pays.objects.create(name="Pays Rives de Garonne", slug="pays-rives-de-garonne")
    pays.epcis.add(sud)
    pays.save()
    return {
        "langon": Commune.objects.create(insee_code="33227", name="Langon", postal_codes="33210", epci=sud),
        "la-reole": Commune.objects.create(insee_code="33352", name="La Réole", postal_codes="33190", epci=reolais),
    }


@pytest.fixture
def board_page(db):
    from board.demo import load as load_board
    from home import demo

    demo.load(lambda message: None)
    load_board(lambda message: None)
    from board.models import BoardIndexPage

    return BoardIndexPage.objects.get()


def make_post(title, commune, kind="offre", category="materiel", days=30, live=True, **fields):
    post = BoardPost.objects.create(
        title=title,
        description=f"{title} : détails.",
        kind=kind,
        category=category,
        commune=commune,
        expires_on=timezone.localdate() + timedelta(days=days),
        contact_name="Sam",
        contact_email=POSTER_EMAIL,
        live=live,
        **fields,
    )
    return post


def test_the_board_lists_open_published_posts_and_filters_them(client, board_page, places):
    make_post("Remorque à prêter", places["langon"], kind="offre", category="vehicules")
    make_post("Cherche salle", places["la-reole"], kind="besoin", category="locaux")
    make_post("Pas encore relue", places["langon"], live=False)
    make_post("Déjà pourvue", places["langon"], status=PostStatus.FULFILLED)
    make_post("Expirée hier", places["langon"], days=-1)

    html = client.get("/mutualisation/").content.decode()
    assert "Remorque à prêter" in html and "Cherche salle" in html
    for hidden in ("Pas encore relue", "Déjà pourvue", "Expirée hier"):
        assert hidden not in html
    assert POSTER_EMAIL not in html

    def titles(params):
        html = client.get("/mutualisation/", params).content.decode()
        return [title for title in ("Remorque à prêter", "Cherche salle") if title in html]

    assert titles({"type": "besoin"}) == ["Cherche salle"]
    assert titles({"categorie": "vehicules"}) == ["Remorque à prêter"]
    assert titles({"territoire": "pays-pays-rives-de-garonne"}) == ["Remorque à prêter"]
    assert titles({"territoire": "epci-243301165"}) == ["Cherche salle"]
    assert titles({"territoire": "commune-33227"}) == ["Remorque à prêter"]


@pytest.mark.parametrize(
    "params", [{"type": "<script>"}, {"categorie": "x" * 300}, {"territoire": "pays-"}, {"page": "-1"}, {"page": "abc"}]
)
def test_nonsense_filters_answer_a_normal_page(client, board_page, params):
    assert client.get("/mutualisation/", params).status_code == 200


def test_a_post_disappears_by_itself_after_its_expiry_date(client, board_page, places):
    post = make_post("Tables pliantes", places["langon"], days=0)
    assert "Tables pliantes" in client.get("/mutualisation/").content.decode()
    assert client.get(f"/mutualisation/{post.pk}/").status_code == 200
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert not BoardPost.objects.on_board(today=tomorrow).filter(pk=post.pk).exists()
    BoardPost.objects.filter(pk=post.pk).update(expires_on=timezone.localdate() - timedelta(days=1))
    cache.clear()
    assert "Tables pliantes" not in client.get("/mutualisation/").content.decode()
    assert client.get(f"/mutualisation/{post.pk}/").status_code == 404


def test_a_reply_reaches_the_poster_without_showing_their_address(client, board_page, places):
    post = make_post("Vidéoprojecteur", places["langon"])
    page = client.get(f"/mutualisation/{post.pk}/").content.decode()
    assert POSTER_EMAIL not in page
    response = client.post(
        f"/mutualisation/{post.pk}/",
        {"name": "Lou", "email": "lou@example.org", "message": "Il nous servirait samedi.", "consent": "on", **guard()},
    )
    html = response.content.decode()
    assert "votre réponse est partie" in html
    assert POSTER_EMAIL not in html
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [POSTER_EMAIL]
    assert mail.outbox[0].reply_to == ["lou@example.org"]
    assert "Il nous servirait samedi." in mail.outbox[0].body
    assert BoardReply.objects.get().post == post


def test_a_bad_reply_keeps_the_text_and_spam_is_dropped(client, board_page, places):
    post = make_post("Vidéoprojecteur", places["langon"])
    url = f"/mutualisation/{post.pk}/"
    html = client.post(
        url, {"name": "Lou", "email": "lou@", "message": "Mon long message. " * 50, **guard()}
    ).content.decode()
    assert "Saisissez une adresse de courriel valide." in html
    assert "Cochez la case" in html or "cochez la case" in html
    assert html.count("Mon long message.") == 50
    assert POSTER_EMAIL not in html
    client.post(url, {"name": "Bot", "email": "b@example.org", "message": "x", "consent": "on", **guard(seconds_ago=0)})
    assert not BoardReply.objects.exists()
    assert mail.outbox == []


def test_a_public_post_waits_for_the_moderators(client, board_page, places, django_user_model):
    from django.contrib.auth.models import Group

    moderator = django_user_model.objects.create_user("modo", "modo@example.org", "un-mot-de-passe-long")
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    form = client.get("/mutualisation/proposer/")
    assert form.status_code == 200
    data = {
        "kind": "offre",
        "category": "locaux",
        "title": "Salle de réunion le mardi",
        "description": "Vingt places, vidéoprojecteur.",
        "actor": "",
        "poster_organisation": "Une association de Langon",
        "commune": places["langon"].pk,
        "expires_on": (timezone.localdate() + timedelta(days=30)).isoformat(),
        "contact_name": "Sam",
        "contact_email": POSTER_EMAIL,
        "consent": "on",
        **guard(),
    }
    response = client.post("/mutualisation/proposer/", data)
    assert "votre annonce est arrivée" in response.content.decode()
    post = BoardPost.objects.get()
    assert not post.live
    assert WorkflowState.objects.get(boardpost=post).status == WorkflowState.STATUS_IN_PROGRESS
    notice = next(message for message in mail.outbox if "Annonce proposée" in message.subject)
    assert len(mail.outbox) == 1  # not also Wagtail's poorer "submitted for review" notice
    assert notice.to == ["modo@example.org"]
    assert reverse("wagtailsnippets_board_boardpost:edit", args=[post.pk]) in notice.body
    assert "Salle de réunion" not in client.get("/mutualisation/").content.decode()


def test_bad_posts_come_back_in_french_with_everything_kept(client, board_page, places):
    data = {
        "kind": "besoin",
        "category": "competences",
        "title": "Cherche comptable bénévole",
        "description": "Pour notre bilan annuel. " * 40,
        "commune": places["langon"].pk,
        "expires_on": (timezone.localdate() + timedelta(days=800)).isoformat(),
        "contact_name": "Sam",
        "contact_email": "pas-une-adresse",
        **guard(),
    }
    html = client.post("/mutualisation/proposer/", data).content.decode()
    assert "au plus un an" in html
    assert "Dites quelle structure publie" in html
    assert "Saisissez une adresse de courriel valide." in html
    assert html.count("Pour notre bilan annuel.") == 40
    assert not BoardPost.objects.exists()


def test_the_actor_profile_shows_its_open_posts(client, board_page, places):
    from actors.demo import ensure_index_page

    ensure_index_page()
    actor = Actor.objects.create(name="VAL+", slug="val-plus", short_description="Entreprise d'insertion.")
    actor.save_revision().publish()
    make_post("Camion benne disponible", places["langon"], actor=actor, category="vehicules")
    make_post("Ancienne annonce", places["langon"], actor=actor, status=PostStatus.FULFILLED)
    html = client.get("/acteurs/val-plus/").content.decode()
    assert "Camion benne disponible" in html
    assert "Ancienne annonce" not in html
    assert POSTER_EMAIL not in html


def test_fulfilling_a_post_dates_it(places):
    post = make_post("Perceuse", places["langon"])
    post.status = PostStatus.FULFILLED
    post.save()
    assert post.fulfilled_on == timezone.localdate()


def test_the_purge_forgets_replies_and_posters_of_finished_posts(board_page, places, settings):
    old_post = make_post("Vieille annonce", places["langon"], days=-settings.FORM_RETENTION_DAYS - 5)
    BoardReply.objects.create(post=old_post, name="Lou", email="lou@example.org", message="Oui")
    BoardReply.objects.update(sent_at=timezone.now() - timedelta(days=settings.FORM_RETENTION_DAYS + 1))
    current = make_post("Annonce en cours", places["langon"])
    call_command("purge_form_submissions", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not BoardReply.objects.exists()
    old_post.refresh_from_db()
    current.refresh_from_db()
    assert (old_post.contact_name, old_post.contact_email) == ("", "")
    assert current.contact_email == POSTER_EMAIL


@pytest.mark.parametrize("count", [3, 60])
def test_the_board_answers_in_a_fixed_number_of_queries(
    client, board_page, places, django_assert_max_num_queries, count
):
    actor = Actor.objects.create(name="Co-Actions", slug="co-actions", short_description="Coopérative.", live=True)
    for number in range(count):
        make_post(f"Annonce {number}", places["langon"], actor=actor if number % 2 else None)
    post = BoardPost.objects.first()
    for url in (
        "/mutualisation/",
        "/mutualisation/?type=offre&territoire=pays-pays-rives-de-garonne",
        f"/mutualisation/{post.pk}/",
    ):
        client.get(url)
        # 14: one of them finds the intercommunalities across two Pays, for the territory filter's labels, and
        # one the needs questionnaire the board invites structures to answer.
        with django_assert_max_num_queries(14):
            assert client.get(url).status_code == 200


def test_volunteers_find_posts_and_replies_in_the_admin(admin_client_logged, board_page, places):
    post = make_post("Remorque", places["langon"])
    BoardReply.objects.create(post=post, name="Lou", email="lou@example.org", message="Oui")
    for url in (
        reverse("wagtailsnippets_board_boardpost:list"),
        reverse("wagtailsnippets_board_boardpost:edit", args=[post.pk]),
        reverse("wagtailsnippets_board_boardreply:list"),
        reverse("wagtailsnippets_board_boardpost:add"),
    ):
        assert admin_client_logged.get(url).status_code == 200, url


class SmtpServer:
    """A real SMTP server on the loopback (aiosmtpd), keeping what it receives."""

    def __init__(self, port):
        from aiosmtpd.controller import Controller

        self.received = []
        self.controller = Controller(self, hostname="127.0.0.1", port=port)

    async def handle_DATA(self, server, session, envelope):
        self.received.append(envelope)
        return "250 Message accepted"


SMTP_PORT = 8151  # in this branch's range of ports, closed until the test opens it


def test_a_reply_survives_an_smtp_outage_and_reaches_the_poster_when_the_server_returns(
    client, board_page, places, settings, task_worker
):
    from django_tasks_db.models import DBTaskResult

    settings.MAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", SMTP_PORT, 5
    post = make_post("Vidéoprojecteur", places["langon"])
    reply = {"name": "Lou", "email": "lou@example.org", "message": "Il nous servirait samedi.", "consent": "on"}
    response = client.post(f"/mutualisation/{post.pk}/", {**reply, **guard()})
    assert "votre réponse est partie" in response.content.decode()  # answered without waiting for any mail server

    task_worker()  # the mail server is down: the attempt fails, the next one is queued with the whole message
    failed, retry = DBTaskResult.objects.filter(task_path="home.outbox.deliver").order_by("enqueued_at")
    assert failed.status == "FAILED" and retry.status == "READY"
    assert retry.run_after > timezone.now()
    assert "Il nous servirait samedi." in retry.args_kwargs["args"][0]["body"]

    server = SmtpServer(SMTP_PORT)
    server.controller.start()
    try:
        DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())  # the retry delay has passed
        task_worker()
    finally:
        server.controller.stop()
    [delivered] = server.received
    assert delivered.rcpt_tos == [POSTER_EMAIL]
    assert "Il nous servirait samedi." in delivered.content.decode()
    assert DBTaskResult.objects.get(pk=retry.pk).status == "SUCCESSFUL"


def test_a_title_with_a_line_break_does_not_stop_the_reply(client, board_page, places):
    post = make_post("Vidéoprojecteur\r\nBcc: victime@example.org", places["langon"])
    reply = {"name": "Lou", "email": "lou@example.org", "message": "Il nous servirait.", "consent": "on", **guard()}
    assert "votre réponse est partie" in client.post(f"/mutualisation/{post.pk}/", reply).content.decode()
    [sent] = mail.outbox
    assert sent.subject.endswith("Réponse à votre annonce : Vidéoprojecteur Bcc: victime@example.org")
    assert sent.to == [POSTER_EMAIL] and not sent.bcc


def test_an_overlong_reply_comes_back_with_its_text_and_nothing_is_stored_or_sent(client, board_page, places, settings):
    post = make_post("Vidéoprojecteur", places["langon"])
    message = "Un message sans fin. " * 100_000  # 2,100,000 characters
    html = client.post(
        f"/mutualisation/{post.pk}/",
        {"name": "Lou", "email": "lou@example.org", "message": message, "consent": "on", **guard()},
    ).content.decode()
    assert f"{settings.PUBLIC_TEXT_MAX_LENGTH} caractères au plus, il en compte {len(message.strip())}" in html
    assert html.count("Un message sans fin.") == 100_000
    assert not BoardReply.objects.exists()
    assert mail.outbox == []
