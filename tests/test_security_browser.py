"""Wagtail's admin and the public pages work in Chromium under the site's Content-Security-Policy."""

import os
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's Chromium is not installed"),
]


@pytest.fixture
def browser_page():
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        try:
            page = browser.new_page()
            page.violations = []
            page.on(
                "console",
                lambda message: "Content Security Policy" in message.text and page.violations.append(message.text),
            )
            page.on("pageerror", lambda error: page.violations.append(f"JavaScript error: {error}"))
            yield page
        finally:
            browser.close()


@pytest.fixture
def editor(transactional_db):
    """Created before Playwright starts: database work inside its event loop would use another connection."""
    return get_user_model().objects.create_superuser("verif", "verif@example.org", "un-bon-mot-de-passe")


@pytest.mark.django_db(transaction=True)
def test_the_public_site_and_the_admin_work_under_their_policies(live_server, demo_content, editor, browser_page):
    page = browser_page
    home_id = demo_content.root_page_id

    page.goto(live_server.url + "/")
    page.wait_for_load_state("networkidle")
    assert page.violations == [], "\n".join(page.violations)

    page.goto(live_server.url + reverse("wagtailadmin_login"))
    page.fill("#id_username", "verif")
    page.fill("#id_password", "un-bon-mot-de-passe")
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + reverse("wagtailadmin_home"))

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
    assert page.violations == [], "\n".join(page.violations)
