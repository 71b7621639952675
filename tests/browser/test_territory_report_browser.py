"""Someone reads the état des lieux in Chromium: picks a Pays, follows a number to the directory, reads it on a
phone and prints it; axe-core finds nothing on the way. Printed at the size of `make run`'s demo, the page fills
two or three A4 sheets."""

import re

from actors.samples import generate_sample_actors, sud_gironde_communes

from .accessibility import axe_violations, horizontal_overflow
from .printing import printed_sheets, sheet_feet, without_feet

SITE_CHROME = (".site-header", ".search-box", ".site-footer", ".breadcrumbs", ".report-filter", ".project-toc")

PAYS = "pays-pays-rives-de-garonne"


def test_a_reader_picks_a_territory_follows_a_number_and_prints_the_page(
    live_server, home_page, browser_page, screenshot
):
    generate_sample_actors(60, seed=18, communes=sud_gironde_communes())
    page = browser_page
    page.goto(live_server.url + "/etat-des-lieux/")
    page.select_option("#id_territoire", PAYS)
    page.click("text=Afficher")
    page.wait_for_url(re.compile(rf".*territoire={PAYS}.*"))
    assert page.locator("h2#report-summary-title").inner_text() == "Pays Rives de Garonne"
    assert axe_violations(page) == []
    screenshot("etat-des-lieux")

    page.set_viewport_size({"width": 390, "height": 844})
    assert horizontal_overflow(page) == 0
    assert axe_violations(page) == []
    screenshot("etat-des-lieux-telephone")
    page.set_viewport_size({"width": 1280, "height": 900})

    link = page.locator("#secteurs tbody td a").first
    count = int(link.inner_text())
    link.click()
    page.wait_for_url(re.compile(r".*/acteurs/\?.*secteur=.*"))
    assert f"territoire={PAYS}" in page.url
    assert page.locator(".actor-card").count() == min(count, 24)

    page.go_back()
    sheets = printed_sheets(page)
    assert "Pays Rives de Garonne" in sheets[0] and "Chiffres au" in sheets[0]
    assert page.problems == [], "\n".join(page.problems)


def test_the_demo_s_etat_des_lieux_prints_on_two_or_three_sheets(live_server, demo_samples, browser_page):
    page = browser_page
    page.goto(live_server.url + "/etat-des-lieux/")
    sheets = printed_sheets(page)

    for selector in SITE_CHROME:
        assert page.locator(selector).first.is_hidden(), selector
    assert page.locator(".report-bars__bar").first.is_visible() and page.locator(".report-growth__chart").is_visible()
    assert 2 <= len(sheets) <= 3, len(sheets)
    feet = sheet_feet(len(sheets))
    for number, sheet in enumerate(sheets, start=1):
        assert feet[0] in sheet and feet[number] in sheet, number
    first = without_feet(sheets[0], feet)
    assert first.startswith("État des lieux de l'ESS"), first[:200]  # no blank sheet, no header
    for words in ("Tout le territoire de l'annuaire", "acteurs publiés dans l'annuaire", "Acteurs par secteur"):
        assert words in first, words
    assert "Rechercher" not in " ".join(sheets)
    # Tables fit the sheet: at the printed width of an A4 sheet (18 cm between the margins), nothing is wider.
    page.set_viewport_size({"width": 680, "height": 960})
    assert page.evaluate("document.documentElement.scrollWidth") <= 680
    assert page.problems == [], "\n".join(page.problems)
