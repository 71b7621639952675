"""What the directory forgets after the retention period: the contact details of people who proposed a record.

The consent to publication (its wording and date) stays with the record as long as the record exists.
"""

from home.retention import register

from .models import ActorProposal


@register("Coordonnées des personnes ayant proposé une structure")
def forget_proposers(cutoff, dry_run=False) -> int:
    return ActorProposal.forget_senders(cutoff, dry_run)
