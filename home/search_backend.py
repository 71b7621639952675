"""Wagtail's PostgreSQL search backend, whose autocomplete ignores accents as its full-text search does.

Wagtail autocompletes with PostgreSQL's "simple" configuration, which keeps accents: « reolais » would not find
« Réolais ». AUTOCOMPLETE_CONFIG names a configuration that also strips them ("simple_unaccent", created by
home/migrations/0008_search_autocomplete_unaccent.py).
"""

from wagtail.search.backends.database.postgres.postgres import PostgresSearchBackend


class SearchBackend(PostgresSearchBackend):
    def __init__(self, params):
        super().__init__(params)
        self.autocomplete_config = params.get("AUTOCOMPLETE_CONFIG", self.autocomplete_config)
