"""A visitor's paths through the site, with the mouse and with the keyboard alone, checked by axe-core on the way."""

import re

from ..public_pages import build_public_site
from .accessibility import assert_accessible, focus_is_visible, focused_element

FIRST_TERRITORY_WITH_ACTORS = """() => [...document.querySelectorAll("#id_territoire option")]
    .map(option => [option.value, option.textContent.trim()])
    .find(([value, label]) => /^(epci|commune)-/.test(value) && !label.endsWith("(0)"))"""


def test_a_visitor_finds_an_actor_from_the_home_page(live_server, home_page, browser_page, screenshot):
    build_public_site(home_page)
    page = browser_page
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Annuaire des acteurs").first.click()
    page.wait_for_url(re.compile(r"/acteurs/$"))
    assert_accessible(page)

    value, label = page.evaluate(FIRST_TERRITORY_WITH_ACTORS)
    page.get_by_label("Territoire").select_option(value)
    page.get_by_role("button", name="Afficher les acteurs").click()
    page.wait_for_url(re.compile(rf"territoire={value}"))
    expected = int(re.search(r"\((\d+)\)$", label).group(1))
    assert page.locator(".actor-card").count() == expected
    assert page.locator(".results-count").inner_text().startswith(f"{expected} acteur")
    assert_accessible(page)
    screenshot("parcours-annuaire-filtre")

    first = page.locator(".actor-card h3 a").first
    name = first.inner_text()
    first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == name
    assert_accessible(page)
    screenshot("parcours-fiche-acteur")

    # Another actor through the site's search box, in the header of every page.
    page.get_by_label("Rechercher sur le site").fill("co-actions")
    page.get_by_label("Rechercher sur le site").press("Enter")
    page.wait_for_url(re.compile(r"/recherche/\?q="))
    assert_accessible(page)
    screenshot("parcours-recherche")
    page.get_by_role("link", name="Co-Actions").first.click()
    page.wait_for_url(re.compile(r"/acteurs/co-actions/$"))
    assert page.problems == [], "\n".join(page.problems)


def tab_until(page, predicate, limit=60):
    """Press Tab until `predicate(focus)` holds; every element reached on the way must show its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = focused_element(page)
        assert focus_is_visible(focus), f"the keyboard focus is not visible on {focus} ({page.url})"
        if predicate(focus):
            return focus
    raise AssertionError(f"not reached with {limit} presses of Tab on {page.url}")


def test_the_home_page_and_the_directory_filters_work_with_the_keyboard_alone(live_server, home_page, browser_page):
    build_public_site(home_page)
    page = browser_page
    page.goto(live_server.url + "/")

    first = tab_until(page, lambda focus: True)
    assert first["text"] == "Aller au contenu", "the first Tab stop is the skip link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"

    page.goto(live_server.url + "/")
    tab_until(page, lambda focus: focus["text"] == "Annuaire des acteurs")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/acteurs/$"))
    page.goto(live_server.url + "/acteurs/")  # a fresh start of the Tab order

    # The filters: reach the territory list, choose with the arrow keys, submit with Enter.
    tab_until(page, lambda focus: focus["name"] == "territoire")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    chosen = page.evaluate("document.activeElement.value")
    assert chosen.startswith(("pays-", "epci-", "commune-"))
    tab_until(page, lambda focus: focus["tag"] == "button")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"territoire={chosen}"))

    # Then the first result, opened from the keyboard.
    page.goto(live_server.url + "/acteurs/")
    link = tab_until(
        page, lambda focus: focus["tag"] == "a" and page.evaluate("!!document.activeElement.closest('.actor-card')")
    )
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == link["text"]
    assert page.problems == [], "\n".join(page.problems)
