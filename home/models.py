"""The site's shell: home page, content pages and the settings editors keep."""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page
from wagtail.search import index

from . import identity, logo
from .blocks import BodyBlock
from .form_pages import FormField, FormPage  # noqa: F401  (models of this app)
from .images import CustomImage, CustomRendition  # noqa: F401  (models of this app)


class SocialImageMixin(models.Model):
    """An image for shares on social networks, in the promote tab (the page's own image otherwise)."""

    social_image = models.ForeignKey(
        CustomImage,
        verbose_name="image de partage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Facultatif : l'image montrée quand la page est partagée (réseaux sociaux, messageries), "
        "idéalement au format 1200 × 630. Sans elle, l'image de la page ou celle du site est utilisée.",
    )

    promote_panels = Page.promote_panels + [FieldPanel("social_image")]

    class Meta:
        abstract = True


class HomePage(SocialImageMixin, Page):  # noqa: DJ008  (Page gives __str__)
    """The site's root page: who the club is and the ways into the site."""

    hero_title = models.CharField(
        "accroche",
        max_length=160,
        help_text="La grande phrase en haut de la page d'accueil, qui dit en quelques mots ce qu'est le club.",
    )
    hero_text = models.TextField(
        "introduction",
        blank=True,
        help_text="Deux ou trois phrases sous l'accroche, pour un visiteur qui découvre le club.",
    )
    hero_image = models.ForeignKey(
        CustomImage,
        verbose_name="image d'en-tête",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Facultatif : une photo chaleureuse d'une rencontre ou d'un acteur, au format paysage.",
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name="contenu",
        help_text="Le reste de la page : textes, cartes vers les rubriques, membres fondateurs, territoires…",
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("hero_image")],
            heading="En-tête de la page",
        ),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("hero_text"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "page d'accueil"
        verbose_name_plural = "pages d'accueil"

    def route(self, request, path_components):
        from .routing import route

        # Every page of the address in one query, not two per level (home/routing.py).
        return route(self, request, path_components)

    def get_context(self, request, *args, **kwargs):
        from .images import prefetch_renditions

        # The lead picture serves the page and its share tags: its renditions in one query.
        prefetch_renditions(self.hero_image, self.social_image)
        return super().get_context(request, *args, **kwargs)


class ContentPage(SocialImageMixin, Page):  # noqa: DJ008  (Page gives __str__)
    """A standard page editors can add anywhere: about, legal notices, guides…"""

    intro = models.TextField(
        "chapeau",
        blank=True,
        help_text="Une ou deux phrases en tête de page, qui résument son contenu.",
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name="contenu",
        help_text="Le contenu de la page, bloc par bloc : titres, textes, images, citations, boutons…",
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = "page de contenu"
        verbose_name_plural = "pages de contenu"


class OpenDataPage(SocialImageMixin, Page):  # noqa: DJ008  (Page gives __str__)
    """The open-data page: the editors' text, then every open file of the site (home/open_data.py)."""

    intro = models.TextField(
        "chapeau",
        blank=True,
        help_text="Une ou deux phrases en tête de page : quelles données le club publie, et pour qui.",
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name="contenu",
        help_text="Le texte avant la liste des fichiers : la licence, comment citer la source, qui contacter. "
        "La liste des fichiers, leurs champs et le code d'intégration de la carte s'affichent ensuite d'eux-mêmes.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("open_data_text"),
    ]
    max_count = 1

    class Meta:
        verbose_name = "page des données ouvertes"
        verbose_name_plural = "pages des données ouvertes"

    def open_data_text(self) -> str:
        from .open_data import searchable_text

        return searchable_text()

    def get_context(self, request, *args, **kwargs):
        from .open_data import LICENCE_NAME, LICENCE_URL, OPEN_DATA_FILES, map_embed_snippet
        from .seo import site_root_url

        context = super().get_context(request, *args, **kwargs)
        context.update(
            files=OPEN_DATA_FILES,
            licence_name=LICENCE_NAME,
            licence_url=LICENCE_URL,
            map_embed_snippet=map_embed_snippet(site_root_url(request)),
        )
        return context


class SocialLinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(
        label="nom", help_text="Le nom du réseau, tel qu'il s'affichera : « Mastodon », « LinkedIn »…"
    )
    url = blocks.URLBlock(label="adresse", help_text="L'adresse complète de la page du club, commençant par https://")

    class Meta:
        icon = "link-external"
        label = "réseau social"


class PartnerLogoChooserBlock(ImageChooserBlock):
    """An image chooser whose images come with their renditions: the footer's logos cost two queries in all."""

    def bulk_to_python(self, values):
        values = list(values)
        objects = self.model_class.objects.prefetch_renditions().in_bulk([v for v in values if v is not None])
        return [objects.get(value) for value in values]


class PartnerBlock(blocks.StructBlock):
    name = blocks.CharBlock(
        label="nom",
        max_length=150,
        help_text="Le nom du financeur ou du partenaire, en toutes lettres : il s'affiche à la place du logo "
        "quand il n'y en a pas, et sert de texte de remplacement au logo.",
    )
    logo = PartnerLogoChooserBlock(
        label="logo",
        required=False,
        help_text="Facultatif : le logo que le partenaire vous a fourni pour cet usage (PNG ou JPEG, sur fond "
        "clair). Sans logo, son nom s'affiche.",
    )
    url = blocks.URLBlock(
        label="site",
        required=False,
        help_text="Facultatif : l'adresse du site du partenaire, commençant par https://",
    )

    class Meta:
        icon = "group"
        label = "partenaire"


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Who the club is: nothing of this is written in templates, so another network can reuse the site."""

    club_name = models.CharField(
        "nom du club",
        max_length=120,
        default="Club ESS",
        help_text="Le nom affiché en haut de chaque page et dans les titres des onglets.",
    )
    tagline = models.CharField(
        "slogan",
        max_length=200,
        blank=True,
        help_text="Une phrase courte sous le nom du club, par exemple « Mutualiser pour mieux se professionnaliser ».",
    )
    contact_email = models.EmailField(
        "adresse e-mail de contact",
        blank=True,
        help_text="L'adresse qui reçoit les messages du site et qui s'affiche en pied de page.",
    )
    postal_address = models.TextField(
        "adresse postale",
        blank=True,
        help_text="L'adresse du club, sur plusieurs lignes, affichée en pied de page.",
    )
    phone = models.CharField(
        "téléphone", max_length=30, blank=True, help_text="Facultatif : un numéro où joindre le club."
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="page de confidentialité",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="La page qui dit quelles données le site garde, pourquoi, combien de temps et à qui écrire ; "
        "chaque formulaire y renvoie.",
    )
    default_social_image = models.ForeignKey(
        CustomImage,
        verbose_name="image de partage par défaut",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="L'image montrée quand une page sans image est partagée sur les réseaux sociaux : "
        "le logo du club ou une photo de groupe, au format 1200 × 630 de préférence.",
    )
    social_links = StreamField(
        [("link", SocialLinkBlock())],
        blank=True,
        verbose_name="réseaux sociaux",
        help_text="Les pages du club sur les réseaux sociaux, affichées en pied de page.",
    )
    logo = models.FileField(
        "logo du club",
        upload_to="identite/",
        blank=True,
        help_text="Facultatif : le logo du club, affiché en haut de chaque page à côté de son nom, en SVG (le "
        "mieux : net à toutes les tailles) ou en PNG, JPEG ou WebP, 1 Mo au plus. Un logo plutôt horizontal, "
        "lisible sur fond blanc. Sans logo, le site montre ses deux cercles.",
    )
    logo_width = models.PositiveIntegerField(
        "largeur du logo",
        null=True,
        blank=True,
        editable=False,
        help_text="Les proportions du logo, relevées à l'envoi du fichier (pour réserver sa place dans la page).",
    )
    logo_height = models.PositiveIntegerField(
        "hauteur du logo",
        null=True,
        blank=True,
        editable=False,
        help_text="Les proportions du logo, relevées à l'envoi du fichier (pour réserver sa place dans la page).",
    )
    colour_primary = models.CharField(
        "couleur principale",
        max_length=7,
        default=identity.DEFAULT_PRIMARY,
        validators=[identity.hex_colour_validator],
        help_text="La couleur des liens, des boutons et de la page en cours dans le menu (sarcelle #0b5d5b à "
        "l'origine). Elle doit rester foncée : le site refuse une couleur trop peu contrastée avec le fond.",
    )
    colour_accent = models.CharField(
        "couleur d'accent",
        max_length=7,
        default=identity.DEFAULT_ACCENT,
        validators=[identity.hex_colour_validator],
        help_text="La seconde couleur : dates, citations, pastilles (terre cuite #a8431f à l'origine). Foncée "
        "elle aussi, pour rester lisible sur le fond clair.",
    )
    colour_footer = models.CharField(
        "couleur du pied de page",
        max_length=7,
        default=identity.DEFAULT_FOOTER,
        validators=[identity.hex_colour_validator],
        help_text="Le fond du pied de page, sous le texte clair (vert très sombre #1f2d2c à l'origine) : une "
        "couleur très foncée.",
    )
    partners = StreamField(
        [("partner", PartnerBlock())],
        blank=True,
        verbose_name="financeurs et partenaires",
        help_text="Les financeurs et partenaires du club, affichés en pied de page dans cet ordre (faites-les "
        "glisser pour le changer). Ne mettez un logo qu'avec l'accord de son propriétaire.",
    )

    panels = [
        MultiFieldPanel([FieldPanel("club_name"), FieldPanel("tagline"), FieldPanel("logo")], heading="Identité"),
        MultiFieldPanel(
            [
                FieldPanel("colour_primary", widget=identity.ColourInput),
                FieldPanel("colour_accent", widget=identity.ColourInput),
                FieldPanel("colour_footer", widget=identity.ColourInput),
            ],
            heading="Couleurs",
            help_text="Chaque couleur est vérifiée : le site refuse un texte et son fond de moins de 4,5:1 de "
            "contraste (le minimum pour que tout le monde lise, RGAA).",
        ),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("phone"), FieldPanel("postal_address")],
            heading="Coordonnées",
        ),
        FieldPanel("privacy_page"),
        FieldPanel("social_links"),
        FieldPanel("partners"),
        FieldPanel("default_social_image"),
    ]

    class Meta:
        verbose_name = "paramètres du site"

    @property
    def palette(self) -> identity.Palette:
        return identity.palette_of(self)

    def clean(self):
        super().clean()
        for field in ("colour_primary", "colour_accent", "colour_footer"):
            setattr(self, field, (getattr(self, field) or "").lower())
        if all(
            identity.HEX_COLOUR.match(getattr(self, f)) for f in ("colour_primary", "colour_accent", "colour_footer")
        ):
            identity.Palette(self.colour_primary, self.colour_accent, self.colour_footer).validate()
        if self.logo and not getattr(self.logo, "_committed", True):
            try:
                width, height = logo.check_logo(self.logo)
            except ValidationError as error:
                raise ValidationError({"logo": error.messages}) from None
            scale = 1000 / max(width, height)
            self.logo_width, self.logo_height = max(1, round(width * scale)), max(1, round(height * scale))
        elif not self.logo:
            self.logo_width = self.logo_height = None

    def logo_size(self, height: int = 48) -> tuple[int, int] | None:
        """The logo's width and height in pixels when shown `height` pixels high (at most 4 times as wide)."""
        if not (self.logo and self.logo_width and self.logo_height):
            return None
        width = round(height * self.logo_width / self.logo_height)
        if width > 4 * height:
            return 4 * height, max(1, round(4 * height * self.logo_height / self.logo_width))
        return width, height


@register_setting(icon="site")
class MapSettings(BaseGenericSetting):
    """The maps' background (tile server): one for the whole installation, as the security policy allows it."""

    tile_url = models.CharField(
        "adresse des tuiles",
        max_length=500,
        blank=True,
        help_text="Laissez vide pour le Plan IGN (Géoplateforme de l'IGN, sans clé ni inscription). Sinon, "
        "l'adresse d'un serveur de tuiles avec {z}, {x} et {y}, commençant par https:// ; par exemple "
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png pour OpenStreetMap.",
    )
    attribution = models.CharField(
        "crédit du fond de carte",
        max_length=200,
        blank=True,
        help_text="Obligatoire avec une adresse de tuiles : la mention que demande sa licence, affichée en bas "
        "de la carte ; pour OpenStreetMap : « © les contributeurs d'OpenStreetMap ».",
    )
    attribution_url = models.URLField(
        "lien du crédit",
        blank=True,
        help_text="Facultatif : la page vers laquelle renvoie le crédit ; pour OpenStreetMap : "
        "https://www.openstreetmap.org/copyright.",
    )

    panels = [FieldPanel("tile_url"), FieldPanel("attribution"), FieldPanel("attribution_url")]

    class Meta:
        verbose_name = "carte"

    def clean(self):
        super().clean()
        if not self.tile_url:
            return
        if not self.tile_url.startswith("https://") or not all(part in self.tile_url for part in ["{z}", "{x}", "{y}"]):
            raise ValidationError(
                {
                    "tile_url": "L'adresse doit commencer par https:// et contenir {z}, {x} et {y}, à la place du "
                    "niveau de zoom et des numéros de colonne et de ligne."
                }
            )
        if not self.attribution:
            raise ValidationError({"attribution": "Indiquez le crédit que demande la licence de ce fond de carte."})
