"""A funder's path in Chromium: the news, one news page, then the progress page printed to PDF."""

import re

from news.models import NewsPage

SITE_CHROME = (".site-header .main-nav", ".site-footer", ".breadcrumbs", ".project-toc")


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
    assert page.locator(".indicator-chart svg").count() >= 1
    screenshot("projet")
    assert page.problems == [], "\n".join(page.problems)

    page.emulate_media(media="print")
    for selector in SITE_CHROME:
        assert page.locator(selector).first.is_hidden(), selector
    assert page.locator(".timeline").is_visible() and page.locator(".indicator-table").is_visible()
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 6, pages
