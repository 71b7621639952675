"""The site's image model: every image carries an alternative text or is marked decorative."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import prefetch_related_objects
from wagtail.images.models import AbstractImage, AbstractRendition


class CustomImage(AbstractImage):
    alt_text = models.CharField(
        "texte alternatif",
        max_length=255,
        blank=True,
        help_text=(
            "Ce que l'image montre, en une phrase, pour les personnes aveugles ou malvoyantes "
            "(par exemple : « Atelier de réparation de vélos au chantier d'insertion »). "
            "Inutile de commencer par « Image de »."
        ),
    )
    is_decorative = models.BooleanField(
        "image décorative",
        default=False,
        help_text=(
            "Cochez seulement si l'image est purement décorative (un motif, une texture) : "
            "elle sera alors ignorée par les lecteurs d'écran."
        ),
    )

    admin_form_fields = (
        "title",
        "file",
        "alt_text",
        "is_decorative",
        "collection",
        "tags",
        "focal_point_x",
        "focal_point_y",
        "focal_point_width",
        "focal_point_height",
    )

    class Meta(AbstractImage.Meta):
        verbose_name = "image"
        verbose_name_plural = "images"

    @property
    def default_alt_text(self):
        """The text Wagtail puts in `alt`: empty for a decorative image, as WCAG asks."""
        if self.is_decorative:
            return ""
        return self.alt_text or self.title

    def clean(self):
        super().clean()
        if self.alt_text and self.is_decorative:
            raise ValidationError(
                {"is_decorative": "Une image décorative n'a pas de texte alternatif : videz-le ou décochez la case."}
            )


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


def prefetch_renditions(*images) -> None:
    """Every rendition of these images (None is skipped) in one query: a page showing its image as a `<picture>`,
    in its share tags and in its structured data then reads the database once, not once per use."""
    images = [image for image in images if image is not None]
    if images:
        prefetch_related_objects(images, "renditions")


def prefetch_listing_renditions(objects, *image_fields) -> None:
    """The renditions of a listing's images (the image fields of each object, fetched with `select_related`), in
    one query whatever the number of cards and fields.

    `{% picture %}` then finds every size and format it needs among the prefetched renditions, instead of asking
    the database once per card (Wagtail creates any that are missing, once)."""
    prefetch_renditions(*(getattr(obj, field) for obj in objects for field in image_fields))
