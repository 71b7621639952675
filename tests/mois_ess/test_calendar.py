"""The Mois de l'ESS agendas: RFC 5545 files parsed back with the `icalendar` library, cached and refreshed."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from news.mois_ess.choices import EventStatus

from .helpers import make_event

PARIS = ZoneInfo("Europe/Paris")


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def vevents(calendar):
    return list(calendar.walk("VEVENT"))


def test_the_agenda_holds_every_published_event_with_paris_times(client, edition):
    event = make_event(edition, "Forum, « coopératif » ; et le reste", summary="Deux lignes.\nEt une virgule, ici.")
    calendar = parse(client.get("/mois-de-l-ess/agenda.ics"))
    events = {str(component["SUMMARY"]): component for component in vevents(calendar)}
    assert set(events) == {
        "Forum, « coopératif » ; et le reste",
        "Agir, Entreprendre et Créer Autrement dans le Sud Gironde",
    }
    forum = events["Forum, « coopératif » ; et le reste"]
    start = forum["DTSTART"]
    assert start.params["TZID"] == "Europe/Paris"
    assert start.dt == datetime(edition.year, 11, 14, 14, 0, tzinfo=PARIS)
    assert start.dt.utcoffset() == timedelta(hours=1)
    assert forum["DTEND"].dt == datetime(edition.year, 11, 14, 17, 30, tzinfo=PARIS)
    assert str(forum["UID"]) == f"mois-ess-evenement-{event.pk}@localhost"
    assert forum["DTSTAMP"].dt.tzinfo is not None and forum["LAST-MODIFIED"].dt.utcoffset() == timedelta(0)
    assert str(forum["LOCATION"]) == "Salle des fêtes, 33210 Langon"
    assert (forum["GEO"].latitude, forum["GEO"].longitude) == (44.553052, -0.244838)
    assert str(forum["URL"]) == event.full_url
    assert str(forum["STATUS"]) == "CONFIRMED"
    assert "Et une virgule, ici." in str(forum["DESCRIPTION"])
    # One VTIMEZONE for Europe/Paris, with its summer and winter rules.
    timezones = calendar.walk("VTIMEZONE")
    assert [str(tz["TZID"]) for tz in timezones] == ["Europe/Paris"]
    assert {component.name for component in timezones[0].subcomponents} == {"STANDARD", "DAYLIGHT"}


def test_the_file_is_escaped_and_folded_as_rfc_5545_says(client, edition):
    make_event(edition, "Forum, « coopératif » ; et le reste", summary="Un très long résumé " * 10)
    raw = client.get("/mois-de-l-ess/agenda.ics").content
    lines = raw.split(b"\r\n")
    assert raw.endswith(b"\r\n")
    assert all(len(line) <= 75 for line in lines), "lines are folded at 75 octets"
    assert any(line.startswith(b" ") for line in lines), "long lines are folded"
    assert "SUMMARY:Forum\\, « coopératif » \\; et le reste".encode() in raw
    assert b"DTSTART;TZID=Europe/Paris:" in raw and b"BEGIN:VTIMEZONE" in raw
    assert b"VERSION:2.0" in raw and b"PRODID:" in raw


def test_all_day_events_are_dates_with_an_exclusive_end(client, edition):
    event = make_event(
        edition,
        "Deux journées",
        start_time=None,
        end_time=None,
        end_date=date(edition.year, 11, 15),
    )
    calendar = parse(client.get(event.url.rstrip("/") + ".ics"))
    (component,) = vevents(calendar)
    assert component["DTSTART"].dt == date(edition.year, 11, 14)
    assert component["DTEND"].dt == date(edition.year, 11, 16)


def test_each_event_page_links_its_own_file(client, edition):
    event = make_event(edition, "Atelier", status=EventStatus.ANNULE)
    html = client.get(event.url).content.decode()
    ics_url = f"/mois-de-l-ess/{edition.year}/atelier.ics"
    assert f'href="{ics_url}"' in html
    response = client.get(ics_url)
    assert response["Content-Disposition"] == 'attachment; filename="atelier.ics"'
    (component,) = vevents(parse(response))
    assert str(component["STATUS"]) == "CANCELLED"
    assert str(component["SUMMARY"]).startswith("ANNULÉ")


def test_an_edition_file_holds_only_its_events(client, edition):
    make_event(edition, "De cette année")
    summaries = [str(c["SUMMARY"]) for c in vevents(parse(client.get(f"/mois-de-l-ess/{edition.year}/agenda.ics")))]
    assert summaries == ["De cette année"]
    old = [str(c["SUMMARY"]) for c in vevents(parse(client.get("/mois-de-l-ess/2010/agenda.ics")))]
    assert old == ["Agir, Entreprendre et Créer Autrement dans le Sud Gironde"]


def test_unknown_calendar_addresses_are_not_found(client, edition):
    for url in ("/mois-de-l-ess/1999/agenda.ics", "/acteurs/agenda.ics", "/mois-de-l-ess/inconnu.ics", "/x.ics"):
        assert client.get(url).status_code == 404, url


def test_calendars_are_cached_and_refreshed_on_publish(client, edition):
    event = make_event(edition, "Avant")
    client.get("/mois-de-l-ess/agenda.ics")
    with CaptureQueriesContext(connection) as context:
        cached = client.get("/mois-de-l-ess/agenda.ics")
    assert not any("news_eventpage" in query["sql"] for query in context.captured_queries)
    assert b"SUMMARY:Avant" in cached.content

    event.title = "Après"
    event.save_revision().publish()
    refreshed = client.get("/mois-de-l-ess/agenda.ics").content
    assert b"SUMMARY:Apr" in refreshed and b"SUMMARY:Avant" not in refreshed
    event_file = client.get(event.url.rstrip("/") + ".ics").content
    assert b"SUMMARY:Apr" in event_file

    event.unpublish()
    assert b"SUMMARY:Apr" not in client.get("/mois-de-l-ess/agenda.ics").content


def test_calendar_queries_do_not_grow_with_the_number_of_events(client, edition, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

    def count():
        with CaptureQueriesContext(connection) as context:
            assert client.get("/mois-de-l-ess/agenda.ics").status_code == 200
        return len(context.captured_queries)

    make_event(edition, "Un")
    client.get("/mois-de-l-ess/agenda.ics")
    small = count()
    for number in range(2, 25):
        make_event(edition, f"Numéro {number}", start_time=time(9, number))
    assert count() == small
