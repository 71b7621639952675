"""Building Mois de l'ESS pages for the tests: an edition of next year and its events."""

from datetime import date, time

from actors.models import Commune
from news.models import EventOrganiser, EventPage


def make_event(edition, title, organisers=(), **fields) -> EventPage:
    values = {
        "start_date": date(edition.year, 11, 14),
        "start_time": time(14, 0),
        "end_time": time(17, 30),
        "commune": Commune.objects.get(insee_code="33227"),  # Langon
        "venue_name": "Salle des fêtes",
        "latitude": "44.553052",
        "longitude": "-0.244838",
        **fields,
    }
    event = EventPage(title=title, **values)
    event.organisers = [EventOrganiser(actor=actor) for actor in organisers]
    edition.add_child(instance=event)
    event.save_revision().publish()
    return event
