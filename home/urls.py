"""URLs served by the home app outside the page tree."""

from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from . import views
from .sitemaps import SITEMAPS

urlpatterns = [
    path("recherche/", views.search, name="search"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]
