"""The état des lieux (/etat-des-lieux/): every count is the directory's, its CSV says the same, the actor's new facts."""

import csv
import datetime
import io
from fractions import Fraction
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils import timezone

from actors.filters import DirectoryFilter
from actors.models import Actor, ActorIndexPage
from actors.samples import SAMPLE_SOURCE, generate_sample_actors, sud_gironde_communes
from actors.territory_report import TerritoryReport

pytestmark = pytest.mark.django_db

# The whole directory, a Pays (by its communes and EPCI) and an intercommunality.
TERRITORIES = ["", "pays-pays-rives-de-garonne", "epci-200043974"]


@pytest.fixture
def samples(home_page):
    generate_sample_actors(80, seed=18, communes=sud_gironde_communes())


def directory_count(url: str) -> int:
    """How many actors the directory lists at `url`, counted in SQL (not the facets' Python path)."""
    return DirectoryFilter(QueryDict(urlsplit(url).query)).queryset.count()


def report_for(territory: str) -> TerritoryReport:
    return TerritoryReport({"territoire": territory}, ActorIndexPage.objects.get().url)


@pytest.mark.parametrize("territory", TERRITORIES)
def test_every_linked_count_is_the_length_of_the_directory_list_it_links_to(samples, territory):
    report = report_for(territory)
    checked = 0
    for figure in report.figures() + report.territory_figures():
        for row in figure.rows:
            if row.url:
                assert row.count == directory_count(row.url), (figure.title, row.label)
                checked += 1
    for table in report.band_tables():
        for label, cells in table.rows:
            for cell in cells:
                if cell.url:
                    assert cell.count == directory_count(cell.url), (table.title, label, cell.band)
                    checked += 1
    assert checked > 30
    assert report.total == directory_count(report.directory_list_url) > 0


@pytest.mark.parametrize("territory", TERRITORIES)
def test_the_counts_without_a_directory_list_are_what_the_records_say(samples, territory):
    report = report_for(territory)
    listed = DirectoryFilter({"territoire": territory}).queryset
    rows = {row.label: row.count for figure in report.figures() for row in figure.rows}
    assert rows["Statut non renseigné"] == listed.filter(legal_form="").count()
    assert rows["Tranche non renseignée"] == listed.filter(headcount_band="").count()
    assert rows["Hors insertion par l'activité économique"] == listed.filter(insertion_type="").count()
    assert rows.get("Sans secteur indiqué", 0) == listed.filter(sectors__isnull=True).count()
    # The growth ends with every listed actor that has a publication date.
    dated = listed.filter(first_published_at__isnull=False).count()
    assert report.growth_by_year()[-1][2] == dated
    assert report.growth_chart().marks[-1].point.value == dated


@pytest.mark.parametrize("territory", TERRITORIES)
def test_the_report_s_filter_counts_its_options_as_the_directory_does(samples, territory):
    Actor.objects.published().first().sectors.clear()  # the actors without a sector count apart
    directory = DirectoryFilter({"territoire": territory})
    directory.facets()
    report = report_for(territory)
    assert report.filter.sector_names == directory.sector_names
    assert report.counts == directory.counts
    assert [str(report.form[name]) for name in report.form.fields] == [
        str(directory.form[name]) for name in directory.form.fields
    ]
    assert report.filter.without_sector == directory.queryset.filter(sectors__isnull=True).count()


def test_the_headcount_table_of_a_sector_sums_to_the_sector_count(samples):
    report = report_for("")
    by_sector = {row.label: row.count for row in report.by_sector().rows}
    for label, cells in report.headcount_by_sector().rows:
        assert sum(cell.count for cell in cells) == by_sector[label]


def test_the_page_shows_the_figures_as_charts_and_tables_with_links_to_the_directory(client, samples):
    response = client.get("/etat-des-lieux/", {"territoire": "epci-200043974"})
    assert response.status_code == 200
    html = response.content.decode()
    report = response.context["report"]
    assert report.territory_label in html
    assert html.count('class="report-bars__bar"') == sum(
        len(f.rows) for f in report.figures() + report.territory_figures()
    ) + len(report.per_inhabitants_by_epci())
    first = report.by_sector().rows[0]
    assert f'href="{first.url.replace("&", "&amp;")}"' in html
    assert "territoire=epci-200043974" in first.url
    assert "Acteurs pour 10&nbsp;000 habitants, par intercommunalité" in html
    assert "Population légale 2023 (population municipale), INSEE" in html
    assert "seule la population de ses communes de Gironde est comptée" in html
    assert 'href="/etat-des-lieux/chiffres.csv?territoire=epci-200043974"' in html


@pytest.mark.parametrize("territory", TERRITORIES)
def test_actors_per_10000_inhabitants_are_the_directory_count_over_the_epci_population(samples, territory):
    from django.db.models import Sum

    from actors.models import Commune

    report = report_for(territory)
    rows = report.per_inhabitants_by_epci()
    # The EPCI of the figure by EPCI (those with actors), all with a population.
    assert [row.url for row in rows if row.count] == [row.url for row in rows]
    assert {row.url for row in rows} == {row.url for row in report.by_epci().rows}
    for row in rows:
        siren = dict(parse_qsl(urlsplit(row.url).query))["territoire"].removeprefix("epci-")
        population = Commune.objects.filter(epci__siren=siren).aggregate(total=Sum("population"))["total"]
        count = directory_count(row.url)
        assert (row.count, row.population) == (count, population)
        tenths = Fraction(count * 100_000, population)  # the rate in tenths, rounded half up
        rounded = int(tenths + Fraction(1, 2))
        assert row.rate_label == f"{rounded // 10},{rounded % 10}"
    assert [row.rate for row in rows] == sorted((row.rate for row in rows), reverse=True)
    assert any(row.count for row in rows)


def test_the_langon_population_is_insee_s_population_municipale(home_page):
    from actors.models import Commune

    assert Commune.objects.get(insee_code="33227").population == 7674  # PMUN of INSEE's file (PTOT: 7834)
    assert not Commune.objects.filter(population=None).exists()


def test_an_epci_reaching_beyond_gironde_is_said_to_count_its_gironde_communes_only(samples):
    from actors.models import Actor, Commune

    foyen = Commune.objects.filter(epci__siren="243301371").first()  # CC du Pays Foyen, one commune in Dordogne
    Actor.objects.filter(pk=Actor.objects.filter(live=True).first().pk).update(commune=foyen)
    rows = {row.label: row for row in report_for("").per_inhabitants_by_epci()}
    gironde_only = [label for label in rows if "Pays Foyen" in label]
    assert len(gironde_only) == 1 and gironde_only[0].endswith("(communes de Gironde)")


def test_an_unknown_territory_is_said_and_lists_nothing(client, samples):
    response = client.get("/etat-des-lieux/", {"territoire": "epci-000000000"})
    assert response.status_code == 200
    assert "Ce territoire n'est pas dans l'annuaire" in response.content.decode()
    assert response.context["report"].total == 0


def test_the_csv_holds_the_page_figures(client, samples):
    territory = "pays-pays-rives-de-garonne"
    response = client.get("/etat-des-lieux/chiffres.csv", {"territoire": territory})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, lines = rows[0], rows[1:]
    assert header[4] == "nombre d'acteurs"
    report = report_for(territory)
    sectors = {line[2]: int(line[4]) for line in lines if line[1] == "Acteurs par secteur d'activité"}
    assert sectors == {row.label: row.count for row in report.by_sector().rows}
    rates = {line[2]: line[4] for line in lines if line[1].startswith("Acteurs pour 10 000 habitants")}
    assert rates == {row.label: row.rate_label for row in report.per_inhabitants_by_epci()}
    assert any("," in rate for rate in rates.values())
    linked = [line for line in lines if line[5]]
    assert linked and all(line[5].startswith("http://testserver/acteurs/?") for line in linked)
    assert all(dict(parse_qsl(urlsplit(line[5]).query))["territoire"] for line in linked)


def test_the_real_organisations_of_the_demo_have_no_headcount_or_founding_year(home_page):
    founding = Actor.objects.exclude(source=SAMPLE_SOURCE)
    assert founding.exists()
    assert not founding.exclude(headcount_band="").exists()
    assert not founding.filter(founded_year__isnull=False).exists()


def test_fictional_samples_get_plausible_headcounts_years_and_publication_dates(samples):
    made = Actor.objects.filter(source=SAMPLE_SOURCE)
    this_year = timezone.localdate().year
    assert made.exclude(headcount_band="").exists() and made.filter(headcount_band="").exists()
    assert all(
        1800 <= year <= this_year for year in made.exclude(founded_year=None).values_list("founded_year", flat=True)
    )
    assert made.values("first_published_at__year").distinct().count() > 1


@pytest.mark.parametrize(
    ("year", "valid"),
    [(1800, True), (2012, True), ("this", True), (1799, False), ("next", False)],
)
def test_the_founding_year_is_neither_in_the_future_nor_before_1800(home_page, year, valid):
    this_year = timezone.localdate().year
    year = {"this": this_year, "next": this_year + 1}.get(year, year)
    actor = Actor.objects.exclude(source=SAMPLE_SOURCE).first()
    actor.founded_year = year
    if valid:
        actor.full_clean()
    else:
        with pytest.raises(ValidationError) as error:
            actor.full_clean()
        assert "founded_year" in error.value.message_dict
        assert f"entre 1800 et {this_year}" in error.value.message_dict["founded_year"][0]


def test_the_headcount_band_takes_only_insee_codes(home_page):
    actor = Actor.objects.exclude(source=SAMPLE_SOURCE).first()
    actor.headcount_band = "12"
    actor.full_clean()
    actor.headcount_band = "99"
    with pytest.raises(ValidationError) as error:
        actor.full_clean()
    assert "headcount_band" in error.value.message_dict


def test_the_directory_filters_by_headcount_band(client, samples):
    band = Actor.objects.published().exclude(headcount_band="").values_list("headcount_band", flat=True).first()
    response = client.get("/acteurs/", {"effectif": band})
    expected = Actor.objects.published().filter(headcount_band=band).count()
    assert response.context["result_count"] == expected > 0
    exported = client.get("/acteurs/acteurs.csv", {"effectif": band}).getvalue().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert len(rows) == expected
    assert {row["tranche d'effectif salarié"] for row in rows} == {band}


def test_a_record_first_published_before_the_samples_counts_in_its_year(samples):
    actor = Actor.objects.exclude(source=SAMPLE_SOURCE).filter(live=True).first()
    Actor.objects.filter(pk=actor.pk).update(
        first_published_at=timezone.make_aware(datetime.datetime(2015, 6, 1, 12))  # noqa: DTZ001
    )
    growth = {year: new for year, new, _ in report_for("").growth_by_year()}
    assert growth[2015] == Actor.objects.published().filter(first_published_at__year=2015).count() >= 1
