"""The "Actualités" admin menu entry: every news page in one list, filtered by phase of the project and topic."""

import django_filters
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet

from home.dashboard import DraftsToSubmitFilter

from ..models import NewsPage, Phase, Topic


class NewsPageFilterSet(PageFilterSet):
    phase = django_filters.ModelChoiceFilter(label="Phase du projet", queryset=Phase.objects.all())
    topics = django_filters.ModelChoiceFilter(label="Thème", queryset=Topic.objects.order_by("name"))
    date = django_filters.DateFromToRangeFilter(label="Date de l'actualité")
    to_submit = DraftsToSubmitFilter()

    class Meta:
        model = NewsPage
        fields = []


class NewsPageListingViewSet(PageListingViewSet):
    model = NewsPage
    icon = "doc-full"
    menu_label = "Actualités"
    add_to_admin_menu = True
    menu_order = 240
    filterset_class = NewsPageFilterSet
    columns = [
        *PageListingViewSet.columns,
        Column("date", label="Date", sort_key="date"),
        Column("phase", label="Phase du projet"),
    ]
