"""A volunteer's path through the admin, in Chromium: a rédacteur adds an actor and submits it, a moderator
approves it, and the actor appears in the directory and on the map.

With DOCS_SCREENSHOTS=1 the steps are also saved, at laptop width, as the pictures of docs/guide-benevoles.md.
"""

import os
import re
import shutil
from pathlib import Path

import pytest

from actors.models import Actor

from .admin_actions import choose_action

DOCS_SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "guide"


@pytest.fixture
def step(screenshot):
    """step("name") screenshots the page (phone and laptop) and, on request, refreshes the guide's picture."""

    def take(name, page):
        phone, laptop = screenshot(name, page=page)
        if os.environ.get("DOCS_SCREENSHOTS") == "1":
            DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            shutil.copy(laptop, DOCS_SCREENSHOTS / f"{name}.png")

    return take


def test_a_redacteurs_actor_is_moderated_then_listed(live_server, demo_content, browser_page, admin_login, step):
    page = admin_login("redaction")
    step("01-tableau-de-bord-redaction", page)

    page.goto(live_server.url + "/admin/snippets/actors/actor/add/")
    page.fill("#id_name", "Recyclerie de démonstration")
    page.fill("#id_short_description", "Collecte, répare et revend des objets du quotidien.")
    step("02-nouvel-acteur", page)
    page.get_by_role("tab", name="Territoire").click()
    page.fill("#id_latitude", "44,5567")
    page.fill("#id_longitude", "-0,2456")
    step("03-position-sur-la-carte", page)

    choose_action(page, "Soumettre")
    row = page.locator("tr", has_text="Recyclerie de démonstration")
    assert re.search("en cours de modération", row.inner_text(), re.IGNORECASE)
    step("04-soumis-a-la-relecture", page)
    actor_pk = Actor.objects.values_list("pk", flat=True).get(name="Recyclerie de démonstration")

    page.context.clear_cookies()
    page = admin_login("moderation")
    assert "Recyclerie de démonstration" in page.locator("#awaiting-review-content").inner_text()
    step("05-tableau-de-bord-moderation", page)

    page.goto(live_server.url + f"/admin/snippets/actors/actor/edit/{actor_pk}/")
    step("06-relecture", page)
    choose_action(page, "^Approuver et publier$")

    page.goto(live_server.url + "/acteurs/")
    assert "Recyclerie de démonstration" in page.content()
    step("07-annuaire", page)
    assert page.problems == [], "\n".join(page.problems)
