"""The browser-test harness: Debian's Chromium driven by Playwright against a live server.

Every test in this folder is marked `browser`, runs after the rest of the suite, in one worker when the
suite runs in parallel (`xdist_group` under `--dist loadgroup`: one Chromium, started once), and gets a
database restored to its migrated state afterwards (`serialized_rollback`), so that the flush a
live server needs never takes the root page, the default site or the groups from other tests.
When no Chromium is found the tests are skipped with a message saying how to install it.
"""

import os
import shutil
from pathlib import Path

import pytest

from ..database_snapshot import put_back_migrated_rows

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
VIEWPORTS = {"telephone": {"width": 390, "height": 844}, "bureau": {"width": 1280, "height": 900}}


def find_chromium():
    candidates = [os.environ.get("CHROMIUM_PATH"), shutil.which("chromium"), "/usr/bin/chromium"]
    return next((path for path in candidates if path and Path(path).exists()), None)


CHROMIUM = find_chromium()
BROWSER_DIR = Path(__file__).parent


def pytest_collection_modifyitems(config, items):
    """Mark, order last, and give a restorable transactional database to every browser test."""
    browser_items = [item for item in items if BROWSER_DIR in Path(item.fspath).parents]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
        item.add_marker(pytest.mark.xdist_group("browser"))
        item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))
        if CHROMIUM is None:
            item.add_marker(
                pytest.mark.skip(reason="Chromium introuvable : `apt-get install chromium` (ou CHROMIUM_PATH)")
            )
    others = [item for item in items if item not in browser_items]
    items[:] = others + browser_items


@pytest.fixture(autouse=True)
def _restored_database(migrated_rows, _django_db_helper):
    """Put back the migrated database's content when Django could not.

    Once Playwright's event loop runs in this thread, Django's connection handler keeps its
    connections per context: the class set-up of the next test then sees a fresh connection
    without the serialized content: it skips the restore, and the flush before it recreates only
    the content types and permissions. Flush again, and restore the migrated content here.
    """
    put_back_migrated_rows(migrated_rows)


@pytest.fixture(scope="session")
def chromium():
    # Playwright's sync API runs an event loop in this thread; Django must still let tests touch the database.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium):
    """A fresh desktop-sized page collecting CSP violations and JavaScript errors in `page.problems`.

    Requests to other hosts (map tiles...) are refused: the tests never need the internet.
    """
    context = chromium.new_context(viewport=VIEWPORTS["bureau"], locale="fr-FR")
    context.route(lambda url: not url.startswith(("http://localhost", "http://127.0.0.1")), lambda route: route.abort())
    page = context.new_page()
    page.problems = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and page.problems.append(message.text),
    )
    page.on("pageerror", lambda error: page.problems.append(f"JavaScript error: {error}"))
    yield page
    context.close()


@pytest.fixture
def screenshot(browser_page):
    """screenshot("name") saves the page at phone and desktop widths under test-artifacts/screenshots/."""

    def take(name, page=browser_page):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        original = page.viewport_size
        paths = []
        for label, size in VIEWPORTS.items():
            page.set_viewport_size(size)
            path = SCREENSHOTS / f"{name}-{label}.png"
            page.screenshot(path=str(path), full_page=True)
            paths.append(path)
        page.set_viewport_size(original)
        return paths

    return take


@pytest.fixture
def admin_login(browser_page, live_server):
    """admin_login(username, password) signs in to the Wagtail admin through its form."""

    def login(username, password="changeme", page=browser_page):
        page.goto(live_server.url + "/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("button[type=submit]")
        page.wait_for_url(live_server.url + "/admin/")
        return page

    return login
