"""Templates reach the site's sections through the page tree, never through a path written by hand."""

import re
from pathlib import Path

from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"
HAND_WRITTEN_PATH = re.compile(r'(?:href|action)="/[^"]*"')


def test_no_template_writes_a_site_path_by_hand():
    found = [
        f"{path.relative_to(TEMPLATES)}: {match}"
        for path in sorted(TEMPLATES.rglob("*.html"))
        for match in HAND_WRITTEN_PATH.findall(path.read_text())
    ]
    assert found == []


def test_links_to_a_section_follow_it_when_editors_change_its_address(client, demo_content):
    directory = demo_content.root_page.get_children().get(slug="acteurs").specific
    directory.slug = "annuaire"
    directory.save_revision().publish()

    page = client.get("/recherche/", {"q": "zzzzqqqq"}).content.decode()

    assert 'href="/annuaire/">l\'annuaire des acteurs</a>' in page
    assert 'href="/acteurs/"' not in page


def test_a_missing_section_leaves_no_broken_link(client, demo_content):
    demo_content.root_page.get_children().get(slug="acteurs").specific.unpublish()

    page = client.get("/recherche/", {"q": "zzzzqqqq"}).content.decode()

    assert "l'annuaire des acteurs" not in page
    assert "parcourez les rubriques du menu" in page
