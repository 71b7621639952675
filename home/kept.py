"""What pages show kept in the shared cache until the content changes: a part of a page, or the data behind it.

Kept under the content's generation (home/page_cache.py, home/generations.py: every publication, every save of
content starts a new one, on every server at once), the request's site, a name and the values given, which must be
all the kept thing depends on beyond the content. Nothing is read or kept for a preview (it shows what is not
published), nor without a shared cache (no generation on the request, FRAGMENT_CACHE_SECONDS at 0), nor when a
value is None.

Each process also memorises what it read or built, by key, within FRAGMENT_MEMO_BYTES (the least recently used
forgotten first): a key names the generation, so what it holds never changes, and a page served by a warm process
reads its fragments without a round trip to the cache. Values other than text are memorised pickled and unpickled
at each use, so that no object is shared between requests.
"""

import pickle
from contextlib import suppress
from threading import Lock

from cachetools import LRUCache
from django.conf import settings
from django.core.cache import cache

_memo = LRUCache(maxsize=settings.FRAGMENT_MEMO_BYTES, getsizeof=len)
# Reading an LRU cache reorders it: one request at a time (the development server and the tests' live server serve
# each request in a thread of their own).
_memo_lock = Lock()


def kept_key(request, name: str, values) -> str | None:
    """The cache key of `name` for these values in this request's generation and site, or None: keep nothing."""
    generation = getattr(request, "content_generation", None)
    if generation is None or settings.FRAGMENT_CACHE_SECONDS <= 0 or None in values:
        return None
    if getattr(request, "is_preview", False):
        return None
    site = getattr(request, "_wagtail_site", None)
    return ":".join(["fragment", str(generation), str(site.pk if site else ""), name, *map(str, values)])


def memorise(key: str, value) -> None:
    memorised = value if isinstance(value, str) else pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    with _memo_lock, suppress(ValueError):  # larger than the whole memo: kept in the shared cache only
        _memo[key] = memorised


def recall(key: str):
    """What this process memorised under `key`, or None."""
    with _memo_lock:
        value = _memo.get(key)
    return pickle.loads(value) if isinstance(value, bytes) else value  # noqa: S301 (pickled by this process)


def forget_in_process() -> None:
    """Forget what this process memorised (tests: a database rolled back may meet a generation again)."""
    with _memo_lock:
        _memo.clear()


def kept(request, name: str, values, build):
    """`build()`, or what it gave for the same name and values since the content last changed."""
    key = kept_key(request, name, values)
    if key is None:
        return build()
    value = recall(key)
    if value is None:
        value = cache.get(key)
        if value is None:
            value = build()
            cache.set(key, value, settings.FRAGMENT_CACHE_SECONDS)
        memorise(key, value)
    return value
