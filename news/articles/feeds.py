"""RSS and Atom feeds of the news, with the listing's filters: a funder can follow one phase."""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from ..models import NewsIndexPage
from .filters import NewsFilter, with_listing_relations
from .structured_data import club_name

FEED_SIZE = 20


@dataclass
class FeedRequest:
    request: HttpRequest
    news_filter: NewsFilter

    @property
    def query(self) -> str:
        return f"?{urlencode(self.news_filter.values)}" if self.news_filter.is_active else ""


class NewsRssFeed(Feed):
    description_template = None

    def get_object(self, request, *args, **kwargs):
        return FeedRequest(request, NewsFilter(request.GET))

    def title(self, obj):
        club = club_name(obj.request)
        description = obj.news_filter.description
        return f"Actualités — {club}" + (f" ({description})" if description else "")

    def link(self, obj):
        index_page = NewsIndexPage.objects.live().first()
        return (index_page.get_url(obj.request) if index_page else "/") + obj.query

    def description(self, obj):
        return "Les nouvelles du club et de son projet, phase après phase."

    def author_name(self, obj):
        return club_name(obj.request)

    def author_link(self, obj):
        return obj.request.build_absolute_uri("/")

    def feed_url(self, obj):
        return reverse(self.url_name) + obj.query

    url_name = "news_rss"

    def items(self, obj):
        items = list(with_listing_relations(obj.news_filter.queryset)[:FEED_SIZE])
        author = club_name(obj.request)
        for item in items:
            item.feed_link = item.get_url(obj.request)
            item.feed_author = author
        return items

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return item.feed_link

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time.min))

    def item_author_name(self, item):
        return item.feed_author

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return ([item.phase.name] if item.phase else []) + [topic.name for topic in item.topics.all()]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    url_name = "news_atom"

    def subtitle(self, obj):
        return self.description(obj)
