"""The reference pages built by the demo (open data, accessibility, legal notices), breadcrumbs and footer."""

import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve
from wagtail.models import Page

from home.models import ContentPage, OpenDataPage
from home.open_data import OPEN_DATA_FILES


def footer(html):
    return html.split('<footer class="site-footer">', 1)[1].split("</footer>", 1)[0]


def served_by_the_urlconf(path):
    """True once an app's URLconf serves the file (Wagtail's page tree answers only addresses ending in "/")."""
    try:
        return resolve(path).url_name != "wagtail_serve"
    except Resolver404:
        return False


@pytest.mark.django_db
def test_the_demo_builds_the_reference_pages_once(client, home_page):
    for path, title in [
        ("/donnees-ouvertes/", "Données ouvertes"),
        ("/accessibilite/", "Accessibilité"),
        ("/mentions-legales/", "Mentions légales"),
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert f"<h1>{title}</h1>" in response.content.decode()

    count = Page.objects.count()
    call_command("load_demo_content", stdout=io.StringIO())
    assert Page.objects.count() == count


@pytest.mark.django_db
def test_the_open_data_page_documents_every_file_and_the_map_snippet(client, home_page):
    html = client.get("/donnees-ouvertes/").content.decode()

    for item in OPEN_DATA_FILES:
        assert f'href="{item.path}"' in html, item.path
        for name, _ in item.fields:
            assert f"<code>{name}</code>" in html.replace("&#x27;", "'"), (item.path, name)
    assert "Licence Ouverte 2.0 (Etalab)" in html
    assert "&lt;iframe src=&quot;http://localhost/carte/?embed=1&quot;" in html


@pytest.mark.django_db
def test_the_open_data_page_links_each_file_to_its_section_by_a_readable_anchor(client, home_page):
    html = client.get("/donnees-ouvertes/").content.decode()

    ids = set(re.findall(r'id="([^"]+)"', html))
    links = re.findall(r'href="#([^"]+)"', html)
    assert "etat-des-lieux-chiffres-csv" in links
    assert "acteurs-acteurs-csv" in links
    for target in links:
        assert target in ids, target


@pytest.mark.django_db
def test_documented_files_answer_once_their_address_exists(client, home_page):
    served = [item for item in OPEN_DATA_FILES if served_by_the_urlconf(item.path)]
    assert "/acteurs/acteurs.csv" in [item.path for item in served]

    for item in served:
        for url in filter(None, {item.path, item.example}):
            assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_every_column_of_the_actors_csv_is_documented(client, home_page):
    header = client.get("/acteurs/acteurs.csv").getvalue().decode("utf-8-sig").splitlines()[0].split(",")
    documented = next(item for item in OPEN_DATA_FILES if item.path == "/acteurs/acteurs.csv")

    assert [name for name, _ in documented.fields] == header


@pytest.mark.django_db
def test_the_accessibility_statement_follows_the_rgaa_model(client, home_page):
    html = client.get("/accessibilite/").content.decode()

    for section in ("État de conformité", "Contenus non accessibles", "Retour d&#x27;information et contact"):
        assert section in html or section.replace("&#x27;", "'") in html
    assert "Voies de recours" in html
    assert "Défenseur des droits" in html
    assert "non conforme" in html


@pytest.mark.django_db
def test_the_legal_notices_name_the_publisher_the_host_and_the_credits(client, home_page):
    html = client.get("/mentions-legales/").content.decode()

    for section in ("Éditeur du site", "Hébergement", "Crédits"):
        assert section in html
    assert "OpenStreetMap" in html and "INSEE" in html


@pytest.mark.django_db
def test_the_footer_links_the_reference_pages_that_exist(client, home_page):
    for page in Page.objects.filter(slug__in=["contact", "confidentialite"]):
        page.delete()  # the demo's own, so that the test starts without them
    assert 'href="/contact/"' not in footer(client.get("/").content.decode())

    for slug, title in [("confidentialite", "Confidentialité"), ("contact", "Contact")]:
        home_page.add_child(instance=ContentPage(title=title, slug=slug)).save_revision().publish()
    links = re.findall(r'href="([^"]+)"', footer(client.get("/").content.decode()))

    expected = ["/donnees-ouvertes/", "/accessibilite/", "/mentions-legales/", "/confidentialite/", "/contact/"]
    assert [link for link in links if link in expected] == expected


@pytest.mark.django_db
def test_footer_links_cost_no_query_beyond_the_menu(client, home_page):
    page = home_page.add_child(instance=ContentPage(title="Le club", slug="le-club"))
    page.save_revision().publish()
    ContentPage.objects.filter(slug__in=["accessibilite", "mentions-legales"]).delete()
    OpenDataPage.objects.all().delete()

    def queries():
        client.get("/le-club/")
        with CaptureQueriesContext(connection) as context:
            client.get("/le-club/")
        return len(context)

    without_links = queries()
    call_command("load_demo_content", stdout=io.StringIO())
    assert 'href="/mentions-legales/"' in footer(client.get("/le-club/").content.decode())
    assert queries() == without_links


@pytest.mark.django_db
def test_inner_pages_have_breadcrumbs_from_the_page_tree(client, home_page):
    parent = home_page.add_child(instance=ContentPage(title="Le club", slug="le-club"))
    parent.save_revision().publish()
    child = parent.add_child(instance=ContentPage(title="Nos statuts", slug="statuts"))
    child.save_revision().publish()

    html = client.get("/le-club/statuts/").content.decode()

    trail = html.split('aria-label="Fil d\'Ariane"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r">([^<>]+)</(?:a|span)>", trail) == ["Accueil", "Le club", "Nos statuts"]
    assert 'href="/le-club/"' in trail
