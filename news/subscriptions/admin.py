"""The subscriptions in the admin: counts per subject for moderators, the addresses for administrators only.

- `SubscriptionCountsPanel` (dashboard): how many confirmed addresses follow each subject, never an address;
  shown to moderators and administrators.
- `SubscriberViewSet`: the addresses, with their export, for the roles that read mailing lists (home/roles.py:
  the Administrateurs and superusers); nobody adds an address by hand, the person subscribes herself.
"""

from django.db.models import Count
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from home import admin_views
from home.roles import ADMINISTRATORS, MODERATORS

from ..models import Follow, Subscriber
from .topics import follow_label


def subscriber_counts() -> dict:
    active = Follow.objects.filter(subscriber__confirmed_at__isnull=False, subscriber__unsubscribed_at__isnull=True)
    rows = active.order_by().values("kind", "value").annotate(count=Count("subscriber", distinct=True))
    return {
        "subscribers": Subscriber.objects.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True).count(),
        "pending": Subscriber.objects.filter(confirmed_at__isnull=True).count(),
        "rows": sorted(
            ((follow_label(row["kind"], row["value"]), row["count"]) for row in rows),
            key=lambda item: (-item[1], item[0]),
        ),
    }


def sees_subscription_counts(user) -> bool:
    return user.is_superuser or user.groups.filter(name__in=(MODERATORS, ADMINISTRATORS)).exists()


class SubscriptionCountsPanel(Component):
    name = "subscription-counts"
    order = 260
    template_name = "news/admin/subscription_counts_panel.html"

    def get_context_data(self, parent_context=None):
        return subscriber_counts()


class SubscribersOwnRequests(ModelPermissionPolicy):
    """The roles' permissions, without « add »: an address subscribes itself, through the double opt-in."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    permission_policy = SubscribersOwnRequests(Subscriber)
    index_view_class = admin_views.ModelIndexView
    icon = "mail"
    menu_label = "Abonnés (adresses)"
    add_to_settings_menu = True
    list_display = ["email", "requested_at", "confirmed_at", "unsubscribed_at"]
    list_filter = ["confirmed_at", "unsubscribed_at"]
    search_fields = ["email"]
    list_export = ["email", "requested_at", "confirmed_at", "last_digest_at", "unsubscribed_at", "consent_text"]
    export_filename = "abonnes"
    panels = [
        FieldPanel("email", read_only=True),
        FieldPanel("requested_at", read_only=True),
        FieldPanel("confirmed_at", read_only=True),
        FieldPanel("last_digest_at", read_only=True),
        FieldPanel("unsubscribed_at", read_only=True),
        FieldPanel("consent_text", read_only=True),
    ]
