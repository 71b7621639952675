"""A funder's path in Chromium: the news, one news page, then the progress page on a phone and printed to PDF."""

import re

from news.models import NewsPage

from .printing import printed_sheets, sheet_feet, without_feet

SITE_CHROME = (".site-header", ".search-box", ".site-footer", ".breadcrumbs", ".project-toc")
NARROW_PHONE = {"width": 360, "height": 780}


def test_a_funder_reads_the_news_and_prints_the_progress_page(live_server, project_site, browser_page, screenshot):
    page = browser_page

    page.goto(live_server.url + "/actualites/")
    page.select_option("#id_phase", "ingenierie")
    page.click("text=Afficher les actualités")
    page.wait_for_url(re.compile(r".*phase=ingenierie.*"))
    cards = page.locator(".news-card")
    assert cards.count() == NewsPage.objects.filter(phase__slug="ingenierie").count()
    screenshot("actualites")

    cards.first.locator(".card__title a").click()
    page.wait_for_load_state("load")
    assert page.locator("h1").count() == 1
    assert page.locator('script[type="application/ld+json"]').count() == 1
    screenshot("actualite")

    page.goto(live_server.url + "/projet/")
    assert page.locator(".timeline__phase").count() == 3
    assert page.locator('.timeline__phase[aria-current="step"]').inner_text().count("Phase en cours") >= 1
    assert page.locator(".indicator-card svg").count() >= 1
    screenshot("projet")
    assert page.problems == [], "\n".join(page.problems)

    # On a narrow phone: the first screen says where the project is and what it costs, nothing scrolls sideways.
    page.set_viewport_size(NARROW_PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW_PHONE["width"]
    for selector in (".glance", ".budget-table", ".indicator-card__table"):
        box = page.locator(selector).first.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= NARROW_PHONE["width"], selector
    assert page.locator(".budget-table thead").first.bounding_box()["height"] <= 1  # rows stacked, labelled
    assert page.locator(".glance").bounding_box()["y"] < NARROW_PHONE["height"]

    page.set_viewport_size({"width": 1280, "height": 900})
    sheets = printed_sheets(page)
    for selector in SITE_CHROME:
        assert page.locator(selector).first.is_hidden(), selector
    assert page.locator(".timeline").is_visible() and page.locator(".indicator-card__chart").first.is_visible()
    assert 2 <= len(sheets) <= 3, len(sheets)
    feet = sheet_feet(len(sheets))
    for number, sheet in enumerate(sheets, start=1):
        assert feet[0] in sheet and feet[number] in sheet, number
    first = without_feet(sheets[0], feet)
    assert first.startswith("Avancement du projet Le projet en bref"), first[:200]  # no blank sheet, no header
    for words in ("Phase en cours Développement", "Budget prévu 11 275 €", "80 %", "Indicateurs clés"):
        assert words.lower() in first.lower(), words
    assert "Rechercher" not in " ".join(sheets)
