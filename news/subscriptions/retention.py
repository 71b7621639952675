"""What the subscriptions forget: requests never confirmed, and addresses after their unsubscription.

An unconfirmed request is deleted once its link expired (`CONFIRM_MAX_AGE`), whatever the site's retention;
an unsubscribed address is kept as the proof of its consent and of its unsubscription for the site's retention
period (FORM_RETENTION_DAYS, the `cutoff` of `purge_form_submissions`), then deleted.
"""

from django.utils import timezone

from home.retention import register

from ..models import Subscriber
from .links import CONFIRM_MAX_AGE


@register("Demandes d'abonnement non confirmées")
def forget_unconfirmed(cutoff, dry_run=False) -> int:
    expired = Subscriber.objects.filter(confirmed_at__isnull=True, requested_at__lt=timezone.now() - CONFIRM_MAX_AGE)
    return expired.count() if dry_run else _deleted(expired)


@register("Adresses désabonnées")
def forget_unsubscribed(cutoff, dry_run=False) -> int:
    old = Subscriber.objects.filter(unsubscribed_at__lt=cutoff)
    return old.count() if dry_run else _deleted(old)


def _deleted(subscribers) -> int:
    """How many addresses were deleted (their followed subjects go with them, not counted)."""
    return subscribers.delete()[1].get(Subscriber._meta.label, 0)
