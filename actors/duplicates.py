"""Probable duplicates of an actor record: the same SIRET, or the same name in the same commune."""

from django.db.models import Q

from home.text import normalize_for_search

from .models import Actor


def probable_duplicates(name: str, siret: str = "", commune=None, exclude_pk=None) -> list[Actor]:
    """Existing records (published or not) that are probably the same structure, by name."""
    match = Q(pk__in=[])
    if siret:
        match |= Q(siret=siret)
    if commune is not None:
        match |= Q(commune=commune)
    candidates = Actor.objects.filter(match).exclude(pk=exclude_pk).order_by("name")
    wanted = normalize_for_search(name)
    return [
        actor
        for actor in candidates
        if (siret and actor.siret == siret)
        or (commune is not None and actor.commune_id == commune.pk and normalize_for_search(actor.name) == wanted)
    ]
