"""The maps' tile server: the admin's "Carte" settings, else the server's defaults; kept in the cache.

Every response's Content-Security-Policy names the tile server, so reading it must cost no query:
the settings are cached until they are saved again.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.db.models.signals import post_delete, post_save

CACHE_KEY = "map-settings:tile-layer"


def tile_layer() -> dict:
    """{"url", "attribution", "attribution_url"} of the tile server the maps use."""
    stored = cache.get(CACHE_KEY)
    if stored is None:
        from .models import MapSettings

        try:
            row = MapSettings.objects.values_list("tile_url", "attribution", "attribution_url").first()
        except DatabaseError:
            # The database is down (the 503 page is on its way): the server's defaults, not kept.
            row = None
        else:
            cache.set(CACHE_KEY, list(row or ("", "", "")), timeout=None)
        stored = list(row or ("", "", ""))
    url, attribution, attribution_url = stored
    if not url:
        url, attribution = settings.MAP_TILE_URL, settings.MAP_TILE_ATTRIBUTION
        attribution_url = settings.MAP_TILE_ATTRIBUTION_URL
    return {"url": url, "attribution": attribution, "attribution_url": attribution_url}


def tile_origin() -> str | None:
    parts = urlsplit(tile_layer()["url"])
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") and parts.netloc else None


def forget(**kwargs):
    """Drop the cached settings (a signal receiver)."""
    cache.delete(CACHE_KEY)


def connect_signals():
    from .models import MapSettings

    post_save.connect(forget, sender=MapSettings, dispatch_uid="map_settings_forget_save")
    post_delete.connect(forget, sender=MapSettings, dispatch_uid="map_settings_forget_delete")
