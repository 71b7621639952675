"""The Mois de l'ESS public views: the section, an edition (and its printable programme), an event's context.

Each makes a fixed number of queries whatever the number of events: listings read the few columns they sort
on, then fetch only the events shown, with their communes, images and organisers in a fixed number of queries.
"""

from datetime import time
from itertools import groupby

from django.db.models import Count, Prefetch
from django.template.response import TemplateResponse
from django.utils.formats import date_format

from actors.models import Actor, ActorIndexPage
from home.images import prefetch_listing_renditions, prefetch_renditions
from home.navigation import section_page
from home.pagination import paginate
from home.published import published_pages

from ..models import EventOrganiser, EventPage, EventProposalPage, MoisEssEditionPage
from ..models.events import today_in_paris
from .choices import DatePrecision
from .dates import day_label
from .filters import EventFilter, located, published_events
from .json_ld import event_json_ld

PER_PAGE = 20


def with_card_relations(queryset):
    """What an event card shows: its commune, image and published organisers, in three queries."""
    organisers = EventOrganiser.objects.filter(actor__live=True).select_related("actor").order_by("sort_order")
    return queryset.select_related("commune", "image").prefetch_related(
        Prefetch("organisers", queryset=organisers, to_attr="published_organisers")
    )


def upcoming_first(queryset, today) -> list[int]:
    """The ids of the events: upcoming ones from the soonest, then past ones from the latest."""
    upcoming, past = [], []
    for pk, start, start_time, end, title in queryset.order_by().values_list(
        "pk", "start_date", "start_time", "end_date", "title"
    ):
        # All-day events come before the timed ones of the same day.
        key = (start, start_time is not None, start_time or time.min, title, pk)
        (upcoming if (end or start) >= today else past).append(key)
    upcoming.sort()
    past.sort(key=lambda key: key[:3], reverse=True)
    return [key[-1] for key in upcoming] + [key[-1] for key in past]


def fetch_in_order(ids) -> list[EventPage]:
    """The events of a page of cards, in that order, with their pictures' renditions (one more query)."""
    by_id = {event.pk: event for event in with_card_relations(EventPage.objects.filter(pk__in=list(ids)))}
    events = [by_id[pk] for pk in ids if pk in by_id]
    prefetch_listing_renditions(events, "image")
    return events


def section(request, index_page):
    event_filter = EventFilter(request.GET)
    event_filter.set_options()
    today = today_in_paris()
    ids = upcoming_first(event_filter.queryset, today)
    page_obj = paginate(request, ids, PER_PAGE)
    events = fetch_in_order(page_obj)
    for event in events:
        event.upcoming = event.is_upcoming(today)
    counts = dict(
        published_events()
        .order_by()
        .values_list("start_date__year")
        .annotate(count=Count("pk"))
        .values_list("start_date__year", "count")
    )
    editions = list(published_pages(MoisEssEditionPage.objects).child_of(index_page).order_by("-year"))
    for edition_page in editions:
        edition_page.event_count = counts.get(edition_page.year, 0)
    query = request.GET.urlencode()
    return TemplateResponse(
        request,
        "news/mois_ess_index_page.html",
        {
            "page": index_page,
            "self": index_page,
            "form": event_filter.form,
            "filter_active": event_filter.is_active,
            "events": events,
            "page_obj": page_obj,
            "result_count": len(ids),
            "located_count": located(event_filter.queryset).count(),
            "editions": editions,
            "proposal_page": published_pages(EventProposalPage.objects).child_of(index_page).first(),
            "agenda_url": index_page.url + "agenda.ics",
            "geojson_url": index_page.url + "evenements.geojson" + (f"?{query}" if query else ""),
        },
    )


def programme_heading(event) -> str:
    """The heading an event is listed under: its first day, or its month when only the month is known."""
    if event.date_precision == DatePrecision.MOIS:
        return f"{date_format(event.start_date, 'F Y')} (jour non précisé)"
    return day_label(event.start_date)


def programme_days(events) -> list[tuple[str, list[EventPage]]]:
    """The events grouped by their first day, as a printed programme lays them out."""
    return [(heading, list(items)) for heading, items in groupby(events, key=programme_heading)]


def edition(request, edition_page, printable=False):
    events = list(with_card_relations(published_events().child_of(edition_page).in_chronological_order()))
    template = "news/edition_programme.html" if printable else "news/mois_ess_edition_page.html"
    return TemplateResponse(
        request,
        template,
        {
            "page": edition_page,
            "self": edition_page,
            "index_page": edition_page.get_parent(),
            "events": events,
            "days": programme_days(events),
            "located_count": sum(1 for event in events if event.has_position),
            "agenda_url": edition_page.url + "agenda.ics",
            "programme_url": edition_page.url + "programme/",
            "geojson_url": edition_page.url + "evenements.geojson",
        },
    )


def organisers_with_urls(request, event) -> list[tuple[Actor, str]]:
    """The event's published organisers, each with the absolute address of its profile in the directory."""
    actors = [
        item.actor for item in event.organisers.filter(actor__live=True).select_related("actor").order_by("sort_order")
    ]
    directory = section_page(request, ActorIndexPage) if actors else None
    return [
        (actor, request.build_absolute_uri(directory.actor_url(actor, request)) if directory else actor.website)
        for actor in actors
    ]


def event_context(request, event) -> dict:
    page_url = event.get_full_url(request)
    organisers = organisers_with_urls(request, event)
    prefetch_renditions(event.image)
    image_url = ""
    if event.image:
        image_url = request.build_absolute_uri(event.image.get_rendition("fill-1200x675").url)
    return {
        "organisers": organisers,
        "edition": event.get_parent(),
        "ics_url": event.url.rstrip("/") + ".ics",
        "upcoming": event.is_upcoming(),
        "json_ld": event_json_ld(event, page_url, organisers, image_url),
    }
