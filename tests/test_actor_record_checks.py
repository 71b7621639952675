"""« Vérifiez votre fiche »: an actor confirms or corrects its own record through a signed, single-use link."""

import time
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision, WorkflowState

from actors import record_checks
from actors.models import Actor, ActorProposal, RecordCheck
from home import spam
from home.dashboard import todo_panels_for

PROPOSER = "dominique.prive@example.org"


def guard():
    return spam.guard_fields(now=time.time() - 60)


def make_actor(commune, **fields):
    values = {
        "name": "Ressourcerie du Sud",
        "slug": "ressourcerie-du-sud",
        "short_description": "Collecte, réparation et revente d'objets.",
        "commune": commune,
        "email": "contact@ressourcerie.example.org",
        "phone": "05 56 00 00 00",
        "last_reviewed": timezone.localdate() - timedelta(days=400),
        **fields,
    }
    actor = Actor.objects.create(**values)
    actor.save_revision().publish()
    actor.refresh_from_db()
    return actor


@pytest.fixture
def actor(langon):
    return make_actor(langon)


def link_of(message) -> str:
    """The link's path, read from the e-mail as the structure would follow it."""
    line = next(line for line in message.body.splitlines() if "/verifier-ma-fiche/" in line)
    return line[line.index("/verifier-ma-fiche/") :].strip()


def send(actor, user=None) -> str:
    mail.outbox.clear()
    assert record_checks.send_request(actor, user) is not None
    assert len(mail.outbox) == 1
    return link_of(mail.outbox[0])


def follow(client, link) -> str:
    """Opens the e-mail's link as a browser does: the token goes to the session, the address it leads to has none."""
    response = client.get(link)
    assert response.status_code == 302, response.status_code
    assert link.split("/")[2] not in response["Location"]
    return response["Location"]


def correction_data(actor, **changes):
    data = {
        "name": actor.name,
        "short_description": actor.short_description,
        "legal_form": actor.legal_form,
        "insertion_type": "",
        "headcount_band": "",
        "founded_year": "",
        "commune": actor.commune_id,
        "street_address": "",
        "postal_code": "",
        "website": "",
        "email": actor.email,
        "phone": actor.phone,
        "opening_hours": "",
        "other_links": "",
        "siret": "",
        "rna": "",
        "offers": "",
        "needs": "",
        "message": "",
        **guard(),
    }
    data.update(changes)
    return data


def test_the_request_is_queued_to_the_public_address_with_a_signed_link(actor):
    link = send(actor)
    message = mail.outbox[0]
    assert message.to == ["contact@ressourcerie.example.org"]
    assert "Vérifiez votre fiche" in message.subject
    assert link.startswith("/verifier-ma-fiche/") and "@" not in link and "ressourcerie" not in link
    check = RecordCheck.objects.get()
    assert check.recipient == RecordCheck.Recipient.PUBLIC and check.outcome == ""


def test_without_public_address_the_proposer_gets_it_and_the_page_never_shows_it(client, langon):
    actor = make_actor(langon, email="")
    ActorProposal.objects.create(actor=actor, contact_name="Dominique", contact_email=PROPOSER, consent_text="Oui")
    link = send(actor)
    assert mail.outbox[0].to == [PROPOSER]
    assert RecordCheck.objects.get().recipient == RecordCheck.Recipient.PROPOSER
    page = follow(client, link)
    for path in (page, page + "corriger/"):
        response = client.get(path)
        assert response.status_code == 200
        assert PROPOSER not in response.content.decode()
        assert response["Referrer-Policy"] == "same-origin"


def test_no_request_without_an_address_or_for_an_unpublished_record(langon):
    assert record_checks.send_request(make_actor(langon, email="")) is None
    draft = make_actor(langon, name="Brouillon", slug="brouillon")
    Actor.objects.filter(pk=draft.pk).update(live=False)
    draft.refresh_from_db()
    assert record_checks.send_request(draft) is None
    assert not RecordCheck.objects.exists() and not mail.outbox


def test_the_page_shows_the_record_in_few_queries(client, actor, django_assert_max_num_queries):
    page = follow(client, send(actor))
    with django_assert_max_num_queries(14):
        response = client.get(page)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Vérifiez votre fiche : Ressourcerie du Sud" in html
    assert "05 56 00 00 00" in html and "Tout est juste" in html and "Proposer des corrections" in html
    assert '<meta name="robots" content="noindex">' in html


def test_all_is_right_sets_the_check_date_once(client, actor):
    link = send(actor)
    page = follow(client, link)
    response = client.post(page, guard())
    assert response.status_code == 200 and "notée comme vérifiée" in response.content.decode()
    actor.refresh_from_db()
    assert actor.last_reviewed == timezone.localdate()
    check = RecordCheck.objects.get()
    assert check.outcome == RecordCheck.Outcome.CONFIRMED and check.answered_at is not None
    assert actor.get_latest_revision().pk == check.actor.latest_revision_id  # no revision made
    again = client.get(link, follow=True)
    assert again.status_code == 410 and "déjà servi" in again.content.decode()
    assert client.post(page, guard()).status_code == 410


def test_a_correction_becomes_a_draft_revision_and_the_live_record_stays(client, actor, moderator):
    link = send(actor)
    page = follow(client, link)
    form = client.get(page + "corriger/").content.decode()
    assert 'value="05 56 00 00 00"' in form and 'name="slug"' not in form and 'name="last_reviewed"' not in form
    mail.outbox.clear()
    response = client.post(page + "corriger/", correction_data(actor, phone="05 57 11 22 33", message="Nouveau n°"))
    assert response.status_code == 200 and "Vos corrections sont bien arrivées" in response.content.decode()

    live = Actor.objects.get(pk=actor.pk)
    assert live.phone == "05 56 00 00 00" and live.has_unpublished_changes
    check = RecordCheck.objects.get()
    assert check.outcome == RecordCheck.Outcome.CORRECTED and check.correction_id == live.latest_revision_id
    draft = check.correction.as_object()
    assert draft.phone == "05 57 11 22 33" and draft.slug == actor.slug
    if live.get_workflow() is not None:
        assert WorkflowState.objects.get(actor=live).status == WorkflowState.STATUS_IN_PROGRESS
    notice = next(message for message in mail.outbox if "Corrections proposées" in message.subject)
    assert record_checks.compare_url(check) in notice.body and "Nouveau n°" in notice.body

    # The moderators' dashboard lists it, linked to Wagtail's comparison with the live record.
    panels = {panel.name: panel for panel in todo_panels_for(moderator)}
    context = panels["actors-corrections"].get_context_data()
    assert context["items"] == [("Ressourcerie du Sud", record_checks.compare_url(check))]
    client.force_login(moderator)
    compare = client.get(record_checks.compare_url(check))
    assert compare.status_code == 200
    assert '<span class="addition">57 11 22 33</span>' in compare.content.decode()
    listing = client.get(reverse("wagtailsnippets_actors_actor:list") + "?corrections=true")
    assert "Ressourcerie du Sud" in listing.content.decode()

    # Publishing the draft ends the to-do and tells the structure; the link never serves again.
    mail.outbox.clear()
    check.correction.publish()
    assert Actor.objects.get(pk=actor.pk).phone == "05 57 11 22 33"
    assert [message.to for message in mail.outbox] == [["contact@ressourcerie.example.org"]]
    assert mail.outbox[0].subject.endswith("Vos corrections sont publiées : Ressourcerie du Sud")
    assert "actors-corrections" not in {panel.name for panel in todo_panels_for(moderator)}
    client.logout()
    assert client.get(link, follow=True).status_code == 410
    page = follow(client, link)
    assert client.post(page + "corriger/", correction_data(actor, phone="05 57 99 99 99")).status_code == 410
    assert Revision.objects.filter(object_id=str(actor.pk)).count() == 2


def test_a_correction_is_checked_like_the_admin(client, actor):
    page = follow(client, send(actor))
    response = client.post(page + "corriger/", correction_data(actor, siret="123", postal_code="75001", phone="12"))
    html = response.content.decode()
    assert response.status_code == 200 and "Le formulaire n'a pas été envoyé" in html
    assert "Le code postal de Langon est 33210" in html
    assert RecordCheck.objects.get().outcome == "" and not Actor.objects.get(pk=actor.pk).has_unpublished_changes


def test_expired_forged_and_outdated_links_answer_a_clear_page(client, actor, monkeypatch):
    link = send(actor)
    token = link.split("/")[2]
    forged = [
        f"/verifier-ma-fiche/{token[:-2]}xx/",
        "/verifier-ma-fiche/n-importe-quoi/",
        f"/verifier-ma-fiche/{signing.dumps(RecordCheck.objects.get().pk, salt='autre')}/",
        f"/verifier-ma-fiche/{signing.dumps('1', salt=record_checks.SALT)}/",
        f"/verifier-ma-fiche/{signing.dumps(99999, salt=record_checks.SALT)}/corriger/",
    ]
    for path in forged:
        response = client.get(path, follow=True)
        assert response.status_code == 400 and "pas valide" in response.content.decode(), path
        assert response.redirect_chain and "/lien-refuse/" in response.wsgi_request.path, path

    page = follow(client, link)
    monkeypatch.setattr(record_checks, "LINK_MAX_AGE", timedelta(seconds=-1))
    expired = client.get(link, follow=True)
    assert expired.status_code == 410 and "Ce lien a expiré" in expired.content.decode()
    assert client.post(page, guard()).status_code == 410  # the token kept in the session has expired too
    monkeypatch.undo()

    actor.phone = "05 56 99 99 99"
    actor.save_revision().publish()  # a volunteer changed the record since the e-mail
    changed = client.get(link, follow=True)
    assert changed.status_code == 410 and "La fiche a changé" in changed.content.decode()
    assert Actor.objects.get(pk=actor.pk).last_reviewed != timezone.localdate()


def test_answers_are_rate_limited(client, langon, settings):
    settings.FORM_RATE_LIMIT = "1/h"
    first = follow(client, send(make_actor(langon)))
    second = follow(client, send(make_actor(langon, name="Épicerie", slug="epicerie")))
    assert client.post(first, guard()).status_code == 200
    response = client.post(second, guard())
    assert spam.RATE_LIMITED_MESSAGE[:40] in response.content.decode()
    assert Actor.objects.get(slug="epicerie").last_reviewed != timezone.localdate()


def test_a_robot_is_thanked_and_nothing_changes(client, actor):
    page = follow(client, send(actor))
    response = client.post(page, {spam.HONEYPOT_FIELD: "http://spam.example", **guard()} | {spam.HONEYPOT_FIELD: "x"})
    assert response.status_code == 200
    assert RecordCheck.objects.get().outcome == ""


def test_a_volunteer_sends_it_from_the_record_and_from_the_listing(client, moderator, langon):
    first, second = make_actor(langon), make_actor(langon, name="Épicerie", slug="epicerie", email="")
    client.force_login(moderator)
    edit = client.get(reverse("wagtailsnippets_actors_actor:edit", args=[first.pk])).content.decode()
    send_url = reverse("actors_record_check_send", args=[first.pk])
    assert send_url in edit
    page = client.get(send_url).content.decode()
    assert "contact@ressourcerie.example.org" in page and "Envoyer la demande" in page
    assert "aucune adresse" in client.get(reverse("actors_record_check_send", args=[second.pk])).content.decode()
    mail.outbox.clear()
    assert client.post(send_url).status_code == 302
    assert len(mail.outbox) == 1 and RecordCheck.objects.get().sent_by == moderator

    third = make_actor(langon, name="Garage", slug="garage", email="garage@example.org")
    bulk = reverse("wagtail_bulk_action", args=["actors", "actor", "record_check"])
    query = f"?id={first.pk}&id={second.pk}&id={third.pk}"
    confirm = client.get(bulk + query).content.decode()
    assert "Épicerie" in confirm and "moins de 30 jours" in confirm
    mail.outbox.clear()
    response = client.post(bulk + query, {"next": "/admin/"})
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["garage@example.org"]]  # first was just asked
    assert RecordCheck.objects.filter(actor=third, sent_by=moderator).exists()


def test_a_redacteur_without_change_permission_cannot_send(client, django_user_model, actor):
    user = django_user_model.objects.create_user("curieux", "curieux@example.org", "un-mot-de-passe-long")
    client.force_login(user)
    response = client.post(reverse("actors_record_check_send", args=[actor.pk]))
    assert response.status_code in (302, 403)
    assert not RecordCheck.objects.exists()


def test_the_yearly_job_asks_each_stale_record_once_a_year(langon):
    from django.core.management import call_command

    stale = make_actor(langon)
    make_actor(langon, name="À jour", slug="a-jour", email="a-jour@example.org", last_reviewed=timezone.localdate())
    make_actor(langon, name="Sans adresse", slug="sans-adresse", email="", last_reviewed=None)
    mail.outbox.clear()
    call_command("send_record_checks", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [message.to for message in mail.outbox] == [["contact@ressourcerie.example.org"]]
    call_command("send_record_checks", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1  # not twice in a year
    RecordCheck.objects.filter(actor=stale).update(sent_at=timezone.now() - timedelta(days=366))
    call_command("send_record_checks", "--limit", "5", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 2 and RecordCheck.objects.filter(actor=stale).count() == 2


def test_a_rejected_correction_is_told_to_the_structure_with_the_moderators_word(client, actor, moderator):
    if actor.get_workflow() is None:
        pytest.skip("no moderation workflow for actors in this database")
    page = follow(client, send(actor))
    client.post(page + "corriger/", correction_data(actor, phone="05 57 11 22 33"))
    state = WorkflowState.objects.get(actor=actor, status=WorkflowState.STATUS_IN_PROGRESS)
    mail.outbox.clear()
    state.current_task_state.reject(user=moderator, comment="Ce numéro est celui d'une autre structure.")
    told = [message for message in mail.outbox if message.to == ["contact@ressourcerie.example.org"]]
    assert len(told) == 1 and "n'ont pas été publiées" in told[0].subject
    assert "Ce numéro est celui d'une autre structure." in told[0].body
    assert Actor.objects.get(pk=actor.pk).phone == "05 56 00 00 00"


def test_links_that_expired_unanswered_are_listed_for_the_volunteers(actor, langon, moderator):
    send(actor)
    answered = make_actor(langon, name="Épicerie", slug="epicerie")
    send(answered)
    RecordCheck.objects.filter(actor=answered).update(outcome=RecordCheck.Outcome.CONFIRMED)
    assert "actors-checks-expired" not in {panel.name for panel in todo_panels_for(moderator)}
    RecordCheck.objects.update(sent_at=timezone.now() - timedelta(days=31))
    panels = {panel.name: panel for panel in todo_panels_for(moderator)}
    items = panels["actors-checks-expired"].get_context_data()["items"]
    assert [label for label, url in items] == [
        f"Ressourcerie du Sud (demandé le {timezone.localdate() - timedelta(days=31):%d/%m/%Y})"
    ]
    send(Actor.objects.get(pk=actor.pk))  # asked again: the expired request is no longer listed
    assert "actors-checks-expired" not in {panel.name for panel in todo_panels_for(moderator)}
