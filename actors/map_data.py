"""The map's open data: published, located actors as an RFC 7946 GeoJSON FeatureCollection.

It follows the directory's filters (`DirectoryFilter`), is kept in the cache by filter values and
forgotten whenever the directory changes (an actor, a sector or a territory saved, published,
unpublished or deleted, the directory page moved), on every server at once: a version number in
the cache is bumped and old entries are never read again.
"""

import hashlib
import json

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from .choices import LegalForm
from .filters import FILTER_FIELDS, DirectoryFilter
from .models import Actor

VERSION_KEY = "actors-map:version"
CACHE_SECONDS = 24 * 60 * 60
DESCRIPTION_LENGTH = 100
# Four decimals of a degree are about 10 m (as the profile shows them): enough for a map, and a file small
# enough for 5,000 actors (under 150 KiB compressed, held by a test).
PRECISION = 4
LEGAL_FORM_LABELS = dict(LegalForm.choices)


def shorten(text: str, length: int = DESCRIPTION_LENGTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rsplit(" ", 1)[0] + "…"


def features(queryset, profile_base_url: str) -> list[dict]:
    """One GeoJSON Feature per located actor of `queryset`, by name; profiles are at `profile_base_url` + slug."""
    rows = list(
        queryset.located()
        .with_position()
        .order_by("name", "pk")
        .values_list("pk", "name", "slug", "legal_form", "commune__name", "short_description", "lat", "lon", "latitude")
    )
    sectors: dict[int, list[str]] = {}
    links = Actor.sectors.through.objects.filter(actor__in=queryset.values("pk")).order_by("sector__name")
    for actor_id, sector_name in links.values_list("actor_id", "sector__name"):
        sectors.setdefault(actor_id, []).append(sector_name)
    found = []
    for pk, name, slug, legal_form, commune, description, lat, lon, own_latitude in rows:
        properties = {
            "name": name,
            "url": f"{profile_base_url}{slug}/" if profile_base_url else "",
            "sectors": sectors.get(pk, []),
            "status": LEGAL_FORM_LABELS.get(legal_form, ""),
            "commune": commune or "",
            "description": shorten(description),
        }
        if own_latitude is None:
            # Placed at its commune's town hall: said in words on the map, not only by a symbol.
            properties["approximate"] = True
        found.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(float(lon), PRECISION), round(float(lat), PRECISION)],
                },
                "properties": properties,
            }
        )
    return found


def feature_collection(actor_filter: DirectoryFilter, profile_base_url: str) -> bytes:
    data = {"type": "FeatureCollection", "features": features(actor_filter.queryset, profile_base_url)}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def cache_key(actor_filter: DirectoryFilter, site_url: str) -> str:
    """The site and the filters' cleaned values make the key: other or repeated parameters share an entry."""
    version = cache.get(VERSION_KEY, 0)
    values = site_url + "?" + "&".join(f"{name}={actor_filter.values[name]}" for name in FILTER_FIELDS)
    return f"actors-map:{version}:{hashlib.sha256(values.encode()).hexdigest()}"


def cached_feature_collection(actor_filter: DirectoryFilter, site_url: str, profile_base_url) -> bytes:
    """The collection for these filters on this site; `profile_base_url()` is called only when it is built."""
    key = cache_key(actor_filter, site_url)
    data = cache.get(key)
    if data is None:
        data = feature_collection(actor_filter, profile_base_url())
        cache.set(key, data, CACHE_SECONDS)
    return data


def forget(**kwargs):
    """Make every cached collection stale (a signal receiver, so it takes the signal's arguments)."""
    if not cache.add(VERSION_KEY, 1, timeout=None):
        try:
            cache.incr(VERSION_KEY)
        except ValueError:  # expired between the two calls
            cache.add(VERSION_KEY, 1, timeout=None)


def forget_on_directory_change(sender, **kwargs):
    if sender._meta.app_label == "actors":
        forget()


def connect_signals():
    for signal in (published, unpublished, page_published, page_unpublished, post_page_move):
        signal.connect(forget, dispatch_uid=f"actors_map_forget_{id(signal)}")
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(forget_on_directory_change, dispatch_uid=f"actors_map_forget_change_{id(signal)}")
