"""Keeping the search index right after bulk writes, which send no signal to Wagtail's search."""

from wagtail.search.backends import get_search_backends

CHUNK_SIZE = 1000


def index_in_bulk(queryset) -> None:
    """Adds or updates the records of `queryset` in every search backend, a thousand at a time."""
    objects = queryset.model.get_indexed_objects().filter(pk__in=queryset.values("pk")).order_by("pk")
    backends = list(get_search_backends(with_auto_update=True))
    for start in range(0, objects.count(), CHUNK_SIZE):
        chunk = list(objects[start : start + CHUNK_SIZE])
        for backend in backends:
            backend.add_bulk(queryset.model, chunk)
