"""The map of actors: its GeoJSON (filters, cache, size), the /carte/ page, its text alternative and embed view."""

import gzip
import html
import json
import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.http import QueryDict

from actors import map_data
from actors.filters import DirectoryFilter
from actors.map_data import shorten
from actors.models import Actor, ActorMapPage, Commune
from actors.samples import generate_sample_actors
from home.models import MapSettings

from .test_actors_directory import NONSENSE, add_actors_in_bulk
from .test_query_budgets import count_queries

# The facets' four aggregate queries, then the located actors counted, a page of them listed and their sectors
# (the link to the directory comes from the menu's query).
QUERY_BUDGET = 15

GEOJSON = "/carte/acteurs.geojson"
README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.fixture
def map_page(demo_content):
    return ActorMapPage.objects.get()


@pytest.fixture
def located_sample(map_page, territories):
    """The demo's founding actors, two of them placed (one at its address, one at its town hall), and samples."""
    la_reole = Commune.objects.get(insee_code="33352")
    for slug, position in (("val-plus", (44.5812, -0.0383)), ("adichats", (None, None))):
        actor = Actor.objects.get(slug=slug)
        actor.commune, (actor.latitude, actor.longitude) = la_reole, position
        actor.save()
    generate_sample_actors(40, seed=5)


def collection(client, params=None) -> dict:
    response = client.get(GEOJSON, params or {})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    return json.loads(response.content)


def names(data) -> list[str]:
    return [feature["properties"]["name"] for feature in data["features"]]


def listed(response) -> list[str]:
    """The names in the text alternative (the list under the map)."""
    match = re.search(r'<ul class="map-list">(.*?)</ul>', response.content.decode(), re.S)
    return (
        [
            html.unescape(name)
            for name in re.findall(
                r'<li>(?:<span class="map-colour[^"]*"[^>]*></span>)?<a href="[^"]+"[^>]*>([^<]+)</a>', match.group(1)
            )
        ]
        if match
        else []
    )


def test_geojson_is_an_rfc_7946_collection_of_published_located_actors(client, located_sample):
    data = collection(client)
    assert data["type"] == "FeatureCollection"
    expected = Actor.objects.published().located().count()
    assert len(data["features"]) == expected > 30
    for feature in data["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        longitude, latitude = feature["geometry"]["coordinates"]
        assert -2 < longitude < 1 and 44 < latitude < 46  # [longitude, latitude] in Gironde
        assert set(feature["properties"]) >= {"name", "url", "sectors", "status", "commune", "description"}
    by_name = {feature["properties"]["name"]: feature for feature in data["features"]}
    val_plus = by_name["VAL+"]
    assert val_plus["geometry"]["coordinates"] == [-0.0383, 44.5812]  # four decimals: about 10 m
    assert val_plus["properties"]["url"] == "http://testserver/acteurs/val-plus/"
    assert val_plus["properties"]["sectors"] == ["Insertion par l'activité économique"]
    assert val_plus["properties"]["commune"] == "La Réole"
    assert "approximate" not in val_plus["properties"]
    la_reole = Commune.objects.get(insee_code="33352")
    adichats = by_name["ADICHATS"]
    assert adichats["geometry"]["coordinates"] == [
        round(float(la_reole.longitude), 4),
        round(float(la_reole.latitude), 4),
    ]
    assert adichats["properties"]["approximate"] is True
    # Actors without a commune nor coordinates are in the directory, not on the map.
    assert "Trajectoire" not in by_name


def test_drafts_are_not_on_the_map(client, located_sample):
    Actor.objects.get(slug="val-plus").unpublish()
    assert "VAL+" not in names(collection(client))


def test_the_map_counts_the_actors_it_cannot_place(client, located_sample):
    """The map's counts are the matching actors less those without a position (`count_not_located`): an actor
    without a commune, one whose commune has no town hall position, a draft without either."""
    nowhere = Commune.objects.exclude(actors__isnull=False).first()
    nowhere.latitude = nowhere.longitude = None
    nowhere.save()
    unplaced = Actor.objects.filter(slug__startswith="exemple-").order_by("pk")[:2]
    Actor.objects.filter(pk=unplaced[0].pk).update(latitude=None, longitude=None, commune=nowhere)
    Actor.objects.filter(pk=unplaced[1].pk).update(latitude=None, longitude=None, commune=None)
    Actor.objects.filter(slug="co-actions").update(latitude=None, longitude=None, commune=None, live=False)
    for params in [{}, *PARAMS]:
        actors = DirectoryFilter(params).queryset
        assert actors.count_not_located() == actors.not_located().count(), params
        located, total = actors.located().count(), actors.count()
        text = " ".join(html.unescape(client.get("/carte/", params).content.decode()).split())
        if located:
            assert f"{located} acteur{'s' if located > 1 else ''} sur la carte" in text, params
        if total - located:
            assert f"{total - located} autre" in text, params
    assert Actor.objects.published().count_not_located() >= 3  # Trajectoire and the two above


PARAMS = [
    {"statut": "cooperative-toutes"},
    {"secteur": "insertion"},
    {"territoire": "commune-33352"},
    {"territoire": "pays-pays-rives-de-garonne", "q": "recyclerie"},
    {"insertion": "EI"},
    {"q": "garage"},
]


@pytest.mark.parametrize("params", PARAMS)
def test_geojson_and_list_follow_the_directory_filters(client, located_sample, params):
    """The same filter code: what the directory lists, minus the actors not placed on the map."""
    expected = sorted(DirectoryFilter(params).queryset.located().values_list("name", flat=True))
    assert sorted(names(collection(client, params))) == expected
    response = client.get("/carte/", params)
    assert sorted(listed(response)) == expected
    directory_ids = DirectoryFilter(params).facets()
    assert set(Actor.objects.filter(pk__in=directory_ids).located().values_list("name", flat=True)) == set(expected)


@pytest.mark.parametrize("params", NONSENSE)
def test_nonsense_filters_never_fail(client, map_page, params):
    assert client.get(GEOJSON, params).status_code == 200
    assert client.get("/carte/", params).status_code == 200


def test_unknown_filter_values_give_an_empty_collection(client, located_sample):
    assert collection(client, {"secteur": "inconnu"})["features"] == []
    assert collection(client, {"territoire": "region-75"})["features"] == []


def test_the_cache_is_cleared_when_an_actor_changes(client, located_sample, django_assert_num_queries):
    collection(client)
    with django_assert_num_queries(1):
        collection(client)  # served from the cache: only the request's site is read (home/site_lookup.py)
    actor = Actor.objects.get(slug="val-plus")
    actor.name = "VAL+ Réole"
    actor.save_revision().publish()
    assert "VAL+ Réole" in names(collection(client))
    actor.unpublish()
    assert "VAL+ Réole" not in names(collection(client))
    actor.save_revision().publish()
    assert "VAL+ Réole" in names(collection(client))
    actor.delete()
    assert "VAL+ Réole" not in names(collection(client))
    generate_sample_actors(3, seed=1)  # bulk inserts say so too
    assert len(collection(client)["features"]) == Actor.objects.published().located().count()


def test_the_cache_is_cleared_when_a_sector_is_renamed(client, located_sample):
    collection(client)
    sector = Actor.objects.get(slug="val-plus").sectors.get()
    sector.name = "Insertion"
    sector.save()
    feature = next(f for f in collection(client)["features"] if f["properties"]["name"] == "VAL+")
    assert feature["properties"]["sectors"] == ["Insertion"]


def test_five_thousand_actors_stay_under_the_size_the_readme_gives(client, map_page):
    """The README's figure is the bytes the server sends to a browser (which accepts gzip), measured here."""
    promised = re.search(r"at 5,000 actors the server sends under (\d+) KiB", README.read_text())
    assert promised, "the README gives the GeoJSON's size at 5,000 actors"
    generate_sample_actors(5000, seed=42)
    response = client.get(GEOJSON, HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert len(response.content) < int(promised.group(1)) * 1024
    data = json.loads(gzip.decompress(response.content))
    assert len(data["features"]) == Actor.objects.published().located().count() >= 5000
    assert all(len(feature["properties"]["description"]) <= 100 for feature in data["features"])


@pytest.mark.parametrize("count", [10, 1000])
def test_query_budget_is_fixed_whatever_the_number_of_actors(
    client, located_sample, django_assert_max_num_queries, count
):
    generate_sample_actors(count, seed=count)
    for url in ("/carte/", "/carte/?territoire=commune-33352&statut=cooperative-toutes", "/carte/?embed=1"):
        client.get(url)  # warm Wagtail's own caches (site root paths)
        with django_assert_max_num_queries(QUERY_BUDGET):
            assert client.get(url).status_code == 200
    cache.clear()  # built again: the directory page and its site, the actors, their sectors
    with django_assert_max_num_queries(5):
        collection(client, {"secteur": "insertion"})


def test_map_page_has_the_filters_the_map_and_its_text_alternative(client, located_sample):
    response = client.get("/carte/", {"secteur": "insertion"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="secteur"' in html and 'value="insertion" selected' in html
    assert 'data-geojson-url="/carte/acteurs.geojson?secteur=insertion"' in html
    assert "/static/vendor/leaflet/leaflet.js" in html
    assert "/static/js/map.js" in html
    assert "markercluster" not in html  # the map groups its points itself (static/js/map.js)
    assert 'href="#liste-acteurs"' in html
    assert '<a href="/acteurs/val-plus/">VAL+</a> — La Réole' in html
    assert 'ADICHATS</a> — La Réole <span class="map-list__note">(position approximative' in html
    assert 'href="/acteurs/?secteur=insertion"' in html
    assert response["X-Frame-Options"] == "DENY"


def test_actors_without_position_are_counted_with_a_way_to_the_directory(client, located_sample):
    html = client.get("/carte/", {"q": "trajectoire"}).content.decode()
    assert "1 autre n&#x27;a pas encore d&#x27;adresse sur la carte" in html or "1 autre n'a pas encore" in html
    assert "Aucun acteur à placer sur la carte" in html


def test_the_map_page_is_in_the_menu(client, map_page):
    assert map_page.url == "/carte/" and map_page.show_in_menus
    assert 'href="/carte/"' in client.get("/").content.decode()


def csp(response) -> dict:
    return {
        part.split()[0]: part.split()[1:] for part in response["Content-Security-Policy"].split(";") if part.strip()
    }


def test_embed_view_is_framable_without_header_and_footer(client, located_sample):
    embedded = client.get("/carte/", {"embed": "1", "secteur": "insertion"})
    html = embedded.content.decode()
    assert "X-Frame-Options" not in embedded
    assert csp(embedded)["frame-ancestors"] == ["*"]
    assert "site-header" not in html and "site-footer" not in html
    assert '<input type="hidden" name="embed" value="1">' in html
    assert 'target="_blank"' in html and "data-new-window" in html
    for other in ("/carte/", "/carte/?embed=0", "/acteurs/", GEOJSON):
        response = client.get(other)
        assert response["X-Frame-Options"] == "DENY", other
        assert csp(response)["frame-ancestors"] == ["'none'"], other


def test_tiles_come_from_the_admin_settings_and_are_allowed_by_the_policy(client, map_page, settings):
    html = client.get("/carte/").content.decode()
    assert "data.geopf.fr/wmts" in html and 'data-tile-attribution="IGN – Plan IGN"' in html
    assert "https://data.geopf.fr" in csp(client.get("/carte/"))["img-src"]
    MapSettings.objects.create(
        tile_url="https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        attribution="© les contributeurs d'OpenStreetMap",
        attribution_url="https://www.openstreetmap.org/copyright",
    )
    response = client.get("/carte/")
    assert 'data-tile-url="https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in response.content.decode()
    assert csp(response)["img-src"] == ["'self'", "data:", "https://tile.openstreetmap.org"]


def test_map_settings_refuse_a_tile_url_without_placeholders_or_credit():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        MapSettings(tile_url="https://exemple.org/tuile.png").clean()
    assert "{z}, {x} et {y}" in str(error.value)
    with pytest.raises(ValidationError) as error:
        MapSettings(tile_url="https://exemple.org/{z}/{x}/{y}.png").clean()
    assert "crédit" in str(error.value)


def test_the_list_under_the_map_goes_page_by_page_while_the_map_keeps_every_point(client, located_sample, monkeypatch):
    monkeypatch.setattr("actors.views.MAP_LIST_PER_PAGE", 10)
    located = len(collection(client)["features"])
    assert located > 20
    first = client.get("/carte/")
    html_text = first.content.decode()
    assert f"{located} acteurs sur la carte" in html_text
    pages = -(-located // 10)
    assert f"Les acteurs de la carte, en liste (page 1 sur {pages})" in html_text
    assert len(listed(first)) == 10
    last = client.get("/carte/", {"page": pages})
    assert len(listed(last)) == located - 10 * (pages - 1)
    everyone = []
    for number in range(1, pages + 1):
        everyone += listed(client.get("/carte/", {"page": number}))
    assert sorted(everyone) == sorted(names(collection(client)))


def test_pages_and_open_data_are_compressed_for_browsers_that_accept_it(client, located_sample):
    for path in ("/carte/", GEOJSON):
        plain = client.get(path)
        compressed = client.get(path, HTTP_ACCEPT_ENCODING="gzip, br")
        assert compressed["Content-Encoding"] == "gzip", path
        assert gzip.decompress(compressed.content) == plain.content, path
        assert len(compressed.content) < len(plain.content) / 3, path


def test_the_geojson_is_compressed_once_and_kept_compressed(
    client, located_sample, monkeypatch, django_assert_num_queries
):
    """Gzipped when built and kept so in the cache: browsers get those very bytes (the pages' compression leaves
    them alone), and a client refusing gzip gets the same JSON from the same entry."""

    def compressed_again(*args, **kwargs):
        raise AssertionError("the GeoJSON went through the pages' compression")

    monkeypatch.setattr("home.compression.compress", compressed_again)
    browser = client.get(GEOJSON, HTTP_ACCEPT_ENCODING="gzip")
    assert browser["Content-Encoding"] == "gzip" and "Accept-Encoding" in browser["Vary"]
    kept = cache.get(map_data.cache_key(DirectoryFilter(QueryDict()), "http://testserver/"))
    assert browser.content == kept
    with django_assert_num_queries(1):  # the request's site; the collection comes from the cache
        plain = client.get(GEOJSON)
    assert not plain.has_header("Content-Encoding")
    assert plain.content == gzip.decompress(kept)
    assert names(json.loads(plain.content)) == names(collection(client, {"utm_source": "x"}))


def expected_feature(actor, base_url) -> dict:
    """An actor's feature as the GeoJSON promises it, built here from the model, not from the view's code."""
    properties = {
        "name": actor.name,
        "url": f"{base_url}{actor.slug}/",
        "sectors": sorted(actor.sectors.values_list("name", flat=True)),
        "status": actor.get_legal_form_display() if actor.legal_form else "",
        "commune": actor.commune.name if actor.commune else "",
        "description": shorten(actor.short_description),
    }
    if actor.latitude is None:
        properties["approximate"] = True
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": []}, "properties": properties}


def test_geojson_says_each_actor_as_the_model_does_in_canonical_json(client, located_sample):
    """Read from the cursor and written by hand, the file is still what the model says, and byte for byte the
    JSON that Python's own encoder writes (strings with quotes, controls, accents, long descriptions)."""
    tricky = Actor.objects.get(slug="val-plus")
    tricky.name = 'VAL+ « l\'« atelier » » \\ "guillemets"\t<b>'
    tricky.short_description = (
        "Une  description\navec des\r\nretours, des espaces\u00a0insécables et \u2028 " + "mot " * 40
    )
    tricky.save()
    response = client.get(GEOJSON)
    data = json.loads(response.content)
    assert response.content == json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    actors = Actor.objects.published().located().select_related("commune").order_by("name", "pk")
    assert [feature["properties"]["name"] for feature in data["features"]] == [actor.name for actor in actors]
    for feature, actor in zip(data["features"], actors, strict=True):
        expected = expected_feature(actor, "http://testserver/acteurs/")
        assert feature["properties"] == expected["properties"], actor.name
        latitude = actor.latitude if actor.latitude is not None else actor.commune.latitude
        longitude = actor.longitude if actor.longitude is not None else actor.commune.longitude
        assert feature["geometry"]["coordinates"] == pytest.approx([float(longitude), float(latitude)], abs=6e-5)
    assert "\\n" not in response.content.decode()  # the description's whitespace is folded


def test_the_geojson_costs_the_same_queries_with_few_and_many_actors(client, located_sample):
    """Built again after every publication: as many queries with 40 actors as with 3,000 more."""
    urls = [GEOJSON, GEOJSON + "?territoire=epci-200043974&statut=association", "/carte/points.json"]
    few = {url: count_queries(client, url) for url in urls}
    add_actors_in_bulk(3000)
    many = {url: count_queries(client, url) for url in urls}
    assert many == few
    assert len(collection(client)["features"]) > 3000
