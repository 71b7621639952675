"""Events proposed by the public at `/mois-de-l-ess/proposer/`: the page with its texts, and what came with each.

A proposal creates an unpublished event page, filed under the edition of its year and submitted to the
moderation workflow; `EventProposal` keeps, beside it, who proposed it (never published), their consent to
publication and the probable duplicates found, so that a moderator can complete, approve and publish it.
"""

from django.db import models

from home.proposals import ProposalPage, PublicProposal

from .events import EventPage

DEFAULT_CONSENT_LABEL = (
    "J'accepte que les informations de l'événement (pas mes coordonnées personnelles) soient publiées dans le "
    "programme du Mois de l'ESS, après vérification par un ou une bénévole."
)


class EventProposalPage(ProposalPage):
    """The public form that proposes an event for the Mois de l'ESS programme (« Proposer un événement »)."""

    consent_label = models.CharField(
        "texte de l'accord de publication",
        max_length=400,
        default=DEFAULT_CONSENT_LABEL,
        help_text="La phrase que la personne coche pour accepter la publication ; elle est gardée avec l'événement.",
    )

    parent_page_types = ["news.MoisEssIndexPage"]

    class Meta:
        verbose_name = "formulaire « Proposer un événement »"
        verbose_name_plural = "formulaires « Proposer un événement »"

    def serve(self, request, *args, **kwargs):
        from ..mois_ess.proposal_views import propose_event

        return propose_event(request, self)


class EventProposal(PublicProposal):
    """What came with an event proposed by the public: who sent it, their consent, the probable duplicates."""

    event = models.OneToOneField(
        EventPage,
        verbose_name="événement proposé",
        on_delete=models.CASCADE,
        related_name="proposal",
        help_text="La page d'événement créée par la proposition, à compléter puis publier.",
    )
    organiser_name = models.CharField(
        "organisateur indiqué",
        max_length=200,
        blank=True,
        help_text="La structure qui organise, telle que la personne l'a écrite : à choisir dans l'annuaire "
        "(« Organisateurs » de l'événement) si elle y est.",
    )
    possible_duplicates = models.ManyToManyField(
        EventPage,
        verbose_name="doublons probables",
        blank=True,
        related_name="+",
        help_text="Les événements du même jour au titre identique : à vérifier avant de publier (supprimer la "
        "proposition si c'est le même événement).",
    )

    class Meta(PublicProposal.Meta):
        verbose_name = "proposition d'un événement"
        verbose_name_plural = "propositions d'événements"

    def __str__(self):
        return f"{self.event.title} (proposé par {self.contact_name})"
