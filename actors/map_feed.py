"""What the map of actors draws: a compact feed of points, and each point's details when its popup opens.

The open-data GeoJSON (`map_data`) says everything about every actor, for reusers; a phone drawing 20,000 points
needs far less. The feed gives, per located actor matching the directory's filters (`DirectoryFilter`), its id,
its position in ten-thousandths of a degree (about 10 m) and the index of its first sector by name (its colour on
the map, -1 without a sector), all in one flat list of integers, four per point:

    {"fields": ["id", "lat", "lon", "sector"], "scale": 10000, "sectors": ["Alimentation", "Mobilité", …],
     "points": [12, 445812, -383, 3, 15, 446120, -2915, -1, …]}

about 22 bytes a point before compression, 8 after; a browser parses integers in one flat list several times
faster than 20,000 small lists of decimals. The details (name, address, sectors, status, link) come by id, a few
at a time, for the single markers in view and the popup that opens. Both are cached like the GeoJSON and
forgotten with it on every change to the directory (`map_data.forget` bumps the version both keys carry).
"""

import hashlib
import json

from django.core.cache import cache
from django.db.models import OuterRef, Subquery

from .filters import FILTER_FIELDS, DirectoryFilter
from .map_data import CACHE_SECONDS, LEGAL_FORM_LABELS, PRECISION, VERSION_KEY
from .models import Actor, ActorIndexPage

SCALE = 10**PRECISION  # positions in ten-thousandths of a degree, as the GeoJSON rounds them
# At most this many ids in one request for details: the single markers of a view, never the whole map.
MAX_DETAIL_IDS = 100


def _first_sector_name():
    links = Actor.sectors.through.objects.filter(actor_id=OuterRef("pk")).order_by("sector__name")
    return Subquery(links.values("sector__name")[:1])


def feed(actor_filter: DirectoryFilter) -> bytes:
    """The points of the located actors matching the filters, by id, in one query."""
    rows = list(
        actor_filter.queryset.located()
        .with_position()
        .annotate(first_sector=_first_sector_name())
        .order_by("pk")
        .values_list("pk", "lat", "lon", "first_sector")
    )
    sectors = sorted({name for *_, name in rows if name})
    index = {name: i for i, name in enumerate(sectors)}
    points = []
    for pk, lat, lon, name in rows:
        points += (pk, round(float(lat) * SCALE), round(float(lon) * SCALE), index.get(name, -1))
    data = {"fields": ["id", "lat", "lon", "sector"], "scale": SCALE, "sectors": sectors, "points": points}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def feed_cache_key(actor_filter: DirectoryFilter) -> str:
    """The filters' cleaned values make the key (the feed holds no address, so sites share it)."""
    version = cache.get(VERSION_KEY, 0)
    values = "&".join(f"{name}={actor_filter.values[name]}" for name in FILTER_FIELDS)
    return f"actors-map-feed:{version}:{hashlib.sha256(values.encode()).hexdigest()}"


def cached_feed(actor_filter: DirectoryFilter) -> bytes:
    key = feed_cache_key(actor_filter)
    data = cache.get(key)
    if data is None:
        data = feed(actor_filter)
        cache.set(key, data, CACHE_SECONDS)
    return data


def parse_ids(value: str) -> list[int]:
    """The ids of `?ids=3,14,15`, without repeats, at most MAX_DETAIL_IDS; anything else is ignored."""
    found = []
    for part in value.split(",")[: MAX_DETAIL_IDS * 2]:
        part = part.strip()
        if part.isdigit() and len(part) < 10 and int(part) not in found:
            found.append(int(part))
    return found[:MAX_DETAIL_IDS]


def address_of(actor: Actor) -> str:
    town = " ".join(part for part in (actor.effective_postal_code, actor.commune.name if actor.commune else "") if part)
    return ", ".join(part for part in (actor.street_address, town) if part)


def build_details(ids: list[int]) -> dict[int, dict]:
    """The details of the published, located actors among `ids` (two or three queries whatever their number)."""
    actors = list(Actor.objects.published().located().filter(pk__in=ids).select_related("commune"))
    if not actors:
        return {}
    index_page = ActorIndexPage.objects.live().first()
    base_url = index_page.url if index_page else ""
    sectors: dict[int, list[str]] = {}
    links = Actor.sectors.through.objects.filter(actor_id__in=[actor.pk for actor in actors]).order_by("sector__name")
    for actor_id, name in links.values_list("actor_id", "sector__name"):
        sectors.setdefault(actor_id, []).append(name)
    found = {}
    for actor in actors:
        details = {
            "name": actor.name,
            "url": f"{base_url}{actor.slug}/" if base_url else "",
            "sectors": sectors.get(actor.pk, []),
            "address": address_of(actor),
            "status": LEGAL_FORM_LABELS.get(actor.legal_form, ""),
        }
        if not actor.has_own_position:
            details["approximate"] = True  # placed at its commune's town hall
        found[actor.pk] = details
    return found


def cached_details(ids: list[int]) -> dict[int, dict]:
    """The details of `ids` (unknown and unpublished ones left out), one cache entry per actor."""
    version = cache.get(VERSION_KEY, 0)
    keys = {pk: f"actors-map-detail:{version}:{pk}" for pk in ids}
    cached = cache.get_many(keys.values())
    found = {pk: cached[key] for pk, key in keys.items() if key in cached}
    missing = [pk for pk in ids if pk not in found]
    if missing:
        built = build_details(missing)
        # Only actors on the map are kept: made-up ids cannot fill the cache.
        cache.set_many({keys[pk]: details for pk, details in built.items()}, CACHE_SECONDS)
        found.update(built)
    return {pk: found[pk] for pk in ids if pk in found}
