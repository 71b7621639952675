"""URLs served by the home app outside the page tree."""

from django.urls import path

from . import views
from .identity import theme_css
from .print_sheet import print_sheet_css

urlpatterns = [
    path("recherche/", views.search, name="search"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("impression-<str:day>.css", print_sheet_css, name="print_sheet_css"),
    path("theme-<str:colours>.css", theme_css, name="theme_css"),
]
