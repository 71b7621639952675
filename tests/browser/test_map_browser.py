"""The map of actors as a visitor, a partner site and an editor use it, in Chromium (tiles refused)."""

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.request import urlopen

import pytest
from django.contrib.auth import get_user_model

from actors.models import Actor
from actors.samples import generate_sample_actors

from .admin_actions import choose_action
from .maps import wait_until_drawn


@pytest.fixture
def sample(demo_content):
    generate_sample_actors(60, seed=11)


def geojson_names(live_server, query=""):
    with urlopen(f"{live_server.url}/carte/acteurs.geojson{query}") as response:  # noqa: S310 (the test server)
        return sorted(feature["properties"]["name"] for feature in json.load(response)["features"])


def listed_names(page):
    return sorted(page.locator(".map-list li a").all_inner_texts())


def test_every_actor_is_drawn_and_listed_and_filters_narrow_both(live_server, sample, browser_page, screenshot):
    page = browser_page
    page.goto(live_server.url + "/carte/")
    names = geojson_names(live_server)
    assert len(names) == Actor.objects.published().located().count() > 20
    wait_until_drawn(page, len(names))
    assert page.get_attribute("[data-map]", "data-feature-count") == str(len(names))
    assert listed_names(page) == names
    assert page.locator(".map__tiles-note").is_visible()  # tiles refused: said, and the points stay
    screenshot("carte")

    sector = page.locator("#id_secteur option").nth(1).get_attribute("value")
    page.select_option("#id_secteur", sector)
    page.click("text=Afficher sur la carte")
    page.wait_for_url(re.compile(rf"secteur={sector}"))
    narrowed = geojson_names(live_server, f"?secteur={sector}")
    assert 0 < len(narrowed) < len(names)
    wait_until_drawn(page, len(narrowed))
    assert listed_names(page) == narrowed

    # Keyboard: Enter on a cluster zooms in, until a single marker whose popup Enter opens, focused.
    single = page.locator(".leaflet-marker-icon:not(.map-cluster)")
    for _ in range(8):
        if single.count():
            break
        page.locator(".map-cluster").first.focus()
        page.keyboard.press("Enter")
        page.wait_for_timeout(800)
    single.first.focus()
    page.keyboard.press("Enter")
    popup = page.locator(".map-popup")
    popup.wait_for()
    assert popup.locator(".map-popup__title").inner_text() in narrowed
    assert "Secteurs" in popup.inner_text() and "Voir la fiche" in popup.inner_text()
    assert page.evaluate("document.activeElement.classList.contains('map-popup__link')")
    assert page.get_attribute(".leaflet-popup-close-button", "aria-label") == "Fermer la bulle"
    # Escape, from the popup's link, closes it and gives the focus back to the marker.
    page.keyboard.press("Escape")
    popup.wait_for(state="detached")
    assert page.evaluate("document.activeElement.classList.contains('leaflet-marker-icon')")
    assert page.problems == [], "\n".join(page.problems)


@pytest.fixture
def partner_site(live_server):
    """Another site (another origin on this machine) whose page frames the embed view and the plain map."""
    frames = (
        f'<iframe title="Carte" src="{live_server.url}/carte/?embed=1" width="800" height="700"></iframe>'
        f'<iframe title="Sans accord" src="{live_server.url}/carte/" width="400" height="300"></iframe>'
    ).encode()

    class PartnerPage(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(b"<!doctype html><title>Partenaire</title>" + frames)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), PartnerPage)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


def test_the_embed_view_frames_in_another_site_and_the_others_do_not(
    live_server, sample, partner_site, browser_page, screenshot
):
    page = browser_page
    page.goto(partner_site)
    embedded = page.frame_locator("iframe[title=Carte]")
    embedded.locator("#liste-acteurs").wait_for()
    assert embedded.locator(".site-header").count() == 0
    assert embedded.locator(".map-list li").count() == Actor.objects.published().located().count()
    embedded.locator("[data-map][data-map-loaded]").wait_for(state="attached")
    refused = next(frame for frame in page.frames if frame.url.endswith("/carte/") or "chrome-error" in frame.url)
    assert "Les acteurs de la carte" not in refused.content()
    screenshot("carte-integree")


@pytest.fixture
def editor(transactional_db):
    return get_user_model().objects.create_superuser("cartographe", "carto@example.org", "un-bon-mot-de-passe")


def test_an_editor_places_a_new_actor_and_sees_it_on_the_public_map(
    live_server, demo_content, editor, browser_page, admin_login, screenshot
):
    page = admin_login("cartographe", "un-bon-mot-de-passe")
    page.goto(live_server.url + "/admin/snippets/actors/actor/add/")
    page.fill("#id_name", "Atelier d'essai de la carte")
    page.fill("#id_short_description", "Une structure créée par le test de la carte.")
    page.click("#tab-label-territoire")
    canvas = page.locator("[data-picker-canvas]")
    canvas.scroll_into_view_if_needed()
    canvas.click(position={"x": 220, "y": 160})
    assert page.input_value("#id_latitude") and page.input_value("#id_longitude")
    assert "pensez à enregistrer" in page.locator("[data-picker-status]").inner_text()
    screenshot("editeur-carte")
    choose_action(page, "^Publier$")
    assert re.search(r"/admin/snippets/actors/actor/$", page.url), page.url
    actor = Actor.objects.get(name="Atelier d'essai de la carte")
    assert actor.live and actor.latitude is not None

    page.goto(live_server.url + "/carte/")
    assert "Atelier d'essai de la carte" in listed_names(page)
    assert "Atelier d'essai de la carte" in geojson_names(live_server)
    assert page.problems == [], "\n".join(page.problems)
