"""What a newcomer's `make run` shows: located founders, the three Pays with their communes, the fictional
samples under DEBUG only, this year's draft edition, and absolute links on the address being served."""

import csv
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Site

from actors.models import Actor, Commune, Pays
from actors.samples import SAMPLE_SOURCE, SUD_GIRONDE_EPCIS
from board.choices import PostCategory, PostKind
from board.models import BoardPost
from board.samples import SAMPLE_PREFIX as BOARD_SAMPLE_PREFIX
from home.site_address import check_site_address
from news.models import EventPage, MoisEssEditionPage, NewsPage
from news.models.events import today_in_paris
from news.samples import EVENT_SLUG_PREFIX, NEWS_SLUG_PREFIX

from .mois_ess.helpers import make_event

ROOT = Path(__file__).resolve().parent.parent
REOLAIS = (
    "200044394"  # CC du Réolais en Sud Gironde: La Réole in the Haut Entre-Deux-Mers, Auros in the Rives de Garonne
)


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


def quiet():
    return open("/dev/null", "w")  # noqa: SIM115


def features(client, params=None) -> dict:
    response = client.get("/carte/acteurs.geojson", params or {})
    assert response.status_code == 200
    return {feature["properties"]["name"]: feature for feature in response.json()["features"]}


# 1. The founders on the map


def test_the_founders_with_a_known_commune_are_on_the_map_at_their_town_hall(client, demo_content):
    placed = features(client)
    for name, commune in (("Co-Actions", "Captieux"), ("Bouger c'est permis", "Langon"), ("ADICHATS", "Villandraut")):
        assert placed[name]["properties"]["commune"] == commune
        assert placed[name]["properties"]["approximate"] is True
        town_hall = Commune.objects.get(name=commune)
        assert placed[name]["geometry"]["coordinates"] == pytest.approx(
            [float(town_hall.longitude), float(town_hall.latitude)], abs=1e-4
        )
    # Nothing public was found about the others: no commune is invented.
    for slug in ("mfr-beausejour", "trajectoire", "val-plus"):
        assert Actor.objects.get(slug=slug).commune is None
    html = client.get("/carte/").content.decode()
    assert "Aucun acteur à placer" not in html


def test_a_founder_created_before_its_commune_was_known_gets_it_unless_an_editor_chose_one(demo_content):
    co_actions, bouger = Actor.objects.get(slug="co-actions"), Actor.objects.get(slug="bouger-c-est-permis")
    co_actions.commune = None
    co_actions.save_revision().publish()
    bouger.commune = Commune.objects.get(name="Bazas")
    bouger.save_revision().publish()
    call_command("load_demo_content", "--no-samples", stdout=quiet())
    assert Actor.objects.get(slug="co-actions").commune.name == "Captieux"
    assert Actor.objects.get(slug="co-actions").get_latest_revision().as_object().commune.name == "Captieux"
    assert Actor.objects.get(slug="bouger-c-est-permis").commune.name == "Bazas"


# 2. The three Pays, commune by commune


def test_each_pays_has_its_sourced_member_communes(demo_content):
    communes = {pays.slug: set(pays.communes.values_list("name", flat=True)) for pays in Pays.objects.all()}
    assert {"La Réole", "Monségur", "Sauveterre-de-Guyenne", "Blasimon"} <= communes["pays-haut-entre-deux-mers"]
    assert {"Langon", "Saint-Macaire", "Auros", "Aillas"} <= communes["pays-rives-de-garonne"]
    assert communes["pays-haut-entre-deux-mers"].isdisjoint(communes["pays-rives-de-garonne"])
    # Unsourced, so left empty (the README says so) rather than invented.
    assert communes["pays-landes-de-gascogne"] == set()


def test_the_pays_filter_finds_the_actors_of_its_communes_in_the_directory_csv_and_map(client, demo_content):
    html = client.get("/acteurs/").content.decode()
    assert "Pays Rives de Garonne (1)" in html
    assert "Pays Rives de Garonne (0)" not in html

    html = client.get("/acteurs/", {"territoire": "pays-pays-rives-de-garonne"}).content.decode()
    assert "Bouger c&#x27;est permis" in html
    assert "Co-Actions" not in html

    exported = client.get("/acteurs/acteurs.csv", {"territoire": "pays-pays-rives-de-garonne"})
    rows = csv.DictReader(io.StringIO(exported.getvalue().decode("utf-8-sig")))
    assert [row["nom"] for row in rows] == ["Bouger c'est permis"]

    assert list(features(client, {"territoire": "pays-pays-rives-de-garonne"})) == ["Bouger c'est permis"]


def test_an_intercommunality_across_two_pays_says_so_in_the_filters(client, demo_content):
    actor = Actor.objects.get(slug="val-plus")
    actor.commune = Commune.objects.get(name="La Réole")
    actor.save_revision().publish()
    label = "CC du Réolais en Sud Gironde (partagée entre Pays Haut Entre-Deux-Mers et Pays Rives de Garonne)"
    assert label in client.get("/acteurs/").content.decode()
    assert label in client.get("/mutualisation/").content.decode()
    assert "CC du Sud Gironde (partagée" not in client.get("/acteurs/").content.decode()


def test_events_and_board_posts_of_a_member_commune_are_found_under_its_pays(client, demo_content):
    edition = MoisEssEditionPage.objects.get(year=2010)
    make_event(edition, "Atelier à Langon")
    make_event(edition, "Forum à Bazas", commune=Commune.objects.get(name="Bazas"))
    html = client.get("/mois-de-l-ess/", {"territoire": "pays-pays-rives-de-garonne", "annee": "2010"}).content.decode()
    assert "Atelier à Langon" in html and "Forum à Bazas" not in html

    for title, commune in (("Remorque à Langon", "Langon"), ("Salle à Bazas", "Bazas")):
        BoardPost.objects.create(
            kind=PostKind.OFFER,
            category=PostCategory.EQUIPMENT,
            title=title,
            description="Une annonce.",
            poster_organisation="Association",
            commune=Commune.objects.get(name=commune),
            contact_email="annonce@example.org",
            live=True,
        )
    html = client.get("/mutualisation/", {"territoire": "pays-pays-rives-de-garonne"}).content.decode()
    assert "Remorque à Langon" in html and "Salle à Bazas" not in html


# 1 (continued). The fictional samples: under DEBUG only, once


def sample_counts():
    return (
        Actor.objects.filter(source=SAMPLE_SOURCE).count(),
        NewsPage.objects.filter(slug__startswith=NEWS_SLUG_PREFIX).count(),
        EventPage.objects.filter(slug__startswith=EVENT_SLUG_PREFIX).count(),
        BoardPost.objects.filter(title__startswith=BOARD_SAMPLE_PREFIX).count(),
    )


def test_make_run_adds_labelled_fictional_samples_once_spread_over_the_sud_gironde(client, demo_samples, settings):
    actors, news, events, posts = sample_counts()
    assert 140 <= actors <= 160 and news and events and posts
    samples = Actor.objects.filter(source=SAMPLE_SOURCE)
    assert all(name.startswith("Exemple fictif") for name in samples.values_list("name", flat=True))
    assert not samples.exclude(commune__epci__siren__in=SUD_GIRONDE_EPCIS).exists()
    assert samples.values("commune").distinct().count() > 50

    year = today_in_paris().year
    for edition_year in (year, year + 1):
        edition = MoisEssEditionPage.objects.get(year=edition_year)
        assert edition.live and EventPage.objects.live().child_of(edition).exists()
    assert len(features(client)) > 140

    settings.DEBUG = True
    call_command("load_demo_content", stdout=quiet())
    assert sample_counts() == (actors, news, events, posts)


def test_no_samples_with_the_flag_nor_ever_in_production(demo_content, settings):
    settings.DEBUG = True
    call_command("load_demo_content", "--no-samples", stdout=quiet())
    assert sample_counts() == (0, 0, 0, 0)
    settings.DEBUG = False
    call_command("load_demo_content", stdout=quiet())
    assert sample_counts() == (0, 0, 0, 0)


# 7. This year's edition, a draft to fill


def test_the_demo_prepares_this_years_edition_as_an_unpublished_draft(client, demo_content):
    year = today_in_paris().year
    edition = MoisEssEditionPage.objects.get(year=year)
    assert not edition.live and edition.title == f"Mois de l'ESS {year}"
    assert edition.get_latest_revision() is not None
    assert client.get(f"/mois-de-l-ess/{year}/").status_code == 404
    assert MoisEssEditionPage.objects.get(year=2010).live
    call_command("load_demo_content", "--no-samples", stdout=quiet())
    assert MoisEssEditionPage.objects.filter(year=year).count() == 1


# 3. The Site's address


@pytest.mark.parametrize(
    ("url", "address"),
    [("http://127.0.0.1:8111", ("127.0.0.1", 8111)), ("https://club-ess.example.org", ("club-ess.example.org", 443))],
)
def test_set_site_address_gives_the_default_site_the_address_served(demo_content, url, address):
    call_command("set_site_address", url, stdout=quiet())
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == address


def test_the_sitemap_links_to_the_address_being_served(client, demo_content):
    call_command("set_site_address", "http://127.0.0.1:8111", stdout=quiet())
    xml = client.get("/sitemap.xml", HTTP_HOST="127.0.0.1:8111").content.decode()
    assert "<loc>http://127.0.0.1:8111/acteurs/</loc>" in xml
    assert "http://localhost/" not in xml


def test_set_site_address_without_argument_takes_wagtailadmin_base_url(demo_content, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://club-ess.example.org"
    call_command("set_site_address", stdout=quiet())
    assert Site.objects.get(is_default_site=True).hostname == "club-ess.example.org"


def test_set_site_address_refuses_a_partial_address(demo_content):
    with pytest.raises(Exception, match="adresse"):
        call_command("set_site_address", "club-ess.example.org", stdout=quiet())


def test_the_deploy_check_warns_while_the_site_and_wagtailadmin_base_url_differ(demo_content):
    with override_settings(WAGTAILADMIN_BASE_URL="https://club-ess.example.org"):
        assert [warning.id for warning in check_site_address()] == ["home.W002"]
        call_command("set_site_address", stdout=quiet())
        assert check_site_address() == []


def test_make_run_sets_the_site_to_the_port_it_serves():
    dry_run = subprocess.run(  # noqa: S603  (make, with fixed arguments)
        [shutil.which("make"), "-n", "run", "PORT=8123"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert "manage.py set_site_address http://127.0.0.1:8123" in dry_run
    assert dry_run.index("set_site_address") < dry_run.index("runserver 127.0.0.1:8123")
