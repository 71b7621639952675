"""A visitor filters the mutualisation board, opens a post and finds how to answer; the public forms render."""

from datetime import timedelta

from django.utils import timezone

from actors.models import Actor, Commune
from board.models import BoardPost


def test_the_board_filters_without_javascript_and_shows_a_post(live_server, demo_content, browser_page, screenshot):
    langon = Commune.objects.get(insee_code="33227")
    actor = Actor.objects.get(slug="val-plus")
    for title, kind, category in [
        ("Camion benne disponible le week-end", "offre", "vehicules"),
        ("Cherche une salle de réunion", "besoin", "locaux"),
    ]:
        BoardPost.objects.create(
            title=title,
            kind=kind,
            category=category,
            description="Disponibilités et conditions à voir ensemble.",
            commune=langon,
            actor=actor,
            expires_on=timezone.localdate() + timedelta(days=30),
            contact_email="cache@example.org",
            live=True,
        )
    page = browser_page
    page.goto(live_server.url + "/mutualisation/")
    assert "Camion benne" in page.content() and "Cherche une salle" in page.content()
    screenshot("tableau-mutualisation")

    page.select_option("#id_type", "besoin")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "type=besoin" in page.url
    assert "Cherche une salle" in page.content() and "Camion benne" not in page.content()

    page.click("text=Cherche une salle de réunion")
    page.wait_for_load_state("networkidle")
    assert "Répondre à l'annonce" in page.content()
    assert "cache@example.org" not in page.content()
    screenshot("annonce-mutualisation")

    for path, name in [("/mutualisation/proposer/", "proposer-une-annonce"), ("/referencer/", "referencer")]:
        page.goto(live_server.url + path)
        screenshot(name)
    assert page.problems == [], "\n".join(page.problems)
