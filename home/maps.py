"""The maps' tile server: the admin's "Carte" settings, else the server's defaults; kept in the cache.

Every page's Content-Security-Policy names the tile server, so reading it must cost no query: the settings are
cached until they are saved again. The policy reads the tile origin from each process's memory (`csp_tile_origin`),
refreshed from the cache at most every MEMO_SECONDS and at once in the process where the settings are saved: a
response costs no trip to Redis or the database (static files never ask for it at all).
"""

import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
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


# (when read, origin) in this process; a change saved in another process shows here within MEMO_SECONDS.
MEMO_SECONDS = 30
_memo: tuple[float, str | None] | None = None


def csp_tile_origin() -> str | None:
    """`tile_origin()`, kept in this process's memory for MEMO_SECONDS."""
    global _memo
    memo, now = _memo, time.monotonic()
    if memo is not None and now - memo[0] < MEMO_SECONDS:
        return memo[1]
    origin = tile_origin()
    _memo = (now, origin)
    return origin


def forget_in_process() -> None:
    global _memo
    _memo = None


def forget(**kwargs):
    """Drop the cached settings (a signal receiver)."""
    forget_in_process()
    cache.delete(CACHE_KEY)


def forget_on_setting_change(setting, **kwargs):
    if setting.startswith("MAP_TILE"):
        forget_in_process()


def connect_signals():
    from .models import MapSettings

    setting_changed.connect(forget_on_setting_change, dispatch_uid="map_settings_forget_setting")
    post_save.connect(forget, sender=MapSettings, dispatch_uid="map_settings_forget_save")
    post_delete.connect(forget, sender=MapSettings, dispatch_uid="map_settings_forget_delete")
