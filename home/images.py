"""The site's image model: every image carries an alternative text or is marked decorative."""

from django.core.exceptions import ValidationError
from django.db import models
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


def with_renditions(queryset, *image_fields):
    """A listing's images with their renditions, in one query per image field whatever the number of cards.

    `{% picture %}` then finds every size and format it needs among the prefetched renditions, instead of asking
    the database once per card (Wagtail creates any that are missing, once)."""
    return queryset.select_related(*image_fields).prefetch_related(*(f"{field}__renditions" for field in image_fields))
