"""The "Mois de l'ESS" admin menu: every event of every edition in one list, and the events proposed by the public."""

import django_filters
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.choose_parent import ChooseParentView
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.viewsets.pages import PageListingViewSet

from home import admin_views
from home.dashboard import DraftsToSubmitFilter

from ..models import EventPage, EventProposal, MoisEssEditionPage
from .choices import AttendanceMode, EventStatus, EventType


class EventPageFilterSet(PageFilterSet):
    edition = django_filters.ModelChoiceFilter(
        label="Édition", queryset=MoisEssEditionPage.objects.order_by("-year"), method="filter_edition"
    )
    status = django_filters.ChoiceFilter(label="Statut de l'événement", choices=EventStatus.choices)
    event_type = django_filters.ChoiceFilter(label="Type d'événement", choices=EventType.choices)
    attendance_mode = django_filters.ChoiceFilter(label="Participation", choices=AttendanceMode.choices)
    start_date = django_filters.DateFromToRangeFilter(label="Date de début")
    to_submit = DraftsToSubmitFilter()

    class Meta:
        model = EventPage
        fields = []

    def filter_edition(self, queryset, name, value):
        return queryset.child_of(value) if value else queryset


class EventChooseParentView(ChooseParentView):
    """« Ajouter un événement » proposes the edition of the current year (or the next one, else the latest)."""

    def get_form(self):
        form = super().get_form()
        if self.request.method != "POST":
            form.initial["parent_page"] = self.current_edition()
        return form

    def current_edition(self):
        editions = MoisEssEditionPage.objects.filter(pk__in=self.get_valid_parent_pages(self.request.user).values("pk"))
        this_year = timezone.localdate().year
        return editions.filter(year__gte=this_year).order_by("year").first() or editions.order_by("-year").first()


class EventPageListingViewSet(PageListingViewSet):
    model = EventPage
    choose_parent_view_class = EventChooseParentView
    icon = "date"
    menu_label = "Événements"
    filterset_class = EventPageFilterSet
    columns = [
        *PageListingViewSet.columns,
        Column("start_date", label="Début", sort_key="start_date"),
        Column("commune", label="Commune"),
        Column("get_status_display", label="Statut de l'événement"),
    ]


class EventProposalViewSet(ModelViewSet):
    """The events proposed at /mois-de-l-ess/proposer/: who proposed them and their consent, with an export."""

    model = EventProposal
    index_view_class = admin_views.ModelIndexView
    icon = "mail"
    menu_label = "Propositions du public"
    list_display = ["event", "organiser_name", "contact_name", "contact_email", "consent_given_at"]
    list_export = [
        "event",
        "organiser_name",
        "contact_name",
        "contact_email",
        "message",
        "consent_text",
        "consent_given_at",
    ]
    export_filename = "propositions-d-evenements"
    add_to_admin_menu = False
    panels = [
        FieldPanel("event", read_only=True),
        FieldPanel("organiser_name"),
        FieldPanel("contact_name"),
        FieldPanel("contact_email"),
        FieldPanel("message"),
        FieldPanel("consent_text", read_only=True),
        FieldPanel("possible_duplicates", read_only=True),
    ]

    def get_add_url(self):
        return None  # proposals come from the public form only


class MoisEssGroup(ViewSetGroup):
    menu_label = "Mois de l'ESS"
    menu_icon = "date"
    menu_order = 250
    items = (
        EventPageListingViewSet("mois_ess_events"),
        EventProposalViewSet("mois_ess_proposals"),
    )
