"""The news app's models, one module per area."""

from .events import EventOrganiser, EventPage, MoisEssEditionPage, MoisEssIndexPage

__all__ = ["EventOrganiser", "EventPage", "MoisEssEditionPage", "MoisEssIndexPage"]
