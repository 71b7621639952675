"""The directory's filters, shared by the listing, the CSV export and the map's data.

`DirectoryFilter(request.GET)` reads the querystring (`q`, `secteur`, `territoire`, `statut`, `insertion`,
`effectif`);
nonsense values match nothing or are ignored, never an error.

- `.queryset`: the filtered queryset, in SQL (CSV export, map data).
- `.facets()`: the same filtering done in Python on a few rows, which also counts every option of the form
  (each option counts the actors matching the *other* filters) and returns the matching ids by name.
  It takes three queries whatever the number of actors; a test holds both paths to the same answers.
"""

from collections import defaultdict
from functools import cached_property

from django import forms
from django.db.models import F, Value

from home.text import normalize_for_search

from .choices import COOPERATIVE_FAMILY, COOPERATIVE_FORMS, HeadcountBand, InsertionType, LegalForm
from .models import Actor, Pays, PaysCommune

FILTER_FIELDS = ("q", "secteur", "territoire", "statut", "insertion", "effectif")
FACETS = ("secteur", "territoire", "statut", "insertion", "effectif")
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
    """A choice whose options are known only after counting: any value is accepted, unknown ones match nothing."""

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


class DirectoryFilter:
    def __init__(self, data, queryset=None):
        self.form = DirectoryFilterForm(data)
        self.form.is_valid()
        cleaned = getattr(self.form, "cleaned_data", {})
        self.values = {name: (cleaned.get(name) or "").strip() for name in FILTER_FIELDS}
        self.base = Actor.objects.published() if queryset is None else queryset
        # Filled by facets(): slug and name of each listed actor's sectors (for the cards), every sector's name.
        self.sectors_of: dict[int, list[tuple[str, str]]] = {}
        # Filled by facets() too: each option's count, and which options every actor (matching `q`) belongs to.
        self.counts: dict[str, dict[str, int]] = {}
        self.memberships: dict[int, dict[str, set[str]]] = {}
        self.index: FacetIndex | None = None
        self.sector_names: dict[str, str] = {}

    @property
    def is_active(self) -> bool:
        return any(self.values.values())

    def search(self, queryset):
        """The text search, accent- and case-insensitive: every word must appear."""
        for word in normalize_for_search(self.values["q"]).split():
            queryset = queryset.filter(search_text__contains=word)
        return queryset

    @cached_property
    def queryset(self):
        queryset = self.search(self.base)
        values = self.values
        if values["secteur"]:
            queryset = queryset.filter(pk__in=Actor.objects.filter(sectors__slug=values["secteur"]).values("pk"))
        if values["statut"]:
            queryset = queryset.of_legal_family(values["statut"])
        if values["insertion"]:
            queryset = queryset.filter(insertion_type=values["insertion"])
        if values["effectif"]:
            queryset = queryset.filter(headcount_band=values["effectif"])
        if values["territoire"]:
            territory = parse_territory(values["territoire"])
            queryset = queryset.in_territory(*territory) if territory else queryset.none()
        return queryset

    def facets(self) -> list[int]:
        """Fills the form's options with their counts; returns the ids of the matching actors, by name."""
        base = self.search(self.base)
        rows = list(
            base.order_by("name", "pk").values_list(
                "pk",
                "legal_form",
                "insertion_type",
                "headcount_band",
                "commune__insee_code",
                "commune__name",
                "commune__epci_id",
                "commune__epci__siren",
                "commune__epci__name",
            )
        )
        index = FacetIndex(rows, related_rows(base))
        selected = {facet: self.values[facet] for facet in FACETS if self.values[facet]}
        if selected.get("territoire", "").startswith("commune-"):
            index.add_commune(selected["territoire"].removeprefix("commune-"))
        memberships = index.memberships()

        def matches(pk, skip=None):
            return all(value in memberships[pk][facet] for facet, value in selected.items() if facet != skip)

        counts = {facet: defaultdict(int) for facet in FACETS}
        for pk, *_ in rows:
            for facet in FACETS:
                if matches(pk, skip=facet):
                    for value in memberships[pk][facet]:
                        counts[facet][value] += 1
        self._set_options(index, counts)
        result = [row[0] for row in rows if matches(row[0])]
        self.sectors_of = index.sectors_of
        self.counts, self.memberships, self.index = counts, memberships, index
        self.sector_names = index.sector_names
        return result

    def _set_options(self, index, counts) -> None:
        def options(values_and_labels, facet, keep_empty=True):
            return [
                (value, f"{label} ({counts[facet][value]})")
                for value, label in values_and_labels
                if keep_empty or counts[facet][value] or value == self.values[facet]
            ]

        fields = self.form.fields
        sectors = sorted(index.sector_names.items(), key=lambda item: item[1])
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
            ("Pays", territories("pays", index.pays_names, keep_empty=True)),
            ("Intercommunalités", territories("epci", index.epci_labels())),
            ("Communes", territories("commune", index.commune_names)),
        ]
        fields["territoire"].choices = [("", "Tout le territoire"), *((label, opts) for label, opts in groups if opts)]


def related_rows(queryset) -> list[tuple]:
    """In one query: the sectors and served areas of the actors of `queryset`, and the members of each Pays.

    Rows are (owner id, kind, id, code, name); the owner is an actor, or a Pays for the "pays-*" kinds; the id of a
    "pays-commune" row is the commune's EPCI.
    """
    actors = queryset.values("pk")
    sectors = Actor.sectors.through.objects.filter(actor__in=actors).values_list(
        "actor_id", Value("sector"), "sector_id", "sector__slug", "sector__name"
    )
    epcis = Actor.areas_served_epcis.through.objects.filter(actor__in=actors).values_list(
        "actor_id", Value("epci"), "epci_id", "epci__siren", "epci__name"
    )
    pays = Actor.areas_served_pays.through.objects.filter(actor__in=actors).values_list(
        "actor_id", Value("pays"), "pays_id", "pays__slug", "pays__name"
    )
    pays_names = Pays.objects.values_list("pk", Value("pays-name"), "pk", "slug", "name")
    pays_epcis = Pays.epcis.through.objects.values_list(
        "pays_id", Value("pays-epci"), "epci_id", "epci__siren", "epci__name"
    )
    pays_communes = PaysCommune.objects.values_list(
        "pays_id", Value("pays-commune"), "commune__epci_id", "commune__insee_code", F("commune__name")
    ).order_by()
    return list(
        sectors.order_by().union(
            epcis.order_by(), pays.order_by(), pays_names.order_by(), pays_epcis, pays_communes, all=True
        )
    )


class FacetIndex:
    """Which option of each facet every actor belongs to, worked out in Python.

    For territories it follows `ActorQuerySet.in_territory` exactly: an actor belongs to the commune it is
    based in, to that commune's EPCI and Pays, and to the EPCI, Pays and communes it serves.
    """

    def __init__(self, rows, related):
        self.rows = rows
        self.commune_names, self.commune_epci = {}, {}
        self.epci_names, self.epci_codes = {}, {}
        self.pays_names, self.pays_codes = {}, {}
        self.pays_epcis, self.pays_communes = defaultdict(set), defaultdict(set)
        self.pays_of_epci = defaultdict(set)
        self.sector_names = {}
        self.sectors_of = defaultdict(list)
        self.served = defaultdict(lambda: {"epci": set(), "pays": set()})
        for _, _, _, _, insee, commune_name, epci_id, siren, epci_name in rows:
            if insee:
                self.commune_names[insee], self.commune_epci[insee] = commune_name, epci_id
            if epci_id:
                self.epci_names[siren], self.epci_codes[epci_id] = epci_name, siren
        for owner, kind, pk, code, name in related:
            if kind == "sector":
                self.sector_names[code] = name
                self.sectors_of[owner].append((code, name))
            elif kind in ("epci", "pays-epci"):
                self.epci_names[code], self.epci_codes[pk] = name, code
                if kind == "epci":
                    self.served[owner]["epci"].add(pk)
                else:
                    self.pays_epcis[owner].add(pk)
                    self.pays_of_epci[pk].add(owner)
            elif kind in ("pays", "pays-name"):
                self.pays_names[code], self.pays_codes[pk] = name, code
                if kind == "pays":
                    self.served[owner]["pays"].add(pk)
            elif kind == "pays-commune":
                self.pays_communes[owner].add(code)
                self.pays_of_epci[pk].add(owner)
        for sectors in self.sectors_of.values():
            sectors.sort(key=lambda sector: sector[1])

    def epci_labels(self) -> dict[str, str]:
        """The EPCI's labels by SIREN, each saying whether its communes lie in several Pays."""
        pays_name = {pk: self.pays_names[code] for pk, code in self.pays_codes.items()}
        epci_ids = {siren: pk for pk, siren in self.epci_codes.items()}
        return {
            siren: epci_label(name, [pays_name[pk] for pk in self.pays_of_epci.get(epci_ids.get(siren), ())])
            for siren, name in self.epci_names.items()
        }

    def add_commune(self, insee: str) -> None:
        """Makes a commune where no listed actor is based countable (when it is the chosen filter)."""
        from .models import Commune

        if insee not in self.commune_names:
            commune = Commune.objects.filter(insee_code=insee).values_list("name", "epci_id").first()
            if commune:
                self.commune_names[insee], self.commune_epci[insee] = commune

    def memberships(self) -> dict[int, dict[str, set[str]]]:
        """Actor id -> facet -> the option values it matches."""
        found = {}
        # The listed communes of each EPCI, worked out once: looking them up per actor stays linear in the actors.
        communes_of_epci = defaultdict(set)
        for code, epci in self.commune_epci.items():
            communes_of_epci[epci].add(code)
        for pk, legal_form, insertion_type, headcount_band, insee, _, epci_id, _, _ in self.rows:
            served = self.served.get(pk, {"epci": set(), "pays": set()})
            served_epcis, served_communes = set(served["epci"]), set()
            for pays_id in served["pays"]:
                served_epcis |= self.pays_epcis[pays_id]
                served_communes |= self.pays_communes[pays_id]
            epcis = served_epcis | ({epci_id} if epci_id else set())
            pays = set(served["pays"])
            for pays_id in self.pays_codes:
                based_in = epci_id in self.pays_epcis[pays_id] or insee in self.pays_communes[pays_id]
                if based_in or served["epci"] & self.pays_epcis[pays_id]:
                    pays.add(pays_id)
            communes = {insee} if insee else set()
            communes |= served_communes & self.commune_epci.keys()
            for served_epci in served_epcis:
                communes |= communes_of_epci[served_epci]
            statut = {legal_form} | ({COOPERATIVE_FAMILY[0]} if legal_form in COOPERATIVE_FORMS else set())
            found[pk] = {
                "secteur": {slug for slug, _ in self.sectors_of.get(pk, ())},
                "statut": statut - {""},
                "insertion": {insertion_type} - {""},
                "effectif": {headcount_band} - {""},
                "territoire": {territory_value("epci", self.epci_codes[e]) for e in epcis}
                | {territory_value("pays", self.pays_codes[p]) for p in pays}
                | {territory_value("commune", code) for code in communes},
            }
        return found
