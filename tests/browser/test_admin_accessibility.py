"""The admin pages volunteers use every day, checked by axe-core (WCAG 2.2 A/AA) after signing in."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from .accessibility import axe_violations

# Wagtail 7.4's own widgets with known axe findings, outside this project's code: the Draft.js rich-text
# field inside StreamField blocks (its text box is named by a placeholder only) and the editor's minimap
# (a scrollable list without a focusable item). Everything else of these pages is checked.
WAGTAIL_WIDGETS = [".DraftEditor-editorContainer", ".w-minimap__list"]


@pytest.fixture
def volunteer(transactional_db):
    return get_user_model().objects.create_superuser("benevole", "benevole@example.org", "un-bon-mot-de-passe")


def test_the_admin_pages_editors_use_have_no_wcag_violations(
    live_server, public_site, volunteer, browser_page, admin_login, screenshot
):
    home_page = public_site  # the fixture gives the home page, with a page of every public type under it
    page = browser_page
    admin_login("benevole", "un-bon-mot-de-passe")
    urls = {
        "tableau-de-bord": reverse("wagtailadmin_home"),
        "arborescence": reverse("wagtailadmin_explore", args=[home_page.pk]),
        "edition-accueil": reverse("wagtailadmin_pages:edit", args=[home_page.pk]),
        "acteurs": reverse("wagtailsnippets_actors_actor:list"),
        "images": reverse("wagtailimages:index"),
    }
    found = {}
    for name, url in urls.items():
        page.goto(live_server.url + url)
        page.wait_for_load_state("networkidle")
        violations = axe_violations(page, exclude=WAGTAIL_WIDGETS)
        if violations:
            found[name] = violations
        screenshot(f"admin-{name}")
    assert found == {}, "\n".join(f"{name}: " + "\n".join(lines) for name, lines in found.items())
