"""The map's colours by sector (actors/sector_colours.py): the legend, the GeoJSON's first sector and the list agree."""

import json

import pytest
from bs4 import BeautifulSoup

from actors.models import Actor
from actors.sector_colours import NO_SECTOR, PALETTE_SIZE, colour_of, sector_legend


def test_legend_gives_each_sector_a_colour_by_name_and_grey_to_none():
    names = {f"s{i}": f"Secteur {i:02d}" for i in range(PALETTE_SIZE + 2)}
    legend = sector_legend(names)
    assert [entry["label"] for entry in legend[:-1]] == sorted(names.values())
    assert all(entry["key"] == entry["label"] for entry in legend[:-1])
    assert [entry["colour"] for entry in legend[:3]] == [0, 1, 2]
    assert legend[PALETTE_SIZE]["colour"] == 0  # round again past the palette
    assert legend[-1] == NO_SECTOR
    assert colour_of([], legend) == NO_SECTOR
    assert colour_of([("s1", "Secteur 01"), ("s0", "Secteur 00")], legend)["key"] == "Secteur 01"


@pytest.mark.django_db
def test_map_legend_geojson_and_list_give_an_actor_the_same_colour(client, public_site):
    html = BeautifulSoup(client.get("/carte/").content, "html.parser")
    colour_of_category = {li["data-category"]: li["data-colour"] for li in html.select("[data-map-legend] li")}
    assert colour_of_category[""] == "none" and len(colour_of_category) >= 3
    listed = {
        li.a.get_text(strip=True): next(
            c for c in li.select_one(".map-colour")["class"] if c.startswith("map-colour--")
        )
        for li in html.select(".map-list li")
    }
    features = json.loads(client.get("/carte/acteurs.geojson").content)["features"]
    assert features
    for feature in features:
        properties = feature["properties"]
        actor = Actor.objects.get(name=properties["name"])
        first = actor.sectors.order_by("name").first()
        key = properties["sectors"][0] if properties["sectors"] else ""  # what static/js/map.js looks up
        assert key == (first.name if first else "")
        assert listed[properties["name"]] == f"map-colour--{colour_of_category[key]}"


@pytest.mark.django_db
def test_the_map_feed_gives_each_point_the_colour_of_the_list(client, public_site):
    """The feed the map draws (actors/map_feed.py) names each point's first sector by its index in `sectors`."""
    html = BeautifulSoup(client.get("/carte/").content, "html.parser")
    colour_of_category = {li["data-category"]: li["data-colour"] for li in html.select("[data-map-legend] li")}
    listed = {
        li.a.get_text(strip=True): next(
            c for c in li.select_one(".map-colour")["class"] if c.startswith("map-colour--")
        )
        for li in html.select(".map-list li")
    }
    feed = json.loads(client.get("/carte/points.json").content)
    flat = feed["points"]
    assert flat
    names = dict(Actor.objects.values_list("pk", "name"))
    for at in range(0, len(flat), 4):
        pk, sector = flat[at], flat[at + 3]
        key = feed["sectors"][sector] if sector >= 0 else ""  # what static/js/map.js looks up
        assert listed[names[pk]] == f"map-colour--{colour_of_category[key]}"
