"""Template helpers of the Mois de l'ESS: an event's dates in words, and an actor's upcoming events."""

from django import template

from ..models import EventOrganiser
from ..mois_ess.dates import event_dates_label
from ..mois_ess.filters import published_events

register = template.Library()

ACTOR_EVENTS_SHOWN = 10


@register.filter
def event_dates(event) -> str:
    """ "samedi 14 novembre 2026, de 14 h à 17 h 30"."""
    return event_dates_label(event)


@register.inclusion_tag("news/includes/actor_events.html", takes_context=True)
def actor_upcoming_events(context, actor):
    """The upcoming published events an actor organises, for its profile in the directory."""
    events = (
        published_events()
        .filter(pk__in=EventOrganiser.objects.filter(actor=actor).values("page_id"))
        .upcoming()
        .in_chronological_order()
        .select_related("commune")[:ACTOR_EVENTS_SHOWN]
    )
    return {"request": context.get("request"), "actor": actor, "events": list(events)}
