"""Wagtail's admin and the public pages work in Chromium under the site's Content-Security-Policy."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse


@pytest.fixture
def editor(transactional_db):
    return get_user_model().objects.create_superuser("verif", "verif@example.org", "un-bon-mot-de-passe")


def test_the_public_site_and_the_admin_work_under_their_policies(
    live_server, demo_content, editor, browser_page, admin_login
):
    page = browser_page
    home_id = demo_content.root_page_id

    page.goto(live_server.url + "/")
    page.wait_for_load_state("networkidle")
    assert page.problems == [], "\n".join(page.problems)

    admin_login("verif", "un-bon-mot-de-passe")

    for url in (
        reverse("wagtailadmin_pages:edit", args=[home_id]),
        reverse("wagtailsettings:edit", args=["home", "sitesettings", demo_content.pk]),
        reverse("wagtailimages:add"),
    ):
        page.goto(live_server.url + url)
        page.wait_for_load_state("networkidle")
        assert page.locator("form").count() > 0, url

    page.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=[home_id]))
    page.fill("#id_hero_title", "Un nouveau titre")
    page.locator("button.action-save").first.click()
    page.wait_for_load_state("networkidle")
    assert "Un nouveau titre" in page.content()
    assert page.problems == [], "\n".join(page.problems)
