"""The directory's pages: `/acteurs/` (list, CSV, one profile per actor) and optional rich profiles."""

from django.conf import settings
from django.db import models
from django.http import Http404
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.blocks import BodyBlock
from home.prepared import PreparedQuery

from .actors import Actor

# A published actor with what its profile shows, by its slug: run at every profile view (home/prepared.py).
PUBLISHED_ACTOR = PreparedQuery(
    lambda slug: (
        Actor.objects.published()
        .select_related("commune__epci", "logo", "cover_image", "profile_page")
        .filter(slug=slug)
    ),
    slug="\x00stand-in",
)


class ActorIndexPage(RoutablePageMixin, Page):
    """The directory: every published actor with filters, and a profile at `/acteurs/<slug>/` for each."""

    intro = models.TextField(
        "introduction",
        blank=True,
        help_text="Une ou deux phrases sous le titre, qui disent à qui sert l'annuaire et comment s'y inscrire.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["actors.ActorProfilePage"]
    max_count = 1

    class Meta:
        verbose_name = "annuaire des acteurs"
        verbose_name_plural = "annuaires des acteurs"

    @path("")
    def directory(self, request):
        from ..views import directory

        return directory(request, self)

    @path("<slug:slug>/")
    def profile(self, request, slug):
        from ..views import profile

        actor = next(iter(PUBLISHED_ACTOR(slug=slug)), None)
        if actor is None:
            raise Http404("Aucun acteur publié ne porte cet identifiant.")
        return profile(request, self, actor)

    def actor_url(self, actor: Actor, request=None) -> str:
        return self.get_url(request) + actor.slug + "/"


class ActorMapPage(Page):
    """The map of the actors at `/carte/`: the directory's filters, a map, the list of what it shows; `?embed=1`
    gives the framable view other sites embed."""

    intro = models.TextField(
        "introduction",
        blank=True,
        help_text="Une ou deux phrases sous le titre, qui disent ce que montre la carte et comment la filtrer.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = "carte des acteurs"
        verbose_name_plural = "cartes des acteurs"

    def serve(self, request, *args, **kwargs):
        from ..views import actor_map

        return actor_map(request, self)


class TerritoryReportPage(Page):
    """The « état des lieux » at `/etat-des-lieux/`: the directory counted by sector, status, territory, size
    and date, for a territory, each figure as a chart and a table (`actors.territory_report`)."""

    intro = models.TextField(
        "introduction",
        blank=True,
        help_text="Une ou deux phrases sous le titre : ce que montre l'état des lieux et d'où viennent ses chiffres.",
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name="texte sous les chiffres",
        help_text="Facultatif : une lecture des chiffres, la méthode, un appel à compléter les fiches…",
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = "état des lieux de l'ESS"
        verbose_name_plural = "états des lieux de l'ESS"

    def serve(self, request, *args, **kwargs):
        from ..views import territory_report

        return territory_report(request, self)


class ActorProfilePage(Page):
    """What editors write about an actor beyond its record: text, images, a gallery."""

    actor = models.OneToOneField(
        Actor,
        verbose_name="acteur",
        on_delete=models.PROTECT,
        related_name="profile_page",
        help_text="L'acteur que cette page présente ; ses coordonnées et sa fiche viennent de l'annuaire.",
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name="présentation détaillée",
        help_text="L'histoire de la structure, ses projets, des témoignages, des photos…",
    )

    content_panels = Page.content_panels + [
        FieldPanel("actor"),
        FieldPanel("body"),
        InlinePanel("gallery_images", heading="Galerie de photos", label="photo"),
    ]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["actors.ActorIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "présentation détaillée d'un acteur"
        verbose_name_plural = "présentations détaillées d'acteurs"

    def full_clean(self, *args, **kwargs):
        # The page lives at the actor's address: /acteurs/<actor slug>/.
        if self.actor_id:
            self.slug = self.actor.slug
        super().full_clean(*args, **kwargs)

    def serve(self, request, *args, **kwargs):
        """The profile is served by the directory at the actor's address; here only for previews."""
        from ..views import profile

        if not self.actor.live and not getattr(request, "is_preview", False):
            raise Http404
        return profile(request, self.get_parent().specific, self.actor, profile_page=self)

    def get_sitemap_urls(self, request=None):
        """None: its address is the actor's, which the sitemap lists with the directory's records."""
        return []


class ActorProfileGalleryImage(Orderable):
    page = ParentalKey(ActorProfilePage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name="image",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Son texte alternatif se règle dans la médiathèque.",
    )
    caption = models.CharField(
        "légende", max_length=255, blank=True, help_text="Facultatif : une phrase affichée sous la photo."
    )

    panels = [FieldPanel("image"), FieldPanel("caption")]
