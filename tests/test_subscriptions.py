"""Visitors subscribe: double opt-in, signed links, the digest of what is new, one-click unsubscribe."""

import html as html_lib
import logging
import time
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from actors.models import Actor, Commune, Epci
from home import spam
from home.retention import purge_before
from news.models import Follow, NewsIndexPage, NewsPage, Phase, Subscriber, SubscriptionSettings, Topic
from news.subscriptions import digest, links, subscribing

ADDRESS = "camille.abonnee@example.org"


def guard():
    return spam.guard_fields(now=time.time() - 60)


def link_of(message, part: str) -> str:
    """The path of the e-mail's link that contains `part`, as the reader would follow it."""
    line = next(line for line in message.body.splitlines() if part in line)
    return line[line.index(part) :].strip()


def subscribe(client, email=ADDRESS, **choices):
    data = {"email": email, "consent": "on", **choices, **guard()}
    return client.post(reverse("news_subscribe"), data)


def confirmed(email=ADDRESS, follows=(("actualites", ""),), since=None) -> Subscriber:
    subscriber = Subscriber.objects.create(
        email=email, confirmed_at=timezone.now(), last_digest_at=since or timezone.now()
    )
    subscribing.set_follows(subscriber, list(follows))
    return subscriber


def run_digests(days=7):
    """The periodic job, `days` after now: what was published since the subscribers' last digest is new."""
    return digest.send_digests(now=timezone.now() + timedelta(days=days, seconds=1))


def text_of(response) -> str:
    return html_lib.unescape(response.content.decode())


def publish_news(title, phase=None, topics=(), **fields):
    index_page = NewsIndexPage.objects.get()
    news = NewsPage(
        title=title, slug=title.lower().replace(" ", "-"), date=timezone.localdate(), intro="Du nouveau.", phase=phase
    )
    news.topics = list(topics)
    index_page.add_child(instance=news)
    news.save_revision().publish()
    return news


@pytest.fixture
def site(public_site):
    return public_site


def test_the_form_is_linked_from_the_footer_the_news_and_the_agenda(client, site):
    url = reverse("news_subscribe")
    for page in ("/", "/actualites/", "/mois-de-l-ess/"):
        assert f'href="{url}"' in client.get(page).content.decode(), page


def test_subscribing_sends_a_confirmation_link_and_nothing_else_until_followed(client, site):
    phase = Phase.objects.order_by("sort_order").first()
    response = subscribe(client, phases=[phase.slug], agenda="tout")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Vérifiez votre boîte e-mail" in page and ADDRESS not in page
    subscriber = Subscriber.objects.get(email=ADDRESS)
    assert subscriber.confirmed_at is None and subscriber.consent_text.startswith("J'accepte")
    assert set(subscriber.follows.values_list("kind", "value")) == {("phase", phase.slug), ("agenda", "")}
    [message] = mail.outbox
    assert message.to == [ADDRESS] and "Confirmez" in message.subject
    assert phase.name in message.body
    html = message.alternatives[0][0]
    assert '<html lang="fr">' in html and "Confirmer mon abonnement" in html
    link = link_of(message, "/abonnement/confirmer/")
    assert ADDRESS not in link and "camille" not in link

    page = client.get(link)
    assert page.status_code == 200 and "Confirmez votre abonnement" in page.content.decode()
    done = client.post(link, guard())
    assert "Abonnement confirmé" in done.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.is_active and subscriber.last_digest_at is not None


def test_the_form_keeps_what_was_typed_and_says_what_is_missing(client, site):
    response = client.post(reverse("news_subscribe"), {"email": "pas-une-adresse", **guard()})
    page = response.content.decode()
    assert response.status_code == 200 and "pas-une-adresse" in page
    assert not Subscriber.objects.exists() and not mail.outbox
    nothing = subscribe(client)  # an address and the consent, but nothing to follow
    assert "Choisissez au moins une chose à suivre" in nothing.content.decode()


def test_a_confirmed_address_gets_its_manage_link_and_the_same_page(client, site):
    subscriber = confirmed()
    response = subscribe(client, actors="tout")

    assert "Vérifiez votre boîte e-mail" in response.content.decode()
    assert list(subscriber.follows.values_list("kind", flat=True)) == ["actualites"]  # unchanged
    [message] = mail.outbox
    manage = link_of(message, "/abonnement/gerer/")
    page = client.get(manage).content.decode()
    assert 'name="all_news"' in page and "checked" in page
    client.post(manage, {"actors": "tout", **guard()})
    assert list(subscriber.follows.values_list("kind", "value")) == [("acteurs", "")]


def test_forged_expired_reused_and_unknown_links_answer_a_french_page(client, site, settings):
    subscribe(client, all_news="on")
    link = link_of(mail.outbox[0], "/abonnement/confirmer/")
    token = link.split("/")[-2]
    subscriber = Subscriber.objects.get()

    forged = client.get(reverse("news_subscription_confirm", args=[token[:-3] + "abc"]))
    assert forged.status_code == 400 and "Ce lien n'est pas valide" in text_of(forged)
    other_purpose = client.get(reverse("news_unsubscribe", args=[token]))  # signed for another use
    assert other_purpose.status_code == 400
    not_a_pair = signing.dumps("x", salt=links.SALTS["confirm"])
    assert client.get(reverse("news_subscription_confirm", args=[not_a_pair])).status_code == 400

    future = time.time() + links.CONFIRM_MAX_AGE.total_seconds() + 60
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(signing.time, "time", lambda: future)
        expired = client.get(link)
    assert expired.status_code == 410 and "Ce lien a expiré" in expired.content.decode()

    client.post(link, guard())
    reused = client.get(link)
    assert reused.status_code == 410 and "déjà confirmé" in reused.content.decode()

    subscribing.unsubscribe(Subscriber.objects.get())
    unknown = client.get(links.path(subscriber, "manage"))
    assert unknown.status_code == 410 and "n'existe plus" in text_of(unknown)


def test_a_new_request_retires_the_older_links(client, site):
    subscribe(client, all_news="on")
    first = link_of(mail.outbox[0], "/abonnement/confirmer/")
    subscribe(client, agenda="tout")
    second = link_of(mail.outbox[1], "/abonnement/confirmer/")
    assert client.get(first).status_code == 410
    assert client.get(second).status_code == 200


def test_subscribing_is_rate_limited(client, site, settings):
    settings.FORM_RATE_LIMIT = "1/h"
    assert "Vérifiez votre boîte" in subscribe(client, all_news="on").content.decode()
    response = subscribe(client, email="autre@example.org", all_news="on")
    assert spam.RATE_LIMITED_MESSAGE[:40] in response.content.decode()
    assert "autre@example.org" in response.content.decode()  # the form keeps what was typed
    assert not Subscriber.objects.filter(email="autre@example.org").exists()


def test_a_robot_is_thanked_and_nothing_is_kept(client, site):
    response = client.post(
        reverse("news_subscribe"),
        {"email": ADDRESS, "consent": "on", "all_news": "on", **guard(), spam.HONEYPOT_FIELD: "x"},
    )
    assert response.status_code == 200
    assert not Subscriber.objects.exists() and not mail.outbox


def test_the_digest_holds_only_what_is_new_on_the_subjects_followed(site):
    phase, other_phase = Phase.objects.order_by("sort_order")[:2]
    langon = Commune.objects.select_related("epci").get(insee_code="33227")
    subscriber = confirmed(follows=[("phase", phase.slug), ("acteurs", f"epci-{langon.epci.siren}")])
    old_news = list(NewsPage.objects.published().filter(phase=phase).values_list("title", flat=True))

    publish_news("Dans la phase", phase=phase)
    publish_news("Dans une autre phase", phase=other_phase)
    actor = Actor.objects.create(name="Ressourcerie nouvelle", short_description="Réemploi.", commune=langon)
    actor.save_revision().publish()
    mail.outbox.clear()

    far = Commune.objects.exclude(epci=langon.epci).first()
    elsewhere = Actor.objects.create(name="Structure ailleurs", short_description="Loin.", commune=far)
    elsewhere.save_revision().publish()
    mail.outbox.clear()

    sent, quiet = run_digests()

    assert (sent, quiet) == (1, 0) and old_news
    [message] = mail.outbox
    assert "Dans la phase" in message.body and "Dans une autre phase" not in message.body
    assert not [title for title in old_news if title in message.body]
    assert "Structure ailleurs" not in message.body
    assert "Ressourcerie nouvelle" in message.body
    html = message.alternatives[0][0]
    assert "<h2" in html and "Dans la phase" in html and "Nouveaux acteurs" in html
    subscriber.refresh_from_db()
    assert subscriber.last_digest_at > timezone.now() + timedelta(days=6)

    # The next period: nothing new, nothing sent.
    mail.outbox.clear()
    assert run_digests(days=15) == (0, 1)
    assert not mail.outbox


def test_the_digest_waits_for_the_clubs_period(site):
    settings_ = SubscriptionSettings.load()
    settings_.digest_days = 30
    settings_.save()
    confirmed()
    publish_news("Trop tôt")
    assert run_digests(days=8) == (0, 0)
    assert run_digests(days=30) == (1, 0)


def test_the_digest_command_runs_in_the_periodic_jobs(site):
    confirmed(since=timezone.now() - timedelta(days=8))
    publish_news("Par la commande")
    mail.outbox.clear()
    call_command("send_subscription_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1


def test_every_e_mail_unsubscribes_in_one_click(client, site):
    subscriber = confirmed()
    publish_news("Pour le désabonnement")
    mail.outbox.clear()
    run_digests()
    [message] = mail.outbox

    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header = message.extra_headers["List-Unsubscribe"]
    assert header.startswith("<http") and header.endswith(">") and "camille" not in header
    url = header[1:-1]
    path = url[url.index("/abonnement/desabonner/") :]
    assert path in message.body and link_of(message, "/abonnement/gerer/")
    sent = message.message()
    assert sent["List-Unsubscribe"] == header

    csrf_client = client.__class__(enforce_csrf_checks=True)
    page = csrf_client.get(path)
    assert page.status_code == 200 and "Me désabonner" in page.content.decode()
    response = csrf_client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and "désabonné" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is not None and not subscriber.follows.exists()
    assert csrf_client.post(path, {"List-Unsubscribe": "One-Click"}).status_code == 200  # a retry: same answer

    publish_news("Après le désabonnement")
    mail.outbox.clear()
    assert run_digests(days=30) == (0, 0)


def test_only_the_unsubscribe_address_skips_the_csrf_check(site):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    assert client.post(reverse("news_subscribe"), {"email": ADDRESS, **guard()}).status_code == 403
    subscriber = confirmed()
    assert client.post(links.path(subscriber, "manage"), guard()).status_code == 403


def test_the_confirmation_mail_unsubscribes_too_and_forgets_the_request(client, site):
    subscribe(client, all_news="on")
    [message] = mail.outbox
    url = message.extra_headers["List-Unsubscribe"][1:-1]
    client.post(url[url.index("/abonnement/") :])
    assert not Subscriber.objects.exists()


def test_unconfirmed_requests_and_old_unsubscriptions_are_purged(site):
    pending = Subscriber.objects.create(email="pending@example.org")
    Subscriber.objects.filter(pk=pending.pk).update(requested_at=timezone.now() - timedelta(days=8))
    Subscriber.objects.create(email="fresh@example.org")
    gone = confirmed(email="gone@example.org")
    subscribing.unsubscribe(gone)
    Subscriber.objects.filter(pk=gone.pk).update(unsubscribed_at=timezone.now() - timedelta(days=400))
    kept = confirmed(email="kept@example.org")
    subscribing.unsubscribe(kept)

    counts = purge_before(timezone.now() - timedelta(days=365))

    assert counts["Demandes d'abonnement non confirmées"] == 1
    assert counts["Adresses désabonnées"] == 1
    assert set(Subscriber.objects.values_list("email", flat=True)) == {"fresh@example.org", "kept@example.org"}


def test_nothing_personal_in_pages_urls_or_logs(client, site, caplog):
    caplog.set_level(logging.DEBUG)
    subscribe(client, all_news="on")
    link = link_of(mail.outbox[0], "/abonnement/confirmer/")
    pages = [client.get(link), client.post(link, guard())]
    subscriber = Subscriber.objects.get()
    for purpose in ("manage", "unsubscribe"):
        pages.append(client.get(links.path(subscriber, purpose)))
    for response in pages:
        assert "camille" not in response.content.decode()
        assert response["Referrer-Policy"] == "same-origin"
    for message in mail.outbox:
        for line in message.body.splitlines():
            if "http" in line:
                assert "camille" not in line
    assert "camille" not in caplog.text


def test_moderators_see_counts_and_only_administrators_the_addresses(client, site, moderator, django_user_model):
    from django.contrib.auth.models import Group

    from home.roles import ADMINISTRATORS

    confirmed(follows=[("actualites", ""), ("agenda", "")])
    confirmed(email="dominique@example.org", follows=[("agenda", "")])
    Subscriber.objects.create(email="attente@example.org")
    listing = reverse("news_subscribers:index")

    client.force_login(moderator)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Abonnés aux nouvelles par e-mail" in dashboard and "subscription-counts" in dashboard
    assert "2 adresses confirmées" in dashboard and "1 demande en attente" in dashboard
    assert "example.org" not in dashboard.replace("admin@example.org", "")
    for url in (listing, listing + "?export=csv", listing + "?export=xlsx"):
        assert client.get(url).status_code in (302, 403), url

    administrator = django_user_model.objects.create_user("admin-role", "role@example.org", "x")
    administrator.groups.add(Group.objects.get(name=ADMINISTRATORS))
    client.force_login(administrator)
    page = client.get(listing)
    assert page.status_code == 200 and ADDRESS in page.content.decode()
    export = client.get(listing + "?export=csv")
    assert export.status_code == 200 and ADDRESS in export.getvalue().decode()


def test_a_deleted_topic_or_territory_leaves_the_digest_working(site):
    topic = Topic.objects.first()
    epci = Epci.objects.first()
    confirmed(follows=[("theme", topic.slug), ("agenda", f"epci-{epci.siren}"), ("acteurs", "pays-nulle-part")])
    assert run_digests() == (0, 1)
    assert Follow.objects.count() == 3


def test_the_agenda_digest_holds_the_new_events_of_the_territory_only(site):
    from news.models import MoisEssEditionPage

    from .mois_ess.helpers import make_event
    from .public_pages import coming_year

    langon = Commune.objects.select_related("epci").get(insee_code="33227")
    far = Commune.objects.exclude(epci=langon.epci).first()
    confirmed(follows=[("agenda", f"epci-{langon.epci.siren}")])
    edition = MoisEssEditionPage.objects.get(year=coming_year())
    make_event(edition, "Portes ouvertes à Langon", commune=langon)
    make_event(edition, "Atelier ailleurs", commune=far)
    mail.outbox.clear()

    assert run_digests() == (1, 0)
    [message] = mail.outbox
    assert "Portes ouvertes à Langon" in message.body and "Atelier ailleurs" not in message.body
    assert "AGENDA DU MOIS DE L'ESS" in message.body and "ACTUALITÉS" not in message.body


def test_a_known_and_an_unknown_address_get_the_same_answer(client, site):
    confirmed()
    known = subscribe(client, all_news="on")
    unknown = subscribe(client, email="inconnue@example.org", all_news="on")
    assert known.status_code == unknown.status_code == 200
    assert known.content == unknown.content
    assert [message.subject for message in mail.outbox] == [
        "[Club ESS Sud-Gironde] Votre abonnement aux nouvelles du club",
        "[Club ESS Sud-Gironde] Confirmez votre abonnement",
    ]
