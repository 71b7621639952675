"""`/mois-de-l-ess/proposer/`: an event proposed by the public becomes an unpublished event page awaiting moderation."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from home import mail

from ..models import EventPage, EventProposal, MoisEssEditionPage
from .proposal_forms import EventProposalForm


def edition_for(section, year: int) -> MoisEssEditionPage:
    """The edition of the event's year; a draft one is created for the moderators to publish if there is none yet."""
    edition = MoisEssEditionPage.objects.child_of(section).filter(year=year).first()
    if edition is None:
        edition = MoisEssEditionPage(title=f"Mois de l'ESS {year}", year=year, slug=str(year), live=False)
        section.add_child(instance=edition)
        edition.save_revision(log_action=True)
    return edition


@transaction.atomic
def create_proposal(form, page) -> EventProposal:
    """Files the event unpublished under its edition, with its proposal, and submits it to the workflow (if any)."""
    event = form.save(commit=False)
    event.live = False
    edition_for(page.get_parent(), event.start_date.year).add_child(instance=event)
    event.save_revision(log_action=True)
    data = form.cleaned_data
    proposal = EventProposal.objects.create(
        event=event,
        organiser_name=data["organiser_name"],
        contact_name=data["contact_name"],
        contact_email=data["contact_email"],
        message=data["message"],
        consent_text=page.consent_label,
    )
    proposal.possible_duplicates.set(form.duplicates)
    workflow = event.get_workflow()
    if workflow is not None:
        workflow.start(event, user=None)
    return proposal


def admin_url(event: EventPage) -> str:
    return settings.WAGTAILADMIN_BASE_URL + reverse("wagtailadmin_pages:edit", args=[event.pk])


def notify_moderators(proposal: EventProposal) -> None:
    event = proposal.event
    lines = [
        f"Un événement a été proposé pour le Mois de l'ESS : {event.title}",
        f"Le {event.start_date:%d/%m/%Y}, {event.location_text or 'lieu non précisé'}",
        f"Organisé par : {proposal.organiser_name or 'non précisé'}",
        f"Résumé : {event.summary}",
        "",
        f"Proposé par : {proposal.contact_name} <{proposal.contact_email}>",
        f"Accord de publication donné le {timezone.localtime(proposal.consent_given_at):%d/%m/%Y à %H:%M} : "
        f"« {proposal.consent_text} »",
    ]
    if proposal.message:
        lines += ["", "Son message :", proposal.message]
    duplicates = list(proposal.possible_duplicates.all())
    if duplicates:
        lines += ["", "ATTENTION, doublon probable (même titre, même jour) :"]
        lines += [f"- {duplicate.title} : {admin_url(duplicate)}" for duplicate in duplicates]
    edition = event.get_parent()
    if not edition.live:
        lines += [
            "",
            f"L'édition « {edition.title} » n'était pas encore publiée : elle a été créée en brouillon pour ranger "
            f"cet événement. Publiez-la aussi, sans quoi l'événement ne sera pas visible : {admin_url(edition)}",
        ]
    lines += ["", f"Compléter, valider et publier l'événement : {admin_url(event)}"]
    subject = f"{'Doublon probable — ' if duplicates else ''}Événement proposé : {event.title}"
    mail.send(subject, "\n".join(lines), mail.moderator_addresses(), reply_to=proposal.contact_email)


def propose_event(request, page):
    return page.serve_form(
        request,
        EventProposalForm,
        rate_limit_group="proposer-evenement",
        save=lambda form: create_proposal(form, page),
        notify=notify_moderators,
    )
