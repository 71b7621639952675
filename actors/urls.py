"""URLs served by the actors app outside the page tree."""

from django.urls import path

from . import views

urlpatterns = [
    # Wagtail's page paths end with a slash: a file name needs its own URL.
    path("acteurs/acteurs.csv", views.directory_csv, name="actors_csv"),
    path("carte/acteurs.geojson", views.actors_geojson, name="actors_geojson"),
    path("etat-des-lieux/chiffres.csv", views.territory_report_csv, name="territory_report_csv"),
]
