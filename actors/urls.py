"""URLs served by the actors app outside the page tree."""

from django.urls import path

from . import record_check_views, views

urlpatterns = [
    # Wagtail's page paths end with a slash: a file name needs its own URL.
    path("acteurs/acteurs.csv", views.directory_csv, name="actors_csv"),
    path("carte/acteurs.geojson", views.actors_geojson, name="actors_geojson"),
    path("carte/points.json", views.actors_map_feed, name="actors_map_feed"),
    path("carte/details.json", views.actors_map_details, name="actors_map_details"),
    path("etat-des-lieux/chiffres.csv", views.territory_report_csv, name="territory_report_csv"),
    # « Vérifiez votre fiche »: the e-mail's link keeps its token in the session and redirects to a token-free address.
    path("verifier-ma-fiche/demande/<int:pk>/", record_check_views.record_check, name="actors_record_check"),
    path(
        "verifier-ma-fiche/demande/<int:pk>/corriger/",
        record_check_views.record_correction,
        name="actors_record_correction",
    ),
    path(
        "verifier-ma-fiche/lien-refuse/<slug:reason>/",
        record_check_views.record_check_refused,
        name="actors_record_check_refused",
    ),
    path("verifier-ma-fiche/<str:token>/", record_check_views.record_check_link, name="actors_record_check_link"),
    path(
        "verifier-ma-fiche/<str:token>/corriger/",
        record_check_views.record_check_link,
        {"then": "actors_record_correction"},
        name="actors_record_correction_link",
    ),
]
