"""A visitor's paths through the site, with the mouse and with the keyboard alone, checked by axe-core on the way.

The map's tiles never load here (no internet): the points, the list under the map and the popups must do without.
"""

import re
from pathlib import Path
from urllib.parse import urlsplit

from icalendar import Calendar

from actors.models import Actor
from news.models import EventPage, MoisEssEditionPage, MoisEssIndexPage
from news.models.events import today_in_paris

from ..mois_ess.helpers import make_event
from .accessibility import assert_accessible, focus_is_visible, focused_element, horizontal_overflow, wait_for_maps
from .maps import wait_until_drawn

FIRST_TERRITORY_WITH_ACTORS = """() => [...document.querySelectorAll("#id_territoire option")]
    .map(option => [option.value, option.textContent.trim()])
    .find(([value, label]) => /^(epci|commune)-/.test(value) && !label.endsWith("(0)"))"""

# An intercommunality or a commune with a few actors, so that the map and its list have something to compare.
TERRITORY_WITH_SEVERAL_ACTORS = """() => [...document.querySelectorAll("#id_territoire option")]
    .map((option, index) => [option.value, Number((option.textContent.match(/\\((\\d+)\\)$/) || [0, 0])[1]), index])
    .find(([value, count]) => /^(epci|commune)-/.test(value) && count >= 2)"""

# Where the keyboard focus is: in the map widget, in the list of the same actors under it, or elsewhere.
FOCUS_AREA = """() => {
    const el = document.activeElement;
    return el.closest(".map-list") ? "list" : el.closest(".leaflet-container") ? "map" : "page";
}"""


def assert_reflows_at_200_percent(page, *selectors):
    """A 1280 px window zoomed to 200 % lays the page out in 640 CSS px: no sideways scroll, nothing cut off."""
    original = page.viewport_size
    page.set_viewport_size({"width": 640, "height": 450})
    assert horizontal_overflow(page) <= 0, f"{page.url} scrolls sideways at 200 % zoom"
    for selector in selectors:
        box = page.locator(selector).first.bounding_box()
        assert box is not None, f"{selector} is not shown at 200 % zoom"
        assert box["x"] >= 0 and box["x"] + box["width"] <= 640, f"{selector} is cut off at 200 % zoom: {box}"
    assert_accessible(page)
    page.set_viewport_size(original)


def test_a_visitor_finds_an_actor_from_the_home_page(live_server, public_site, browser_page, screenshot):
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


def test_a_visitor_finds_an_actor_through_the_map(live_server, public_site, browser_page, screenshot):
    page = browser_page
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Carte des acteurs").first.click()
    page.wait_for_url(re.compile(r"/carte/$"))
    wait_until_drawn(page, page.locator(".map-list li").count())
    assert_accessible(page)
    assert_reflows_at_200_percent(
        page, "#id_territoire", ".filters button", ".map__canvas", ".leaflet-control-zoom", ".map-fit-all", ".map-list"
    )

    value, count, _ = page.evaluate(TERRITORY_WITH_SEVERAL_ACTORS)
    page.get_by_label("Territoire").select_option(value)
    page.get_by_role("button", name="Afficher sur la carte").click()
    page.wait_for_url(re.compile(rf"territoire={value}"))
    assert page.locator(".results-count").inner_text().startswith(f"{count} acteurs sur la carte pour votre recherche")
    wait_until_drawn(page, count)
    # The list under the map, its text alternative, names the same actors.
    listed = page.locator(".map-list li a")
    assert listed.count() == count
    assert_accessible(page)
    screenshot("parcours-carte-filtre")

    name = listed.first.inner_text()
    listed.first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == name
    assert_accessible(page)
    assert page.problems == [], "\n".join(page.problems)


def downloaded_calendar(page, link):
    """The calendar a click on `link` saves, parsed by the `icalendar` library (which refuses a broken file)."""
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith(".ics")
    return Calendar.from_ical(Path(download.value.path()).read_bytes())


def next_year_edition():
    """An edition of next year, whose events are upcoming whatever the day the tests run."""
    year = today_in_paris().year + 1
    edition = MoisEssEditionPage.objects.filter(year=year).first()  # the public site's sample events may have it
    if edition is None:
        edition = MoisEssEditionPage(title=f"Mois de l'ESS {year}", year=year, slug=str(year))
        MoisEssIndexPage.objects.get().add_child(instance=edition)
        edition.save_revision().publish()
    return edition


def test_a_visitor_subscribes_to_the_agenda_and_adds_one_event(live_server, public_site, browser_page, screenshot):
    organiser = Actor.objects.get(slug="exemple-1")
    event = make_event(
        next_year_edition(), "Forum des acteurs du Sud-Gironde", organisers=[organiser], summary="Un après-midi."
    )
    page = browser_page
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Mois de l'ESS").first.click()
    page.wait_for_url(re.compile(r"/mois-de-l-ess/$"))
    wait_for_maps(page)
    assert_accessible(page)
    screenshot("parcours-mois-de-l-ess")

    # The agenda: the link the page shows is the one it announces to feed readers, and holds every event.
    subscribe = page.get_by_role("link", name="S'abonner à l'agenda (iCalendar, .ics)")
    announced = page.locator("link[rel=alternate][type='text/calendar']").get_attribute("href")
    assert subscribe.get_attribute("href") == announced
    agenda = downloaded_calendar(page, subscribe)
    assert {str(item["SUMMARY"]) for item in agenda.walk("VEVENT")} == set(
        EventPage.objects.live().values_list("title", flat=True)
    )
    assert [str(zone["TZID"]) for zone in agenda.walk("VTIMEZONE")] == ["Europe/Paris"]

    page.locator(".event-card").get_by_role("link", name=event.title).click()
    page.wait_for_url(re.compile(re.escape(event.url) + "$"))
    assert_accessible(page)
    screenshot("parcours-evenement")
    [one] = downloaded_calendar(page, page.get_by_role("link", name="Ajouter à mon agenda (.ics)")).walk("VEVENT")
    assert str(one["SUMMARY"]) == event.title
    assert urlsplit(str(one["URL"])).path == event.url
    assert_reflows_at_200_percent(page, "h1", ".event__aside", ".event__aside .button")

    # The organiser's profile, from the event, announces the event in turn.
    page.get_by_role("link", name=organiser.name).click()
    page.wait_for_url(re.compile(r"/acteurs/exemple-1/$"))
    assert page.get_by_role("link", name=event.title).count() == 1
    assert_accessible(page)
    assert page.problems == [], "\n".join(page.problems)


def tab_until(page, predicate, limit=60, key="Tab"):
    """Press Tab (or `key`) until `predicate(focus)` holds; every element reached on the way must show its focus."""
    for _ in range(limit):
        page.keyboard.press(key)
        focus = focused_element(page)
        assert focus_is_visible(focus), f"the keyboard focus is not visible on {focus} ({page.url})"
        if predicate(focus):
            return focus
    raise AssertionError(f"not reached with {limit} presses of Tab on {page.url}")


def test_the_home_page_and_the_directory_filters_work_with_the_keyboard_alone(live_server, public_site, browser_page):
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


def test_the_map_page_and_its_list_work_with_the_keyboard_alone(live_server, public_site, browser_page, screenshot):
    page = browser_page
    page.goto(live_server.url + "/carte/")
    wait_until_drawn(page, page.locator(".map-list li").count())

    # The filters: the territory chosen with the arrow keys, the form sent with Enter.
    value, count, index = page.evaluate(TERRITORY_WITH_SEVERAL_ACTORS)
    tab_until(page, lambda focus: focus["name"] == "territoire")
    for _ in range(index):
        page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.value") == value
    tab_until(page, lambda focus: focus["tag"] == "button")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"territoire={value}"))
    filtered = page.url
    wait_until_drawn(page, count)
    assert_accessible(page)

    # Tab goes into the map (the map itself, its markers, its buttons), out of it, and on to the list under it.
    areas = []
    link = tab_until(page, lambda focus: areas.append(page.evaluate(FOCUS_AREA)) or areas[-1] == "list")
    assert "map" in areas, "the map's markers and buttons are reachable with Tab"
    # And back: Shift+Tab crosses the map the other way, up to the filters' button.
    tab_until(
        page, lambda focus: focus["tag"] == "button" and focus["text"] == "Afficher sur la carte", key="Shift+Tab"
    )
    # Enter on an actor of the list opens its profile.
    tab_until(page, lambda focus: page.evaluate(FOCUS_AREA) == "list")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == link["text"]
    assert_accessible(page)

    # The link before the map skips it: Enter, then Tab, and the list has the focus.
    page.goto(filtered)
    tab_until(page, lambda focus: focus["text"].startswith("Passer la carte"))
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "liste-acteurs"
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUS_AREA) == "list"
    screenshot("clavier-carte-liste")
    assert page.problems == [], "\n".join(page.problems)
