"""The public directory: listing, filters with counts, profiles, JSON-LD, CSV, bad input and query budgets."""

import csv
import io
import json
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page

from actors.choices import HeadcountBand, LegalForm
from actors.filters import DirectoryFilter
from actors.models import Actor, ActorIndexPage, ActorProfilePage, Commune, Epci, Pays, PaysCommune, Sector
from actors.samples import generate_sample_actors

from .test_query_budgets import count_queries

# A profile also lists the news about the actor (one query, the news app's `actor_news` tag)
# and its upcoming Mois de l'ESS events (one query), and reads the directory's sectors (one query: the colour of
# its placeholder when it has no cover photo, the one the actor has on the map).
QUERY_BUDGET = 15


@pytest.fixture
def directory(demo_content):
    return ActorIndexPage.objects.get()


def listed_names(response) -> list[str]:
    return re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', response.content.decode())


def json_ld(response) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S)
    return json.loads(match.group(1))


def test_directory_lists_the_six_founding_actors(client, directory):
    response = client.get("/acteurs/")
    assert response.status_code == 200
    assert len(listed_names(response)) == 6
    assert "6 acteurs" in response.content.decode()
    assert directory.show_in_menus and directory.url == "/acteurs/"


def test_filters_narrow_the_list_and_count_each_option(client, directory):
    response = client.get("/acteurs/", {"statut": "cae"})
    assert listed_names(response) == ["Co-Actions"]
    html = response.content.decode()
    assert (
        '<option value="cae" selected>Coopérative — CAE (coopérative d&#x27;activité et d&#x27;emploi) (1)</option>'
        in html
    )
    # Other facets count within the current selection.
    assert "Insertion par l&#x27;activité économique (0)" in html
    response = client.get("/acteurs/", {"insertion": "EI"})
    assert listed_names(response) == ["VAL+"]


def test_empty_result_explains_what_to_do(client, directory):
    html = client.get("/acteurs/", {"q": "introuvable"}).content.decode()
    assert "Aucun acteur ne correspond à votre recherche" in html
    assert "Essayez d&#x27;élargir la recherche" in html or "Essayez d'élargir la recherche" in html
    assert 'role="status"' in html
    assert 'value="introuvable"' in html


def test_text_search_ignores_accents_and_case(client, directory):
    assert listed_names(client.get("/acteurs/", {"q": "beausejour"})) == ["Beauséjour – MFR"]
    assert listed_names(client.get("/acteurs/", {"q": "COOPÉRATIVE"})) == ["Co-Actions"]


def test_drafts_never_appear_in_public(client, directory):
    actor = Actor.objects.get(slug="trajectoire")
    actor.unpublish()
    assert "Trajectoire" not in listed_names(client.get("/acteurs/"))
    assert client.get("/acteurs/trajectoire/").status_code == 404
    csv_text = client.get("/acteurs/acteurs.csv").getvalue().decode()
    assert "Trajectoire" not in csv_text


def test_sector_counts_leave_out_drafts(directory):
    """The whole directory's sectors are counted as every link less the drafts' (`count_sectors`): a draft's
    sectors count nothing, and a sector only drafts have is not offered."""
    draft = Actor.objects.get(slug="trajectoire")
    draft.sectors.add(Sector.objects.create(name="Secteur des brouillons", slug="brouillons"))
    draft.save()
    draft.unpublish()
    assert draft.sectors.count() > 1
    actor_filter = DirectoryFilter({})
    actor_filter.facets()
    choices = dict(actor_filter.form.fields["secteur"].choices[1:])
    assert "brouillons" not in choices
    for slug, label in choices.items():
        assert label.endswith(f"({DirectoryFilter({'secteur': slug}).queryset.count()})"), (slug, label)


def test_whole_directory_sector_counts_agree_with_the_filter(directory):
    """The whole directory's sectors are counted per sector, every link less the drafts' links: an actor in
    several sectors counts in each, a draft in several sectors in none, a sector nobody has is not offered."""
    generate_sample_actors(30, seed=11)
    sectors = list(Sector.objects.order_by("pk"))
    several = list(Actor.objects.filter(slug__startswith="exemple-").order_by("pk")[:2])
    several[0].sectors.set(sectors[:3])
    several[0].save()
    several[1].sectors.set(sectors)
    several[1].save()
    several[1].unpublish()
    Sector.objects.create(name="Secteur sans acteur", slug="sans-acteur")
    actor_filter = DirectoryFilter({})
    actor_filter.facets()
    choices = dict(actor_filter.form.fields["secteur"].choices[1:])
    assert "sans-acteur" not in choices
    assert set(choices) == set(Sector.objects.filter(actors__live=True).values_list("slug", flat=True))
    for slug, label in choices.items():
        expected = Actor.objects.published().filter(sectors__slug=slug).count()
        assert label.endswith(f"({expected})"), (slug, label)
        assert label.endswith(f"({DirectoryFilter({'secteur': slug}).queryset.count()})"), (slug, label)


@pytest.fixture
def territorial_sample(demo_content):
    """Sample actors, one Pays with an EPCI and a commune, and actors serving areas."""
    generate_sample_actors(80, seed=3)
    pays = Pays.objects.get(slug="pays-rives-de-garonne")
    pays.epcis.set([Epci.objects.get(siren="200043974")])
    pays.save()
    PaysCommune.objects.create(pays=pays, commune=Commune.objects.get(insee_code="33036"))
    serving = Actor.objects.get(slug="val-plus")
    serving.areas_served_pays.set([pays])
    serving.areas_served_epcis.set([Epci.objects.get(siren="200044394")])
    serving.save()
    return pays


def test_territory_counts_agree_with_the_filter_itself(rf, territorial_sample):
    """The counts shown beside each option are what choosing it lists (Python counts vs SQL filter)."""
    actor_filter = DirectoryFilter({})
    actor_filter.facets()
    options = [value for group, choices in actor_filter.form.fields["territoire"].choices[1:] for value, _ in choices]
    assert "pays-pays-rives-de-garonne" in options
    assert any(value.startswith("commune-") for value in options)
    for choices in actor_filter.form.fields["territoire"].choices[1:]:
        for value, label in choices[1]:
            expected = DirectoryFilter({"territoire": value}).queryset.count()
            assert label.endswith(f"({expected})"), (value, label, expected)
            assert len(DirectoryFilter({"territoire": value}).facets()) == expected


def test_an_area_served_in_several_ways_counts_its_actor_once(territorial_sample):
    """An actor serving an EPCI both directly and through a Pays, and a Pays through two of its EPCIs, counts once
    in each territory (the counting query leaves the indirect duplicates out)."""
    pays = territorial_sample
    second = Epci.objects.exclude(siren="200043974").exclude(siren="200044394").first()
    pays.epcis.add(second)
    serving = Actor.objects.get(slug="val-plus")
    serving.areas_served_epcis.set([second, *pays.epcis.all()])
    serving.save()
    actor_filter = DirectoryFilter({})
    actor_filter.facets()
    labels = dict(
        value_label for _, group in actor_filter.form.fields["territoire"].choices[1:] for value_label in group
    )
    assert {"pays-pays-rives-de-garonne", "epci-200043974", f"epci-{second.siren}"} <= set(labels)
    for value, label in labels.items():
        expected = DirectoryFilter({"territoire": value}).queryset.count()
        assert label.endswith(f"({expected})"), (value, label, expected)


def test_a_commune_where_nobody_is_based_still_lists_those_serving_it(client, territorial_sample):
    # Bazas belongs to the Pays served by VAL+, by the commune list of the Pays.
    Actor.objects.filter(commune__insee_code="33036").delete()
    response = client.get("/acteurs/", {"territoire": "commune-33036"})
    assert "VAL+" in listed_names(response)
    assert "Bazas (1)" in response.content.decode()


def test_sector_and_status_counts_agree_with_the_filter(territorial_sample):
    actor_filter = DirectoryFilter({"territoire": "epci-200043974"})
    actor_filter.facets()
    for field in ("secteur", "statut", "insertion"):
        for value, label in actor_filter.form.fields[field].choices[1:]:
            expected = DirectoryFilter({"territoire": "epci-200043974", field: value}).queryset.count()
            assert label.endswith(f"({expected})"), (field, value, label)


def test_profile_shows_the_record_and_links_back_into_filtered_lists(client, territorial_sample):
    response = client.get("/acteurs/val-plus/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>VAL+</h1>" in html
    assert "Membre fondateur du club" in html
    assert 'href="/acteurs/?insertion=EI"' in html
    assert 'href="/acteurs/?territoire=pays-pays-rives-de-garonne"' in html
    assert 'href="/acteurs/?territoire=epci-200044394"' in html
    data = json_ld(response)
    assert data["@type"] == "Organization"
    assert data["name"] == "VAL+"
    assert {area["name"] for area in data["areaServed"]} == {"Pays Rives de Garonne", "CC du Réolais en Sud Gironde"}


def test_profile_json_ld_carries_address_and_geo(client, directory, territories):
    la_reole = Commune.objects.get(insee_code="33352")
    actor = Actor.objects.get(slug="adichats")
    actor.commune = la_reole
    actor.legal_form = "association"
    actor.street_address = "1 place de l'Exemple"
    actor.other_links = "https://social.example.org/@adichats"
    actor.save()
    response = client.get("/acteurs/adichats/")
    data = json_ld(response)
    assert data["@type"] == "NGO"
    assert data["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "1 place de l'Exemple",
        "postalCode": "33190",
        "addressLocality": "La Réole",
        "addressCountry": "FR",
    }
    assert data["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": float(la_reole.latitude),
        "longitude": float(la_reole.longitude),
    }
    assert data["sameAs"] == ["https://social.example.org/@adichats"]
    assert data["url"] == "http://testserver/acteurs/adichats/"
    assert "Position approximative : la mairie de La Réole" in response.content.decode()


def test_rich_profile_page_is_shown_at_the_actor_address(client, directory):
    actor = Actor.objects.get(slug="co-actions")
    profile = ActorProfilePage(title="Co-Actions", actor=actor, body=[("paragraph", "<p>Notre histoire commence…</p>")])
    directory.add_child(instance=profile)
    profile.save_revision().publish()
    assert profile.slug == "co-actions"
    html = client.get("/acteurs/co-actions/").content.decode()
    assert "Notre histoire commence" in html
    assert "<h1>Co-Actions</h1>" in html


def test_csv_export_uses_the_same_filters(client, directory):
    response = client.get("/acteurs/acteurs.csv", {"insertion": "ACI"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.getvalue().decode("utf-8")
    assert text.startswith("\ufeffnom,description,statut juridique")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert [row["nom"] for row in rows] == ["ADICHATS"]
    assert rows[0]["structure d'insertion"] == "Atelier et chantier d'insertion (ACI)"
    assert rows[0]["membre fondateur"] == "oui"
    assert (
        len(list(csv.reader(io.StringIO(client.get("/acteurs/acteurs.csv").getvalue().decode().lstrip("\ufeff"))))) == 7
    )


NONSENSE = [
    {"territoire": "\x00"},
    {"territoire": "%00"},
    {"territoire": "commune-99999"},
    {"territoire": "epci-"},
    {"territoire": "region-75"},
    {"secteur": "inconnu"},
    {"statut": "<script>"},
    {"insertion": "ACI' OR 1=1"},
    {"q": "\x00"},
    {"q": "x" * 500},
    {"page": "-1"},
    {"page": "999999"},
    {"page": "abc"},
    {"page": "2", "statut": "scop", "territoire": "pays-inconnu"},
]


@pytest.mark.parametrize("params", NONSENSE)
def test_nonsense_filters_answer_a_normal_page(client, directory, params):
    for url in ("/acteurs/", "/acteurs/acteurs.csv"):
        response = client.get(url, params)
        assert response.status_code == 200, (url, params)
        response.getvalue()  # the CSV is written while it is sent: read it to the end
    assert "Affiner la liste" in client.get("/acteurs/", params).content.decode()


@pytest.mark.parametrize(
    "path", ["/acteurs/inconnu/", "/acteurs/%00/", "/acteurs/co-actions/extra/", "/acteurs/Co-Actions/"]
)
def test_unknown_profiles_are_a_plain_404(client, directory, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("count", [10, 1000])
def test_query_budget_is_fixed_whatever_the_number_of_actors(
    client, directory, territorial_sample, django_assert_max_num_queries, count
):
    generate_sample_actors(count, seed=count)
    slug = Actor.objects.published().filter(slug__startswith="exemple-").values_list("slug", flat=True).first()
    urls = [
        "/acteurs/",
        "/acteurs/?page=2",
        "/acteurs/?territoire=pays-pays-rives-de-garonne&statut=cooperative-toutes&secteur=mobilite&q=garage",
        "/acteurs/?territoire=commune-33036",
        "/acteurs/val-plus/",
        f"/acteurs/{slug}/",
    ]
    for url in urls:
        client.get(url)  # warm Wagtail's own caches (site root paths)
        with django_assert_max_num_queries(QUERY_BUDGET):
            assert client.get(url).status_code == 200


def test_generate_sample_actors_is_marked_and_reproducible(db):
    call_command("generate_sample_actors", "--count", "30", "--seed", "7", stdout=io.StringIO())
    names = list(Actor.objects.order_by("pk").values_list("name", flat=True))
    assert len(names) == 30
    assert all(name.startswith("Exemple fictif") for name in names)
    assert Actor.objects.published().count() == 30
    Actor.objects.all().delete()
    call_command("generate_sample_actors", "--count", "30", "--seed", "7", stdout=io.StringIO())
    assert list(Actor.objects.order_by("pk").values_list("name", flat=True)) == names


def test_directory_is_in_the_main_menu(client, directory):
    html = client.get("/").content.decode()
    assert 'href="/acteurs/"' in html
    assert Page.objects.get(slug="acteurs").specific_class is ActorIndexPage


def add_actors_in_bulk(count: int) -> None:
    """`count` published actors in a few inserts, with sectors and served areas: volume for the query counts."""
    communes = list(Commune.objects.values_list("pk", flat=True)[:60])
    sectors = list(Sector.objects.values_list("pk", flat=True))
    epcis = list(Epci.objects.values_list("pk", flat=True))
    forms, bands = LegalForm.values, HeadcountBand.values
    now = timezone.now()
    actors = Actor.objects.bulk_create(
        [
            Actor(
                name=f"Exemple fictif en nombre {number}",
                slug=f"exemple-en-nombre-{number}",
                short_description="Structure fictive, pour les essais.",
                legal_form=forms[number % len(forms)],
                headcount_band=bands[number % len(bands)],
                commune_id=communes[number % len(communes)],
                live=True,
                first_published_at=now - timedelta(days=number % 900),
            )
            for number in range(count)
        ],
        batch_size=1000,
    )
    Actor.sectors.through.objects.bulk_create(
        [
            Actor.sectors.through(actor_id=actor.pk, sector_id=sectors[i % len(sectors)])
            for i, actor in enumerate(actors)
        ]
    )
    Actor.areas_served_epcis.through.objects.bulk_create(
        [
            Actor.areas_served_epcis.through(actor_id=actor.pk, epci_id=epcis[i % len(epcis)])
            for i, actor in enumerate(actors[::7])
        ]
    )


def test_listing_pages_make_the_same_queries_with_few_and_many_actors(client, territorial_sample):
    """The facets are counted by the database: as many queries with 86 actors as with 3,000 more."""
    urls = [
        "/acteurs/",
        "/acteurs/?q=exemple&statut=association&territoire=pays-pays-rives-de-garonne",
        "/acteurs/?territoire=commune-33036&page=2",
        "/carte/",
        "/carte/?territoire=epci-200043974&insertion=EI",
        "/etat-des-lieux/",
        "/etat-des-lieux/?territoire=commune-33036",
    ]
    few = {url: count_queries(client, url) for url in urls}
    add_actors_in_bulk(3000)
    many = {url: count_queries(client, url) for url in urls}
    assert many == few
    assert all(status == 200 for status, _ in many.values())
    # The counts still agree with the lists they announce.
    actor_filter = DirectoryFilter({})
    assert len(actor_filter.facets()) == actor_filter.total == Actor.objects.published().count()
