"""What the Mois de l'ESS forgets after the retention period: the contact details of people who proposed an event."""

from home.retention import register

from ..models import EventProposal


@register("Coordonnées des personnes ayant proposé un événement")
def forget_event_proposers(cutoff, dry_run=False) -> int:
    return EventProposal.forget_senders(cutoff, dry_run)
