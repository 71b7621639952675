"""Every public page type has a query budget, and its number of queries does not grow with the data.

The pages come from tests/public_pages.py: one line there adds a page type to this test. The site is
built once and every page measured, then the data grows and every page is measured again; all the
pages over budget or growing with the data are reported together.
"""

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from .public_pages import PUBLIC_PAGES, add_volume

LARGE = 400


def count_queries(client, url, follow=False):
    """The queries of a request with an empty cache, the most one request makes (every publication empties
    the caches of the data files and lists); a first request warms what stays in memory (content types)."""
    client.get(url, follow=follow)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, follow=follow)
    return response.status_code, len(queries)


def measure_every_page(client, problems):
    counts = {}
    for public_page in PUBLIC_PAGES:
        url = public_page.url
        # A page reached by a link that opens a session is measured apart: the session would follow the others.
        page_client = Client() if public_page.follow else client
        status, counts[public_page.name] = count_queries(page_client, url, public_page.follow)
        if status != public_page.status:
            problems.append(f"{public_page.name} ({url}): status {status}, expected {public_page.status}")
    return counts


def test_query_budgets_are_kept_and_independent_of_the_amount_of_data(client, public_site):
    problems = []
    small = measure_every_page(client, problems)
    add_volume(LARGE)
    large = measure_every_page(client, problems)
    for public_page in PUBLIC_PAGES:
        name = public_page.name
        if small[name] > public_page.budget:
            problems.append(f"{name} ({public_page.url}): {small[name]} queries, budget {public_page.budget}")
        if large[name] != small[name]:
            problems.append(
                f"{name} ({public_page.url}): {small[name]} queries with little data, {large[name]} with "
                f"{LARGE} more actors (and news, events, posts in proportion)"
            )
    assert problems == [], "\n".join(problems)
