"""The Mois de l'ESS files served beside the pages: iCalendar agendas and the events' GeoJSON.

Wagtail serves pages at addresses ending with "/", so a file gets its own URL: the address of its page
followed by `agenda.ics` or `evenements.geojson` (the section, an edition), or the page's address with
`.ics` instead of the last "/" (an event). Renaming a page moves its files with it.
"""

from django.http import Http404
from wagtail.models import Page, Site

from home.open_data import geojson_response
from home.published import published_pages

from ..models import EventPage, MoisEssEditionPage, MoisEssIndexPage
from .choices import EventStatus
from .dates import event_dates_label
from .filters import EventFilter, located, published_events
from .ical import calendar_response


def find_page(request, page_path: str, types):
    """The published page at `page_path` (relative to the site's root), of one of `types`, or a 404."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    url_path = site.root_page.url_path + page_path.strip("/") + "/"
    page = published_pages(Page.objects).filter(url_path=url_path).specific().first()
    if not isinstance(page, types):
        raise Http404
    return site, page


def agenda_ics(request, page_path):
    site, page = find_page(request, page_path, (MoisEssIndexPage, MoisEssEditionPage))
    filename = "agenda.ics" if isinstance(page, MoisEssIndexPage) else f"mois-de-l-ess-{page.year}.ics"
    return calendar_response(request, page, site.site_name, filename)


def event_ics(request, page_path):
    site, page = find_page(request, page_path, EventPage)
    return calendar_response(request, page, site.site_name, f"{page.slug}.ics")


def feature(event, request) -> dict:
    return {
        "type": "Feature",
        # GeoJSON is longitude first.
        "geometry": {"type": "Point", "coordinates": [float(event.longitude), float(event.latitude)]},
        "properties": {
            "id": event.pk,
            "name": event.title,
            "url": request.build_absolute_uri(event.get_url(request)),
            "date": event.start_date.isoformat(),
            "when": event_dates_label(event),
            "place": event.location_text,
            # Said only when the event does not take place as announced.
            "status": "" if event.status == EventStatus.PREVU else event.get_status_display(),
            "cancelled": event.is_cancelled,
        },
    }


def events_geojson(request, page_path):
    _, page = find_page(request, page_path, (MoisEssIndexPage, MoisEssEditionPage))
    if isinstance(page, MoisEssEditionPage):
        events = published_events().child_of(page)
    else:
        events = EventFilter(request.GET).queryset
    events = located(events).select_related("commune").in_chronological_order()
    return geojson_response({"type": "FeatureCollection", "features": [feature(event, request) for event in events]})
