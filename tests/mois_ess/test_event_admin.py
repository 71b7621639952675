"""The events' admin: « Ajouter un événement » proposes the current edition; the map picker places events too."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from news.models import MoisEssEditionPage
from news.models.events import today_in_paris

pytestmark = pytest.mark.django_db


@pytest.fixture
def current_edition(section):
    """This year's edition, still a draft, as the demo leaves it for volunteers to fill (the demo may have made it)."""
    year = today_in_paris().year
    existing = MoisEssEditionPage.objects.child_of(section).filter(year=year).first()
    if existing is not None:
        return existing
    page = MoisEssEditionPage(title=f"Mois de l'ESS {year}", year=year, slug=str(year), live=False)
    section.add_child(instance=page)
    return page


def test_adding_an_event_from_the_section_proposes_the_current_edition(admin_client_logged, edition, current_edition):
    html = admin_client_logged.get(reverse("mois_ess_events:choose_parent")).content.decode()

    assert f'name="parent_page" value="{current_edition.pk}"' in html.replace(' id="id_parent_page"', "")


def test_the_event_form_places_the_event_with_the_map_picker(admin_client_logged, edition):
    html = admin_client_logged.get(reverse("wagtailadmin_pages:add", args=["news", "eventpage", edition.pk])).content
    html = html.decode()

    assert "data-map-picker" in html
    assert 'data-latitude-input="id_latitude"' in html and 'data-commune-input="id_commune"' in html
    assert f'data-geocode-url="{reverse("news_geocode")}"' in html
    assert "/static/js/map-picker.js" in html


def test_event_editors_may_geocode_an_address(client, django_user_model):
    user = django_user_model.objects.create_user("agenda", password="un-mot-de-passe-long")
    user.user_permissions.add(*Permission.objects.filter(codename__in=["access_admin", "change_eventpage"]))
    client.force_login(user)

    answer = client.get(reverse("news_geocode"), {"street": ""})

    assert answer.status_code == 200
    assert "error" in answer.json()
    assert client.get(reverse("actors_geocode"), {"street": ""}).status_code == 302  # not an actor editor


def test_the_organisers_are_chosen_among_published_actors(admin_client_logged, edition):
    html = admin_client_logged.get(reverse("wagtailadmin_pages:add", args=["news", "eventpage", edition.pk])).content
    html = html.decode()

    assert reverse("published_actor_chooser:choose") in html
    assert reverse("wagtailsnippetchoosers_actors_actor:choose") not in html
