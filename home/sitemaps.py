"""`/sitemap.xml`: every published public page, and the records shown at their own address (actor profiles).

A section is one entry of SITEMAPS; a record kind served by a routable page adds its own section.
"""

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from wagtail.contrib.sitemaps import Sitemap as PageSitemapBase

from actors.models import Actor, ActorIndexPage

from .search import CLAIMED_PAGE_TYPES


class PageSitemap(PageSitemapBase):
    """Wagtail's page sitemap, without the pages shown at their record's address."""

    def items(self):
        return super().items().not_type(*CLAIMED_PAGE_TYPES)


class RecordSitemap(PageSitemapBase):
    """Records served under a routable index page: `location` gives a path, as Django's sitemaps expect."""

    _urls = DjangoSitemap._urls

    def lastmod(self, obj):
        return getattr(obj, "last_published_at", None)


class ActorSitemap(RecordSitemap):
    def items(self):
        directory = ActorIndexPage.objects.live().public().first()
        if directory is None:
            return Actor.objects.none()
        self.directory_url = directory.get_url(self.request)
        return Actor.objects.published().only("slug", "last_published_at").order_by("slug")

    def location(self, actor):
        return f"{self.directory_url}{actor.slug}/"


SITEMAPS = {"pages": PageSitemap, "acteurs": ActorSitemap}
