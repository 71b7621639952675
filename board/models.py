"""The board's posts (a moderated snippet), the replies visitors send to them, and the board's page; the needs
questionnaire's models live in `survey_models`.

A post stays on the board while it is published, open and not expired: it disappears by itself the day after
its expiry date, with no job to run. The poster's e-mail is never shown; replies reach it by e-mail.
"""

from datetime import timedelta
from urllib.parse import urlencode

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import DraftStateMixin, LockableMixin, Page, RevisionMixin, WorkflowMixin
from wagtail.search import index

from actors.models import Actor, Commune
from actors.territory_query import InTerritoryMixin

from .choices import PostCategory, PostKind, PostStatus
from .survey_models import MutualisationNeed, NeedsSurveyAnswer, NeedsSurveyPage

__all__ = ["BoardIndexPage", "BoardPost", "BoardReply", "MutualisationNeed", "NeedsSurveyAnswer", "NeedsSurveyPage"]

DEFAULT_DURATION_DAYS = 60
MAX_DURATION_DAYS = 366


def default_expiry():
    return timezone.localdate() + timedelta(days=DEFAULT_DURATION_DAYS)


class BoardPostQuerySet(InTerritoryMixin, models.QuerySet):
    def on_board(self, today=None):
        """What the public sees: published, open, and not past its expiry date."""
        today = today or timezone.localdate()
        return self.filter(live=True, status=PostStatus.OPEN, expires_on__gte=today)


class BoardPost(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, models.Model):
    """An offer or a need that one actor posts for the others: a notice, not a marketplace."""

    kind = models.CharField(
        "type",
        max_length=10,
        choices=PostKind.choices,
        help_text="« Offre » : la structure peut prêter ou partager. « Besoin » : elle cherche.",
    )
    category = models.CharField(
        "catégorie",
        max_length=20,
        choices=PostCategory.choices,
        help_text="Ce qui est offert ou cherché : matériel, locaux, compétences, services ou véhicules.",
    )
    title = models.CharField(
        "titre",
        max_length=120,
        help_text="En quelques mots, ce qui est offert ou cherché : « Salle de réunion de 20 places le mardi ».",
    )
    description = models.TextField(
        "description",
        max_length=3000,
        help_text="Les détails utiles : quantité, disponibilités, conditions (gratuit, échange, participation aux frais…).",
    )
    actor = models.ForeignKey(
        Actor,
        verbose_name="acteur",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="board_posts",
        help_text="La structure de l'annuaire qui publie l'annonce ; elle apparaît aussi sur sa fiche.",
    )
    poster_organisation = models.CharField(
        "structure (hors annuaire)",
        max_length=200,
        blank=True,
        help_text="Le nom de la structure quand elle n'est pas (encore) dans l'annuaire.",
    )
    commune = models.ForeignKey(
        Commune,
        verbose_name="commune",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Où se trouve ce qui est offert, ou où le besoin se situe ; sert au filtre par territoire.",
    )
    expires_on = models.DateField(
        "visible jusqu'au",
        default=default_expiry,
        help_text="Le lendemain de cette date, l'annonce disparaît d'elle-même du tableau (un an au plus).",
    )
    status = models.CharField(
        "état",
        max_length=10,
        choices=PostStatus.choices,
        default=PostStatus.OPEN,
        help_text="Passez à « Pourvu » quand l'offre a trouvé preneur ou le besoin une réponse : l'annonce quitte "
        "le tableau et compte dans le bilan du projet.",
    )
    fulfilled_on = models.DateField(
        "pourvu le",
        null=True,
        blank=True,
        help_text="Rempli tout seul quand l'état passe à « Pourvu ».",
    )
    contact_name = models.CharField(
        "nom de la personne à contacter",
        max_length=200,
        blank=True,
        help_text="Qui reçoit les réponses ; jamais publié.",
    )
    contact_email = models.EmailField(
        "e-mail de la personne à contacter",
        blank=True,
        help_text="Les réponses des visiteurs y sont envoyées ; cette adresse n'est jamais affichée sur le site.",
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="boardpost")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="boardpost",
        for_concrete_model=False,
    )

    objects = BoardPostQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=2),
        index.AutocompleteField("title"),
        index.SearchField("description"),
        index.FilterField("kind"),
        index.FilterField("category"),
        index.FilterField("status"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "annonce de mutualisation"
        verbose_name_plural = "annonces de mutualisation"

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.status == PostStatus.FULFILLED and self.fulfilled_on is None:
            self.fulfilled_on = timezone.localdate()
        elif self.status == PostStatus.OPEN:
            self.fulfilled_on = None
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.expires_on and self.expires_on > timezone.localdate() + timedelta(days=MAX_DURATION_DAYS):
            raise ValidationError(
                {"expires_on": "Une annonce reste au plus un an sur le tableau : choisissez une date plus proche."}
            )

    @property
    def revisions(self):
        return self._revisions

    @property
    def poster_name(self) -> str:
        """Who posts, as shown to the public: the actor, else the structure typed, else nothing."""
        return self.actor.name if self.actor_id else self.poster_organisation

    @property
    def reply_address(self) -> str:
        return self.contact_email or (self.actor.email if self.actor_id else "")

    @property
    def matching_offers_query(self) -> str:
        """For a need, the board's querystring of the offers of its category (what could answer it); else ""."""
        if self.kind != PostKind.NEED:
            return ""
        return "?" + urlencode({"type": PostKind.OFFER, "categorie": self.category})


class BoardReply(models.Model):
    """A visitor's answer to a post, e-mailed to its poster and kept until the retention period ends."""

    holds_personal_data = True  # home/roles.py: moderators and administrators only

    post = models.ForeignKey(
        BoardPost, verbose_name="annonce", on_delete=models.CASCADE, related_name="replies", help_text="L'annonce."
    )
    name = models.CharField("nom", max_length=200, help_text="Qui répond.")
    email = models.EmailField("e-mail", help_text="L'adresse à laquelle l'auteur de l'annonce peut répondre.")
    message = models.TextField("message", help_text="La réponse, telle qu'elle a été envoyée.")
    sent_at = models.DateTimeField("envoyée le", auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = "réponse à une annonce"
        verbose_name_plural = "réponses aux annonces"

    def __str__(self):
        return f"{self.name} → {self.post}"


class BoardIndexPage(RoutablePageMixin, Page):
    """The board at `/mutualisation/`: the list with its filters, a page per post, the public posting form."""

    intro = models.TextField(
        "introduction",
        blank=True,
        help_text="Une ou deux phrases sous le titre : à quoi sert le tableau, et qu'il se veut simple.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = "tableau de mutualisation"
        verbose_name_plural = "tableaux de mutualisation"

    @path("")
    def board(self, request):
        from .views import board

        return board(request, self)

    @path("proposer/")
    def propose(self, request):
        from .views import propose

        return propose(request, self)

    @path("<int:pk>/")
    def post_detail(self, request, pk):
        from .views import post_detail

        return post_detail(request, self, pk)
