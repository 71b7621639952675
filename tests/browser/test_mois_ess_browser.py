"""The Mois de l'ESS as the public walks it: the section, an edition, an event, its calendar file, the programme."""

from icalendar import Calendar


def test_a_visitor_finds_the_2010_meetings_and_adds_them_to_a_calendar(
    live_server, demo_content, browser_page, screenshot
):
    page = browser_page
    page.goto(live_server.url + "/mois-de-l-ess/")
    assert page.locator("h1").inner_text() == "Mois de l'ESS"
    screenshot("mois-ess-rubrique")

    page.get_by_role("link", name="Mois de l'ESS 2010").click()
    page.wait_for_url("**/mois-de-l-ess/2010/")
    assert "Novembre 2010 (jour non précisé)" in page.locator(".programme-day__title").first.inner_text()
    screenshot("mois-ess-edition")

    page.get_by_role("link", name="Agir, Entreprendre et Créer Autrement dans le Sud Gironde").click()
    page.wait_for_url("**/agir-entreprendre-et-creer-autrement/")
    screenshot("mois-ess-evenement")
    ics_url = page.get_by_role("link", name="Ajouter à mon agenda (.ics)").get_attribute("href")
    assert ics_url.endswith(".ics")
    response = page.request.get(live_server.url + ics_url)
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    (event,) = Calendar.from_ical(response.body()).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Agir, Entreprendre et Créer Autrement dans le Sud Gironde"

    page.goto(live_server.url + "/mois-de-l-ess/2010/programme/")
    page.emulate_media(media="print")
    assert page.locator(".programme-sheet__back").is_hidden()
    screenshot("mois-ess-programme-imprime")
    assert page.problems == [], "\n".join(page.problems)
