"""What the public sends with a proposal (a structure, an event): who sent it, what they said, their consent.

The record proposed (an actor, an event page) waits unpublished in the moderation workflow; this model stays
beside it so that a moderator can ask a question, and so that the consent to publication is kept with it.
The sender's name, e-mail and message are never published and are forgotten after the retention period.
"""

from django.db import models


class PublicProposal(models.Model):
    holds_personal_data = True  # home/roles.py: moderators and administrators only

    contact_name = models.CharField(
        "nom de la personne",
        max_length=200,
        blank=True,
        help_text="Qui a envoyé la proposition ; jamais publié, effacé après la durée de conservation.",
    )
    contact_email = models.EmailField(
        "e-mail de la personne",
        blank=True,
        help_text="Pour lui poser une question ; jamais publié, effacé après la durée de conservation.",
    )
    message = models.TextField(
        "message aux bénévoles", blank=True, help_text="Ce que la personne a voulu préciser aux bénévoles."
    )
    consent_text = models.TextField(
        "accord de publication donné",
        help_text="La phrase exacte que la personne a cochée pour accepter la publication.",
    )
    consent_given_at = models.DateTimeField(
        "accord donné le", auto_now_add=True, help_text="Le moment où la proposition a été envoyée."
    )

    class Meta:
        abstract = True
        ordering = ["-consent_given_at"]

    @classmethod
    def forget_senders(cls, cutoff, dry_run=False) -> int:
        """Erases who sent the proposals older than `cutoff`; the consent stays as long as the record."""
        old = cls.objects.filter(consent_given_at__lt=cutoff).exclude(contact_name="", contact_email="", message="")
        return old.count() if dry_run else old.update(contact_name="", contact_email="", message="")
