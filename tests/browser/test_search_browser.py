"""A newcomer searches from the header, opens an actor, then finds the legal notices and the 404 in the layout."""


def test_a_newcomer_searches_from_the_header_and_opens_an_insertion_actor(
    live_server, demo_content, browser_page, screenshot
):
    page = browser_page
    page.goto(live_server.url + "/")

    page.get_by_role("search", name="Recherche sur le site").get_by_label("Rechercher sur le site").fill("insertion")
    page.keyboard.press("Enter")
    page.wait_for_url("**/recherche/?q=insertion")

    assert page.get_by_role("heading", level=1).inner_text() == "Résultats pour « insertion »"
    results = page.locator("#group-acteurs ~ .search-results .search-result__title")
    assert {"ADICHATS", "VAL+"} <= set(results.all_inner_texts())
    assert page.locator("mark").count() >= 2
    screenshot("recherche-insertion")

    page.get_by_role("link", name="VAL+").click()
    page.wait_for_url("**/acteurs/val-plus/")
    assert page.get_by_role("heading", level=1).inner_text() == "VAL+"

    # The footer leads to the legal notices; an unknown address gets the French 404 in the layout.
    page.get_by_role("link", name="Mentions légales").click()
    page.wait_for_url("**/mentions-legales/")
    assert page.get_by_role("navigation", name="Fil d'Ariane").is_visible()
    screenshot("mentions-legales")

    response = page.goto(live_server.url + "/page-qui-n-existe-pas/")
    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Cette page est introuvable"
    screenshot("erreur-404")
    assert page.problems == [], "\n".join(page.problems)
