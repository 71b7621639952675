"""iCalendar (RFC 5545) files of the Mois de l'ESS: the whole agenda, one edition, one event.

Built with the `icalendar` library: local times carry `TZID=Europe/Paris` with the matching `VTIMEZONE`,
all-day events are dates, and the library does the escaping and the line folding. The files are kept in
the cache and forgotten as soon as an event, an edition or the section is published, unpublished, moved
or deleted.
"""

from datetime import UTC, timedelta
from urllib.parse import urlsplit

from django.core.cache import cache
from django.db.models.signals import post_delete
from django.http import HttpResponse
from icalendar import Calendar, Event
from wagtail.signals import page_published, page_unpublished, post_page_move

from home.generations import start_new_generation

from ..models import EventPage, MoisEssEditionPage, MoisEssIndexPage
from .choices import EVENT_TIME_ZONE, ICAL_STATUSES, DatePrecision

GENERATION_KEY = "news:ical:generation"
CACHE_SECONDS = 24 * 3600
PRODID = "-//Club ESS Sud-Gironde//Mois de l'ESS//FR"


def event_uid(event, hostname: str) -> str:
    """Stable for the life of the event, whatever its title, dates or address become."""
    return f"mois-ess-evenement-{event.pk}@{hostname}"


def event_component(event, page_url: str, hostname: str) -> Event:
    component = Event()
    component.add("uid", event_uid(event, hostname))
    modified = (event.last_published_at or event.first_published_at or event.latest_revision_created_at).astimezone(UTC)
    component.add("dtstamp", modified)
    component.add("last-modified", modified)
    if event.is_all_day:
        component.add("dtstart", event.start_date)
        # DTEND of an all-day event is the day after the last one (exclusive).
        component.add("dtend", event.last_date + timedelta(days=1))
    else:
        component.add("dtstart", event.starts_at)
        if event.ends_at:
            component.add("dtend", event.ends_at)
    summary = event.title
    if event.is_cancelled:
        summary = f"ANNULÉ : {summary}"
    component.add("summary", summary)
    description = [event.summary] if event.summary else []
    if event.date_precision == DatePrecision.MOIS:
        description.append("Date exacte non connue : seul le mois est donné.")
    description.append(page_url)
    component.add("description", "\n\n".join(description))
    if event.location_text:
        component.add("location", event.location_text)
    if event.has_position:
        component.add("geo", (float(event.latitude), float(event.longitude)))
    component.add("url", page_url)
    component.add("status", ICAL_STATUSES[event.status])
    component.add("categories", [event.get_event_type_display()])
    component.add("class", "PUBLIC")
    return component


def build_calendar(name: str, events, request) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", EVENT_TIME_ZONE)
    for event in events:
        page_url = event.get_full_url(request)
        calendar.add_component(event_component(event, page_url, urlsplit(page_url).hostname or "localhost"))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def calendar_events(page):
    """The published events a calendar page stands for: the section (all), an edition, or one event."""
    if isinstance(page, EventPage):
        return [page]
    events = EventPage.objects.published().select_related("commune")
    if isinstance(page, MoisEssEditionPage):
        events = events.child_of(page)
    return events.in_chronological_order()


def calendar_response(request, page, site_name: str, filename: str) -> HttpResponse:
    """The page's calendar, from the cache when nothing was published since it was built."""
    generation = cache.get(GENERATION_KEY, 0)
    key = f"news:ical:{generation}:{request.get_host()}:{page.pk}"
    content = cache.get(key)
    if content is None:
        content = build_calendar(
            f"{page.title} — {site_name}" if site_name else page.title, calendar_events(page), request
        )
        cache.set(key, content, CACHE_SECONDS)
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if isinstance(page, EventPage) else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


CALENDAR_PAGE_TYPES = (EventPage, MoisEssEditionPage, MoisEssIndexPage)


def forget_calendars(sender=None, **kwargs):
    """Every calendar is rebuilt on its next request (a signal receiver, hence the signal's arguments)."""
    if sender is not None and not issubclass(sender, CALENDAR_PAGE_TYPES):
        return
    start_new_generation(GENERATION_KEY)


def forget_calendars_on_move(sender=None, instance=None, **kwargs):
    if instance is not None and isinstance(instance.specific_deferred, CALENDAR_PAGE_TYPES):
        forget_calendars()


def connect_signals():
    for signal in (page_published, page_unpublished):
        signal.connect(forget_calendars, dispatch_uid=f"news_ical_forget_{id(signal)}")
    post_delete.connect(forget_calendars, dispatch_uid="news_ical_forget_post_delete")
    post_page_move.connect(forget_calendars_on_move, dispatch_uid="news_ical_forget_move")
