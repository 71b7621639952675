"""The news app's admin: the "Projet" menu (phases, indicators, topics) and the listing of events."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from actors.admin_views import geocode_view
from home.choosers import Noun, WordedSnippetViewSet
from home.dashboard import Todo, drafts_to_submit, pages_user_can_edit, register_todo

from .articles.admin import NewsPageListingViewSet
from .models import EventPage, Indicator, NewsPage, Phase, Topic
from .mois_ess.admin import MoisEssGroup
from .subscriptions.admin import SubscriberViewSet, SubscriptionCountsPanel, sees_subscription_counts


class PhaseViewSet(WordedSnippetViewSet):
    model = Phase
    noun = Noun("phase", feminine=True)
    icon = "time"
    menu_label = "Phases"
    list_display = ["name", "sort_order", Column("status", label="État", accessor="get_status_display"), "start_date"]
    list_filter = ["status"]
    ordering = ["sort_order", "start_date"]
    search_fields = ["name", "summary", "objectives"]
    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
                FieldRowPanel([FieldPanel("sort_order"), FieldPanel("status")]),
            ],
            heading="La phase",
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]), FieldPanel("period_label")],
            heading="Dates",
        ),
        FieldPanel("summary"),
        FieldPanel("objectives"),
        FieldPanel("workload"),
        InlinePanel("budget_lines", heading="Budget (dépenses)", label="ligne de budget"),
        InlinePanel("financing_lines", heading="Financement (recettes)", label="ligne de financement"),
    ]


class IndicatorViewSet(WordedSnippetViewSet):
    model = Indicator
    noun = Noun("indicateur")
    icon = "table"
    menu_label = "Indicateurs"
    list_display = [
        "name",
        "unit",
        "sort_order",
        Column("computed_key", label="Calcul automatique", accessor="get_computed_key_display"),
    ]
    ordering = ["sort_order", "name"]
    search_fields = ["name", "description"]
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("unit")]),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("baseline"), FieldPanel("target"), FieldPanel("sort_order")]),
        FieldPanel("computed_key"),
        InlinePanel(
            "measurements",
            heading="Mesures",
            label="mesure",
            help_text="Saisies à la main, ou ajoutées chaque jour où la valeur change pour un indicateur calculé.",
        ),
    ]


class TopicViewSet(WordedSnippetViewSet):
    model = Topic
    noun = Noun("thème")
    icon = "tag"
    menu_label = "Thèmes des actualités"
    list_display = ["name", "slug"]
    search_fields = ["name"]
    panels = [FieldPanel("name"), FieldPanel("slug")]


class ProjectViewSetGroup(SnippetViewSetGroup):
    items = (PhaseViewSet, IndicatorViewSet, TopicViewSet)
    menu_icon = "clipboard-list"
    menu_label = "Projet"
    menu_name = "projet"


register_snippet(ProjectViewSetGroup)


@hooks.register("register_admin_viewset")
def register_mois_ess_menu():
    return MoisEssGroup()


@hooks.register("register_admin_viewset")
def register_news_listing():
    return NewsPageListingViewSet("news_pages")


def _page_edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def _drafts_listing_url(listing_url_name):
    return lambda: f"{reverse(listing_url_name)}?to_submit=true"


DRAFTS_HELP_TEXT = (
    "Enregistrées en brouillon, elles n'ont pas été envoyées aux modérateurs : le public ne les voit pas. "
    "Ouvrez-les, relisez, puis choisissez « Soumettre à la relecture » en bas de page."
)
register_todo(
    Todo(
        name="news-drafts",
        heading="Actualités en brouillon à soumettre",
        help_text=DRAFTS_HELP_TEXT,
        permission="wagtailadmin.access_admin",
        queryset=lambda: drafts_to_submit(NewsPage.objects.all()).order_by("-latest_revision_created_at"),
        restrict=pages_user_can_edit,
        item_url=_page_edit_url,
        listing_url=_drafts_listing_url("news_pages:index"),
        order=228,
    )
)
register_todo(
    Todo(
        name="events-drafts",
        heading="Événements en brouillon à soumettre",
        help_text=DRAFTS_HELP_TEXT,
        permission="wagtailadmin.access_admin",
        queryset=lambda: drafts_to_submit(EventPage.objects.all()).order_by("-latest_revision_created_at"),
        restrict=pages_user_can_edit,
        item_url=_page_edit_url,
        listing_url=_drafts_listing_url("mois_ess_events:index"),
        order=228,
    )
)
register_todo(
    Todo(
        name="events-without-registration",
        heading="Événements à venir sans lien d'inscription",
        help_text="Le public ne sait pas comment s'inscrire. Ajoutez dans l'événement le « lien d'inscription » de l'organisateur, "
        "ou indiquez dans la description que l'entrée est libre.",
        permission="news.change_eventpage",
        queryset=lambda: EventPage.objects.live().upcoming().filter(registration_url="").order_by("start_date"),
        item_url=_page_edit_url,
        listing_url=lambda: reverse("mois_ess_events:index"),
        order=245,
    )
)


@hooks.register("register_admin_urls")
def register_geocode_url():
    """The map picker's « Géocoder l'adresse » for events: the actors' geocoder, open to event editors."""
    return [
        path(
            "mois-de-l-ess/geocoder/",
            geocode_view,
            {"permissions": ("news.add_eventpage", "news.change_eventpage")},
            name="news_geocode",
        )
    ]


@hooks.register("register_admin_viewset")
def register_subscribers():
    return SubscriberViewSet("news_subscribers")


@hooks.register("construct_homepage_panels")
def add_subscription_counts(request, panels):
    if sees_subscription_counts(request.user):
        panels.append(SubscriptionCountsPanel())
