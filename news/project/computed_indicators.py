"""Indicators the site computes from its own data, so that they keep themselves up to date.

Adding one is a decorated function returning a number, here or in a module imported by `NewsConfig.ready()`:

    @computed_indicator("mois_ess_events", "Événements du Mois de l'ESS tenus")
    def mois_ess_events_held() -> int:
        return Event.objects.filter(...).count()

Editors then pick it in Projet › Indicateurs › « calculé automatiquement ». Each function makes one query.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ComputedIndicator:
    key: str
    label: str
    compute: Callable[[], int | float]


REGISTRY: dict[str, ComputedIndicator] = {}


def computed_indicator(key: str, label: str):
    """Registers the decorated function as the computed indicator `key`, shown to editors as `label`."""

    def register(function):
        REGISTRY[key] = ComputedIndicator(key, label, function)
        return function

    return register


def computed_indicator_choices() -> list[tuple[str, str]]:
    """The choices of `Indicator.computed_key`, read when a form is built so late registrations appear."""
    return [(item.key, item.label) for item in REGISTRY.values()]


def compute(key: str) -> int | float | None:
    item = REGISTRY.get(key)
    return item.compute() if item else None


@computed_indicator("published_actors", "Acteurs publiés dans l'annuaire")
def published_actors() -> int:
    from actors.models import Actor

    return Actor.objects.published().count()


@computed_indicator("founding_members", "Membres fondateurs du club")
def founding_members() -> int:
    from actors.models import Actor

    return Actor.objects.published().filter(is_founding_member=True).count()


@computed_indicator("mois_ess_events", "Événements du Mois de l'ESS tenus")
def mois_ess_events_held() -> int:
    """Published events already over, neither cancelled nor postponed."""
    from ..models import EventPage
    from ..mois_ess.choices import EventStatus

    return EventPage.objects.live().past().filter(status=EventStatus.PREVU).count()


@computed_indicator("mutualisation_offers", "Offres de mutualisation pourvues")
def mutualisation_offers_fulfilled() -> int:
    """Offers of the board that found a taker (the poster or a moderator marked them « pourvu »)."""
    from board.choices import PostKind, PostStatus
    from board.models import BoardPost

    return BoardPost.objects.filter(kind=PostKind.OFFER, status=PostStatus.FULFILLED).count()
