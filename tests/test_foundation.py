"""The foundation: page tree rules, demo content, French admin, settings-driven shell."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Revision
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, streamfield

from home.demo import FOUNDING_ACTORS, PAYS, WAYS_IN
from home.models import ContentPage, HomePage, SiteSettings

PROJECT_DIR = Path(__file__).resolve().parent.parent


class PageTreeRulesTest(WagtailPageTestCase):
    def test_home_page_lives_only_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_content_pages_can_be_added_under_home_and_each_other(self):
        self.assertCanCreateAt(HomePage, ContentPage)
        self.assertCanCreateAt(ContentPage, ContentPage)

    def test_only_one_home_page(self):
        self.assertCanNotCreateAt(HomePage, HomePage)


class PageTypesServeTest(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo_content", stdout=io.StringIO())
        cls.home = HomePage.objects.get()
        cls.content = cls.home.add_child(
            instance=ContentPage(
                title="Qui sommes-nous ?",
                slug="qui-sommes-nous",
                intro="Le club en quelques mots.",
                body=[("heading", {"text": "Notre histoire", "level": "h2"})],
            )
        )

    def test_every_page_type_is_routable_renderable_and_previewable(self):
        body = streamfield([("heading", {"text": "Aperçu", "level": "h2"})])
        preview_data = {
            self.home: {"title": "Accueil", "slug": "home", "hero_title": "Aperçu", "hero_text": "", "body": body},
            self.content: {"title": "Qui ?", "slug": "qui", "intro": "", "body": body},
        }
        for page, data in preview_data.items():
            with self.subTest(page=page.title):
                self.assertPageIsRoutable(page)
                self.assertPageIsRenderable(page)
                self.assertPageIsPreviewable(page, post_data=nested_form_data(data))

    def test_content_page_shows_its_blocks(self):
        response = self.client.get(self.content.url)
        self.assertContains(response, '<h2 class="block-heading">Notre histoire</h2>', html=True)
        self.assertContains(response, "Le club en quelques mots.")


@pytest.mark.django_db
def test_home_page_presents_the_club_in_french(client, demo_content):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fr">' in html
    assert "Club ESS Sud-Gironde" in html
    assert 'href="#contenu"' in html  # skip link
    for name, _ in FOUNDING_ACTORS:
        assert name.replace("'", "&#x27;") in html
    for name, _ in PAYS:
        assert name in html
    for _, _, url in WAYS_IN:
        assert f'href="{url}"' in html


@pytest.mark.django_db
def test_footer_and_title_come_from_the_site_settings(client, demo_content):
    site_settings = SiteSettings.for_site(demo_content)
    site_settings.club_name = "Réseau ESS du Val de Loire"
    site_settings.contact_email = "bonjour@example.org"
    site_settings.save()
    html = client.get("/").content.decode()
    assert "Réseau ESS du Val de Loire" in html
    title = html.split("<title>")[1].split("</title>")[0]
    header = html.split("<header")[1].split("</header>")[0]
    assert "Club ESS Sud-Gironde" not in title + header  # header and <title> follow the settings
    assert 'href="mailto:bonjour@example.org"' in html


@pytest.mark.django_db
def test_main_menu_is_built_from_the_page_tree(client, home_page):
    page = home_page.add_child(instance=ContentPage(title="Le club", slug="le-club", show_in_menus=True))
    home_page.add_child(instance=ContentPage(title="Cachée", slug="cachee", show_in_menus=False))
    html = client.get("/").content.decode()
    nav = html.split('aria-label="Menu principal"')[1].split("</nav>")[0]
    assert 'href="/le-club/"' in nav
    assert "Cachée" not in nav
    response = client.get(page.url)
    assert 'aria-current="page"' in response.content.decode().split("</nav>")[0]


def _snapshot():
    User = get_user_model()
    return {
        "pages": list(Page.objects.order_by("path").values_list("path", "title", "latest_revision_id")),
        "revisions": Revision.objects.count(),
        "users": list(User.objects.order_by("username").values_list("username", "password")),
        "settings": list(SiteSettings.objects.values()),
    }


@pytest.mark.django_db
def test_load_demo_content_is_idempotent(demo_content, settings):
    before = _snapshot()
    settings.DEBUG = True
    # The samples' own second run is in test_first_run.py; here, the club's content.
    call_command("load_demo_content", "--no-samples", stdout=io.StringIO())
    assert _snapshot() == before


@pytest.mark.django_db
def test_load_demo_content_keeps_editors_changes(home_page):
    home_page.hero_title = "Un titre choisi par l'équipe"
    home_page.save_revision().publish()
    call_command("load_demo_content", stdout=io.StringIO())
    assert HomePage.objects.get().hero_title == "Un titre choisi par l'équipe"


@pytest.mark.django_db
def test_demo_accounts_only_when_debug_is_on(db, settings):
    settings.DEBUG = False
    call_command("load_demo_content", stdout=io.StringIO())
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["admin", "redaction", "moderation"])
def test_demo_accounts_reach_the_french_admin(client, demo_content, username):
    assert client.login(username=username, password="changeme")
    response = client.get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="fr"' in html
    assert "Tableau de bord" in html


@pytest.mark.django_db
def test_demo_accounts_have_their_roles(demo_content):
    User = get_user_model()
    assert User.objects.get(username="admin").is_superuser
    assert list(User.objects.get(username="redaction").groups.values_list("name", flat=True)) == ["Rédacteurs"]
    assert list(User.objects.get(username="moderation").groups.values_list("name", flat=True)) == ["Modérateurs"]


def _start_production(**env):
    environment = {key: value for key, value in os.environ.items() if key not in ("SECRET_KEY", "ALLOWED_HOSTS")}
    environment.update(DJANGO_SETTINGS_MODULE="site_ess.settings.production", **env)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({"ALLOWED_HOSTS": "club.example.org"}, "SECRET_KEY"),
        ({"SECRET_KEY": "x" * 60}, "ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_without_its_secrets(env, missing):
    result = _start_production(**env)
    assert result.returncode != 0
    assert f"The environment variable {missing} is required in production" in result.stderr


def test_production_starts_with_its_secrets():
    result = _start_production(SECRET_KEY="x" * 60, ALLOWED_HOSTS="club.example.org")
    assert result.returncode == 0, result.stderr
