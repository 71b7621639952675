"""Keeping the search index right after bulk writes, which send no signal to Wagtail's search."""

from django.core.exceptions import FieldDoesNotExist
from wagtail.search import index
from wagtail.search.backends import get_search_backends

CHUNK_SIZE = 1000


def index_in_bulk(queryset) -> None:
    """Adds or updates the records of `queryset` in every search backend, a thousand at a time."""
    model = queryset.model
    objects = model.get_indexed_objects().filter(pk__in=queryset.values("pk")).order_by("pk")
    objects = objects.prefetch_related(*indexed_many_to_many(model))
    backends = list(get_search_backends(with_auto_update=True))
    for start in range(0, objects.count(), CHUNK_SIZE):
        chunk = list(objects[start : start + CHUNK_SIZE])
        for backend in backends:
            backend.add_bulk(model, chunk)


def indexed_many_to_many(model) -> list[str]:
    """The many-to-many relations the model's search fields index.

    Wagtail selects the foreign keys a `RelatedFields` indexes but not these (modelcluster's
    ParentalManyToManyField among them): without a prefetch, each record costs a query per relation for each
    part of the index entry it fills (three), most of the time of a bulk write of thousands of records.
    """
    names = []
    for field in model.get_search_fields():
        if not isinstance(field, index.RelatedFields):
            continue
        try:
            if model._meta.get_field(field.field_name).many_to_many:
                names.append(field.field_name)
        except FieldDoesNotExist:  # a method or a property
            continue
    return names
