"""What the map of actors draws: the compact feed (ids, positions, sectors) and the details fetched by id."""

import gzip
import json

import pytest
from django.core.cache import cache

from actors.filters import DirectoryFilter
from actors.models import Actor
from actors.samples import generate_sample_actors

from .test_actors_directory import NONSENSE
from .test_actors_map import PARAMS
from .test_actors_map import located_sample as map_sample
from .test_actors_map import map_page as actor_map_page

# The map's fixtures, shared with tests/test_actors_map.py.
map_page = pytest.fixture(actor_map_page.__wrapped__, name="map_page")
located_sample = pytest.fixture(map_sample.__wrapped__, name="located_sample")

FEED = "/carte/points.json"
DETAILS = "/carte/details.json"


def feed(client, params=None) -> dict:
    """The feed, its flat list of integers read back as [id, latitude, longitude, sector index] per point."""
    response = client.get(FEED, params or {})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data["fields"] == ["id", "lat", "lon", "sector"] and data["scale"] == 10000
    flat = data["points"]
    assert len(flat) % 4 == 0 and all(isinstance(value, int) for value in flat)
    data["points"] = [
        [flat[at], flat[at + 1] / 10000, flat[at + 2] / 10000, flat[at + 3]] for at in range(0, len(flat), 4)
    ]
    return data


def cache_keys() -> list[str]:
    """The keys of the map's details in the test cache (local memory)."""
    return [key for key in getattr(cache, "_cache", {}) if "actors-map-detail" in key]


def details(client, *ids):
    return client.get(DETAILS, {"ids": ",".join(str(pk) for pk in ids)})


def test_the_feed_gives_each_located_actor_its_position_and_first_sector(client, located_sample):
    data = feed(client)
    expected = Actor.objects.published().located()
    assert len(data["points"]) == expected.count() > 30
    by_id = {point[0]: point for point in data["points"]}
    val_plus = Actor.objects.get(slug="val-plus")
    assert by_id[val_plus.pk][1:3] == [44.5812, -0.0383]  # latitude, longitude, four decimals
    assert data["sectors"][by_id[val_plus.pk][3]] == "Insertion par l'activité économique"
    for pk, latitude, longitude, sector in data["points"]:
        assert 44 < latitude < 46 and -2 < longitude < 1
        first = Actor.objects.get(pk=pk).sectors.order_by("name").first()
        assert (data["sectors"][sector] if sector >= 0 else None) == (first.name if first else None)
    assert data["sectors"] == sorted(data["sectors"])
    assert Actor.objects.get(slug="trajectoire").pk not in by_id  # no position: in the directory, not on the map


@pytest.mark.parametrize("params", PARAMS)
def test_the_feed_follows_the_directory_filters_like_the_geojson_and_the_list(client, located_sample, params):
    ids = sorted(point[0] for point in feed(client, params)["points"])
    assert ids == sorted(DirectoryFilter(params).queryset.located().values_list("pk", flat=True))
    geojson = json.loads(client.get("/carte/acteurs.geojson", params).content)
    names = sorted(feature["properties"]["name"] for feature in geojson["features"])
    assert sorted(Actor.objects.filter(pk__in=ids).values_list("name", flat=True)) == names
    directory_ids = DirectoryFilter(params).facets()
    assert set(Actor.objects.filter(pk__in=directory_ids).located().values_list("pk", flat=True)) == set(ids)


@pytest.mark.parametrize("params", NONSENSE)
def test_nonsense_filters_never_fail(client, map_page, params):
    assert client.get(FEED, params).status_code == 200
    assert client.get(DETAILS, {"ids": params.get("q", "x")}).status_code == 404


def test_a_point_weighs_a_few_bytes(client, map_page):
    generate_sample_actors(5000, seed=42)
    response = client.get(FEED)
    count = len(json.loads(response.content)["points"]) // 4
    assert count == Actor.objects.published().located().count() >= 5000
    assert len(response.content) / count < 25  # bytes a point as sent uncompressed
    assert len(gzip.compress(response.content)) / count < 12  # and compressed, as a browser receives it
    geojson = client.get("/carte/acteurs.geojson")
    assert len(response.content) * 8 < len(geojson.content)


@pytest.mark.parametrize("count", [10, 1000])
def test_the_feed_costs_the_same_queries_whatever_the_number_of_actors(
    client, located_sample, django_assert_num_queries, count
):
    generate_sample_actors(count, seed=count)
    cache.clear()
    feed(client, {"secteur": "insertion"})  # warm what every request reads (Wagtail's site, its root paths)
    # Every request reads the site (home/site_lookup.py), then the located actors with their first sector.
    with django_assert_num_queries(2):
        feed(client, {"territoire": "pays-pays-rives-de-garonne", "statut": "cooperative-toutes"})
    with django_assert_num_queries(1):
        feed(client, {"territoire": "pays-pays-rives-de-garonne", "statut": "cooperative-toutes"})
    ids = list(Actor.objects.published().located().values_list("pk", flat=True)[:100])
    with django_assert_num_queries(4):  # the site, the actors, the directory's page, their sectors
        assert details(client, *ids).status_code == 200
    with django_assert_num_queries(1):
        assert details(client, *ids).status_code == 200


def test_details_say_what_the_popup_shows(client, located_sample):
    val_plus = Actor.objects.get(slug="val-plus")
    adichats = Actor.objects.get(slug="adichats")
    response = details(client, val_plus.pk, adichats.pk, 999999)
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    data = response.json()
    assert set(data) == {str(val_plus.pk), str(adichats.pk)}  # the unknown id is left out
    assert data[str(val_plus.pk)] == {
        "name": "VAL+",
        "url": "/acteurs/val-plus/",
        "sectors": ["Insertion par l'activité économique"],
        "address": ", ".join(
            part for part in (val_plus.street_address, f"{val_plus.effective_postal_code} La Réole".strip()) if part
        ),
        "status": val_plus.get_legal_form_display(),
    }
    assert data[str(adichats.pk)]["approximate"] is True


def test_details_of_unknown_unpublished_or_unlocated_actors_are_not_found(client, located_sample):
    val_plus = Actor.objects.get(slug="val-plus")
    assert details(client, 999999).status_code == 404
    assert not [key for key in cache_keys() if key.endswith(":999999")]  # made-up ids never fill the cache
    assert client.get(DETAILS).status_code == 404
    assert client.get(DETAILS, {"ids": "abc,-1,1e9"}).status_code == 404
    assert details(client, Actor.objects.get(slug="trajectoire").pk).status_code == 404  # not on the map
    assert details(client, val_plus.pk).status_code == 200
    assert [key for key in cache_keys() if key.endswith(f":{val_plus.pk}")]  # an actor on the map is kept
    val_plus.unpublish()
    assert details(client, val_plus.pk).status_code == 404  # forgotten with the feed and the GeoJSON
    assert val_plus.pk not in [point[0] for point in feed(client)["points"]]


def test_feed_and_details_are_forgotten_when_an_actor_or_a_sector_changes(client, located_sample):
    val_plus = Actor.objects.get(slug="val-plus")
    before = feed(client)
    details(client, val_plus.pk)
    sector = val_plus.sectors.get()
    sector.name = "Zz insertion"
    sector.save()
    after = feed(client)
    point = next(point for point in after["points"] if point[0] == val_plus.pk)
    assert after["sectors"][point[3]] == "Zz insertion" and after != before
    assert details(client, val_plus.pk).json()[str(val_plus.pk)]["sectors"] == ["Zz insertion"]
    val_plus.latitude, val_plus.longitude = 44.58, -0.04
    val_plus.save()
    point = next(point for point in feed(client)["points"] if point[0] == val_plus.pk)
    assert point[1:3] == [44.58, -0.04]


def test_the_map_page_draws_the_feed_and_keeps_the_geojson_for_reusers(client, located_sample):
    html = client.get("/carte/", {"secteur": "insertion"}).content.decode()
    assert 'data-feed-url="/carte/points.json?secteur=insertion"' in html
    assert 'data-details-url="/carte/details.json"' in html
    assert 'href="/carte/acteurs.geojson?secteur=insertion"' in html  # the download link stays
