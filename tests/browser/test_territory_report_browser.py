"""Someone reads the état des lieux in Chromium: picks a Pays, follows a number to the directory, reads it on a
phone and prints it; axe-core finds nothing on the way."""

import io
import re

from pypdf import PdfReader

from actors.samples import generate_sample_actors, sud_gironde_communes

from .accessibility import axe_violations, horizontal_overflow

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
    page.emulate_media(media="print")
    for selector in (".site-header", ".search-box", ".report-filter", ".breadcrumbs"):
        assert page.locator(selector).first.is_hidden(), selector
    assert page.locator(".report-bars__bar").first.is_visible()
    reader = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    first = reader.pages[0].extract_text()
    assert "État des lieux de l'ESS" in first and "Rechercher" not in first
    assert "Chiffres au" in first
    assert page.problems == [], "\n".join(page.problems)
