"""What pages show kept in the shared cache until the content changes: a part of a page, or the data behind it.

Kept under the content's generation (home/page_cache.py: every publication, every save of content starts a new
one, on every server at once), the request's site, a name and the values given, which must be all the kept thing
depends on beyond the content. Nothing is read or kept for a preview (it shows what is not published), nor without
a shared cache (no generation on the request, FRAGMENT_CACHE_SECONDS at 0), nor when a value is None.
"""

from django.conf import settings
from django.core.cache import cache


def kept_key(request, name: str, values) -> str | None:
    """The cache key of `name` for these values in this request's generation and site, or None: keep nothing."""
    generation = getattr(request, "content_generation", None)
    if generation is None or settings.FRAGMENT_CACHE_SECONDS <= 0 or None in values:
        return None
    if getattr(request, "is_preview", False):
        return None
    site = getattr(request, "_wagtail_site", None)
    return ":".join(["fragment", str(generation), str(site.pk if site else ""), name, *map(str, values)])


def kept(request, name: str, values, build):
    """`build()`, or what it gave for the same name and values since the content last changed."""
    key = kept_key(request, name, values)
    if key is None:
        return build()
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, settings.FRAGMENT_CACHE_SECONDS)
    return value
