"""The news app's admin: a menu entry per area."""

from wagtail import hooks

from .event_admin import EventPageListingViewSet


@hooks.register("register_admin_viewset")
def register_event_listing():
    return EventPageListingViewSet("mois_ess_events")
