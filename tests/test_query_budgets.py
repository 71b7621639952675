"""Every public page type has a query budget, and its number of queries does not grow with the data.

The pages come from tests/public_pages.py: one line there adds a page type to this test.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .public_pages import PUBLIC_PAGES, add_volume, build_public_site

LARGE = 400


def count_queries(client, public_page):
    client.get(public_page.path)  # warm Wagtail's own caches (site root paths, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(public_page.path)
    assert response.status_code == public_page.status, public_page.path
    return len(queries)


@pytest.mark.parametrize("public_page", PUBLIC_PAGES, ids=[p.name for p in PUBLIC_PAGES])
def test_query_budget_is_kept_and_independent_of_the_amount_of_data(client, home_page, public_page):
    build_public_site(home_page)
    small = count_queries(client, public_page)
    add_volume(LARGE)
    large = count_queries(client, public_page)
    assert small <= public_page.budget, f"{public_page.path}: {small} queries, budget {public_page.budget}"
    assert large == small, f"{public_page.path}: {small} queries with little data, {large} with {LARGE} more actors"
