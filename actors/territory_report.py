"""The « état des lieux » of the ESS: the published directory counted for a territory, every count the directory's.

The counts come from `DirectoryFilter.facets()`, the code that counts the directory's own filter options: a
number here is the length of the directory's list it links to. The figures by Pays and by intercommunality
compare the territories, so they count the whole directory whatever territory is chosen (as the directory's
territory filter does); an actor counts in its commune's territories and in those it serves. Headcounts are
INSEE bands, never summed into an invented number of jobs. Every figure is counted by the database in an
aggregate query, each pass over the actors made once: the facets' four (`ReportFilter` counts the sectors and the
territories by headcount band, so that the tables by band, the actors without a sector and the filter's options
come from the same rows), the sectors' names when a territory is chosen, the publications by month, and the
population of each EPCI's communes (INSEE's, shipped with the territories: `data/README.md`) for the actors per
10,000 inhabitants: the same few queries and rows whatever the number of actors.

An upper app adds a section of its own by registering it (`register_section`): the board adds the answers to
its needs questionnaire, « Leurs attentes », without the directory importing it.
"""

import datetime
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from urllib.parse import urlencode

from django.db.models import Count, Exists, OuterRef, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.formats import number_format

from home.charts import Chart, bar_widths, step_chart

from .choices import COOPERATIVE_FAMILY, COOPERATIVE_FORMS, HeadcountBand, InsertionType, LegalForm
from .filters import DirectoryFilter, parse_territory, territory_counts, territory_value
from .models import Actor, Commune, Sector
from .territory_data import population_metadata

WHOLE_TERRITORY = "Tout le territoire de l'annuaire"
UNKNOWN_BAND = ("", "Tranche non renseignée")


@dataclass
class Row:
    """One line of a figure: what is counted, how many actors, and the directory's list of them (if it has one)."""

    label: str
    count: int
    url: str = ""
    width: float = 0.0  # the bar's length, in % of the figure's longest
    level: int = 0  # 1 for a detail of the row above (a form of cooperative)


@dataclass
class Figure:
    key: str  # the anchor on the page and the figure's name in the CSV
    title: str
    heading: str  # the first column's heading
    rows: list[Row]
    note: str = ""

    def __post_init__(self):
        for row, width in zip(self.rows, bar_widths([row.count for row in self.rows]), strict=True):
            row.width = width


@dataclass
class Cell:
    band: str  # the band's label
    count: int
    url: str = ""


@dataclass
class BandTable:
    """Actors by headcount band (columns) for each sector or territory (rows)."""

    key: str
    title: str
    heading: str
    bands: list[tuple[str, str]]  # the bands that occur, then « non renseignée »
    rows: list[tuple[str, list[Cell]]] = field(default_factory=list)
    note: str = ""


@dataclass
class RateRow:
    """An EPCI's actors (the directory's count) for 10,000 inhabitants of its communes in Gironde."""

    label: str
    count: int
    population: int
    url: str = ""
    width: float = 0.0

    @property
    def rate(self) -> Decimal:
        """Rounded to one decimal, half up (11.95 gives 12.0)."""
        exact = Decimal(self.count * PER_INHABITANTS) / Decimal(self.population)
        return exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def rate_label(self) -> str:
        return number_format(self.rate, decimal_pos=1)

    @property
    def population_label(self) -> str:
        return count_label(self.population)


PER_INHABITANTS = 10_000


@dataclass(frozen=True)
class Point:
    date: datetime.date
    value: int


@dataclass(frozen=True)
class ReportSection:
    """A section an upper app adds to the page: its anchor, its title in the page's contents, its template
    (which gets `section`, the `context(report)` dict), and its lines of the CSV (`csv_rows(report, absolute)`,
    each as CSV_HEADER)."""

    key: str
    title: str
    template: str
    context: Callable[["TerritoryReport"], dict]
    csv_rows: Callable[["TerritoryReport", Callable[[str], str]], Iterable[list]] | None = None


SECTIONS: dict[str, ReportSection] = {}


def register_section(section: ReportSection) -> None:
    SECTIONS[section.key] = section


def count_label(value) -> str:
    return number_format(int(value), decimal_pos=0, force_grouping=True)


class ReportFilter(DirectoryFilter):
    """The directory's filter for a territory alone, counting its sectors and territories by headcount band.

    Its option counts are the directory's (the tests compare them), added up from finer rows that the report's
    tables by band need anyway: one query for the sectors (the actors without one included), one for the
    territories, where the directory's filter and the tables would make four.
    """

    def __init__(self, territory: str):
        super().__init__({"territoire": territory})
        self.sector_bands: dict[str | None, dict[str, int]] = defaultdict(dict)  # slug (None: no sector) -> bands
        self.territory_bands: dict[tuple[str, str], int] = {}  # (territory value, band) -> actors

    def count_sectors(self, counts) -> None:
        """The chosen territory's actors by sector and band (a row per pair that occurs); with a territory, the
        options also name the sectors of the directory's other actors (one more query), as the directory's do."""
        rows = self.queryset.order_by().values_list("sectors__slug", "sectors__name", "headcount_band")
        for slug, name, band, count in rows.annotate(count=Count("pk")):
            self.sector_bands[slug][band] = count
            if slug is not None:
                self.sector_names[slug] = name
                counts["secteur"][slug] += count
        if self.values["territoire"]:
            linked = Actor.sectors.through.objects.filter(sector=OuterRef("pk"), actor__in=self.searched.values("pk"))
            self.sector_names.update(Sector.objects.filter(Exists(linked)).values_list("slug", "name"))

    def count_territories(self, counts) -> None:
        self.territory_bands = territory_counts(self.filtered(skip=("territoire",)), self.names, by_band=True)
        for (value, _band), count in self.territory_bands.items():
            counts["territoire"][value] += count

    @property
    def without_sector(self) -> int:
        return sum(self.sector_bands.get(None, {}).values())


class TerritoryReport:
    """The figures for `data["territoire"]` (a directory `territoire` value, empty for the whole directory)."""

    def __init__(self, data, directory_url: str):
        self.territory = (data.get("territoire") or "").strip()
        self.directory_url = directory_url
        self.filter = ReportFilter(self.territory)
        self.filter.facets()
        self.form = self.filter.form
        self.counts = self.filter.counts
        self.names = self.filter.names
        self.sector_names = self.filter.sector_names
        self.total = self.filter.total

    # Links and names.
    def link(self, **filters) -> str:
        """The directory's list for these filters, within the chosen territory unless another one is given."""
        values = {"territoire": self.territory, **filters}
        query = urlencode([(name, value) for name, value in values.items() if value])
        return f"{self.directory_url}?{query}" if query and self.directory_url else self.directory_url

    @property
    def territory_label(self) -> str:
        """The chosen territory's name; empty for a value that names no territory of the directory."""
        if not self.territory:
            return WHOLE_TERRITORY
        kind, code = parse_territory(self.territory) or ("", "")
        names = {
            "pays": self.names.pays_names,
            "epci": self.names.epci_labels(),
            "commune": self.names.commune_names,
        }.get(kind, {})
        return names.get(code, "")

    @property
    def directory_list_url(self) -> str:
        return self.link()

    # The figures, in the page's order.
    def by_sector(self) -> Figure:
        counts = self.counts["secteur"]
        rows = [
            Row(name, counts[slug], self.link(secteur=slug))
            for slug, name in sorted(self.sector_names.items(), key=lambda item: (-counts[item[0]], item[1]))
        ]
        without = self.filter.without_sector
        if without:
            rows.append(Row("Sans secteur indiqué", without))
        return Figure(
            "secteurs",
            "Acteurs par secteur d'activité",
            "Secteur",
            rows,
            "Un acteur peut avoir plusieurs secteurs : la somme dépasse alors le nombre d'acteurs.",
        )

    def by_legal_family(self) -> Figure:
        counts = self.counts["statut"]
        rows = []
        for value, label in LegalForm.choices:
            if value == COOPERATIVE_FORMS[0]:
                family = COOPERATIVE_FAMILY[0]
                rows.append(Row("Coopératives (toutes formes)", counts[family], self.link(statut=family)))
            level = 1 if value in COOPERATIVE_FORMS else 0
            short = label.removeprefix("Coopérative — ")
            rows.append(Row(short[0].upper() + short[1:], counts[value], self.link(statut=value), level=level))
        without = self.total - sum(counts[value] for value in LegalForm.values)
        rows.append(Row("Statut non renseigné", without))
        return Figure(
            "statuts",
            "Acteurs par famille juridique",
            "Famille juridique",
            rows,
            "Les formes de coopérative (en retrait) sont comptées aussi dans « Coopératives (toutes formes) ».",
        )

    def by_insertion(self) -> Figure:
        counts = self.counts["insertion"]
        rows = [Row(label, counts[value], self.link(insertion=value)) for value, label in InsertionType.choices]
        rows.append(Row("Hors insertion par l'activité économique", self.total - sum(r.count for r in rows)))
        return Figure("insertion", "Structures d'insertion par l'activité économique", "Type de structure", rows)

    def by_headcount(self) -> Figure:
        counts = self.counts["effectif"]
        rows = [
            Row(label, counts[value], self.link(effectif=value))
            for value, label in HeadcountBand.choices
            if counts[value]
        ]
        rows.append(Row(UNKNOWN_BAND[1], self.total - sum(counts[value] for value in HeadcountBand.values)))
        return Figure(
            "effectifs",
            "Acteurs par tranche d'effectif salarié",
            "Tranche d'effectif (INSEE)",
            rows,
            "Seules les tranches présentes sont listées. Les tranches de l'INSEE ne s'additionnent pas en un nombre "
            "d'emplois : chaque acteur compte une fois, dans sa tranche.",
        )

    def territory_rows(self, kind: str, names: dict[str, str]) -> list[Row]:
        counts = self.counts["territoire"]
        values = {code: territory_value(kind, code) for code in names}
        rows = [Row(names[code], counts[values[code]], self.link(territoire=values[code])) for code in names]
        return sorted((row for row in rows if row.count or kind == "pays"), key=lambda r: (-r.count, r.label))

    def by_pays(self) -> Figure:
        return Figure(
            "pays",
            "Acteurs par Pays",
            "Pays",
            self.territory_rows("pays", self.names.pays_names),
            "Sur tout l'annuaire, quel que soit le territoire choisi. Un acteur compte dans le Pays de sa commune "
            "et dans ceux qu'il dessert.",
        )

    def by_epci(self) -> Figure:
        return Figure(
            "intercommunalites",
            "Acteurs par intercommunalité",
            "Intercommunalité",
            self.territory_rows("epci", self.names.epci_labels()),
            "Sur tout l'annuaire, quel que soit le territoire choisi. Un acteur compte dans l'intercommunalité "
            "de sa commune et dans celles qu'il dessert.",
        )

    @cached_property
    def population_by_epci(self) -> dict[str, int]:
        """SIREN -> population of the EPCI's communes in the territory data (Gironde's only), in one query."""
        rows = Commune.objects.filter(epci__isnull=False, population__isnull=False).order_by()
        return dict(rows.values_list("epci__siren").annotate(Sum("population")))

    @property
    def population_year(self) -> int | None:
        return population_metadata().get("year")

    @property
    def population_source(self) -> str:
        year = self.population_year
        return f"Population légale {year} (population municipale), INSEE" if year else "Population légale, INSEE"

    def per_inhabitants_by_epci(self) -> list[RateRow]:
        """Actors for 10,000 inhabitants by EPCI: the directory's count for the EPCI (the actors based in its
        communes or serving it, whatever territory is chosen) over its communes' population, highest first; the EPCI
        without actors are left out, as in the figure by EPCI."""
        counts = self.counts["territoire"]
        outside = set(population_metadata().get("epcis_partly_outside", []))
        rows = []
        for siren, name in self.names.epci_labels().items():
            population = self.population_by_epci.get(siren)
            value = territory_value("epci", siren)
            if not population or not counts[value]:
                continue
            if siren in outside:
                name += " (communes de Gironde)"
            rows.append(RateRow(name, counts[value], population, self.link(territoire=value)))
        rows.sort(key=lambda row: (-row.count / row.population, row.label))
        exact = [row.count / row.population for row in rows]
        for row, width in zip(rows, bar_widths(exact), strict=True):
            row.width = width
        return rows

    @staticmethod
    def bands_in_use(present) -> list[tuple[str, str]]:
        """The INSEE bands among `present` (band codes), in their order, then « non renseignée »."""
        return [(value, label) for value, label in HeadcountBand.choices if value in present] + [UNKNOWN_BAND]

    def band_cells(self, found, bands, **filters) -> list[Cell]:
        """`found`: band code -> number of actors."""
        return [
            Cell(label, found.get(value, 0), self.link(effectif=value, **filters) if value else "")
            for value, label in bands
        ]

    def headcount_by_sector(self) -> BandTable:
        bands = self.bands_in_use({band for band, count in self.counts["effectif"].items() if count})
        in_sector = self.filter.sector_bands
        table = BandTable(
            "effectifs-secteurs",
            "Tranches d'effectif salarié par secteur",
            "Secteur",
            bands,
            note="Le nombre d'acteurs de chaque secteur dans chaque tranche de l'INSEE.",
        )
        for slug, name in sorted(self.sector_names.items(), key=lambda item: item[1]):
            if in_sector[slug]:
                table.rows.append((name, self.band_cells(in_sector[slug], bands, secteur=slug)))
        return table

    def headcount_by_epci(self) -> BandTable:
        in_epci = defaultdict(dict)
        for (value, band), count in self.filter.territory_bands.items():
            if value.startswith("epci-"):
                in_epci[value.removeprefix("epci-")][band] = count
        bands = self.bands_in_use({band for found in in_epci.values() for band, count in found.items() if count})
        table = BandTable(
            "effectifs-intercommunalites",
            "Tranches d'effectif salarié par intercommunalité",
            "Intercommunalité",
            bands,
            note="Sur tout l'annuaire, quel que soit le territoire choisi.",
        )
        for siren, name in sorted(self.names.epci_labels().items(), key=lambda item: item[1]):
            if in_epci[siren]:
                table.rows.append(
                    (name, self.band_cells(in_epci[siren], bands, territoire=territory_value("epci", siren)))
                )
        return table

    def figures(self) -> list[Figure]:
        return [self.by_sector(), self.by_legal_family(), self.by_insertion(), self.by_headcount()]

    def territory_figures(self) -> list[Figure]:
        return [self.by_pays(), self.by_epci()]

    def band_tables(self) -> list[BandTable]:
        return [self.headcount_by_sector(), self.headcount_by_epci()]

    @cached_property
    def sections(self) -> list[dict]:
        """The registered sections, each with its context computed once for the page."""
        return [
            {"key": section.key, "title": section.title, "template": section.template, **section.context(self)}
            for section in SECTIONS.values()
        ]

    # Growth: the actors listed today, by the month they were first published.
    @cached_property
    def publications_by_month(self) -> dict[datetime.date | None, int]:
        """First day of a month (None: no date) -> listed actors first published that month, counted in SQL."""
        months = self.filter.queryset.order_by().annotate(month=TruncMonth("first_published_at"))
        return {
            timezone.localtime(month).date() if month else None: count
            for month, count in months.values_list("month").annotate(Count("pk"))
        }

    @property
    def undated(self) -> int:
        return self.publications_by_month.get(None, 0)

    def growth_by_year(self) -> list[tuple[int, int, int]]:
        """(year, actors first published that year, actors listed at the end of it), for the listed actors."""
        new = Counter()
        for month, count in self.publications_by_month.items():
            if month is not None:
                new[month.year] += count
        rows, running = [], 0
        for year in sorted(new):
            running += new[year]
            rows.append((year, new[year], running))
        return rows

    def growth_chart(self) -> Chart | None:
        """Steps by month: the number of listed actors published by the end of each month with a publication."""
        points, running = [], 0
        for month in sorted(month for month in self.publications_by_month if month is not None):
            running += self.publications_by_month[month]
            points.append(Point(month, running))
        if not points:
            return None
        return step_chart(points, timezone.localdate(), label=count_label)


CSV_HEADER = [
    "territoire",
    "tableau",
    "ligne",
    "tranche d'effectif salarié",
    "nombre d'acteurs",
    "liste dans l'annuaire",
]


def csv_rows(report: TerritoryReport, absolute):
    """The page's figures, one count a line; `absolute(url)` makes the directory's links full addresses."""
    territory = report.territory_label
    for figure in report.figures() + report.territory_figures():
        for row in figure.rows:
            yield [territory, figure.title, row.label, "", row.count, absolute(row.url) if row.url else ""]
    for table in report.band_tables():
        for label, cells in table.rows:
            for cell in cells:
                yield [territory, table.title, label, cell.band, cell.count, absolute(cell.url) if cell.url else ""]
    rate_table = "Acteurs pour 10 000 habitants (" + report.population_source + ")"
    for row in report.per_inhabitants_by_epci():
        yield [territory, rate_table, row.label, "", row.rate_label, absolute(row.url) if row.url else ""]
    for year, new, running in report.growth_by_year():
        yield [territory, "Acteurs publiés dans l'année", str(year), "", new, ""]
        yield [territory, "Acteurs de l'annuaire à la fin de l'année", str(year), "", running, ""]
    for section in SECTIONS.values():
        if section.csv_rows is not None:
            yield from section.csv_rows(report, absolute)
