"""{% sector_pictogram slug %}: a sector's pictogram beside its name (decorative: the name says it)."""

from django import template
from django.utils.html import format_html

from actors.sector_pictograms import pictogram_url

register = template.Library()


@register.simple_tag
def sector_pictogram(slug: str):
    return format_html(
        '<svg class="pictogram" aria-hidden="true" focusable="false" width="16" height="16">'
        '<use href="{}"></use></svg>',
        pictogram_url(slug),
    )
