"""News: topics, the `/actualites/` index page and the news pages, each tied to a phase of the project."""

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Q
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, MultipleChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from actors.choosers import published_actor_chooser
from actors.models import Actor
from home.blocks import BodyBlock
from home.published import PublishedPageManager

from .phases import Phase


class Topic(models.Model):
    """A theme news are sorted by (vie du club, Mois de l'ESS, diagnostic…): an editable list."""

    name = models.CharField("nom", max_length=100, unique=True, help_text="Le nom du thème, court : « Vie du club ».")
    slug = models.SlugField(
        "identifiant d'adresse",
        max_length=100,
        unique=True,
        help_text="Sert dans l'adresse des actualités filtrées (…?theme=vie-du-club) ; en minuscules, sans "
        "espaces ni accents.",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "thème"
        verbose_name_plural = "thèmes"

    def __str__(self):
        return self.name


class NewsIndexPage(RoutablePageMixin, Page):
    """`/actualites/`: the news, newest first, filtered by phase, topic and year."""

    intro = models.TextField(
        "introduction",
        blank=True,
        help_text="Une ou deux phrases sous le titre : ce qu'on trouve ici et comment suivre les nouvelles.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = "liste des actualités"
        verbose_name_plural = "listes des actualités"

    @path("")
    def listing(self, request):
        from ..articles.views import news_listing

        return news_listing(request, self)


class NewsPageForm(WagtailAdminPageForm):
    """Names the actor chosen twice, where the database would refuse the second link without saying why."""

    def clean(self):
        cleaned_data = super().clean()
        seen = set()
        for form in self.formsets["related_actors"].forms:
            if form.errors or not form.has_changed():  # validates the link first
                continue
            actor = form.cleaned_data.get("actor")
            if actor is None or form.cleaned_data.get("DELETE"):
                continue
            if actor.pk in seen:
                form.add_error("actor", f"« {actor} » est déjà choisi plus haut : retirez ce doublon.")
            seen.add(actor.pk)
        return cleaned_data


class NewsPage(Page):
    """A news item: what happened, when, in which phase of the project, and who took part."""

    date = models.DateField(
        "date",
        help_text="Le jour de l'événement ou de l'annonce ; il range l'actualité dans la liste et dans les flux.",
    )
    phase = models.ForeignKey(
        Phase,
        verbose_name="phase du projet",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news_pages",
        help_text="La phase du projet dont parle l'actualité ; laissez vide pour ce qui la précède ou la dépasse.",
    )
    topics = ParentalManyToManyField(
        Topic,
        verbose_name="thèmes",
        blank=True,
        related_name="news_pages",
        help_text="Un ou plusieurs thèmes ; la liste se complète dans Projet › Thèmes des actualités.",
    )
    intro = models.TextField(
        "chapeau",
        max_length=400,
        help_text="L'essentiel en une ou deux phrases (400 caractères au plus) : affiché dans la liste, "
        "les flux et les moteurs de recherche.",
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name="contenu",
        help_text="Le récit de l'actualité, bloc par bloc : textes, images, citations, documents…",
    )
    image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name="image principale",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Facultatif : une photo au format paysage, en tête de l'actualité et dans la liste.",
    )
    objects = PublishedPageManager()
    base_form_class = NewsPageForm

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("date"), FieldPanel("phase")]),
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
            ],
            heading="Classement",
        ),
        FieldPanel("image"),
        FieldPanel("body"),
        MultipleChooserPanel(
            "related_actors",
            chooser_field_name="actor",
            heading="Acteurs concernés",
            label="acteur concerné",
            help_text="Les structures de l'annuaire dont parle l'actualité ; leur fiche renverra vers elle. "
            "Cherchez-les par leur nom ; seules les fiches publiées sont proposées.",
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types: list[str] = []
    # Read with the page when it is served (home/routing.py): the picture and the phase it shows.
    route_select_related = ("image", "phase")

    class Meta:
        verbose_name = "actualité"
        verbose_name_plural = "actualités"

    def neighbours_in_phase(self) -> tuple["NewsPage | None", "NewsPage | None"]:
        """The previous (older) and next (newer) news of the same phase, in date order."""
        if self.phase_id is None:
            return None, None
        same_phase = NewsPage.objects.published().filter(phase_id=self.phase_id).exclude(pk=self.pk)
        older = Q(date__lt=self.date) | Q(date=self.date, pk__lt=self.pk)
        newer = Q(date__gt=self.date) | Q(date=self.date, pk__gt=self.pk)
        previous = same_phase.filter(older).order_by("-date", "-pk").first()
        following = same_phase.filter(newer).order_by("date", "pk").first()
        return previous, following

    def published_related_actors(self) -> list[Actor]:
        """The actors the news is about, in the editor's order, those with a public profile only.

        Read through the page's own relation, so that a preview shows the actors being chosen."""
        return [link.actor for link in self.related_actors.select_related("actor") if link.actor.live]

    def links_around(self, request) -> dict:
        """What the page shows after its text: the actors it is about, its neighbours in its phase, the project.
        Read by the template (`{% news_links_around %}`) inside a fragment kept until the content changes."""
        from actors.models import ActorIndexPage
        from home.navigation import section_page

        from .project import ProjectPage

        previous_news, next_news = self.neighbours_in_phase()
        actors = self.published_related_actors()
        return {
            "previous_news": previous_news,
            "next_news": next_news,
            "actors": actors,
            "actor_index": section_page(request, ActorIndexPage) if actors else None,
            "project_page": section_page(request, ProjectPage),
        }

    def get_context(self, request, *args, **kwargs):
        from home.images import prefetch_renditions

        from ..articles.structured_data import news_article_json_ld

        prefetch_renditions(self.image)
        context = super().get_context(request, *args, **kwargs)
        context["canonical_url"] = request.build_absolute_uri(self.get_url(request))
        context["json_ld"] = news_article_json_ld(self, request, context["canonical_url"])
        return context


class NewsPageActor(Orderable):
    """An actor of the directory that a news item is about: the news shows on the actor's profile."""

    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="related_actors")
    actor = models.ForeignKey(
        Actor,
        verbose_name="acteur",
        on_delete=models.CASCADE,
        related_name="news_links",
        help_text="Tapez le début de son nom ; seules les fiches publiées de l'annuaire sont proposées.",
    )

    panels = [FieldPanel("actor", widget=published_actor_chooser.widget_class)]

    class Meta(Orderable.Meta):
        verbose_name = "acteur concerné"
        verbose_name_plural = "acteurs concernés"
        constraints = [models.UniqueConstraint(fields=["page", "actor"], name="news_actor_once_per_news")]
