"""The site's search at /recherche/: every kind of result is one entry of SEARCH_KINDS.

A kind says what it searches (a queryset of published content, indexed by Wagtail's search backend)
and how one of its results is shown (title, address, text for the excerpt, a line of details). Each app
registers its kinds in its own `search.py` (`register_search_kind(...)`, imported by its AppConfig); the
pages no kind claims are found by the last kind, « Pages ». The search view asks each kind for a count and
one page of results: two queries per kind (plus one per page type for pages), whatever the number of
actors, pages or events.
"""

import re
from dataclasses import dataclass

from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from .text import body_text, normalize_for_search, summary_text

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
EXCERPT_LENGTH = 220


@dataclass
class SearchResult:
    title: str
    url: str
    text: str
    details: str = ""


class SearchKind:
    """One kind of result: subclasses say what is searched and how a result reads."""

    key = ""
    label = ""  # the group's heading, plural: "Acteurs"
    noun = ("résultat", "résultats")  # one result, several results
    claimed_page_types: tuple = ()  # the pages this kind shows, so that « Pages » leaves them out
    # The section a visitor can browse instead when the search finds nothing: "app_label.PageModel", and its
    # link text (the app's own words, written into the page as they are).
    browse_section, browse_label = "", ""

    def queryset(self):
        raise NotImplementedError

    def results(self, objects, request) -> list[SearchResult]:
        raise NotImplementedError

    def search(self, query):
        return get_search_backend().search(query, self.queryset(), operator="and")


def page_text(page, length: int = 2000) -> str:
    """The page's summary and body, where the excerpt looks for the query's words."""
    return f"{summary_text(page)} {body_text(page)}".strip()[:length]


class PageKind(SearchKind):
    """Published public pages of the given types."""

    def __init__(self, key, label, noun, page_types):
        self.key, self.label, self.noun = key, label, noun
        self.page_types = self.claimed_page_types = tuple(page_types)

    # Wagtail's `public()` rather than `home.published`: a search backend filters on plain fields only.
    def pages(self):
        return Page.objects.live().public().type(*self.page_types)

    def queryset(self):
        return self.pages().specific()

    def results(self, objects, request):
        return [
            SearchResult(page.title, page.get_url(request), page_text(page), page.specific_class._meta.verbose_name)
            for page in objects
        ]


class OtherPagesKind(PageKind):
    """Published public pages of every type no registered kind claims."""

    def __init__(self):
        super().__init__("pages", "Pages", ("page", "pages"), page_types=())

    def pages(self):
        claimed = [page_type for kind in SEARCH_KINDS for page_type in kind.claimed_page_types]
        return Page.objects.live().public().not_type(*claimed).exclude(depth=1)


# « Pages » stays last; the apps' kinds come before it, in the order of INSTALLED_APPS.
SEARCH_KINDS: list[SearchKind] = [OtherPagesKind()]


def register_search_kind(kind: SearchKind) -> None:
    if all(existing.key != kind.key for existing in SEARCH_KINDS):
        SEARCH_KINDS.insert(len(SEARCH_KINDS) - 1, kind)


def kind_for(key) -> SearchKind | None:
    return next((kind for kind in SEARCH_KINDS if kind.key == key), None)


def clean_query(raw: str) -> str:
    """Words only: no operator or punctuation reaches the backend, and never more than MAX_WORDS words."""
    text = re.sub(r"[^\w'’-]+", " ", (raw or "")[: MAX_QUERY_LENGTH * 4])
    words = [word.strip("'’-_") for word in text.split()]
    return " ".join([word for word in words if word][:MAX_WORDS])[:MAX_QUERY_LENGTH].strip()


def query_words(query: str) -> list[str]:
    return [word for word in normalize_for_search(query).replace("’", "'").replace("'", " ").split() if word][
        :MAX_WORDS
    ]


def highlight(text: str, query: str, length: int = EXCERPT_LENGTH):
    """An excerpt of `text` around the first word of the query, every match in <mark>, accents ignored."""
    words = query_words(query)
    folded, positions = [], []
    for index, char in enumerate(text):
        for folded_char in normalize_for_search(char):
            folded.append(folded_char)
            positions.append(index)
    folded = "".join(folded)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(word[:6]) for word in words) + r")\w*") if words else None
    spans = [(positions[m.start()], positions[m.end() - 1] + 1) for m in pattern.finditer(folded)] if pattern else []
    start = 0
    if spans and spans[0][0] > length // 3:
        start = text.rfind(" ", 0, spans[0][0] - length // 4) + 1
    end = min(len(text), start + length)
    if end < len(text):
        end = max(text.rfind(" ", start, end), start + length // 2)
    pieces, cursor = [], start
    for span_start, span_end in spans:
        if span_start < cursor or span_end > end:
            continue
        pieces.append(conditional_escape(text[cursor:span_start]))
        pieces.append(f"<mark>{conditional_escape(text[span_start:span_end])}</mark>")
        cursor = span_end
    pieces.append(conditional_escape(text[cursor:end]))
    return mark_safe(("… " if start else "") + "".join(pieces) + (" …" if end < len(text) else ""))  # noqa: S308
