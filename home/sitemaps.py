"""`/sitemap.xml`: every published public page once, and each app's records shown at their own address.

Pages come from Wagtail's sitemap (a page type shown elsewhere returns no URL from `get_sitemap_urls`);
an app whose records are served under a routable page adds a `RecordSitemap` section, and
`site_ess/urls.py` lists the sections.
"""

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from wagtail.contrib.sitemaps import Sitemap as PageSitemap

from .published import published_pages

__all__ = ["PageSitemap", "RecordSitemap"]


class RecordSitemap(PageSitemap):
    """Published records served under a live public index page, at `<index page's address><record_path>`."""

    index_page_model = None  # the routable page that serves the records

    _urls = DjangoSitemap._urls  # `location` gives a path, as Django's sitemaps expect

    def records(self):
        raise NotImplementedError

    def record_path(self, record) -> str:
        raise NotImplementedError

    def items(self):
        index_page = published_pages(self.index_page_model.objects).first()
        if index_page is None:
            return []
        self.index_url = index_page.get_url(self.request)
        return self.records()

    def location(self, record):
        return f"{self.index_url}{self.record_path(record)}"

    def lastmod(self, record):
        return record.last_published_at
