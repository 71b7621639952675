"""URLs served by the news app outside the page tree."""

from django.urls import re_path

from . import feed_views

# A page's address without its first "/": "mois-de-l-ess/2026/".
PAGE_PATH = r"(?P<page_path>(?:[\w\-]+/)+)"

urlpatterns = [
    # Files of the Mois de l'ESS: beside their page, since Wagtail's page paths end with a slash.
    re_path(rf"^{PAGE_PATH}agenda\.ics$", feed_views.agenda_ics, name="events_agenda_ics"),
    re_path(rf"^{PAGE_PATH}evenements\.geojson$", feed_views.events_geojson, name="events_geojson"),
    re_path(r"^(?P<page_path>(?:[\w\-]+/)*[\w\-]+)\.ics$", feed_views.event_ics, name="event_ics"),
]
