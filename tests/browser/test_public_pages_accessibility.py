"""Every public page type in Chromium: no WCAG 2.2 A/AA violation for axe-core, a page a screen reader can
walk (lang, one h1, landmarks), no horizontal scroll at 200 % and 400 % zoom, screenshots at two widths."""

import pytest

from ..public_pages import PUBLIC_PAGES, build_public_site
from .accessibility import assert_accessible, horizontal_overflow

# A 1280 px wide window zoomed to 200 % lays the page out in 640 CSS pixels; 320 px is WCAG's reflow width (400 %).
ZOOMED_WIDTHS = [640, 320]


@pytest.mark.parametrize("public_page", PUBLIC_PAGES, ids=[p.name for p in PUBLIC_PAGES])
def test_public_page_is_accessible(live_server, home_page, browser_page, screenshot, public_page):
    build_public_site(home_page)
    page = browser_page
    response = page.goto(live_server.url + public_page.path)
    assert response.status == public_page.status

    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("h1").count() == 1
    assert page.locator("main#contenu").count() == 1
    assert page.locator("header.site-header nav[aria-label]").count() == 1
    assert page.locator("footer").count() >= 1
    assert_accessible(page)

    for width in ZOOMED_WIDTHS:
        page.set_viewport_size({"width": width, "height": 700})
        assert horizontal_overflow(page) <= 0, f"{public_page.path} scrolls sideways at {width} CSS px"
    assert_accessible(page)  # the narrow layout too (menu, stacked filters)

    screenshot(f"public-{public_page.name}")
    assert page.problems == [], "\n".join(page.problems)
