"""URLs served by the news app outside the page tree: feeds, agendas, the progress page's files."""

from django.urls import include, path, re_path

from home.print_sheet import print_sheet_css

from .articles import feeds, views
from .mois_ess import feed_views
from .project import views as project_views

# A page's address without its first "/": "mois-de-l-ess/2026/".
PAGE_PATH = r"(?P<page_path>(?:[\w\-]+/)+)"

urlpatterns = [
    # Wagtail's page paths end with a slash: a file name needs its own URL.
    path("actualites/rss.xml", feeds.NewsRssFeed(), name="news_rss"),
    path("actualites/atom.xml", feeds.NewsAtomFeed(), name="news_atom"),
    path("projet/indicateurs.csv", views.indicators_csv, name="project_indicators_csv"),
    path("projet/budget.csv", project_views.budget_csv, name="project_budget_csv"),
    path("projet/impression-<str:day>.css", print_sheet_css, name="project_print_sheet_css"),
    # Files of the Mois de l'ESS: beside their page.
    re_path(rf"^{PAGE_PATH}agenda\.ics$", feed_views.agenda_ics, name="events_agenda_ics"),
    re_path(rf"^{PAGE_PATH}evenements\.geojson$", feed_views.events_geojson, name="events_geojson"),
    re_path(r"^(?P<page_path>(?:[\w\-]+/)*[\w\-]+)\.ics$", feed_views.event_ics, name="event_ics"),
    # E-mail subscriptions: the form, then signed links only.
    path("", include("news.subscriptions.urls")),
]
