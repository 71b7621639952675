"""Phone first: the header, the menu button, the listings' « Filtrer » panel, at six widths from 360 to 1920 px.

On a 390x844 phone the header stays compact and the first result (or the map) shows without scrolling; no page
scrolls sideways at any width; nothing is fixed or sticky over the content; the menu works with and without
JavaScript. A screenshot of every listing at every width goes to test-artifacts/screenshots/.
"""

from .accessibility import assert_accessible, horizontal_overflow, wait_for_maps
from .conftest import SCREENSHOTS

WIDTHS = [360, 390, 768, 1024, 1366, 1920]
PHONE = {"width": 390, "height": 844}
HEADER_MAX_ON_PHONE = 120  # CSS px

# Each listing and the element its visitors came for.
LISTINGS = [
    ("annuaire", "/acteurs/", ".actor-card"),
    ("carte", "/carte/", ".map__canvas"),
    ("actualites", "/actualites/", ".news-card"),
    ("mois-de-l-ess", "/mois-de-l-ess/", ".event-card"),
    ("mutualisation", "/mutualisation/", ".board-post"),
]

# Elements a visitor sees on top of the content while scrolling (the skip link shows only when focused).
FIXED_OR_STICKY = """() => [...document.querySelectorAll("body *")].filter(el => {
    const position = getComputedStyle(el).position;
    return (position === "fixed" || position === "sticky") && el.getBoundingClientRect().height > 0
        && !el.classList.contains("skip-link");
}).map(el => el.tagName.toLowerCase() + "." + el.className)"""


def shot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def test_listings_fit_every_width_and_show_results_first_on_a_phone(live_server, public_site, browser_page):
    page = browser_page
    problems = []
    for name, path, first_result in LISTINGS:
        page.goto(live_server.url + path)
        for width in WIDTHS:  # resized as a person turns a tablet or widens a window: the layout follows
            page.set_viewport_size(PHONE if width == PHONE["width"] else {"width": width, "height": 900})
            wait_for_maps(page)
            overflow = horizontal_overflow(page)
            if overflow > 0:
                problems.append(f"{path} scrolls sideways by {overflow} px at {width} px")
            covering = page.evaluate(FIXED_OR_STICKY)
            if covering:
                problems.append(f"{path} at {width} px: fixed or sticky elements {covering}")
            shot(page, f"largeur-{name}-{width}")
        page.set_viewport_size(PHONE)
        page.goto(live_server.url + path)
        wait_for_maps(page)
        header = page.locator(".site-header").bounding_box()
        if header["height"] >= HEADER_MAX_ON_PHONE:
            problems.append(f"{path}: the header is {header['height']:.0f} px high on a phone")
        result = page.locator(first_result).first.bounding_box()
        if result is None or result["y"] + min(result["height"], 120) > PHONE["height"]:
            problems.append(f"{path}: the first {first_result} is below the fold on a phone: {result}")
        if page.locator(".filters button[type=submit]").first.is_visible():
            problems.append(f"{path}: the filters are open on a phone, before the results")
        assert_accessible(page)
    assert problems == [], "\n".join(problems)


def test_the_menu_button_opens_the_navigation_on_a_phone(live_server, public_site, browser_page):
    page = browser_page
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/acteurs/")
    button = page.get_by_role("button", name="Menu")
    menu = page.get_by_role("navigation", name="Menu principal")
    assert button.get_attribute("aria-expanded") == "false"
    assert not menu.is_visible() and not page.get_by_label("Rechercher sur le site").is_visible()

    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert menu.is_visible() and page.get_by_label("Rechercher sur le site").is_visible()
    assert menu.locator("a[aria-current=page]").inner_text() == "Annuaire des acteurs"
    assert_accessible(page)
    shot(page, "menu-ouvert-telephone")

    page.keyboard.press("Tab")  # into the menu (the search box)
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false" and not menu.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('site-menu__toggle')")

    menu_link = page.get_by_role("link", name="Carte des acteurs")
    button.click()
    menu_link.click()
    page.wait_for_url("**/carte/")
    assert page.problems == [], "\n".join(page.problems)


def test_the_menu_works_without_javascript(live_server, public_site, chromium):
    context = chromium.new_context(viewport=PHONE, locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/actualites/")
    menu = page.get_by_role("navigation", name="Menu principal")
    assert not menu.is_visible()
    page.locator("summary.site-menu__toggle").click()
    assert menu.is_visible()
    page.locator("summary.filter-panel__toggle").click()
    assert page.locator(".filters button[type=submit]").is_visible()

    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(live_server.url + "/actualites/")
    assert menu.is_visible() and page.locator(".filters button[type=submit]").is_visible()
    context.close()


def test_the_menu_holds_on_one_row_on_a_laptop(live_server, public_site, browser_page):
    page = browser_page
    for width in (1366, 1920):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_server.url + "/")
        assert not page.locator(".site-menu__toggle").is_visible()
        tops = {round(box["y"]) for box in (link.bounding_box() for link in page.locator(".main-nav__link").all())}
        assert len(tops) == 1, f"the menu wraps onto {len(tops)} rows at {width} px"


def test_the_filter_button_says_how_many_filters_are_set(live_server, public_site, browser_page):
    page = browser_page
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/acteurs/")
    toggle = page.locator("summary.filter-panel__toggle")
    assert toggle.inner_text().strip() == "Filtrer"
    toggle.click()
    page.get_by_label("Rechercher", exact=True).fill("insertion")
    sector = page.locator("#id_secteur option").nth(1).get_attribute("value")
    page.locator("#id_secteur").select_option(sector)
    page.get_by_role("button", name="Afficher les acteurs").click()
    page.wait_for_url("**secteur=*")
    assert " ".join(toggle.inner_text().split()) == "Filtrer 2 filtres actifs"
    assert not page.locator(".filters button[type=submit]").is_visible()  # the results come first again

    page.set_viewport_size({"width": 1366, "height": 900})
    assert page.locator(".filters button[type=submit]").is_visible()  # beside the results on a wide screen
    assert not toggle.is_visible()
