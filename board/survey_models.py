"""« Leurs attentes »: the needs for mutualisation volunteers list, the questionnaire page and its answers.

The needs are a short list the volunteers keep in the admin (locaux, matériel, formation…); each may point to
a category of the board, whose offers answer it. An answer says which structure has which needs, and where: it
is personal data (moderators and administrators only), and only counted, by territory, on the public site.
"""

from urllib.parse import urlencode

from django.db import models

from actors.models import Actor, Commune
from home.proposals import ProposalPage, PublicProposal

from .choices import PostCategory, PostKind

DEFAULT_CONSENT_LABEL = (
    "J'accepte que le club garde mes réponses et les compte, avec celles des autres structures, dans l'état des "
    "lieux de l'ESS ; ni mes coordonnées ni la réponse de ma structure ne sont jamais publiées."
)


class MutualisationNeed(models.Model):
    """One need the questionnaire asks about: a checkbox of the form and a line of the état des lieux."""

    name = models.CharField(
        "besoin",
        max_length=80,
        unique=True,
        help_text="Le besoin en un ou deux mots, tel qu'il s'affiche dans le questionnaire : « Locaux », "
        "« Formation »…",
    )
    description = models.CharField(
        "précision",
        max_length=200,
        blank=True,
        help_text="Facultatif : des exemples qui aident à cocher, affichés après le besoin : « un bureau, une "
        "salle, un lieu de stockage ».",
    )
    board_category = models.CharField(
        "catégorie du tableau de mutualisation",
        max_length=20,
        choices=PostCategory.choices,
        blank=True,
        help_text="Les offres de cette catégorie du tableau répondent au besoin : l'état des lieux et la page de "
        "remerciement y renvoient. Laissez vide si aucune catégorie ne correspond (le financement, par exemple).",
    )
    sort_order = models.PositiveSmallIntegerField(
        "ordre",
        default=0,
        help_text="Les besoins s'affichent du plus petit nombre au plus grand (puis par ordre alphabétique).",
    )
    asked = models.BooleanField(
        "proposé dans le questionnaire",
        default=True,
        help_text="Décochez pour retirer le besoin du questionnaire sans perdre les réponses déjà reçues, qui "
        "restent comptées dans l'état des lieux.",
    )

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "besoin de mutualisation"
        verbose_name_plural = "besoins de mutualisation"

    def __str__(self):
        return self.name

    def offers_url(self, board_url: str) -> str:
        """The board's list of the offers that answer this need; empty without a category or a board."""
        if not self.board_category or not board_url:
            return ""
        return f"{board_url}?{urlencode({'type': PostKind.OFFER, 'categorie': self.board_category})}"


class NeedsSurveyPage(ProposalPage):
    """The public questionnaire « Vos besoins de mutualisation », answered by the structures of the territory."""

    consent_label = models.CharField(
        "texte de l'accord",
        max_length=400,
        default=DEFAULT_CONSENT_LABEL,
        help_text="La phrase que la personne coche pour accepter que ses réponses soient gardées et comptées ; "
        "elle est gardée avec chaque réponse.",
    )

    parent_page_types = ["home.HomePage"]

    class Meta:
        verbose_name = "questionnaire « Vos besoins de mutualisation »"
        verbose_name_plural = "questionnaires « Vos besoins de mutualisation »"

    def serve(self, request, *args, **kwargs):
        from .survey_views import answer_survey

        return answer_survey(request, self)


class NeedsSurveyAnswer(PublicProposal):
    """One structure's answer: its needs and its commune (counted, never shown), who sent it and their consent."""

    actor = models.ForeignKey(
        Actor,
        verbose_name="acteur",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="La structure de l'annuaire qui a répondu, si la personne l'a choisie.",
    )
    organisation = models.CharField(
        "structure (hors annuaire)",
        max_length=200,
        blank=True,
        help_text="Le nom de la structure, tel que la personne l'a écrit, quand elle n'est pas dans l'annuaire.",
    )
    commune = models.ForeignKey(
        Commune,
        verbose_name="commune",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Où la structure agit : la réponse est comptée dans le Pays de cette commune.",
    )
    needs = models.ManyToManyField(
        MutualisationNeed,
        verbose_name="besoins cochés",
        blank=True,
        related_name="answers",
        help_text="Les besoins que la structure a cochés ; chacun compte une réponse dans l'état des lieux.",
    )
    other_needs = models.TextField(
        "autres besoins",
        blank=True,
        help_text="Ce que la structure a écrit en plus des cases : jamais publié, à lire pour compléter la "
        "liste des besoins.",
    )

    class Meta(PublicProposal.Meta):
        verbose_name = "réponse au questionnaire des besoins"
        verbose_name_plural = "réponses au questionnaire des besoins"

    def __str__(self):
        return f"{self.respondent()} ({self.commune})"

    def respondent(self) -> str:
        return self.actor.name if self.actor_id else self.organisation

    respondent.short_description = "structure"

    def need_names(self) -> str:
        return ", ".join(need.name for need in self.needs.all())

    need_names.short_description = "besoins cochés"
