"""`{% map_tiles as tiles %}`: the tile server of the maps (url, attribution, attribution_url), for includes/map.html."""

from django import template

from home.maps import tile_layer

register = template.Library()


@register.simple_tag
def map_tiles() -> dict:
    return tile_layer()
