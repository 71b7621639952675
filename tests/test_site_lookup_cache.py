"""The site, its settings and its home page kept in the shared cache between two changes of content
(home/site_lookup.py): one query fewer on every page built, and never a stale site, setting or home page."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from home.models import SiteSettings
from home.site_lookup import prime_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_lookup_cache(settings):
    """As in production with Redis, the pages' own cache off: each page is built, as for the first visitor."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.SITE_LOOKUP_CACHE_SECONDS = 300


def get(client, path):
    """The page's HTML (its per-response nonces left out) and its number of queries."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return re.sub(r'nonce="[^"]*"', "", response.content.decode()), len(queries)


def warmed(client, path="/"):
    """A first request warms what each process keeps (content types, the tile origin): the next ones compare."""
    client.get(path)


def test_the_sites_are_read_once_per_generation_of_content_and_the_page_is_the_same(client, demo_content, settings):
    settings.PAGE_CACHE_SECONDS = 0
    settings.SITE_LOOKUP_CACHE_SECONDS = 0  # the default without REDIS_URL: each process has its own memory
    warmed(client)
    uncached, uncached_count = get(client, "/")
    assert get(client, "/")[1] == uncached_count  # read at every request
    settings.SITE_LOOKUP_CACHE_SECONDS = 300
    first, first_count = get(client, "/")
    second, second_count = get(client, "/")
    assert first_count == uncached_count  # read, and kept
    assert second_count == uncached_count - 1
    assert first == second == uncached


def test_changed_settings_show_at_the_next_request(client, demo_content, site_lookup_cache):
    get(client, "/")
    site_settings = SiteSettings.for_site(demo_content)
    site_settings.club_name = "Club fictif renommé"
    site_settings.save()
    html, _ = get(client, "/")
    assert "Club fictif renommé" in html


def test_a_published_home_page_shows_at_the_next_request(client, demo_content, site_lookup_cache):
    get(client, "/")
    home_page = demo_content.root_page.specific
    home_page.hero_title = "Un titre tout neuf pour accueillir"
    home_page.save_revision().publish()
    html, _ = get(client, "/")
    assert "Un titre tout neuf pour accueillir" in html


def test_an_emptied_cache_reads_the_sites_again(client, demo_content, site_lookup_cache):
    warmed(client)
    _, kept_count = get(client, "/")
    cache.clear()  # Redis emptied or restarted: no generation, no entry
    _, again = get(client, "/")
    assert again == kept_count + 1
    assert get(client, "/")[1] == kept_count


def test_each_request_has_its_own_site_objects(demo_content, site_lookup_cache):
    """Nothing read from the cache is shared between requests: a request's site settings point to that request."""
    first, second = RequestFactory().get("/"), RequestFactory().get("/")
    prime_request(first)
    prime_request(second)
    assert first._wagtail_site == second._wagtail_site
    assert first._wagtail_site is not second._wagtail_site
    first_settings = getattr(first, SiteSettings.get_cache_attr_name())
    second_settings = getattr(second, SiteSettings.get_cache_attr_name())
    assert first_settings is not second_settings
    assert first_settings._request is first and second_settings._request is second
