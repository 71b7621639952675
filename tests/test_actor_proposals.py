"""`/referencer/`: a structure proposed by the public waits for the moderators, then appears in the directory."""

import time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState

from actors.models import Actor, ActorProposal, ActorProposalPage
from home import spam

DESCRIPTION = "Une ressourcerie associative : collecte, réparation et revente d'objets, ateliers pour tous. " * 3


def guard(seconds_ago=60):
    return spam.guard_fields(now=time.time() - seconds_ago)


@pytest.fixture
def site(db):
    from actors.demo import ensure_index_page, ensure_proposal_page
    from home import demo

    demo.load(lambda message: None)
    ensure_index_page()
    return ensure_proposal_page()


def proposal_data(commune, **overrides):
    data = {
        "name": "La Ressourcerie du Sud",
        "short_description": DESCRIPTION,
        "legal_form": "association",
        "commune": commune.pk,
        "street_address": "3 rue des Artisans",
        "postal_code": "33210",
        "website": "",
        "email": "",
        "phone": "",
        "siret": "",
        "rna": "",
        "contact_name": "Dominique Lafon",
        "contact_email": "dominique@example.org",
        "message": "Nous ouvrons le samedi.",
        "consent": "on",
        **guard(),
    }
    data.update(overrides)
    return data


def test_the_demo_creates_the_page(client, site):
    response = client.get("/referencer/")
    assert response.status_code == 200
    assert isinstance(site, ActorProposalPage)
    assert "Proposer la structure" in response.content.decode()


def test_a_proposal_waits_for_the_moderators_then_appears_once_approved(client, site, langon, moderator):
    response = client.post("/referencer/", proposal_data(langon))
    assert response.status_code == 200
    assert "Merci" in response.content.decode()

    actor = Actor.objects.get(name="La Ressourcerie du Sud")
    assert not actor.live
    assert actor.commune == langon
    proposal = actor.proposal
    assert proposal.contact_email == "dominique@example.org"
    assert proposal.consent_text == site.consent_label
    assert proposal.consent_given_at is not None
    # In the moderators' queue, and the moderators are told.
    state = WorkflowState.objects.get(actor=actor)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    ours = [message for message in mail.outbox if "Structure proposée" in message.subject]
    assert len(ours) == len(mail.outbox) == 1  # not also Wagtail's poorer "submitted for review" notice
    assert ours[0].to == ["modo@example.org"]
    assert ours[0].reply_to == ["dominique@example.org"]
    assert reverse("wagtailsnippets_actors_actor:edit", args=[actor.pk]) in ours[0].body
    # Not public yet.
    assert "La Ressourcerie du Sud" not in client.get("/acteurs/").content.decode()
    assert client.get(f"/acteurs/{actor.slug}/").status_code == 404

    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, user=moderator, action_name="approve")
    actor.refresh_from_db()
    assert actor.live
    assert "La Ressourcerie du Sud" in client.get("/acteurs/").content.decode()
    assert client.get(f"/acteurs/{actor.slug}/").status_code == 200


def test_a_probable_duplicate_is_shown_to_the_submitter_and_to_the_moderators(client, site, langon, moderator):
    existing = Actor.objects.create(
        name="La ressourcerie du sud", slug="la-ressourcerie-du-sud", short_description="Déjà là.", commune=langon
    )
    existing.save_revision().publish()

    first = client.post("/referencer/", proposal_data(langon))
    html = first.content.decode()
    assert "semble déjà présente dans l'annuaire" in html
    assert f"/acteurs/{existing.slug}/" in html
    assert DESCRIPTION.strip()[:60] in html  # everything typed is kept
    assert not ActorProposal.objects.exists()

    second = client.post("/referencer/", proposal_data(langon, not_a_duplicate="on"))
    assert "Merci" in second.content.decode()
    proposal = ActorProposal.objects.get()
    assert list(proposal.possible_duplicates.all()) == [existing]
    assert proposal.actor.slug != existing.slug
    warning = next(message for message in mail.outbox if "Structure proposée" in message.subject)
    assert warning.subject.startswith("[Club ESS Sud-Gironde] Doublon probable")
    assert existing.name in warning.body


def test_an_unpublished_duplicate_is_told_to_the_moderators_only(client, site, langon, moderator):
    Actor.objects.create(
        name="Autre nom", slug="autre-nom", short_description="En attente.", siret="73282932000074", live=False
    )
    response = client.post("/referencer/", proposal_data(langon, siret="732 829 320 00074"))
    assert "Merci" in response.content.decode()
    proposal = ActorProposal.objects.get()
    assert [actor.slug for actor in proposal.possible_duplicates.all()] == ["autre-nom"]
    assert proposal.actor.siret == "73282932000074"


def test_bad_input_comes_back_in_french_with_everything_kept(client, site, langon):
    data = proposal_data(langon, siret="123", website="pas une adresse")
    del data["consent"]
    html = client.post("/referencer/", data).content.decode()
    assert "Un numéro SIRET compte exactement 14 chiffres" in html
    assert "Sans votre accord, la fiche ne peut pas être publiée" in html
    assert "Nous ouvrons le samedi." in html
    assert 'value="Dominique Lafon"' in html
    assert not Actor.objects.exists()


def test_spam_and_floods_create_nothing(client, site, langon, settings):
    client.post("/referencer/", proposal_data(langon, **{spam.HONEYPOT_FIELD: "http://spam.example"}))
    assert not Actor.objects.exists()
    settings.FORM_RATE_LIMIT = "1/h"
    assert "Merci" in client.post("/referencer/", proposal_data(langon)).content.decode()
    html = client.post("/referencer/", proposal_data(langon, name="Une autre")).content.decode()
    assert "réessayez un peu plus tard" in html
    assert 'value="Une autre"' in html
    assert Actor.objects.count() == 1


def test_the_moderator_sees_the_proposal_on_the_record(admin_client_logged, client, site, langon):
    client.post("/referencer/", proposal_data(langon))
    actor = Actor.objects.get()
    html = admin_client_logged.get(reverse("wagtailsnippets_actors_actor:edit", args=[actor.pk])).content.decode()
    assert "Fiche proposée par le formulaire public" in html
    assert "dominique@example.org" in html
    listing = admin_client_logged.get(reverse("wagtailsnippets_actors_actorproposal:list"))
    assert "Dominique Lafon" in listing.content.decode()


def test_the_purge_forgets_who_proposed_but_keeps_the_consent(client, site, langon, settings):
    client.post("/referencer/", proposal_data(langon))
    ActorProposal.objects.update(consent_given_at=timezone.now() - timedelta(days=settings.FORM_RETENTION_DAYS + 1))
    call_command("purge_form_submissions", stdout=open("/dev/null", "w"))  # noqa: SIM115
    proposal = ActorProposal.objects.get()
    assert (proposal.contact_name, proposal.contact_email, proposal.message) == ("", "", "")
    assert proposal.consent_text


def test_the_form_answers_in_a_few_queries(client, site, langon, django_assert_max_num_queries):
    client.get("/referencer/")
    with django_assert_max_num_queries(12):
        assert client.get("/referencer/").status_code == 200
