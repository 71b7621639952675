"""The board's section of the sitemap: one entry per post now on the board."""

from home.sitemaps import RecordSitemap

from .models import BoardIndexPage, BoardPost


class BoardPostSitemap(RecordSitemap):
    index_page_model = BoardIndexPage

    def records(self):
        return BoardPost.objects.on_board().only("pk", "last_published_at").order_by("pk")

    def record_path(self, post):
        return f"{post.pk}/"
