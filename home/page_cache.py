"""Anonymous visitors' pages kept in the shared cache, and forgotten as soon as content changes.

Only a GET or HEAD request without a session or messages cookie (so never a logged-in editor,
nor a visitor with a pending message or an unlocked private page) is answered from the cache. A
response is kept only when it is a plain 200 that sets no cookie (a page with a CSRF-protected
form sets one), uses no CSP nonce, and does not ask to stay private (`never_cache`, the admin's
views). Every change to the site's content bumps a generation number in the cache: old entries are
never read again and expire on their own, on every server at once. A page is kept twice at most: compressed
for the browsers that accept gzip, plain for the others.

The cache is bounded: a URL is cached only when each of its query parameters is one the pages read
(PAGE_CACHE_QUERY_PARAMETERS, in a fixed order in the key), so that `?utm=<random>` is served but never
stored; and at most PAGE_CACHE_MAX_ENTRIES pages are stored per PAGE_CACHE_SECONDS, whatever the values.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils.cache import patch_cache_control
from wagtail.images.models import AbstractRendition
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from .compression import accepts_gzip
from .generations import start_new_generation

GENERATION_KEY = "page-cache:generation"
PRIVATE_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")
UNCACHED_PREFIXES = ("/admin/", "/documents/", "/sante/")
# Content of these apps is what the public pages show; any change purges them. Each app above the floor adds its own
# (`register_content_app` in its AppConfig.ready).
CONTENT_APPS = {"home", "wagtailcore", "wagtaildocs", "wagtailimages"}


def register_content_app(app_label: str) -> None:
    """The public pages show what the models of `app_label` hold: a change to any of them purges the cache."""
    CONTENT_APPS.add(app_label)


def purge(**kwargs):
    """Forget every cached page (a signal receiver, so it takes the signal's arguments)."""
    start_new_generation(GENERATION_KEY)


def purge_on_content_change(sender, **kwargs):
    if sender._meta.app_label in CONTENT_APPS and not issubclass(sender, AbstractRendition):
        purge()


def connect_signals():
    for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
        signal.connect(purge, dispatch_uid=f"page_cache_purge_{id(signal)}")
    post_save.connect(purge_on_content_change, dispatch_uid="page_cache_purge_post_save")
    post_delete.connect(purge_on_content_change, dispatch_uid="page_cache_purge_post_delete")


def is_cacheable_request(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not any(name in request.COOKIES for name in PRIVATE_COOKIES)
        and not request.path_info.startswith(UNCACHED_PREFIXES)
        and set(request.GET).issubset(settings.PAGE_CACHE_QUERY_PARAMETERS)
    )


def is_cacheable_response(request, response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not getattr(request, "_csp_nonce", None)
        and not any(word in cache_control for word in ("private", "no-cache", "no-store"))
    )


def cache_key(request, generation):
    # The compression middleware (below this one) and precompressed views answer by this same test.
    encoding = "gzip" if accepts_gzip(request) else "plain"
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    return f"page-cache:{generation}:{encoding}:{request.scheme}://{request.get_host()}{request.path}?{query}"


def has_room(generation) -> bool:
    """Counts one more stored page; false once PAGE_CACHE_MAX_ENTRIES were stored in this period."""
    counter = f"page-cache-entries:{generation}"
    cache.add(counter, 0, settings.PAGE_CACHE_SECONDS)
    return cache.incr(counter) <= settings.PAGE_CACHE_MAX_ENTRIES


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            return self.get_response(request)
        generation = cache.get(GENERATION_KEY, 0)
        key = cache_key(request, generation)
        cached = cache.get(key)
        if cached is not None:
            return cached
        response = self.get_response(request)
        if request.method == "GET" and is_cacheable_response(request, response) and has_room(generation):
            # A CDN may keep it as long; Wagtail's front-end cache invalidation purges it on publication.
            patch_cache_control(response, public=True, s_maxage=settings.PAGE_CACHE_SECONDS)
            if hasattr(response, "render") and callable(response.render):
                response.render()
            cache.set(key, response, settings.PAGE_CACHE_SECONDS)
        return response
