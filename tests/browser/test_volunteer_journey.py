"""A volunteer's first hour, in Chromium: a rédacteur creates an actor (commune found by typing, point placed on
the map), a news item and an event of the current edition, and submits them; a moderator previews each in the
side panel and publishes it; the public pages show them.
"""

import re
from datetime import date

import pytest
from wagtail.search.backends import get_search_backend

from actors.models import Actor, ActorIndexPage, Commune
from news.models import EventPage, MoisEssEditionPage, MoisEssIndexPage, NewsIndexPage, NewsPage

from .admin_actions import choose_action


@pytest.fixture
def volunteer_site(demo_content, territories):
    """The demo site, its communes in the search index, and this year's edition (a draft) if the demo has none."""
    for model in (Commune, Actor):
        get_search_backend().add_bulk(model, model.objects.all())
    year = date.today().year
    edition = MoisEssEditionPage.objects.filter(year=year).first()
    if edition is None:
        edition = MoisEssEditionPage(title=f"Mois de l'ESS {year}", year=year, slug=str(year), live=False)
        MoisEssIndexPage.objects.get().add_child(instance=edition)
    return edition


def submit_for_moderation(page):
    choose_action(page, "Soumettre")


def preview_then_publish(page, url, expected_text):
    """Opens the edit form, shows the preview side panel, checks what it renders, then approves and publishes."""
    page.goto(url)
    page.wait_for_load_state("networkidle")
    toggle = page.locator('[data-side-panel-toggle="preview"]')
    if toggle.get_attribute("aria-expanded") != "true":  # Wagtail remembers the panel left open
        toggle.click()
    frame = page.frame_locator("#w-preview-iframe")
    frame.locator("h1").get_by_text(expected_text).wait_for(timeout=15_000)
    choose_action(page, "^Approuver et publier$")


def test_a_redacteur_creates_an_actor_a_news_item_and_an_event_that_a_moderator_publishes(
    live_server, volunteer_site, browser_page, admin_login, screenshot
):
    edition = volunteer_site
    page = admin_login("redaction")

    # An actor: the commune found by typing, the point placed on the map.
    page.goto(live_server.url + "/admin/snippets/actors/actor/add/")
    page.fill("#id_name", "Ressourcerie du parcours")
    page.fill("#id_short_description", "Collecte, répare et revend des objets du quotidien.")
    page.get_by_role("tab", name="Territoire").click()
    page.locator("[data-chooser-action-choose]:visible").first.click()
    page.locator(".modal-content input[name=q]").fill("lang")
    page.locator(".modal-content").get_by_role("link", name="Langon", exact=True).click()
    page.locator("[data-picker-canvas]").click(position={"x": 200, "y": 150})
    assert page.input_value("#id_latitude") and page.input_value("#id_longitude")
    screenshot("parcours-acteur", page)
    submit_for_moderation(page)
    actor = Actor.objects.get(name="Ressourcerie du parcours")
    assert actor.commune.name == "Langon" and actor.latitude is not None

    # A news item.
    news_index = NewsIndexPage.objects.get()
    page.goto(live_server.url + f"/admin/pages/add/news/newspage/{news_index.pk}/")
    page.fill("#id_title", "Une ressourcerie rejoint le club")
    page.fill("#id_intro", "La ressourcerie de Langon rejoint le club.")
    # « Acteurs concernés »: found by typing, without accents; the actor still in review is not offered.
    page.get_by_role("button", name=re.compile("acteur concerné")).click()
    modal = page.locator(".modal-content")
    modal.locator("input[name=q]").fill("parcours")
    modal.get_by_text(re.compile("Aucun résultat")).wait_for()
    modal.locator("input[name=q]").fill("beausejour")
    modal.get_by_text("Beauséjour – MFR").wait_for()
    screenshot("parcours-acteurs-concernes", page)
    modal.get_by_role("checkbox").first.check()
    modal.get_by_role("button", name=re.compile("Confirmer")).click()
    page.locator("[data-chooser-title]", has_text="Beauséjour – MFR").wait_for()
    page.fill("#id_date", date.today().isoformat())  # last: its date picker covers the form below it
    screenshot("parcours-actualite", page)
    submit_for_moderation(page)
    news = NewsPage.objects.get(title="Une ressourcerie rejoint le club")
    assert [link.actor.name for link in news.get_latest_revision_as_object().related_actors.all()] == [
        "Beauséjour – MFR"
    ]

    # An event, in the edition « Ajouter un événement » proposes.
    page.goto(live_server.url + "/admin/mois_ess_events/choose_parent/")
    assert page.locator("#id_parent_page").input_value() == str(edition.pk)
    with page.expect_navigation():
        page.locator("form button[type=submit]").last.click()
    page.fill("#id_title", "Atelier réparation")
    page.fill("#id_summary", "Réparer ensemble petits appareils et vélos.")
    page.fill("#id_start_date", f"{edition.year}-11-14")
    page.locator("[data-picker-canvas]").click(position={"x": 200, "y": 150})
    screenshot("parcours-evenement", page)
    submit_for_moderation(page)
    event = EventPage.objects.get(title="Atelier réparation")
    assert event.get_parent().pk == edition.pk and event.latitude is not None

    # The moderator previews each in the side panel, then publishes it.
    page.context.clear_cookies()
    page = admin_login("moderation")
    preview_then_publish(
        page, live_server.url + f"/admin/snippets/actors/actor/edit/{actor.pk}/", "Ressourcerie du parcours"
    )
    preview_then_publish(page, live_server.url + f"/admin/pages/{news.pk}/edit/", "Une ressourcerie rejoint le club")
    preview_then_publish(page, live_server.url + f"/admin/pages/{event.pk}/edit/", "Atelier réparation")
    screenshot("parcours-moderation", page)

    actor.refresh_from_db()
    news.refresh_from_db()
    event.refresh_from_db()
    assert actor.live and news.live and event.live
    actor_url = ActorIndexPage.objects.live().get().actor_url(actor)
    for url, text in ((actor_url, "Ressourcerie du parcours"), (news.url, "Une ressourcerie"), (event.url, "Atelier")):
        page.goto(live_server.url + url)
        assert text in page.content()
    assert page.problems == [], "\n".join(page.problems)
