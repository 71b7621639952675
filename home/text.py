"""Plain text of any page or record, for search excerpts and meta descriptions, whatever its type."""

import unicodedata

from django.utils.html import strip_tags
from django.utils.text import Truncator

# The fields a summary is looked for in, in order, on any model (pages of every app, snippets).
SUMMARY_FIELDS = ("search_description", "intro", "introduction", "summary", "excerpt", "short_description", "hero_text")
BODY_FIELDS = ("body", "content", "description")


def normalize_for_search(text: str) -> str:
    """Lower case without accents, so that "reole" finds "La Réole" on every database."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def _field_text(obj, name) -> str:
    value = getattr(obj, name, None)
    if value is None or callable(value):
        return ""
    if hasattr(value, "stream_block"):  # a StreamField's value: the text its blocks make searchable, links aside
        parts = value.stream_block.get_searchable_content(value)
        return " ".join(str(part) for part in parts if part and not str(part).startswith(("/", "http")))
    return strip_tags(str(value))


def summary_text(obj) -> str:
    """The first summary the object has (its description, introduction…), as plain text."""
    for name in SUMMARY_FIELDS:
        text = " ".join(_field_text(obj, name).split())
        if text:
            return text
    return ""


def body_text(obj) -> str:
    """The object's main text (a StreamField body, a text field), as plain text."""
    for name in BODY_FIELDS:
        text = " ".join(_field_text(obj, name).split())
        if text:
            return text
    return ""


def describe(obj, length: int = 160) -> str:
    """A description of `length` characters at most: the summary, else the beginning of the body."""
    return Truncator(summary_text(obj) or body_text(obj)).chars(length)
