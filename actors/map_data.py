"""The map's open data: published, located actors as an RFC 7946 GeoJSON FeatureCollection.

It follows the directory's filters (`DirectoryFilter`), is kept in the cache by filter values and
forgotten whenever the directory changes (an actor, a sector or a territory saved, published,
unpublished or deleted, the directory page moved), on every server at once: a version number in
the cache is bumped and old entries are never read again. It is kept compressed (gzip): compressed once when
built, sent as it is to the browsers and decompressed only for the clients that refuse gzip; 620 KiB in the
cache at 20,000 actors instead of 8.6 MB.
"""

import hashlib
from collections.abc import Iterator
from itertools import islice
from json.encoder import encode_basestring

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import BigIntegerField, CharField, FloatField, Q, Value
from django.db.models.functions import Cast, Round
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from home.compression import compress_in_background
from home.generations import start_new_generation

from .choices import LegalForm
from .filters import FILTER_FIELDS, DirectoryFilter
from .models import Actor, Sector

VERSION_KEY = "actors-map:version"
CACHE_SECONDS = 24 * 60 * 60
DESCRIPTION_LENGTH = 100
# Four decimals of a degree are about 10 m (as the profile shows them): enough for a map, and a file small
# enough for 5,000 actors (under 150 KiB compressed, held by a test).
PRECISION = 4
LEGAL_FORM_LABELS = dict(LegalForm.choices)
APPROXIMATE = ',"approximate":true'
# Features per part handed to the compressing thread: about 1.7 MB, so that it waits for the GIL only a few times.
PART_LENGTH = 4000


def shorten(text: str, length: int = DESCRIPTION_LENGTH) -> str:
    """The text on one line, its whitespace folded, cut at a word before `length` characters with an ellipsis."""
    # Most texts have nothing to fold: every whitespace character but the space is unprintable.
    if not text.isprintable() or "  " in text or text[:1] == " " or text[-1:] == " ":
        text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rsplit(" ", 1)[0] + "…"


def sector_lists(queryset, whole_directory: bool) -> dict[int, str]:
    """Actor id -> its sectors' names by name, written as a JSON list, for the actors of `queryset`. One query
    reads the links' ids and, after them, the few sectors' names (no join of the name to each of 30,000 links);
    for the whole directory the links are read without a filter (a filter would cost more than the few links of
    unpublished actors it leaves out)."""
    links = Actor.sectors.through.objects.order_by().values_list("actor_id", "sector_id", Value(None, CharField()))
    if not whole_directory:
        links = links.filter(actor__in=queryset.values("pk"))
    names = Sector.objects.order_by().values_list(Value(None, BigIntegerField()), "pk", "name")
    sector_ids: dict[int, list[int]] = {}
    sector_names = {}
    for actor_id, sector_id, name in raw_rows(links.union(names, all=True)):
        if actor_id is None:
            sector_names[sector_id] = name
        else:
            sector_ids.setdefault(actor_id, []).append(sector_id)
    # A few sets of sectors are shared by thousands of actors: each list is written once.
    written: dict[tuple, str] = {}
    lists = {}
    for actor_id, ids in sector_ids.items():
        key = tuple(ids)
        listed = written.get(key)
        if listed is None:
            listed = written[key] = "[" + ",".join(map(encode_basestring, sorted(sector_names[i] for i in ids))) + "]"
        lists[actor_id] = listed
    return lists


def encoded_features(queryset, profile_base_url: str, whole_directory: bool = False) -> Iterator[bytes]:
    """One GeoJSON Feature per located actor of `queryset`, by name, each already written as JSON; profiles are at
    `profile_base_url` + slug. The only columns they need are read, as plain tuples from the database cursor (no
    model, no per-row conversion by Django), and each string goes through the JSON encoder's C function, rather
    than a dict per actor encoded afterwards. `whole_directory`: `queryset` is every published actor."""
    # Rounded by the database, read as floats: no decimal built and rounded per actor.
    rows = (
        queryset.located()
        .with_position()
        .annotate(
            rounded_lat=Cast(Round("lat", PRECISION), FloatField()),
            rounded_lon=Cast(Round("lon", PRECISION), FloatField()),
        )
        .order_by("name", "pk")
        .values_list(
            "pk", "name", "slug", "legal_form", "commune__name", "short_description", "rounded_lat", "rounded_lon"
        )
        .annotate(own=Q(latitude__isnull=False))
    )
    sectors = sector_lists(queryset, whole_directory)
    string = encode_basestring
    statuses = {value: string(label) for value, label in LEGAL_FORM_LABELS.items()}
    communes = {None: string("")}  # a few hundred names, each written once
    empty = string("")
    # The profile's address is the base (written once) and the slug: `url_start` is the base, quote opened.
    url_start = string(profile_base_url)[:-1] if profile_base_url else None
    start = '{"type":"Feature","geometry":{"type":"Point","coordinates":['
    for pk, name, slug, legal_form, commune, description, lat, lon, own in raw_rows(rows):
        url = f'{url_start}{string(slug)[1:-1]}/"' if url_start else empty
        commune_name = communes.get(commune)
        if commune_name is None:
            commune_name = communes[commune] = string(commune)
        # Placed at its commune's town hall: said in words on the map, not only by a symbol.
        approximate = "" if own else APPROXIMATE
        yield (
            f'{start}{lon!r},{lat!r}]}},"properties":{{"name":{string(name)},"url":{url},'
            f'"sectors":{sectors.get(pk, "[]")},"status":{statuses.get(legal_form, empty)},"commune":{commune_name},'
            f'"description":{string(shorten(description))}{approximate}}}}}'
        ).encode()


def raw_rows(queryset) -> list[tuple]:
    """The rows of a `values_list()` queryset straight from the cursor: the same values here (strings, floats,
    ids, a truth value), without Django's row-by-row handling, a third of the time at 20,000 actors."""
    connection = connections[queryset.db]
    try:
        sql, params = queryset.query.get_compiler(connection=connection).as_sql()
    except EmptyResultSet:  # a filter that matches nothing (an unknown territory)
        return []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def collection_parts(actor_filter: DirectoryFilter, profile_base_url: str) -> Iterator[bytes]:
    """The collection's JSON, PART_LENGTH features at a time."""
    whole_directory = actor_filter.base_is_every_published_actor and not actor_filter.is_active
    features = encoded_features(actor_filter.queryset, profile_base_url, whole_directory)
    yield b'{"type":"FeatureCollection","features":['
    separator = b""
    while part := list(islice(features, PART_LENGTH)):
        yield separator + b",".join(part)
        separator = b","
    yield b"]}"


def cache_key(actor_filter: DirectoryFilter, site_url: str) -> str:
    """The site and the filters' cleaned values make the key: other or repeated parameters share an entry. "gz":
    entries are gzipped since issue 22 (a plain entry left by an older version is never read as gzip)."""
    version = cache.get(VERSION_KEY, 0)
    values = site_url + "?" + "&".join(f"{name}={actor_filter.values[name]}" for name in FILTER_FIELDS)
    return f"actors-map:gz:{version}:{hashlib.sha256(values.encode()).hexdigest()}"


def cached_compressed_collection(actor_filter: DirectoryFilter, site_url: str, profile_base_url) -> bytes:
    """The collection for these filters on this site, gzipped; `profile_base_url()` is called only when it is
    built. Public data, the same for everyone: no random padding against BREACH (there is no secret to guess)."""
    key = cache_key(actor_filter, site_url)
    data = cache.get(key)
    if data is None:
        data = compress_in_background(collection_parts(actor_filter, profile_base_url()))
        cache.set(key, data, CACHE_SECONDS)
    return data


def forget(**kwargs):
    """Make every cached collection stale (a signal receiver, so it takes the signal's arguments)."""
    start_new_generation(VERSION_KEY)


def forget_on_directory_change(sender, **kwargs):
    if sender._meta.app_label == "actors":
        forget()


def connect_signals():
    for signal in (published, unpublished, page_published, page_unpublished, post_page_move):
        signal.connect(forget, dispatch_uid=f"actors_map_forget_{id(signal)}")
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(forget_on_directory_change, dispatch_uid=f"actors_map_forget_change_{id(signal)}")
