"""« Vérifiez votre fiche »: a request sent to an actor to confirm or correct its own record.

A volunteer sends it from the admin (one record, or many from the « à revérifier » listing); the e-mail carries
a signed link (actors/record_checks.py) that opens a public page where the structure confirms the record or
proposes corrections. A correction becomes a draft revision of the actor, never published without a moderator.
The row keeps what was asked and what came back, not the address it was sent to.
"""

from django.conf import settings
from django.db import models


class RecordCheck(models.Model):
    class Recipient(models.TextChoices):
        PRIVATE = "private", "l'e-mail privé de la fiche, pour le club"
        PUBLIC = "public", "l'e-mail public de la fiche"
        PROPOSER = "proposer", "l'e-mail de la personne qui a proposé la fiche"

    class Outcome(models.TextChoices):
        WAITING = "", "en attente de réponse"
        CONFIRMED = "confirmed", "fiche confirmée"
        CORRECTED = "corrected", "corrections proposées"

    actor = models.ForeignKey(
        "actors.Actor",
        verbose_name="acteur",
        on_delete=models.CASCADE,
        related_name="record_checks",
        help_text="La fiche que la structure est invitée à vérifier.",
    )
    sent_at = models.DateTimeField(
        "demande envoyée le", auto_now_add=True, help_text="Le moment où l'e-mail « Vérifiez votre fiche » est parti."
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="envoyée par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Le ou la bénévole qui a envoyé la demande ; vide pour l'envoi annuel automatique.",
    )
    recipient = models.CharField(
        "destinataire",
        max_length=10,
        choices=Recipient.choices,
        help_text="À quelle adresse la demande est partie (l'adresse elle-même n'est pas gardée ici).",
    )
    fingerprint = models.CharField(
        "empreinte de la fiche",
        max_length=64,
        editable=False,
        help_text="L'état de la fiche à l'envoi : le lien ne sert plus dès que la fiche a changé.",
    )
    outcome = models.CharField(
        "réponse",
        max_length=10,
        choices=Outcome.choices,
        blank=True,
        default="",
        help_text="Ce que la structure a fait du lien : confirmé la fiche ou proposé des corrections.",
    )
    answered_at = models.DateTimeField(
        "réponse reçue le", null=True, blank=True, help_text="Le moment où la structure a répondu par le lien."
    )
    correction = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name="corrections proposées",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Le brouillon créé par les corrections de la structure, à comparer puis publier ou refuser.",
    )

    address_digest = models.CharField(
        "empreinte de l'adresse",
        max_length=64,
        blank=True,
        editable=False,
        help_text="Une empreinte chiffrée de l'adresse (pas l'adresse) : elle dit si l'adresse a changé depuis un "
        "échec, pour ne pas réécrire à une adresse qui refuse les e-mails.",
    )
    delivery_failed_at = models.DateTimeField(
        "adresse en échec le",
        null=True,
        blank=True,
        help_text="Le serveur de messagerie a refusé l'adresse pour de bon : la demande n'est pas arrivée. "
        "Corrigez l'adresse de la fiche ou appelez la structure.",
    )

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = "demande de vérification d'une fiche"
        verbose_name_plural = "demandes de vérification des fiches"

    def __str__(self):
        return f"{self.actor} ({self.sent_at:%d/%m/%Y})"
