"""The editor's action menu, used as a volunteer uses it: the last change autosaved, then an action chosen."""

import re

# Wagtail autosaves the form half a second after the last change (WAGTAIL_AUTOSAVE_INTERVAL, 500 ms by default).
AUTOSAVE_DELAY_MS = 1500
AUTOSAVE_IDLE = """() => {
    const indicator = document.querySelector("#w-autosave-indicator");
    return !indicator || indicator.getAttribute("data-w-autosave-state-value") !== "saving";
}"""


def wait_for_autosave(page):
    """Let the last change's autosave start and finish.

    An action sent while an autosave is on its way posts the form to its former address (a second record, from a
    new record's form) or with an outdated revision (Wagtail then refuses it as edited elsewhere).
    """
    page.wait_for_timeout(AUTOSAVE_DELAY_MS)
    page.wait_for_function(AUTOSAVE_IDLE)


def choose_action(page, name):
    """Chooses `name` (a pattern) in the editor's « Plus d'actions » menu and waits for the page it leads to."""
    wait_for_autosave(page)
    page.locator(".w-dropdown-button").get_by_role("button", name=re.compile(r"Plus d.actions")).click()
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile(name, re.IGNORECASE)).click()
    page.wait_for_load_state("networkidle")
