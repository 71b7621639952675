"""Structures proposed by the public at `/referencer/`: the page with its texts, and what was sent with each record.

A proposal creates an unpublished `Actor` in the moderation workflow; `ActorProposal` keeps, beside it, who
proposed it (never published), the consent to publication they gave (its wording and time), and the probable
duplicates found, so that a moderator can complete, approve and publish the record.
"""

from django.db import models

from home.proposals import ProposalPage, PublicProposal

from .actors import Actor

DEFAULT_CONSENT_LABEL = (
    "J'accepte que les informations de la fiche (pas mes coordonnées personnelles) soient publiées dans "
    "l'annuaire et sur la carte du club, après vérification par un ou une bénévole."
)


class ActorProposalPage(ProposalPage):
    """The public form that proposes a structure for the directory (« Référencer ma structure »)."""

    consent_label = models.CharField(
        "texte de l'accord de publication",
        max_length=400,
        default=DEFAULT_CONSENT_LABEL,
        help_text="La phrase que la personne coche pour accepter la publication ; elle est gardée avec la fiche.",
    )

    parent_page_types = ["home.HomePage"]

    class Meta:
        verbose_name = "formulaire « Référencer ma structure »"
        verbose_name_plural = "formulaires « Référencer ma structure »"

    def serve(self, request, *args, **kwargs):
        from ..proposal_views import propose_actor

        return propose_actor(request, self)


class ActorProposal(PublicProposal):
    """What came with a record proposed by the public: who sent it, their consent, the probable duplicates."""

    actor = models.OneToOneField(
        Actor,
        verbose_name="fiche proposée",
        on_delete=models.CASCADE,
        related_name="proposal",
        help_text="La fiche créée par la proposition, à compléter puis publier dans Annuaire › Acteurs.",
    )
    possible_duplicates = models.ManyToManyField(
        Actor,
        verbose_name="doublons probables",
        blank=True,
        related_name="+",
        help_text="Les fiches qui ont le même SIRET, ou le même nom dans la même commune : à vérifier avant "
        "de publier (fusionner ou supprimer la proposition si c'est la même structure).",
    )

    class Meta(PublicProposal.Meta):
        verbose_name = "proposition d'une structure"
        verbose_name_plural = "propositions de structures"

    def __str__(self):
        return f"{self.actor} (proposée par {self.contact_name})"
