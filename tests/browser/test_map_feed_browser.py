"""The map of actors draws the compact feed and fetches details only for what is shown; the embed opens on a
readable view (every point in sight, in several groups)."""

import json
from urllib.parse import parse_qs, urlparse

import pytest

from actors.models import Actor
from actors.samples import generate_sample_actors

from .accessibility import axe_violations
from .maps import wait_until_drawn


@pytest.fixture
def sample(demo_content):
    generate_sample_actors(60, seed=11)


def zoom_to_single_markers(page):
    single = page.locator(".leaflet-marker-icon.map-marker")
    for _ in range(10):
        if single.count():
            return single
        page.locator(".map-cluster").first.focus()
        page.keyboard.press("Enter")  # a group zooms in, and the focus goes to the marker nearest its place
        page.wait_for_timeout(700)
        assert page.evaluate("document.activeElement.classList.contains('leaflet-marker-icon')")
    pytest.fail("no single marker after zooming in ten times")


def test_a_popup_shows_details_fetched_for_what_is_on_screen_only(live_server, sample, browser_page):
    page = browser_page
    asked = []  # the ids of every request for details
    page.on(
        "request",
        lambda request: (
            "/carte/details.json" in request.url
            and asked.extend(int(pk) for pk in parse_qs(urlparse(request.url).query)["ids"][0].split(","))
        ),
    )
    downloads = []
    page.on("request", lambda request: downloads.append(request.url) if "acteurs.geojson" in request.url else None)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/carte/")
    total = Actor.objects.published().located().count()
    wait_until_drawn(page, total)
    assert downloads == []  # the open-data file is for reusers; the map draws the feed

    page.locator(".map__canvas").scroll_into_view_if_needed()
    single = zoom_to_single_markers(page)
    page.wait_for_function("document.querySelector('.leaflet-marker-icon.map-marker').title !== ''")
    name = single.first.get_attribute("title")
    single.first.focus()
    page.keyboard.press("Enter")
    popup = page.locator(".map-popup")
    popup.wait_for()
    assert popup.locator(".map-popup__title").inner_text() == name
    actor = Actor.objects.get(name=name)
    assert actor.pk in asked
    assert "Secteurs" in popup.inner_text() and "Adresse" in popup.inner_text()
    assert popup.locator(".map-popup__link").get_attribute("href") == f"/acteurs/{actor.slug}/"
    page.wait_for_function("document.activeElement.classList.contains('map-popup__link')")  # the popup's link
    page.keyboard.press("Escape")
    popup.wait_for(state="detached")
    assert page.evaluate("document.activeElement.classList.contains('leaflet-marker-icon')")
    # Details were asked for the markers drawn alone, never for the whole map.
    assert 0 < len(set(asked)) < total / 2
    assert page.problems == [], "\n".join(page.problems)


def test_a_point_has_a_name_for_screen_readers_before_its_details_come(live_server, sample, browser_page):
    page = browser_page
    held = []  # the requests for details, answered only at the end: a slow connection
    page.route("**/carte/details.json*", lambda route: held.append(route))
    page.goto(live_server.url + "/carte/")
    wait_until_drawn(page, Actor.objects.published().located().count())
    single = zoom_to_single_markers(page)
    assert held, "the names of the markers drawn alone are asked for"
    spoken = single.evaluate_all("markers => markers.map(marker => marker.textContent.trim())")
    assert spoken and all(name == "Un point de la carte : activer pour voir ses détails" for name in spoken)
    assert [line for line in axe_violations(page) if "aria-command-name" in line] == []

    for route in held:
        route.continue_()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.leaflet-marker-icon.map-marker')].every(marker => marker.title !== '')"
    )
    names = set(Actor.objects.values_list("name", flat=True))
    spoken = single.evaluate_all("markers => markers.map(marker => marker.textContent.trim())")
    assert spoken and set(spoken) <= names


def test_the_embed_opens_on_every_point_in_several_groups(live_server, sample, browser_page, screenshot):
    page = browser_page
    page.set_viewport_size({"width": 800, "height": 700})
    page.goto(live_server.url + "/carte/?embed=1")
    total = Actor.objects.published().located().count()
    wait_until_drawn(page, total)  # every point is in view (fitted), counted once
    canvas = page.locator(".map__canvas").bounding_box()
    shown = [
        box
        for box in (marker.bounding_box() for marker in page.locator(".leaflet-marker-icon").all())
        if box and canvas["x"] <= box["x"] and box["x"] + box["width"] <= canvas["x"] + canvas["width"]
    ]
    assert len(shown) >= 3, json.dumps(shown)  # a readable first view: several groups, not one big cluster
    screenshot("carte-integree-premiere-vue")
    assert page.problems == [], "\n".join(page.problems)
