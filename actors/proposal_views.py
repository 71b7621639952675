"""`/referencer/`: a structure proposed by the public becomes an unpublished record awaiting moderation."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from home import mail

from .models import Actor, ActorProposal
from .proposal_forms import ActorProposalForm


def unique_slug(name: str) -> str:
    base = slugify(name)[:190] or "structure"
    slug, number = base, 1
    while Actor.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def admin_url(actor: Actor) -> str:
    return settings.WAGTAILADMIN_BASE_URL + reverse("wagtailsnippets_actors_actor:edit", args=[actor.pk])


@transaction.atomic
def create_proposal(form, consent_label: str) -> ActorProposal:
    """Saves the record unpublished with its proposal, and submits it to its moderation workflow (if any)."""
    actor = form.save(commit=False)
    actor.slug = unique_slug(actor.name)
    actor.live = False
    actor.source = f"Proposée par le formulaire « Référencer ma structure » le {timezone.localdate():%d/%m/%Y}"
    actor.sectors.set(form.cleaned_data["sectors"])
    actor.save()
    actor.save_revision(log_action=True)
    proposal = ActorProposal.objects.create(
        actor=actor,
        contact_name=form.cleaned_data["contact_name"],
        contact_email=form.cleaned_data["contact_email"],
        message=form.cleaned_data["message"],
        consent_text=consent_label,
    )
    proposal.possible_duplicates.set(form.duplicates)
    workflow = actor.get_workflow()
    if workflow is not None:
        workflow.start(actor, user=None)
    return proposal


def notify_moderators(proposal: ActorProposal) -> None:
    actor = proposal.actor
    lines = [
        f"Une structure a été proposée pour l'annuaire : {actor.name}",
        f"Commune : {actor.commune or 'non précisée'}",
        f"Description : {actor.short_description}",
        "",
        f"Proposée par : {proposal.contact_name} <{proposal.contact_email}>",
        f"Accord de publication donné le {timezone.localtime(proposal.consent_given_at):%d/%m/%Y à %H:%M} : "
        f"« {proposal.consent_text} »",
    ]
    if proposal.message:
        lines += ["", "Son message :", proposal.message]
    duplicates = list(proposal.possible_duplicates.all())
    if duplicates:
        lines += ["", "ATTENTION, doublon probable (même SIRET, ou même nom dans la même commune) :"]
        lines += [f"- {duplicate.name} : {admin_url(duplicate)}" for duplicate in duplicates]
    lines += ["", f"Compléter, valider et publier la fiche : {admin_url(actor)}"]
    subject = f"{'Doublon probable — ' if duplicates else ''}Structure proposée : {actor.name}"
    mail.send(subject, "\n".join(lines), mail.moderator_addresses(), reply_to=proposal.contact_email)


def propose_actor(request, page):
    return page.serve_form(
        request,
        ActorProposalForm,
        rate_limit_group="referencer",
        save=lambda form: create_proposal(form, page.consent_label),
        notify=notify_moderators,
    )
