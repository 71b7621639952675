"""The map of actors in Chromium: markers coloured by sector as the legend and the list say, and a popup that
the controls of its corner (« Tout voir », the zoom) never cover, on a phone as on a laptop."""

import pytest

from .accessibility import assert_accessible
from .maps import wait_until_drawn

# Each single marker's colour class and name, and the colour the list gives the same actor.
MARKERS_AND_LIST = """() => {
    const listed = Object.fromEntries([...document.querySelectorAll(".map-list li")].map(li => [
        li.querySelector("a").textContent.trim(),
        [...li.querySelector(".map-colour").classList].find(name => name.startsWith("map-colour--")),
    ]));
    return [...document.querySelectorAll(".leaflet-marker-icon.map-marker")].map(marker => [
        marker.title, [...marker.classList].find(name => name.startsWith("map-colour--")), listed[marker.title],
    ]);
}"""


def overlap(a, b) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and (b["y"] < a["y"] + a["height"])
    )


def contains(outer, inner) -> bool:
    return (
        outer["x"] <= inner["x"]
        and inner["x"] + inner["width"] <= outer["x"] + outer["width"]
        and outer["y"] <= inner["y"]
        and inner["y"] + inner["height"] <= outer["y"] + outer["height"]
    )


def inside_the_map(page, selector):
    """The elements matching `selector` that the map's canvas shows whole, as (box, locator)."""
    canvas = page.locator(".map__canvas").bounding_box()
    found = []
    for element in page.locator(selector).all():
        box = element.bounding_box()
        if box and contains(canvas, box):
            found.append((box, element))
    return found


def zoom_to_single_markers(page):
    for _ in range(10):
        if inside_the_map(page, ".leaflet-marker-icon.map-marker"):
            return
        inside_the_map(page, ".map-cluster")[0][1].click()
        page.wait_for_timeout(900)
    pytest.fail("no single marker after zooming in ten times")


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 1280, "height": 900}])
def test_markers_take_their_sector_colour_and_popups_stay_clear_of_the_controls(
    live_server, public_site, browser_page, viewport
):
    page = browser_page
    page.set_viewport_size(viewport)
    page.goto(live_server.url + "/carte/")
    wait_until_drawn(page, page.locator(".map-list li").count())
    legend = page.locator("[data-map-legend] li")
    assert legend.count() >= 3 and legend.last.inner_text().strip() == "Secteur non précisé"

    page.locator(".map__canvas").scroll_into_view_if_needed()
    zoom_to_single_markers(page)
    seen = page.evaluate(MARKERS_AND_LIST)
    assert seen and all(colour == listed for _, colour, listed in seen), seen
    assert len({colour for _, colour, _ in seen}) >= 1

    # The marker nearest the top left corner, where a popup meets « Tout voir » and the zoom buttons.
    page.locator(".map__canvas").scroll_into_view_if_needed()
    markers = inside_the_map(page, ".leaflet-marker-icon.map-marker")
    min(markers, key=lambda found: found[0]["x"] + found[0]["y"])[1].click()
    popup = page.locator(".leaflet-popup")
    popup.wait_for()
    page.wait_for_timeout(600)  # Leaflet pans the map to make room
    for control in (".map-fit-all", ".leaflet-control-zoom"):
        assert not overlap(popup.bounding_box(), page.locator(control).bounding_box()), control
    assert_accessible(page)

    page.locator(".map-fit-all").click()
    popup.wait_for(state="detached", timeout=2000)  # back to every point, without a popup left under the controls
    assert page.problems == [], "\n".join(page.problems)
