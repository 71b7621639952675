"""URLs served by the home app outside the page tree."""

from django.urls import path

from . import views

urlpatterns = [
    path("recherche/", views.search, name="search"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]
