"""The choosers of communes, intercommunalities and Pays: found by typing a name (accents or not), a postal or INSEE code."""

import pytest
from django.urls import reverse
from wagtail.search.backends import get_search_backend

from actors.models import Commune, Epci, Pays

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed_territories(territories):
    """Gironde's territories and two Pays, in the search index as a volunteer's admin finds them."""
    rives = Pays.objects.create(name="Pays Rives de Garonne", slug="rives-de-garonne")
    Pays.objects.create(name="Pays Haut Entre-Deux-Mers", slug="haut-entre-deux-mers")
    backend = get_search_backend()
    for model in (Commune, Epci, Pays):
        backend.add_bulk(model, model.objects.all())
    return rives


def chooser_results(client, model_name, query):
    url = reverse(f"wagtailsnippetchoosers_actors_{model_name}:choose_results")
    response = client.get(url, {"q": query})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Langon", "Langon"),
        ("lang", "Langon"),
        ("prechac", "Préchac"),
        ("PRÉCHAC", "Préchac"),
        ("33730", "Préchac"),
        ("33227", "Langon"),
        ("Cadillac", "Cadillac-sur-Garonne"),
        ("cadillac sur", "Cadillac-sur-Garonne"),
    ],
)
def test_the_commune_chooser_finds_by_name_postal_code_or_insee_code(
    admin_client_logged, indexed_territories, query, expected
):
    assert expected in chooser_results(admin_client_logged, "commune", query)


def test_the_commune_chooser_leaves_out_what_does_not_match(admin_client_logged, indexed_territories):
    results = chooser_results(admin_client_logged, "commune", "33730")

    assert "Villandraut" in results
    assert "Langon" not in results


@pytest.mark.parametrize(
    ("query", "expected"), [("reolais", "CC du Réolais en Sud Gironde"), ("200043974", "Sud Gironde")]
)
def test_the_epci_chooser_finds_by_name_without_accents_or_by_siren(
    admin_client_logged, indexed_territories, query, expected
):
    assert expected in chooser_results(admin_client_logged, "epci", query)


def test_the_pays_chooser_finds_by_name(admin_client_logged, indexed_territories):
    results = chooser_results(admin_client_logged, "pays", "garonne")

    assert "Pays Rives de Garonne" in results
    assert "Haut Entre-Deux-Mers" not in results


def test_a_commune_saved_in_the_admin_is_found_at_once(admin_client_logged, territories):
    Commune.objects.create(insee_code="33999", name="Saint-Exemple-sur-Dropt", postal_codes="33999")

    assert "Saint-Exemple-sur-Dropt" in chooser_results(admin_client_logged, "commune", "exemple")
