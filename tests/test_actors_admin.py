"""The volunteers' admin for the directory: in French, with filters, exports and clear errors."""

import json
import re

import pytest
from django.urls import reverse

from actors.models import Actor, Commune, Sector

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model_name", ["actor", "sector", "pays", "epci", "commune"])
def test_every_directory_listing_and_form_opens(admin_client_logged, territories, model_name):
    listing = admin_client_logged.get(reverse(f"wagtailsnippets_actors_{model_name}:list"))
    assert listing.status_code == 200
    add = admin_client_logged.get(reverse(f"wagtailsnippets_actors_{model_name}:add"))
    assert add.status_code == 200


def test_directory_menu_groups_actors_sectors_and_territories(admin_client_logged):
    html = admin_client_logged.get(reverse("wagtailadmin_home")).content.decode()
    # The sidebar is drawn from JSON: its labels are JSON strings.
    labels = [json.loads(f'"{label}"') for label in re.findall(r'"label": "((?:[^"\\]|\\.)*)"', html)]
    start = labels.index("Annuaire")
    assert labels[start + 1 : start + 6] == ["Acteurs", "Secteurs d'activité", "Pays", "Intercommunalités", "Communes"]


def test_actor_listing_filters_and_searches(admin_client_logged, territories):
    la_reole = Commune.objects.get(insee_code="33352")
    Actor.objects.create(name="Chantier de La Réole", short_description="x", commune=la_reole, legal_form="association")
    Actor.objects.create(name="Coopérative de Bazas", short_description="x", legal_form="scic")
    url = reverse("wagtailsnippets_actors_actor:list")
    html = admin_client_logged.get(url, {"legal_form": "scic"}).content.decode()
    assert "Coopérative de Bazas" in html and "Chantier de La Réole" not in html
    html = admin_client_logged.get(url, {"located": "true"}).content.decode()
    assert "Chantier de La Réole" in html and "Coopérative de Bazas" not in html
    epci = la_reole.epci_id
    html = admin_client_logged.get(url, {"epci": epci}).content.decode()
    assert "Chantier de La Réole" in html and "Coopérative de Bazas" not in html
    html = admin_client_logged.get(url, {"q": "Bazas"}).content.decode()
    assert "Coopérative de Bazas" in html and "Chantier de La Réole" not in html


def test_actor_listing_exports_xlsx_and_csv(admin_client_logged):
    Actor.objects.create(name="Café associatif", short_description="x", legal_form="association")
    url = reverse("wagtailsnippets_actors_actor:list")
    csv_response = admin_client_logged.get(url, {"export": "csv"})
    body = b"".join(csv_response.streaming_content).decode("utf-8")
    assert "Statut juridique" in body
    assert "Café associatif" in body and "Association" in body
    xlsx = admin_client_logged.get(url, {"export": "xlsx"})
    assert xlsx.status_code == 200
    assert "spreadsheetml" in xlsx["Content-Type"]


def test_a_rejected_actor_form_keeps_what_was_typed(admin_client_logged, territories):
    Sector.objects.create(name="Mobilité", slug="mobilite")
    response = admin_client_logged.post(
        reverse("wagtailsnippets_actors_actor:add"),
        {
            "name": "Garage solidaire",
            "slug": "",
            "short_description": "Des voitures à petit prix.",
            "siret": "732 829 320 00075",
            "latitude": "-0,3",
            "longitude": "44,6",
            "phone": "05 56 00 00 00",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "clé de contrôle est fausse" in html
    assert "inversé latitude et longitude" in html
    assert 'value="Garage solidaire"' in html
    assert 'value="732 829 320 00075"' in html
    assert not Actor.objects.exists()


def test_a_valid_actor_form_creates_a_draft_then_publishes(admin_client_logged, territories):
    la_reole = Commune.objects.get(insee_code="33352")
    data = {
        "name": "Garage solidaire",
        "slug": "",
        "short_description": "Des voitures à petit prix.",
        "commune": la_reole.pk,
        "siret": "732 829 320 00074",
        "phone": "05 56 00 00 00",
    }
    admin_client_logged.post(reverse("wagtailsnippets_actors_actor:add"), data)
    actor = Actor.objects.get()
    assert actor.slug == "garage-solidaire"
    assert actor.siret == "73282932000074"
    assert not actor.live
    assert list(Actor.objects.published()) == []
    admin_client_logged.post(
        reverse("wagtailsnippets_actors_actor:edit", args=[actor.pk]), {**data, "action-publish": "1"}
    )
    assert list(Actor.objects.published()) == [actor]
