"""The request's Wagtail site, every site's root path and the site's settings, read in one query.

Wagtail reads them in three: the site matching the host (`Site.find_for_request`), every site's root path to
build page URLs (`Site.get_site_root_paths`, kept in the cache, so read again after every publication empties
it) and the site's `SiteSettings`. The sites are a handful of rows: this middleware reads them all with their
home page (its specific HomePage, which routing starts from) and their settings, picks the request's site as
Wagtail does, and leaves on the request what Wagtail and wagtail.contrib.settings look for there first (and the
root paths in Wagtail's cache entry, for `page.url` without a request). It sits inside the page cache: a page
served from the cache reads nothing.

With a shared cache (SITE_LOOKUP_CACHE_SECONDS), the rows are kept there with the page cache's generation they
were read in, and used only while it is the current one, which every change of content replaces (a site, its
settings, a page: home/page_cache.py): what a cached page already holds, no staler. The generation and the rows
come in one round trip. A page built without the page cache then reads them from Redis, unpickled afresh for each
request (no object is shared between requests), instead of a query on five tables: a few milliseconds of
processor time on every page.
"""

from django.conf import settings
from django.core.cache import cache
from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.models.sites import (
    MATCH_DEFAULT,
    MATCH_HOSTNAME,
    MATCH_HOSTNAME_DEFAULT,
    MATCH_HOSTNAME_PORT,
    SITE_ROOT_PATHS_CACHE_KEY,
    SITE_ROOT_PATHS_CACHE_VERSION,
    SiteRootPath,
)

from .generations import first_generation
from .models import SiteSettings
from .page_cache import GENERATION_KEY


def _match(site, hostname: str, port: int) -> int | None:
    """Wagtail's ranking of a site for a host (wagtail.models.sites.get_site_for_hostname); None: no match."""
    if site.hostname == hostname and site.port == port:
        return MATCH_HOSTNAME_PORT
    if site.hostname == hostname and site.is_default_site:
        return MATCH_HOSTNAME_DEFAULT
    if site.is_default_site:
        return MATCH_DEFAULT
    return MATCH_HOSTNAME if site.hostname == hostname else None


def site_for_host(sites, hostname: str, port: int):
    """The site Wagtail's `Site.find_for_request` chooses among `sites` for this host, or None."""
    ranked = sorted(
        ((match, site) for site in sites if (match := _match(site, hostname, port)) is not None),
        key=lambda pair: pair[0],
    )
    if not ranked:
        return None
    if len(ranked) == 1 or ranked[0][0] in (MATCH_HOSTNAME_PORT, MATCH_HOSTNAME_DEFAULT):
        return ranked[0][1]
    # A default site on another hostname: a single site of this hostname wins over it (Wagtail's rule).
    return ranked[len(ranked) == 2][1]


def root_paths(sites) -> list[SiteRootPath]:
    """`Site.get_site_root_paths()`, from sites read with their root page and its locale."""
    ordered = sorted(sites, key=lambda site: site.hostname)
    ordered.sort(key=lambda site: site.is_default_site, reverse=True)
    ordered.sort(key=lambda site: site.root_page.url_path, reverse=True)
    return [
        SiteRootPath(site.id, site.root_page.url_path, site.root_url, site.root_page.locale.language_code)
        for site in ordered
    ]


def read_sites() -> list[Site]:
    """Every site with its root page (as its specific HomePage when it is one), locale and settings: one query."""
    sites = list(Site.objects.select_related("root_page__locale", "root_page__homepage", "sitesettings"))
    for site in sites:
        home_page = getattr(site.root_page, "homepage", None)
        if home_page is not None:
            home_page.locale = site.root_page.locale
            site.root_page = home_page  # the same row, already specific: routing starts there without a query
    return sites


SITES_KEY = "site-lookup"


def generation_and_sites() -> tuple[int | None, list[Site]]:
    """The content's current generation in the shared cache and `read_sites()`, kept there for that generation: both
    asked for in one round trip. The generation is None without a shared cache to keep anything under it
    (SITE_LOOKUP_CACHE_SECONDS off, or the cache unavailable)."""
    if settings.SITE_LOOKUP_CACHE_SECONDS <= 0:
        return None, read_sites()
    found = cache.get_many([GENERATION_KEY, SITES_KEY])
    generation = found.get(GENERATION_KEY)
    if generation is None:
        # An emptied (or new) cache has no generation yet: a random first one, so that it never meets an entry
        # kept under a generation of before. Not added: the cache is unavailable (or another process was quicker).
        generation = first_generation()
        if not cache.add(GENERATION_KEY, generation, timeout=None):
            return None, read_sites()
    kept_for, sites = found.get(SITES_KEY, (None, None))
    if kept_for != generation:
        sites = read_sites()
        cache.set(SITES_KEY, (generation, sites), settings.SITE_LOOKUP_CACHE_SECONDS)
    return generation, sites


# The generation for which this process last stored Wagtail's root paths in the cache.
_root_paths_stored_for = None


def prime_request(request) -> None:
    """Leave the site, the root paths and the site's settings where Wagtail looks for them on the request, and the
    content's generation where the fragment cache (home/templatetags/fragment_tags.py) looks for it."""
    generation, sites = generation_and_sites()
    request.content_generation = generation
    hostname = split_domain_port(request._get_raw_host())[0]
    site = site_for_host(sites, hostname, request.get_port())
    request._wagtail_site = site
    request._wagtail_cached_site_root_paths = paths = root_paths(sites)
    # Also where `page.url` (without the request) looks for them: Wagtail's cache entry, which it deletes itself
    # when a site or a page's address changes, with the value Wagtail would store there. Once per generation in
    # each process: such a change starts a new generation.
    global _root_paths_stored_for
    if generation is None or generation != _root_paths_stored_for:
        cache.add(SITE_ROOT_PATHS_CACHE_KEY, paths, 3600, version=SITE_ROOT_PATHS_CACHE_VERSION)
        _root_paths_stored_for = generation
    site_settings = getattr(site, "sitesettings", None) if site is not None else None
    if site_settings is not None:
        site_settings._request = request
        setattr(request, SiteSettings.get_cache_attr_name(), site_settings)


class SiteLookupMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        prime_request(request)
        return self.get_response(request)
