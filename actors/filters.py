"""The directory's filters, shared by the listing, the CSV export and the map's data.

`DirectoryFilter(request.GET)` reads the querystring (`q`, `secteur`, `territoire`, `statut`, `insertion`,
`effectif`);
nonsense values match nothing or are ignored, never an error.

- `.queryset`: the filtered queryset, in SQL (CSV export, map data).
- `.facets()`: counts every option of the form (each option counts the actors matching the *other*
  filters, as a faceted search does) and returns the matching ids by name, already counted. The database
  counts, in four aggregate queries whatever the number of actors (`FacetCounts`): Python only reads a
  bounded number of rows (one per option), never one per actor. A test holds every count to the length of
  the list that choosing it gives.
"""

from collections import defaultdict
from functools import cached_property

from django import forms
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Count, Exists, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from home.text import normalize_for_search
from home.widgets import LongSelect

from .choices import COOPERATIVE_FAMILY, COOPERATIVE_FORMS, HeadcountBand, InsertionType, LegalForm
from .models import Actor, Commune, Epci, Pays, PaysCommune, Sector

FILTER_FIELDS = ("q", "secteur", "territoire", "statut", "insertion", "effectif")
FACETS = ("secteur", "territoire", "statut", "insertion", "effectif")
# The facets read from the actor's own columns, counted together in one query; their model fields and values.
SCALAR_FACETS = {
    "statut": ("legal_form", [*LegalForm.values, COOPERATIVE_FAMILY[0]]),
    "insertion": ("insertion_type", InsertionType.values),
    "effectif": ("headcount_band", HeadcountBand.values),
}
TERRITORY_KINDS = ("pays", "epci", "commune")


def territory_value(kind: str, code: str) -> str:
    """The `territoire` value of a territory: "pays-<slug>", "epci-<SIREN>" or "commune-<INSEE code>"."""
    return f"{kind}-{code}"


def epci_label(name: str, pays_names) -> str:
    """An EPCI's name, saying so when its communes lie in several Pays (since the 2014 and 2017 mergers)."""
    pays_names = sorted(pays_names)
    if len(pays_names) < 2:
        return name
    return f"{name} (partagée entre {', '.join(pays_names[:-1])} et {pays_names[-1]})"


def pays_of_epcis() -> dict[str, set[str]]:
    """SIREN -> the names of the Pays its communes belong to, whole (the Pays' EPCI) or one by one."""
    found = defaultdict(set)
    whole = Pays.epcis.through.objects.values_list("epci__siren", "pays__name")
    by_commune = PaysCommune.objects.filter(commune__epci__isnull=False).values_list(
        "commune__epci__siren", "pays__name"
    )
    for siren, name in whole.union(by_commune.order_by()):
        found[siren].add(name)
    return found


def parse_territory(value: str) -> tuple[str, str] | None:
    kind, _, code = value.partition("-")
    return (kind, code) if kind in TERRITORY_KINDS and code else None


class OpenChoiceField(forms.ChoiceField):
    """A choice whose options are known only after counting: any value is accepted, unknown ones match nothing.
    Rendered in one pass (`LongSelect`): the territories alone are hundreds of options."""

    widget = LongSelect

    def valid_value(self, value):
        return True


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(
        label="Rechercher",
        required=False,
        max_length=100,
        help_text="Un nom, une activité, une commune…",
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    secteur = OpenChoiceField(label="Secteur d'activité", required=False)
    territoire = OpenChoiceField(
        label="Territoire", required=False, help_text="Un Pays, une intercommunalité ou une commune."
    )
    statut = OpenChoiceField(label="Statut juridique", required=False)
    insertion = OpenChoiceField(label="Insertion par l'activité économique", required=False)
    effectif = OpenChoiceField(
        label="Effectif salarié", required=False, help_text="La tranche de l'INSEE, quand elle est connue."
    )


def legal_forms_of(value: str) -> tuple:
    """The legal forms a `statut` value stands for: the cooperative family is each of its forms."""
    return COOPERATIVE_FORMS if value == COOPERATIVE_FAMILY[0] else (value,)


def scalar_condition(facet: str, value: str) -> Q:
    """`facet=value` for a facet read from the actor's own columns (SCALAR_FACETS)."""
    if facet == "statut":
        return Q(legal_form__in=legal_forms_of(value))
    return Q(**{SCALAR_FACETS[facet][0]: value})


class CountedList:
    """A queryset whose length is known already (counted with the facets): the paginator asks it no COUNT."""

    def __init__(self, queryset, length: int):
        self.queryset, self.length = queryset, length

    def __len__(self):
        return self.length

    def __getitem__(self, key):
        return self.queryset[key]

    def __iter__(self):
        return iter(self.queryset)


class DirectoryFilter:
    def __init__(self, data, queryset=None):
        self.form = DirectoryFilterForm(data)
        self.form.is_valid()
        cleaned = getattr(self.form, "cleaned_data", {})
        self.values = {name: (cleaned.get(name) or "").strip() for name in FILTER_FIELDS}
        self.base = Actor.objects.published() if queryset is None else queryset
        self.base_is_every_published_actor = queryset is None
        # Filled by facets(): each option's count, the number of matching actors, the names of the sectors of the
        # actors matching `q` and of the territories.
        self.counts: dict[str, dict[str, int]] = {}
        self.total = 0
        self.sector_names: dict[str, str] = {}
        self.names: TerritoryNames | None = None

    @property
    def is_active(self) -> bool:
        return any(self.values.values())

    def search(self, queryset):
        """The text search, accent- and case-insensitive: every word must appear."""
        for word in normalize_for_search(self.values["q"]).split():
            queryset = queryset.filter(search_text__contains=word)
        return queryset

    @cached_property
    def searched(self):
        """The actors matching `q` alone: the options of the form are theirs."""
        return self.search(self.base)

    def filtered(self, skip=()):
        """The actors matching `q` and every filter but those named in `skip`."""
        queryset = self.searched
        values = self.values
        if values["secteur"] and "secteur" not in skip:
            queryset = queryset.filter(pk__in=Actor.objects.filter(sectors__slug=values["secteur"]).values("pk"))
        for facet in SCALAR_FACETS:
            if values[facet] and facet not in skip:
                queryset = queryset.filter(scalar_condition(facet, values[facet]))
        if values["territoire"] and "territoire" not in skip:
            territory = parse_territory(values["territoire"])
            queryset = queryset.in_territory(*territory) if territory else queryset.none()
        return queryset

    @cached_property
    def queryset(self):
        return self.filtered()

    def facets(self) -> CountedList:
        """Fills the form's options with their counts; returns the ids of the matching actors, by name."""
        counts = {facet: defaultdict(int) for facet in FACETS}
        self.count_scalars(counts)
        self.count_sectors(counts)
        chosen = parse_territory(self.values["territoire"])
        self.names = TerritoryNames(self.searched, chosen[1] if chosen and chosen[0] == "commune" else "")
        self.count_territories(counts)
        self.counts = counts
        self._set_options(counts)
        return CountedList(self.queryset.order_by("name", "pk").values_list("pk", flat=True), self.total)

    def count_scalars(self, counts) -> None:
        """One query: the actors matching the other filters grouped by status, insertion and headcount band (a
        row per combination that occurs: bounded by the choices, not by the actors); each option of these facets
        then counts the rows matching the other two, and the matching actors are those matching all three."""
        fields = [field for field, _ in SCALAR_FACETS.values()]
        # COUNT(*), not of the ids: read from the index of these three columns alone, already in their order.
        rows = self.filtered(skip=SCALAR_FACETS).order_by().values_list(*fields).annotate(count=Count("*"))
        chosen = {facet: self.values[facet] for facet in SCALAR_FACETS if self.values[facet]}

        def matches(facet, value, own) -> bool:
            if facet == "statut":
                return own in legal_forms_of(value)
            return own == value

        self.total = 0
        for *own_values, count in rows:
            own = dict(zip(SCALAR_FACETS, own_values, strict=True))
            missed = [facet for facet, value in chosen.items() if not matches(facet, value, own[facet])]
            if not missed:
                self.total += count
            for facet in SCALAR_FACETS:
                if missed and missed != [facet]:
                    continue  # fails another facet's filter
                value = own[facet]
                if value:
                    counts[facet][value] += count
                if facet == "statut" and value in COOPERATIVE_FORMS:
                    counts[facet][COOPERATIVE_FAMILY[0]] += count

    def count_sectors(self, counts) -> None:
        """One query: the sectors of the actors matching `q` (the options), each with its actors matching the
        other filters."""
        narrowed = any(self.values[facet] for facet in FACETS if facet != "secteur")
        every_published = self.base_is_every_published_actor and not self.values["q"]
        if every_published and not narrowed:
            rows = whole_directory_sector_counts()
        else:
            others = self.filtered(skip=("secteur",))
            matching = Count("actor_id", filter=Q(actor__in=others.values("pk"))) if narrowed else Count("actor_id")
            links = Actor.sectors.through.objects.order_by()
            if every_published:
                # Every published actor's links are every link less the unpublished actors' (drafts: few, found in
                # their own small index): a pass over the links alone, where matching them against the published
                # actors hashes every actor (three times the time at 20,000 of them).
                links = links.exclude(actor__in=Actor.objects.filter(live=False).values("pk"))
            else:
                links = links.filter(actor__in=self.searched.values("pk"))
            # Counted by sector id, then named: half the time of grouping every link by its sector's name.
            counted = links.values("sector_id").annotate(matching=matching).values_list("sector_id", "matching")
            rows = sector_counts(counted)
        for slug, name, count in rows:
            self.sector_names[slug] = name
            counts["secteur"][slug] = count

    def count_territories(self, counts) -> None:
        """One query: each territory of `self.names` with its actors matching the other filters."""
        counts["territoire"].update(territory_counts(self.filtered(skip=("territoire",)), self.names))

    def _set_options(self, counts) -> None:
        def options(values_and_labels, facet, keep_empty=True):
            return [
                (value, f"{label} ({counts[facet][value]})")
                for value, label in values_and_labels
                if keep_empty or counts[facet][value] or value == self.values[facet]
            ]

        fields = self.form.fields
        sectors = sorted(self.sector_names.items(), key=lambda item: item[1])
        fields["secteur"].choices = [("", "Tous les secteurs"), *options(sectors, "secteur")]
        legal_forms = list(LegalForm.choices)
        first_cooperative = next(i for i, (value, _) in enumerate(legal_forms) if value in COOPERATIVE_FORMS)
        legal_forms.insert(first_cooperative, COOPERATIVE_FAMILY)
        fields["statut"].choices = [("", "Tous les statuts"), *options(legal_forms, "statut")]
        fields["insertion"].choices = [("", "Toutes les structures"), *options(InsertionType.choices, "insertion")]
        fields["effectif"].choices = [
            ("", "Toutes les tailles"),
            *options(HeadcountBand.choices, "effectif", keep_empty=False),
        ]

        def territories(kind, names, keep_empty=False):
            labelled = sorted(((territory_value(kind, code), name) for code, name in names.items()), key=lambda i: i[1])
            return options(labelled, "territoire", keep_empty)

        groups = [
            ("Pays", territories("pays", self.names.pays_names, keep_empty=True)),
            ("Intercommunalités", territories("epci", self.names.epci_labels())),
            ("Communes", territories("commune", self.names.commune_names)),
        ]
        fields["territoire"].choices = [("", "Tout le territoire"), *((label, opts) for label, opts in groups if opts)]


def whole_directory_sector_counts() -> list[tuple[str, str, int]]:
    """(slug, name, count) of every sector over every published actor, in one query: each sector's links counted
    in the index of the links' sector (no hashing, no reading of the actors), less its drafts' links (few, found
    through their own small index). A sector no published actor has is left out, as it is from the other counts."""
    links = Actor.sectors.through.objects.filter(sector=OuterRef("pk")).order_by().values("sector")
    every = links.annotate(count=Count("*")).values("count")
    of_drafts = links.filter(actor__live=False).annotate(count=Count("*")).values("count")
    matching = Coalesce(Subquery(every), 0) - Coalesce(Subquery(of_drafts), 0)
    rows = Sector.objects.order_by().values_list("slug", "name").annotate(matching=matching)
    return [row for row in rows if row[2]]


def sector_counts(counted) -> list[tuple[str, str, int]]:
    """(slug, name, count) of the sectors of `counted`, rows of (sector id, count)."""
    connection = connections[counted.db]
    try:
        counted_sql, params = counted.query.get_compiler(connection=connection).as_sql()
    except EmptyResultSet:
        return []
    sql = SECTOR_COUNTS_SQL.format(sectors=connection.ops.quote_name(Sector._meta.db_table), counted=counted_sql)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def sectors_of(actor_ids) -> dict[int, list[tuple[str, str]]]:
    """Actor id -> (slug, name) of its sectors, by name: for the few actors a page shows, in one query."""
    found = defaultdict(list)
    links = Actor.sectors.through.objects.filter(actor_id__in=list(actor_ids)).order_by("sector__name", "sector_id")
    for actor_id, slug, name in links.values_list("actor_id", "sector__slug", "sector__name"):
        found[actor_id].append((slug, name))
    return found


def territory_counts(actors, names: "TerritoryNames", by_band: bool = False) -> dict:
    """How many actors of `actors` (a queryset) each territory of `names` holds, as
    `ActorQuerySet.in_territory` says: territory value -> count, or (value, headcount band) -> count with `by_band`.

    An actor is in its commune, that commune's EPCI and Pays (based); in the EPCI it serves, directly or through a
    Pays it serves, and their communes; in the Pays it serves, directly or through an EPCI it serves; in the
    communes a Pays it serves adds one by one. One aggregate query counts the actors by commune, and the links of
    those serving areas by EPCI and by Pays, with the overlaps (an actor serving its own EPCI counts once);
    Python adds up a bounded number of rows (one per territory and part), never one per actor.
    """
    found = defaultdict(dict)  # (part, id) -> band -> count
    for part, key, band, count in counting_parts(actors, by_band):
        found[part, key][band] = count
    none = {}
    counts = defaultdict(int)  # (territory value, band) -> count

    def add(value, bands, sign=1):
        for band, count in bands.items():
            counts[value, band] += sign * count

    based_in_epci, based_in_pays = defaultdict(lambda: defaultdict(int)), defaultdict(lambda: defaultdict(int))
    for commune_id, (code, epci_id) in names.communes_by_id.items():
        value = territory_value("commune", code)
        based, own = found.get(("based", commune_id), none), found.get(("se-own", commune_id), none)
        add(value, based)
        add(value, found.get(("se", epci_id), none))
        add(value, own, -1)
        add(value, found.get(("px", commune_id), none))
        for pays_id in names.pays_of_commune(commune_id, epci_id):
            for band, count in based.items():
                based_in_pays[pays_id][band] += count
        if epci_id:  # the EPCI's own actors: those based in it, less those also serving it (counted there)
            for band, count in based.items():
                based_in_epci[epci_id][band] += count - own.get(band, 0)
    for epci_id, code in names.epci_codes.items():
        value = territory_value("epci", code)
        add(value, based_in_epci[epci_id])
        add(value, found.get(("se", epci_id), none))
    for pays_id, code in names.pays_codes.items():
        value = territory_value("pays", code)
        add(value, based_in_pays[pays_id])
        add(value, found.get(("sp", pays_id), none))
        add(value, found.get(("sp-own", pays_id), none), -1)
    if by_band:
        return {key: count for key, count in counts.items() if count}
    totals = dict.fromkeys(names.territory_values(), 0)
    for (value, _), count in counts.items():
        totals[value] += count
    return totals


def counting_parts(actors, by_band: bool) -> list[tuple]:
    """(part, id, band, count) rows; see territory_counts. The parts:
    - based: actors by commune;
    - se: actors by EPCI they serve (directly or through a Pays); se-own: those of them based in that EPCI, by
      their commune;
    - sp: actors by Pays they serve (directly or through an EPCI); sp-own: those of them based in that Pays;
    - px: actors by commune a Pays they serve adds one by one, when neither based there nor serving its EPCI.
    """
    tables = {
        "actor": Actor._meta.db_table,
        "commune": Commune._meta.db_table,
        "served_epcis": Actor.areas_served_epcis.through._meta.db_table,
        "served_pays": Actor.areas_served_pays.through._meta.db_table,
        "pays_epcis": Pays.epcis.through._meta.db_table,
        "pays_communes": PaysCommune._meta.db_table,
    }
    band = "headcount_band" if by_band else Value("")
    chosen = actors.order_by().values_list("pk", "commune_id", "commune__epci_id", band)
    connection = connections[chosen.db]
    chosen_sql, params = chosen.query.get_compiler(connection=connection).as_sql()
    sql = COUNTING_SQL.format(
        chosen=chosen_sql,
        inlined="NOT MATERIALIZED" if connection.vendor == "postgresql" else "",
        **{name: connection.ops.quote_name(t) for name, t in tables.items()},
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


SECTOR_COUNTS_SQL = "SELECT s.slug, s.name, c.matching FROM {sectors} s JOIN ({counted}) c ON c.sector_id = s.id"

# `se` and `sp` carry each actor's own commune and EPCI, so that the "-own" parts read them without joining the
# chosen actors a second time (a sort of every chosen actor at 20,000 of them). `chosen` is inlined in each part
# rather than written out once (PostgreSQL's default for a CTE read several times): `based` then groups the actors
# in the order of the published actors' index, and the others join the serving links (a few thousand) to it; a
# written-out `chosen` copied every actor with its EPCI, then hashed them all again (twice the time at 20,000).
# An area served both directly and through a Pays (or an EPCI) is counted once: the indirect rows leave out the
# direct ones, rather than a UNION hashing every serving link of every actor to remove the duplicates.
COUNTING_SQL = """
WITH chosen (id, commune_id, epci_id, band) AS {inlined} ({chosen}),
se (actor_id, epci_id, band, own_commune_id, own_epci_id) AS (
    SELECT e.actor_id, e.epci_id, a.band, a.commune_id, a.epci_id FROM {served_epcis} e JOIN chosen a ON a.id = e.actor_id
    UNION ALL
    SELECT DISTINCT p.actor_id, pe.epci_id, a.band, a.commune_id, a.epci_id FROM {served_pays} p
    JOIN chosen a ON a.id = p.actor_id JOIN {pays_epcis} pe ON pe.pays_id = p.pays_id
    WHERE NOT EXISTS (SELECT 1 FROM {served_epcis} d WHERE d.actor_id = p.actor_id AND d.epci_id = pe.epci_id)
),
sp (actor_id, pays_id, band, own_commune_id, own_epci_id) AS (
    SELECT p.actor_id, p.pays_id, a.band, a.commune_id, a.epci_id FROM {served_pays} p JOIN chosen a ON a.id = p.actor_id
    UNION ALL
    SELECT DISTINCT e.actor_id, pe.pays_id, a.band, a.commune_id, a.epci_id FROM {served_epcis} e
    JOIN chosen a ON a.id = e.actor_id JOIN {pays_epcis} pe ON pe.epci_id = e.epci_id
    WHERE NOT EXISTS (SELECT 1 FROM {served_pays} d WHERE d.actor_id = e.actor_id AND d.pays_id = pe.pays_id)
)
SELECT 'based', a.commune_id, a.band, COUNT(*) FROM chosen a WHERE a.commune_id IS NOT NULL
GROUP BY a.commune_id, a.band
UNION ALL
SELECT 'se', se.epci_id, se.band, COUNT(*) FROM se GROUP BY se.epci_id, se.band
UNION ALL
SELECT 'se-own', se.own_commune_id, se.band, COUNT(*) FROM se WHERE se.own_epci_id = se.epci_id
GROUP BY se.own_commune_id, se.band
UNION ALL
SELECT 'sp', sp.pays_id, sp.band, COUNT(*) FROM sp GROUP BY sp.pays_id, sp.band
UNION ALL
SELECT 'sp-own', sp.pays_id, sp.band, COUNT(*) FROM sp
WHERE EXISTS (SELECT 1 FROM {pays_epcis} pe WHERE pe.pays_id = sp.pays_id AND pe.epci_id = sp.own_epci_id)
OR EXISTS (SELECT 1 FROM {pays_communes} pc WHERE pc.pays_id = sp.pays_id AND pc.commune_id = sp.own_commune_id)
GROUP BY sp.pays_id, sp.band
UNION ALL
SELECT 'px', pc.commune_id, a.band, COUNT(DISTINCT a.id) FROM {served_pays} p
JOIN {pays_communes} pc ON pc.pays_id = p.pays_id JOIN chosen a ON a.id = p.actor_id
WHERE (a.commune_id IS NULL OR a.commune_id <> pc.commune_id)
AND NOT EXISTS (
    SELECT 1 FROM se JOIN {commune} c ON c.epci_id = se.epci_id WHERE se.actor_id = a.id AND c.id = pc.commune_id
)
GROUP BY pc.commune_id, a.band
"""


class TerritoryNames:
    """The territories the filters offer, in one query: every Pays, every EPCI (with the Pays it lies in, for its
    label and its count), and the communes where an actor of `actors` is based, with `commune` (an INSEE code)."""

    def __init__(self, actors, commune: str = ""):
        # Probed commune by commune through the index of the actors' commune, rather than a pass over the actors.
        communes = Commune.objects.filter(Exists(actors.filter(commune=OuterRef("pk"))) | Q(insee_code=commune))
        # The same columns in every part (the last one is unused for a Pays or an EPCI).
        parts = [
            Pays.objects.values_list(Value("pays"), "pk", "slug", "name", "pk"),
            Epci.objects.values_list(Value("epci"), "pk", "siren", "name", "pk"),
            communes.values_list(Value("commune"), "pk", "insee_code", "name", "epci_id"),
            Pays.epcis.through.objects.values_list(
                Value("pays-epci"), "pays_id", "epci__siren", "pays__name", "epci_id"
            ),
            PaysCommune.objects.values_list(
                Value("pays-commune"), "pays_id", "commune__epci__siren", "pays__name", "commune_id"
            ),
        ]
        self.pays_names, self.epci_names, self.commune_names = {}, {}, {}
        self.pays_codes, self.epci_codes, self.communes_by_id = {}, {}, {}
        self.pays_of_epci = defaultdict(set)  # SIREN -> names of the Pays its communes lie in
        self.epci_pays, self.commune_pays = defaultdict(set), defaultdict(set)  # id -> ids of the Pays
        for kind, pk, code, name, parent in parts[0].order_by().union(*(part.order_by() for part in parts[1:])):
            if kind == "pays":
                self.pays_names[code], self.pays_codes[pk] = name, code
            elif kind == "epci":
                self.epci_names[code], self.epci_codes[pk] = name, code
            elif kind == "commune":
                self.commune_names[code], self.communes_by_id[pk] = name, (code, parent)
            else:
                if code:
                    self.pays_of_epci[code].add(name)
                (self.epci_pays if kind == "pays-epci" else self.commune_pays)[parent].add(pk)

    def territory_values(self) -> list[str]:
        """The filter's value of every territory named: its Pays, its EPCI, its communes."""
        return [
            *(territory_value("commune", code) for code, _ in self.communes_by_id.values()),
            *(territory_value("epci", code) for code in self.epci_codes.values()),
            *(territory_value("pays", code) for code in self.pays_codes.values()),
        ]

    def pays_of_commune(self, commune_id, epci_id) -> set:
        """The ids of the Pays a commune lies in: through its EPCI, or on its own."""
        return self.epci_pays.get(epci_id, set()) | self.commune_pays.get(commune_id, set())

    @cached_property
    def _epci_labels(self) -> dict[str, str]:
        return {siren: epci_label(name, self.pays_of_epci.get(siren, ())) for siren, name in self.epci_names.items()}

    def epci_labels(self) -> dict[str, str]:
        """The EPCI's labels by SIREN, each saying whether its communes lie in several Pays."""
        return self._epci_labels
