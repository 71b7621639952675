"""`/mois-de-l-ess/proposer/`: an event proposed by the public waits for the moderators, then joins the programme."""

import time
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState

from home import spam
from news.models import EventPage, EventProposal, EventProposalPage, MoisEssEditionPage

from .conftest import next_year

URL = "/mois-de-l-ess/proposer/"
SUMMARY = "Visite de l'atelier et démonstration de réparation de vélos, suivies d'un temps d'échange. " * 2


@pytest.fixture
def proposal_page(db):
    from home import demo as home_demo
    from news.mois_ess import demo as event_demo

    quiet = lambda message: None  # noqa: E731
    home_demo.load(quiet)
    event_demo.load(quiet)
    return EventProposalPage.objects.get()


def proposal_data(place, **overrides):
    data = {
        "title": "Portes ouvertes de l'atelier vélo",
        "event_type": "visite",
        "summary": SUMMARY,
        "organiser_name": "Cycles solidaires",
        "start_date": f"{next_year()}-11-14",
        "start_time": "14:00",
        "end_date": "",
        "end_time": "17:30",
        "attendance_mode": "sur-place",
        "venue_name": "L'atelier",
        "street_address": "3 rue des Artisans",
        "postal_code": "33210",
        "commune": place.pk,
        "online_url": "",
        "registration_url": "",
        "is_free": "on",
        "price": "",
        "price_details": "",
        "accessibility": "Plain-pied, accessible en fauteuil.",
        "contact_name": "Dominique Lafon",
        "contact_email": "dominique@example.org",
        "message": "Nous pouvons accueillir 20 personnes.",
        "consent": "on",
        **spam.guard_fields(now=time.time() - 60),
    }
    data.update(overrides)
    return data


def test_the_section_links_to_the_form(client, proposal_page):
    assert client.get("/mois-de-l-ess/").content.decode().count(f'href="{URL}"') == 1
    response = client.get(URL)
    assert response.status_code == 200
    assert "Proposer l'événement" in response.content.decode()


def test_a_proposal_waits_for_the_moderators_then_joins_the_programme(client, proposal_page, langon, moderator):
    response = client.post(URL, proposal_data(langon))
    assert "Merci, votre proposition est arrivée" in response.content.decode()

    event = EventPage.objects.get(title="Portes ouvertes de l'atelier vélo")
    assert not event.live
    assert event.start_date == date(next_year(), 11, 14)
    assert event.commune == langon and event.is_free
    # Filed under its year's edition, created as a draft because the demo has none for next year.
    edition = event.get_parent().specific
    assert isinstance(edition, MoisEssEditionPage) and edition.year == next_year() and not edition.live
    proposal = event.proposal
    assert (proposal.contact_email, proposal.organiser_name) == ("dominique@example.org", "Cycles solidaires")
    assert proposal.consent_text == proposal_page.consent_label

    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(event.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    ours = [message for message in mail.outbox if "Événement proposé" in message.subject]
    assert len(ours) == len(mail.outbox) == 1  # not also Wagtail's poorer "submitted for review" notice
    assert ours[0].to == ["modo@example.org"]
    assert ours[0].reply_to == ["dominique@example.org"]
    assert reverse("wagtailadmin_pages:edit", args=[event.pk]) in ours[0].body
    assert f"L'édition « {edition.title} » n'était pas encore publiée" in ours[0].body
    assert client.get("/mois-de-l-ess/").content.decode().count("Portes ouvertes de l'atelier vélo") == 0

    edition.save_revision().publish()
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, user=moderator, action_name="approve")
    event.refresh_from_db()
    assert event.live
    assert "Portes ouvertes de l&#x27;atelier vélo" in client.get("/mois-de-l-ess/").content.decode()
    assert client.get(event.url).status_code == 200


def test_bad_input_comes_back_in_french_with_everything_kept(client, proposal_page, langon):
    long_message = "Nous aurons besoin de tables et de chaises. " * 40
    yesterday = timezone.localdate() - timedelta(days=1)
    data = proposal_data(
        langon, start_date=yesterday.isoformat(), commune="", contact_email="pas-une-adresse", message=long_message
    )
    del data["consent"]
    html = client.post(URL, data).content.decode()
    assert "est déjà passée" in html
    assert "Indiquez la commune du lieu" in html
    assert "Saisissez une adresse de courriel valide" in html
    assert "Sans votre accord, l&#x27;événement ne peut pas être publié" in html
    assert long_message.strip() in html.replace("&#x27;", "'")
    assert 'value="Dominique Lafon"' in html
    assert not EventProposal.objects.exists()


def test_an_event_online_needs_its_address(client, proposal_page, langon):
    html = client.post(URL, proposal_data(langon, attendance_mode="en-ligne", commune="")).content.decode()
    assert "Indiquez l&#x27;adresse où suivre l&#x27;événement en ligne" in html
    assert not EventPage.objects.filter(title__startswith="Portes ouvertes").exists()


def test_a_probable_duplicate_is_shown_to_the_submitter_and_to_the_moderators(client, proposal_page, langon, moderator):
    edition = MoisEssEditionPage(title="Édition", year=next_year(), slug=str(next_year()))
    MoisEssEditionPage.objects.get(year=2010).get_parent().add_child(instance=edition)
    edition.save_revision().publish()
    existing = EventPage(title="Portes ouvertes de l'atelier VELO", start_date=date(next_year(), 11, 14))
    edition.add_child(instance=existing)
    existing.save_revision().publish()

    first = client.post(URL, proposal_data(langon)).content.decode()
    assert "semble déjà au programme" in first
    assert SUMMARY.strip()[:50] in first.replace("&#x27;", "'")
    assert not EventProposal.objects.exists()

    second = client.post(URL, proposal_data(langon, not_a_duplicate="on")).content.decode()
    assert "Merci" in second
    proposal = EventProposal.objects.get()
    assert list(proposal.possible_duplicates.all()) == [existing]
    assert proposal.event.get_parent().pk == edition.pk
    warning = next(message for message in mail.outbox if "Événement proposé" in message.subject)
    assert "Doublon probable" in warning.subject


def test_spam_and_floods_create_nothing(client, proposal_page, langon, settings):
    client.post(URL, proposal_data(langon, **{spam.HONEYPOT_FIELD: "http://spam.example"}))
    client.post(URL, proposal_data(langon, **spam.guard_fields(now=time.time())))  # sent back at once
    assert not EventProposal.objects.exists()
    assert not mail.outbox
    settings.FORM_RATE_LIMIT = "1/h"
    assert "Merci" in client.post(URL, proposal_data(langon)).content.decode()
    html = client.post(URL, proposal_data(langon, title="Un autre événement")).content.decode()
    assert "réessayez un peu plus tard" in html
    assert 'value="Un autre événement"' in html
    assert EventProposal.objects.count() == 1


def test_the_moderator_sees_the_proposal_on_the_event_and_in_the_listing(
    admin_client_logged, client, proposal_page, langon
):
    client.post(URL, proposal_data(langon))
    event = EventPage.objects.get(title__startswith="Portes ouvertes")
    html = admin_client_logged.get(reverse("wagtailadmin_pages:edit", args=[event.pk])).content.decode()
    assert "Événement proposé par le formulaire public" in html
    assert "dominique@example.org" in html
    listing = admin_client_logged.get(reverse("mois_ess_proposals:index")).content.decode()
    assert "Dominique Lafon" in listing
    export = admin_client_logged.get(reverse("mois_ess_proposals:index") + "?export=csv")
    assert "Nous pouvons accueillir 20 personnes." in b"".join(export.streaming_content).decode()


def test_the_purge_forgets_who_proposed_but_keeps_the_consent(client, proposal_page, langon, settings):
    client.post(URL, proposal_data(langon))
    old = timezone.now() - timedelta(days=settings.FORM_RETENTION_DAYS + 1)
    EventProposal.objects.update(consent_given_at=old)
    call_command("purge_form_submissions", stdout=open("/dev/null", "w"))  # noqa: SIM115
    proposal = EventProposal.objects.get()
    assert (proposal.contact_name, proposal.contact_email, proposal.message) == ("", "", "")
    assert proposal.consent_text


def test_the_form_answers_in_a_few_queries(client, proposal_page, langon, django_assert_max_num_queries):
    client.get(URL)
    with django_assert_max_num_queries(12):
        assert client.get(URL).status_code == 200


def test_an_address_typed_without_https_gets_it(client, proposal_page, langon):
    client.post(URL, proposal_data(langon, registration_url="www.exemple.org/inscription"))
    event = EventPage.objects.get(title__startswith="Portes ouvertes")
    assert event.registration_url == "https://www.exemple.org/inscription"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": "!!! … ?? —"}, "title", "au moins une lettre"),
        ({"title": "\ufffd\ufffd"}, "title", "au moins une lettre"),
        ({"title": "Fête\x00"}, "title", "caractère nul"),
        ({"start_date": "9999-11-14"}, "start_date", "trop lointaine"),
        ({"end_date": "9999-12-31"}, "end_date", "trop lointaine"),
    ],
)
def test_malformed_proposals_get_a_french_error_and_keep_every_field(
    client, proposal_page, langon, overrides, field, message
):
    response = client.post(URL, proposal_data(langon, **overrides))
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors.get(field, [])), form.errors
    html = response.content.decode()
    assert "Dominique Lafon" in html and "Nous pouvons accueillir 20 personnes." in html
    assert "3 rue des Artisans" in html
    assert not EventPage.objects.filter(title__contains="Fête").exists()
