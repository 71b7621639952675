"""URLs served by the news app outside the page tree: the feeds and the indicators' CSV."""

from django.urls import path

from . import feeds, views

urlpatterns = [
    # Wagtail's page paths end with a slash: a file name needs its own URL.
    path("actualites/rss.xml", feeds.NewsRssFeed(), name="news_rss"),
    path("actualites/atom.xml", feeds.NewsAtomFeed(), name="news_atom"),
    path("projet/indicateurs.csv", views.indicators_csv, name="project_indicators_csv"),
]
