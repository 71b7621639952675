"""The content blocks shared by every page body (home, content pages, news, events)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

# What the design supports in running text, said once in the settings.
RICH_TEXT_FEATURES = settings.WAGTAILADMIN_RICH_TEXT_EDITORS["default"]["OPTIONS"]["features"]


class LinkValue(blocks.StructValue):
    @property
    def href(self) -> str:
        """The address the link points to: the chosen page's, else the typed one."""
        page = self.get("page")
        return page.url if page else self.get("url", "")


class LinkBlock(blocks.StructBlock):
    """A link to a page of the site, or to an address typed by hand."""

    page = blocks.PageChooserBlock(
        required=False,
        label="page du site",
        help_text="Choisissez une page du site…",
    )
    url = blocks.CharBlock(
        required=False,
        label="ou adresse",
        help_text="…ou tapez une adresse : « /acteurs/ » pour une page du site, « https://… » pour un autre site.",
    )

    class Meta:
        icon = "link"
        label = "lien"
        value_class = LinkValue

    def __init__(self, *args, required=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.link_required = required

    def clean(self, value):
        value = super().clean(value)
        if self.link_required and not value.get("page") and not value.get("url"):
            raise ValidationError(
                "Lien incomplet",
                params={"url": ValidationError("Choisissez une page ou tapez une adresse.")},
            )
        return value


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="titre", help_text="Un titre court qui annonce la suite.")
    level = blocks.ChoiceBlock(
        choices=[("h2", "Titre de section"), ("h3", "Sous-titre")],
        default="h2",
        label="niveau",
        help_text="« Titre de section » pour une grande partie, « Sous-titre » à l'intérieur d'une partie.",
    )

    class Meta:
        icon = "title"
        label = "Titre"
        template = "blocks/heading_block.html"
        description = "Un titre qui découpe la page en parties."
        preview_value = {"text": "Une communauté de partage", "level": "h2"}


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="image", help_text="Son texte alternatif se règle dans la médiathèque.")
    caption = blocks.CharBlock(
        required=False, label="légende", help_text="Facultatif : une phrase affichée sous l'image."
    )
    credit = blocks.CharBlock(
        required=False, label="crédit", help_text="Facultatif : l'auteur ou la source de la photo."
    )

    class Meta:
        icon = "image"
        label = "Image"
        template = "blocks/image_block.html"
        description = "Une image en pleine largeur, avec sa légende et son crédit."


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="citation", help_text="Les mots cités, sans guillemets.")
    attribution = blocks.CharBlock(
        required=False, label="auteur", help_text="Facultatif : qui l'a dit (personne ou structure)."
    )

    class Meta:
        icon = "openquote"
        label = "Citation"
        template = "blocks/quote_block.html"
        description = "Une citation mise en valeur."
        preview_value = {
            "text": "Apprendre à se connaître pour être capable de faire des choses ensemble.",
            "attribution": "Club ESS Sud-Gironde",
        }


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="titre", help_text="Ce que la personne peut faire, en quelques mots.")
    text = blocks.TextBlock(required=False, label="texte", help_text="Facultatif : une ou deux phrases d'explication.")
    link = LinkBlock(label="lien du bouton")
    button_label = blocks.CharBlock(
        label="texte du bouton", help_text="Un verbe d'action : « Découvrir l'annuaire », « Nous écrire »…"
    )

    class Meta:
        icon = "pick"
        label = "Appel à l'action"
        template = "blocks/call_to_action_block.html"
        description = "Un encadré avec un bouton qui mène vers une page."


class CardBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="titre", help_text="Le titre de la carte.")
    text = blocks.TextBlock(required=False, label="texte", help_text="Facultatif : une ou deux phrases.")
    link = LinkBlock(required=False, label="lien", help_text="Facultatif : où mène la carte.")

    class Meta:
        icon = "doc-empty"
        label = "carte"


class CardsBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        required=False, label="titre de la série", help_text="Facultatif : un titre au-dessus des cartes."
    )
    cards = blocks.ListBlock(CardBlock(), label="cartes", min_num=1)

    class Meta:
        icon = "grip"
        label = "Cartes"
        template = "blocks/cards_block.html"
        description = "Une grille de cartes, pour présenter des membres, des rubriques ou des liens."


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="document", help_text="Le fichier à télécharger (PDF, tableur…).")
    title = blocks.CharBlock(
        required=False, label="intitulé", help_text="Facultatif : remplace le titre du document dans le lien."
    )

    class Meta:
        icon = "doc-full"
        label = "Document à télécharger"
        template = "blocks/document_block.html"
        description = "Un lien de téléchargement qui indique le format et le poids du fichier."


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        label="Texte",
        icon="pilcrow",
        template="blocks/paragraph_block.html",
        description="Du texte courant : paragraphes, listes, liens.",
    )
    image = ImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    cards = CardsBlock()
    embed = EmbedBlock(
        label="Vidéo ou contenu externe",
        icon="media",
        help_text="L'adresse d'une vidéo (PeerTube, YouTube, Vimeo…) ou d'un autre contenu intégrable.",
        template="blocks/embed_block.html",
        description="Une vidéo ou un contenu d'un autre site, intégré dans la page.",
    )
    document = DocumentBlock()
