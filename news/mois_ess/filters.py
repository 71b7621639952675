"""The Mois de l'ESS filters (`annee`, `territoire`, `type`, `mode`), shared by the section's listing and its map data.

Values come from the querystring; nonsense values match nothing (an empty, normal page), never an error.
The options of the form are built in a fixed number of queries, whatever the number of events.
"""

import re
from functools import cached_property

from django import forms
from django.db.models import Q

from actors.filters import OpenChoiceField, epci_label, parse_territory, pays_of_epcis, territory_value
from actors.models import Pays
from home.published import published_pages

from ..models import EventPage, MoisEssEditionPage
from .choices import AttendanceMode, EventType

FILTER_FIELDS = ("annee", "territoire", "type", "mode")
YEAR = re.compile(r"[12][0-9]{3}")  # ASCII digits only: "²²²²" is digits to Python, not a year

# An event "sur place et en ligne" is found by both the on-site and the online filter.
MODE_MATCHES = {
    AttendanceMode.SUR_PLACE: (AttendanceMode.SUR_PLACE, AttendanceMode.MIXTE),
    AttendanceMode.EN_LIGNE: (AttendanceMode.EN_LIGNE, AttendanceMode.MIXTE),
    AttendanceMode.MIXTE: (AttendanceMode.MIXTE,),
}


def published_events():
    return EventPage.objects.published()


class EventFilterForm(forms.Form):
    annee = OpenChoiceField(label="Année", required=False)
    territoire = OpenChoiceField(
        label="Territoire", required=False, help_text="Un Pays, une intercommunalité ou une commune."
    )
    type = OpenChoiceField(label="Type d'événement", required=False)
    mode = OpenChoiceField(
        label="Participation",
        required=False,
        help_text="Un événement mixte se trouve aussi « sur place » et « en ligne ».",
    )


class EventFilter:
    def __init__(self, data, queryset=None):
        self.form = EventFilterForm(data)
        self.form.is_valid()
        cleaned = getattr(self.form, "cleaned_data", {})
        self.values = {name: (cleaned.get(name) or "").strip() for name in FILTER_FIELDS}
        self.base = published_events() if queryset is None else queryset

    @property
    def is_active(self) -> bool:
        return any(self.values.values())

    @cached_property
    def queryset(self):
        queryset = self.base
        values = self.values
        if values["annee"]:
            year = values["annee"]
            queryset = queryset.filter(start_date__year=int(year)) if YEAR.fullmatch(year) else None
        if queryset is not None and values["type"]:
            queryset = queryset.filter(event_type=values["type"])
        if queryset is not None and values["mode"]:
            modes = MODE_MATCHES.get(values["mode"])
            queryset = queryset.filter(attendance_mode__in=modes) if modes else None
        if queryset is not None and values["territoire"]:
            territory = parse_territory(values["territoire"])
            queryset = queryset.in_territory(*territory) if territory else None
        return self.base.none() if queryset is None else queryset

    def set_options(self) -> None:
        """Fills the form's choices: the editions' years and the territories where events take place."""
        fields = self.form.fields
        years = published_pages(MoisEssEditionPage.objects).order_by("-year").values_list("year", flat=True)
        fields["annee"].choices = [("", "Toutes les années"), *((str(year), str(year)) for year in years)]
        fields["type"].choices = [("", "Tous les types"), *EventType.choices]
        fields["mode"].choices = [("", "Sur place ou en ligne"), *AttendanceMode.choices]
        places = (
            self.base.filter(commune__isnull=False)
            .order_by()
            .values_list("commune__insee_code", "commune__name", "commune__epci__siren", "commune__epci__name")
            .distinct()
        )
        communes, epcis, pays_of_epci = {}, {}, pays_of_epcis()
        for insee, name, siren, epci_name in places:
            communes[insee] = name
            if siren:
                epcis[siren] = epci_label(epci_name, pays_of_epci[siren])
        pays = Pays.objects.order_by("name").values_list("slug", "name")

        def labelled(kind, names):
            return sorted(((territory_value(kind, code), name) for code, name in names), key=lambda item: item[1])

        groups = [
            ("Pays", labelled("pays", pays)),
            ("Intercommunalités", labelled("epci", epcis.items())),
            ("Communes", labelled("commune", communes.items())),
        ]
        fields["territoire"].choices = [("", "Tout le territoire"), *((label, opts) for label, opts in groups if opts)]


def located(queryset):
    return queryset.filter(~Q(latitude=None) & ~Q(longitude=None))
