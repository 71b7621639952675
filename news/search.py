"""News items and events have their own groups of search results."""

from home.search import PageKind, register_search_kind

from .models import EventPage, NewsPage

register_search_kind(PageKind("actualites", "Actualités", ("actualité", "actualités"), page_types=[NewsPage]))
register_search_kind(PageKind("evenements", "Événements", ("événement", "événements"), page_types=[EventPage]))
