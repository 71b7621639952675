"""The Mois de l'ESS: editions, event pages, filters, JSON-LD, the printable programme and query budgets."""

import json
import re
from datetime import date, time

import geojson
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from actors.models import Actor, Commune, Pays
from news.models import EventPage, MoisEssEditionPage, MoisEssIndexPage
from news.mois_ess.choices import AttendanceMode, DatePrecision, EventStatus, EventType
from news.mois_ess.dates import event_dates_label

from .helpers import make_event

# One query of it tells the territory filter which intercommunalities lie across two Pays.
QUERY_BUDGET = 19


def listed_titles(response) -> list[str]:
    return re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', response.content.decode())


def json_ld(response) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S)
    return json.loads(match.group(1))


# --- Demo content -------------------------------------------------------------------------------------------


def test_demo_content_has_the_november_2010_meetings_as_the_first_edition(client, demo_content):
    section = MoisEssIndexPage.objects.get()
    assert section.url == "/mois-de-l-ess/" and section.show_in_menus
    edition = MoisEssEditionPage.objects.live().get()
    assert edition.year == 2010 and edition.url == "/mois-de-l-ess/2010/"
    event = EventPage.objects.get()
    assert event.title == "Agir, Entreprendre et Créer Autrement dans le Sud Gironde"
    assert event.get_parent().specific == edition
    # Only what the presentation says: the month, no place, no organiser, no price.
    assert event.date_precision == DatePrecision.MOIS
    assert (event.start_date, event.last_date) == (date(2010, 11, 1), date(2010, 11, 30))
    assert not event.venue_name and event.commune is None and not event.has_position
    assert not event.organisers.exists() and not event.is_free and event.price is None
    assert event_dates_label(event) == "novembre 2010 (jour non précisé)"
    html = client.get(event.url).content.decode()
    assert "novembre 2010 (jour non précisé)" in html
    programme = client.get(edition.url + "programme/").content.decode()
    assert "Novembre 2010 (jour non précisé)" in programme and "1er novembre" not in programme


def test_demo_loader_is_idempotent(demo_content):
    from django.core.management import call_command

    counts = (MoisEssIndexPage.objects.count(), MoisEssEditionPage.objects.count(), EventPage.objects.count())
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (MoisEssIndexPage.objects.count(), MoisEssEditionPage.objects.count(), EventPage.objects.count()) == counts


# --- Models and the admin -----------------------------------------------------------------------------------


def test_an_end_before_the_start_is_refused_in_french(edition):
    event = EventPage(title="À l'envers", start_date=date(edition.year, 11, 14), end_date=date(edition.year, 11, 12))
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "est avant la date de début" in str(error.value.message_dict["end_date"])

    same_day = EventPage(title="Trop court", start_date=date(edition.year, 11, 14), start_time=time(14))
    same_day.end_time = time(10)
    with pytest.raises(ValidationError) as error:
        same_day.clean()
    assert "finirait (10 h) avant de commencer (14 h)" in str(error.value.message_dict["end_time"])

    overnight = EventPage(
        title="Nuit de l'ESS",
        start_date=date(edition.year, 11, 14),
        start_time=time(20),
        end_date=date(edition.year, 11, 15),
        end_time=time(2),
    )
    overnight.clean()


def test_other_inconsistencies_get_french_messages(edition):
    event = EventPage(title="X", start_date=date(edition.year, 11, 14), end_time=time(12), is_free=True, price=5)
    event.latitude, event.longitude = 44.5, None
    with pytest.raises(ValidationError) as error:
        event.clean()
    messages = error.value.message_dict
    assert "heure de fin sans heure de début" in messages["end_time"][0]
    assert "gratuit n'a pas de prix" in messages["price"][0]
    assert "latitude et la longitude ensemble" in messages["longitude"][0]


def event_form_data(edition, **overrides):
    data = {
        "title": "Atelier coopératif",
        "slug": "atelier-cooperatif",
        "event_type": EventType.ATELIER,
        "summary": "",
        "status": EventStatus.PREVU,
        "start_date": f"{edition.year}-11-14",
        "start_time": "14:00",
        "end_date": f"{edition.year}-11-12",
        "end_time": "",
        "date_precision": DatePrecision.JOUR,
        "attendance_mode": AttendanceMode.SUR_PLACE,
        "online_url": "",
        "venue_name": "Tiers-lieu",
        "street_address": "",
        "postal_code": "",
        "commune": "",
        "latitude": "",
        "longitude": "",
        "organisers": inline_formset([]),
        "registration_url": "",
        "price": "",
        "price_details": "",
        "accessibility": "",
        "image": "",
        "description": streamfield([]),
        **overrides,
    }
    return nested_form_data(data)


def test_the_admin_refuses_an_end_before_the_start_and_keeps_what_was_typed(admin_client_logged, edition):
    url = f"/admin/pages/add/news/eventpage/{edition.pk}/"
    response = admin_client_logged.post(url, event_form_data(edition))
    assert response.status_code == 200
    html = response.content.decode()
    assert "est avant la date de début" in html
    assert 'value="Tiers-lieu"' in html
    assert not EventPage.objects.filter(slug="atelier-cooperatif").exists()

    data = event_form_data(edition, end_date="", end_time="17:00", **{"action-publish": "publish"})
    response = admin_client_logged.post(url, data)
    assert response.status_code == 302
    event = EventPage.objects.get(slug="atelier-cooperatif")
    assert event.live and event.starts_at.isoformat() == f"{edition.year}-11-14T14:00:00+01:00"


def test_the_admin_refuses_an_event_filed_under_another_year(admin_client_logged, edition):
    url = f"/admin/pages/add/news/eventpage/{edition.pk}/"
    data = event_form_data(edition, start_date=f"{edition.year - 1}-11-14", end_date="")
    html = admin_client_logged.post(url, data).content.decode()
    assert f"se range dans l&#x27;édition {edition.year}" in html


def test_the_admin_lists_every_event(admin_client_logged, edition):
    make_event(edition, "Forum de l'emploi solidaire")
    response = admin_client_logged.get(reverse("mois_ess_events:index"))
    assert response.status_code == 200
    assert "Forum de l&#x27;emploi solidaire" in response.content.decode()


def test_times_are_in_paris_with_summer_and_winter_offsets(edition):
    winter = make_event(edition, "Hiver", start_date=date(edition.year, 11, 14))
    summer = make_event(edition, "Été", start_date=date(edition.year, 7, 14))
    assert winter.starts_at.isoformat().endswith("+01:00")
    assert summer.starts_at.isoformat().endswith("+02:00")
    all_day = make_event(edition, "Journée", start_time=None, end_time=None)
    assert all_day.is_all_day and all_day.starts_at is None


# --- The section: listing and filters -----------------------------------------------------------------------


def test_section_shows_upcoming_events_first_then_past_ones(client, edition):
    make_event(edition, "Deuxième rendez-vous", start_date=date(edition.year, 11, 20))
    make_event(edition, "Premier rendez-vous", start_date=date(edition.year, 11, 5))
    response = client.get("/mois-de-l-ess/")
    assert response.status_code == 200
    titles = listed_titles(response)
    assert titles == [
        "Premier rendez-vous",
        "Deuxième rendez-vous",
        "Agir, Entreprendre et Créer Autrement dans le Sud Gironde",
    ]
    html = response.content.decode()
    assert html.index("À venir") < html.index("Déjà passés")
    assert f'href="/mois-de-l-ess/{edition.year}/"' in html and 'href="/mois-de-l-ess/2010/"' in html


def test_filters_by_year_territory_type_and_mode(client, edition):
    bazas = Commune.objects.get(insee_code="33036")
    make_event(edition, "Atelier à Langon", event_type=EventType.ATELIER)
    make_event(edition, "Forum à Bazas", event_type=EventType.FORUM, commune=bazas)
    make_event(
        edition,
        "Webinaire",
        attendance_mode=AttendanceMode.EN_LIGNE,
        commune=None,
        venue_name="",
        latitude=None,
        longitude=None,
    )
    make_event(edition, "Conférence mixte", attendance_mode=AttendanceMode.MIXTE)

    def titles(**params):
        return sorted(listed_titles(client.get("/mois-de-l-ess/", params)))

    assert titles(annee="2010") == ["Agir, Entreprendre et Créer Autrement dans le Sud Gironde"]
    assert titles(territoire="commune-33036") == ["Forum à Bazas"]
    assert titles(territoire=f"epci-{bazas.epci.siren}") == ["Forum à Bazas"]
    assert titles(type="atelier") == ["Atelier à Langon"]
    assert titles(mode="en-ligne") == ["Conférence mixte", "Webinaire"]
    assert titles(mode="sur-place", annee=str(edition.year)) == [
        "Atelier à Langon",
        "Conférence mixte",
        "Forum à Bazas",
    ]

    # Langon is a member commune of the Pays (actors/data/pays-sud-gironde.json); Bazas' EPCI is added whole.
    langon_events = ["Atelier à Langon", "Conférence mixte"]
    assert titles(territoire="pays-pays-rives-de-garonne") == langon_events
    pays = Pays.objects.get(slug="pays-rives-de-garonne")
    pays.epcis.add(bazas.epci)
    pays.save()
    assert titles(territoire="pays-pays-rives-de-garonne") == [*langon_events, "Forum à Bazas"]

    html = client.get("/mois-de-l-ess/", {"territoire": "commune-33036"}).content.decode()
    assert '<option value="commune-33036" selected>Bazas</option>' in html


@pytest.mark.parametrize(
    "params",
    [
        {"annee": "deux-mille"},
        {"annee": "99999999999999999999"},
        {"annee": "0000"},
        {"annee": "²²²²"},
        {"annee": "９９９９"},
        {"territoire": "commune-"},
        {"territoire": "nimporte-quoi"},
        {"type": "<script>"},
        {"mode": "\x00"},
        {"page": "-1"},
        {"page": "999999"},
        {"annee": ["2010", "2011"]},
    ],
)
def test_nonsense_filters_give_a_normal_page(client, edition, params):
    response = client.get("/mois-de-l-ess/", params)
    assert response.status_code == 200
    geojson = client.get("/mois-de-l-ess/evenements.geojson", params)
    assert geojson.status_code == 200


def test_a_cancelled_event_stays_visible_and_marked(client, edition):
    event = make_event(edition, "Fête annulée", status=EventStatus.ANNULE)
    assert "Fête annulée" in listed_titles(client.get("/mois-de-l-ess/"))
    html = client.get(event.url).content.decode()
    assert "Cet événement est annulé" in html
    assert json_ld(client.get(event.url))["eventStatus"] == "https://schema.org/EventCancelled"


# --- Edition page and printable programme -------------------------------------------------------------------


def test_edition_page_lays_out_the_programme_by_day(client, edition):
    make_event(edition, "Le samedi", start_date=date(edition.year, 11, 14))
    make_event(edition, "Le dimanche", start_date=date(edition.year, 11, 15), start_time=None, end_time=None)
    html = client.get(edition.url).content.decode()
    assert html.index("Le samedi") < html.index("Le dimanche")
    assert f'href="/mois-de-l-ess/{edition.year}/agenda.ics"' in html
    assert f'href="/mois-de-l-ess/{edition.year}/programme/"' in html
    programme = client.get(edition.url + "programme/")
    assert programme.status_code == 200
    text = programme.content.decode()
    headings = re.findall(r'class="programme-day__title"[^>]*>([^<]+)<', text)
    assert [heading.split(" ", 1)[1] for heading in headings] == [
        f"14 novembre {edition.year}",
        f"15 novembre {edition.year}",
    ]
    assert all(heading[0].isupper() for heading in headings)
    assert "toute la journée" in text
    assert 'class="site-header"' not in text  # a page meant for printing
    assert 'css/programme-print.css" media="print"' in text


def test_the_events_geojson_is_valid_and_served_like_the_actors_one(client, edition):
    """Checked with the `geojson` package (not written here): RFC 7946, absolute addresses, open to other sites."""
    make_event(edition, "Placé")
    for path in (edition.url + "evenements.geojson", "/carte/acteurs.geojson"):
        response = client.get(path)
        assert response["Content-Type"] == "application/geo+json", path
        assert response["Access-Control-Allow-Origin"] == "*", path
        collection = geojson.loads(response.content.decode())
        assert isinstance(collection, geojson.FeatureCollection) and collection.is_valid, collection.errors()
        for feature in collection["features"]:
            url = feature["properties"]["url"]
            assert url.startswith("http://testserver/"), url
            assert client.get(url.removeprefix("http://testserver")).status_code == 200, url
    events = client.get(edition.url + "evenements.geojson").json()["features"]
    assert [feature["properties"]["name"] for feature in events] == ["Placé"]


def test_an_event_without_coordinates_is_listed_but_not_mapped(client, edition):
    make_event(edition, "Placé")
    make_event(edition, "Sans coordonnées", latitude=None, longitude=None)
    titles = listed_titles(client.get("/mois-de-l-ess/", {"annee": edition.year}))
    assert sorted(titles) == ["Placé", "Sans coordonnées"]
    response = client.get("/mois-de-l-ess/evenements.geojson", {"annee": edition.year})
    assert response["Content-Type"] == "application/geo+json"
    features = response.json()["features"]
    assert [feature["properties"]["name"] for feature in features] == ["Placé"]
    assert features[0]["geometry"]["coordinates"] == [-0.244838, 44.553052]
    edition_features = client.get(edition.url + "evenements.geojson").json()["features"]
    assert [feature["properties"]["name"] for feature in edition_features] == ["Placé"]
    html = client.get(edition.url).content.decode()
    assert "1 événement placé sur la carte, sur 2 au total" in html
    # The shared map component draws the edition's GeoJSON; the programme is its text alternative.
    assert f'data-geojson-url="{edition.url}evenements.geojson"' in html
    assert 'aria-label="Carte des événements"' in html and 'href="#programme"' in html


def test_no_map_is_drawn_when_no_event_is_located(client, edition):
    make_event(edition, "Sans coordonnées", latitude=None, longitude=None)
    html = client.get(edition.url).content.decode()
    assert "data-geojson-url" not in html
    assert "Aucun de ces événements n'a de coordonnées" in html


# --- Event pages, JSON-LD and organisers --------------------------------------------------------------------


def test_event_json_ld_is_a_valid_event(client, edition):
    co_actions = Actor.objects.get(slug="co-actions")
    event = make_event(
        edition,
        "Forum coopératif",
        organisers=[co_actions],
        summary="Un forum pour découvrir les coopératives.",
        street_address="1 place du Marché",
        attendance_mode=AttendanceMode.MIXTE,
        online_url="https://visio.example.org/forum",
        is_free=True,
        registration_url="https://example.org/inscription",
    )
    response = client.get(event.url)
    assert response.status_code == 200
    data = json_ld(response)
    assert data["@type"] == "Event" and data["name"] == "Forum coopératif"
    assert data["startDate"] == f"{edition.year}-11-14T14:00:00+01:00"
    assert data["endDate"] == f"{edition.year}-11-14T17:30:00+01:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    place, virtual = data["location"]
    assert place["@type"] == "Place" and place["address"]["@type"] == "PostalAddress"
    assert place["address"]["addressLocality"] == "Langon" and place["address"]["postalCode"] == "33210"
    assert place["geo"] == {"@type": "GeoCoordinates", "latitude": 44.553052, "longitude": -0.244838}
    assert virtual == {"@type": "VirtualLocation", "url": "https://visio.example.org/forum"}
    assert data["organizer"] == [
        {"@type": "Organization", "name": "Co-Actions", "url": "http://testserver/acteurs/co-actions/"}
    ]
    assert data["offers"]["price"] == "0" and data["offers"]["priceCurrency"] == "EUR"
    assert data["url"] == event.full_url


def test_an_actor_profile_lists_its_upcoming_events(client, edition):
    val_plus = Actor.objects.get(slug="val-plus")
    make_event(edition, "Portes ouvertes chez VAL+", organisers=[val_plus], slug="portes-ouvertes")
    past = make_event(edition, "Ancien atelier", organisers=[val_plus], slug="ancien")
    past.start_date, past.start_time, past.end_time = date(2010, 11, 2), None, None
    past.save()
    html = client.get("/acteurs/val-plus/").content.decode()
    assert "Ses prochains événements" in html
    assert f'href="/mois-de-l-ess/{edition.year}/portes-ouvertes/"' in html
    assert "Ancien atelier" not in html
    event_html = client.get(f"/mois-de-l-ess/{edition.year}/portes-ouvertes/").content.decode()
    assert 'href="http://testserver/acteurs/val-plus/"' in event_html
    assert "Ses prochains événements" not in client.get("/acteurs/co-actions/").content.decode()


def test_unpublished_events_stay_private(client, edition):
    event = make_event(edition, "Brouillon")
    event.unpublish()
    assert client.get(event.url).status_code == 404
    assert "Brouillon" not in client.get("/mois-de-l-ess/").content.decode()
    assert client.get(f"/mois-de-l-ess/{edition.year}/brouillon.ics").status_code == 404


def test_events_under_a_view_restriction_stay_private(client, edition):
    event = make_event(edition, "Réservé aux membres")
    PageViewRestriction.objects.create(page=edition, restriction_type="password", password="secret")
    assert "Réservé aux membres" not in client.get("/mois-de-l-ess/").content.decode()
    assert "Réservé".encode() not in client.get("/mois-de-l-ess/agenda.ics").content
    assert client.get(event.url.rstrip("/") + ".ics").status_code == 404
    assert client.get("/mois-de-l-ess/evenements.geojson").json()["features"] == []


# --- Query budgets ------------------------------------------------------------------------------------------


def count_queries(client, url) -> int:
    client.get(url)  # warm Wagtail's own caches (site root paths)
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_pages_make_a_fixed_number_of_queries_whatever_the_number_of_events(client, edition):
    actors = list(Actor.objects.all()[:2])
    first = make_event(edition, "Événement 0", organisers=actors)
    urls = [
        "/mois-de-l-ess/",
        "/mois-de-l-ess/?territoire=pays-pays-rives-de-garonne&type=rencontre&mode=sur-place",
        edition.url,
        edition.url + "programme/",
        first.url,
        "/acteurs/co-actions/",
    ]
    small = {url: count_queries(client, url) for url in urls}
    for number in range(1, 30):
        make_event(edition, f"Événement {number}", organisers=actors, start_date=date(edition.year, 11, 1 + number))
    large = {url: count_queries(client, url) for url in urls}
    assert large == small
    assert max(large.values()) <= QUERY_BUDGET, large


def test_pages_are_found_at_their_addresses(edition):
    event = make_event(edition, "Adresse")
    assert Page.objects.get(pk=event.pk).url == f"/mois-de-l-ess/{edition.year}/adresse/"


def test_the_dashboard_lists_upcoming_events_without_a_registration_link(client, edition, admin_client_logged):
    make_event(edition, "Forum sans inscription")
    make_event(edition, "Atelier avec inscription", registration_url="https://example.org/inscription")
    html = admin_client_logged.get(reverse("wagtailadmin_home")).content.decode()
    todo = html.split('id="todo-events-without-registration-content"')[1].split("</section>")[0]
    assert "Forum sans inscription" in todo and "Atelier avec inscription" not in todo
