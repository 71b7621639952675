"""Every public page type in Chromium: no WCAG 2.2 A/AA violation for axe-core, a page a screen reader can
walk (lang, one h1, landmarks), no horizontal scroll at 200 % and 400 % zoom, screenshots at two widths.

The site is built once and every page walked in turn (building it and restoring the database take longer
than the checks); every problem of every page is reported together, each line naming its page.
"""

from ..public_pages import PUBLIC_PAGES
from .accessibility import axe_violations, horizontal_overflow, wait_for_maps

# A 1280 px wide window zoomed to 200 % lays the page out in 640 CSS pixels; 320 px is WCAG's reflow width (400 %).
ZOOMED_WIDTHS = [640, 320]


def structure_problems(page, public_page):
    """What a screen reader relies on: the language, one h1, the main landmark, a named menu, a footer."""
    checks = [
        (page.locator("html").get_attribute("lang") == "fr", 'the page\'s language is not lang="fr"'),
        (page.locator("h1").count() == 1, f"{page.locator('h1').count()} h1 headings instead of one"),
        (page.locator("main#contenu").count() == 1, "no main#contenu landmark"),
        (page.locator("footer").count() >= 1, "no footer"),
    ]
    if public_page.site_header:
        menus = page.locator("header.site-header nav[aria-label]").count()
        checks.append((menus == 1, f"{menus} named navigations in the header instead of one"))
    return [message for passed, message in checks if not passed]


def page_problems(page, public_page, url):
    response = page.goto(url)
    if response.status != public_page.status:
        return [f"status {response.status}, expected {public_page.status}"]
    wait_for_maps(page)
    problems = structure_problems(page, public_page) + axe_violations(page)
    original = page.viewport_size
    for width in ZOOMED_WIDTHS:
        page.set_viewport_size({"width": width, "height": 700})
        overflow = horizontal_overflow(page)
        if overflow > 0:
            problems.append(f"scrolls sideways by {overflow} px at {width} CSS px")
    wait_for_maps(page)  # a map follows the new width
    problems += [f"at {ZOOMED_WIDTHS[-1]} px: {line}" for line in axe_violations(page)]  # the narrow layout too
    page.set_viewport_size(original)
    return problems


def test_every_public_page_type_is_accessible(live_server, public_site, browser_page, screenshot):
    page = browser_page
    problems = []
    for public_page in [public_page for public_page in PUBLIC_PAGES if public_page.html]:
        url = live_server.url + public_page.url
        page.problems.clear()
        found = page_problems(page, public_page, url) + list(page.problems)
        problems += [f"{public_page.name} ({public_page.url}): {line}" for line in found]
        screenshot(f"public-{public_page.name}")
    assert problems == [], "\n".join(problems)
