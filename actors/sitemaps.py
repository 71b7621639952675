"""The directory's section of the sitemap: one entry per published actor, at its profile's address."""

from home.sitemaps import RecordSitemap

from .models import Actor, ActorIndexPage


class ActorSitemap(RecordSitemap):
    index_page_model = ActorIndexPage

    def records(self):
        return Actor.objects.published().only("slug", "last_published_at").order_by("slug")

    def record_path(self, actor):
        return f"{actor.slug}/"
