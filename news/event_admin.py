"""The "Mois de l'ESS" admin menu entry: every event of every edition in one list, with filters."""

import django_filters
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet

from .event_choices import AttendanceMode, EventStatus, EventType
from .models import EventPage


class EventPageFilterSet(PageFilterSet):
    status = django_filters.ChoiceFilter(label="Statut de l'événement", choices=EventStatus.choices)
    event_type = django_filters.ChoiceFilter(label="Type d'événement", choices=EventType.choices)
    attendance_mode = django_filters.ChoiceFilter(label="Participation", choices=AttendanceMode.choices)
    start_date = django_filters.DateFromToRangeFilter(label="Date de début")

    class Meta:
        model = EventPage
        fields = []


class EventPageListingViewSet(PageListingViewSet):
    model = EventPage
    icon = "date"
    menu_label = "Mois de l'ESS"
    add_to_admin_menu = True
    menu_order = 250
    filterset_class = EventPageFilterSet
    columns = [
        *PageListingViewSet.columns,
        Column("start_date", label="Début", sort_key="start_date"),
        Column("commune", label="Commune"),
        Column("get_status_display", label="Statut de l'événement"),
    ]
