"""The directory and the map show a page of actors whatever their number: the facets are counted by the database,
never by walking every actor in Python. With many actors, a query reading the actors' table returns more rows than a
page only when it is an aggregate (counts by sector, territory, status), and no more than a page of actors is built.
tests/test_query_budgets.py holds their number of queries."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.backends import utils
from django.db.models.signals import post_init

from actors.models import Actor

from .public_pages import add_volume

pytestmark = pytest.mark.django_db

LISTINGS = ["/acteurs/", "/acteurs/?secteur=mobilite", "/acteurs/?page=2", "/carte/", "/carte/?statut=association"]
PAGE = 100  # the map's list shows 100 actors a page, the directory 24
AGGREGATE = re.compile(r"\bGROUP BY\b|\bCOUNT\(", re.IGNORECASE)
ACTOR_COLUMNS = '"actors_actor".'


@pytest.fixture
def rows_by_query(monkeypatch):
    """The rows each query of a request fetches through Django's cursors, by its SQL."""
    fetched: dict[str, int] = {}
    current = [""]

    def record(execute, sql, params, many, context):
        current[0] = sql
        fetched.setdefault(sql, 0)
        return execute(sql, params, many, context)

    def counting(name):
        def fetch(self, *args):
            rows = getattr(self.cursor, name)(*args)
            fetched[current[0]] += (rows is not None) if name == "fetchone" else len(rows)
            return rows

        return fetch

    for name in ("fetchone", "fetchmany", "fetchall"):
        monkeypatch.setattr(utils.CursorWrapper, name, counting(name), raising=False)

    def iterate(self):
        for row in self.cursor:
            fetched[current[0]] += 1
            yield row

    monkeypatch.setattr(utils.CursorWrapper, "__iter__", iterate)
    with connection.execute_wrapper(record):
        yield fetched


def actors_built_by(client, url, rows_by_query) -> int:
    """The actors a request builds, with an empty cache (and its rows fetched, in `rows_by_query`)."""
    client.get(url)  # what stays in memory (content types)
    cache.clear()
    rows_by_query.clear()
    built = []

    def count(sender, **kwargs):
        built.append(sender)

    post_init.connect(count, sender=Actor)
    try:
        assert client.get(url).status_code == 200
    finally:
        post_init.disconnect(count, sender=Actor)
    return len(built)


def test_listings_walk_no_more_than_a_page_of_actors(client, public_site, rows_by_query):
    add_volume(400)
    assert Actor.objects.filter(live=True).count() > 3 * PAGE
    for url in LISTINGS:
        assert actors_built_by(client, url, rows_by_query) <= PAGE, url
        assert sum(rows_by_query.values()) > 0  # the count itself works
        actor_rows = {sql: rows for sql, rows in rows_by_query.items() if ACTOR_COLUMNS in sql}
        walked = {sql[:300]: rows for sql, rows in actor_rows.items() if rows > PAGE and not AGGREGATE.search(sql)}
        assert walked == {}, url
