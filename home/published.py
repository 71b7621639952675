"""What the public may see of the page tree: one notion of « published and public », in one query.

Wagtail's `public()` reads the view restrictions first (one more query each time); here a subquery checks
that no restricted page's path starts the page's path (the page itself or one of its ancestors).
"""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from wagtail.models import PageManager, PageViewRestriction
from wagtail.query import PageQuerySet


def published_pages(queryset):
    """Live pages of `queryset` under no view restriction."""
    restricted = PageViewRestriction.objects.filter(page__path=Substr(OuterRef("path"), 1, Length("page__path")))
    return queryset.live().exclude(Exists(restricted))


class PublishedPageQuerySet(PageQuerySet):
    def published(self):
        return published_pages(self)


PublishedPageManager = PageManager.from_queryset(PublishedPageQuerySet)
