"""One rule for « in a territory », shared by the actors, the events and the board's posts.

A territory is named as in the filters' values: "pays" (code: slug), "epci" (SIREN) or "commune" (INSEE code).
A record lies in it through its commune: the commune itself, its EPCI, or a Pays that groups the EPCI or,
since the mergers, some of its communes only.
"""

from django.db.models import Q


def commune_in_territory(kind: str, code: str, commune: str = "commune") -> list[Q] | None:
    """The ways the records' field `commune` lies in the territory, one Q each; None for an unknown kind."""
    if kind == "commune":
        return [Q(**{f"{commune}__insee_code": code})]
    if kind == "epci":
        return [Q(**{f"{commune}__epci__siren": code})]
    if kind == "pays":
        return [Q(**{f"{commune}__epci__pays__slug": code}), Q(**{f"{commune}__pays_memberships__pays__slug": code})]
    return None


class InTerritoryMixin:
    """`in_territory(kind, code)` for a queryset; a model reached otherwise too extends `territory_ways`."""

    def territory_ways(self, kind: str, code: str) -> list[Q] | None:
        return commune_in_territory(kind, code)

    def in_territory(self, kind: str, code: str):
        ways = self.territory_ways(kind, code)
        if ways is None:
            return self.none()
        # One subquery per way, so that a record matching twice is listed once and each way reads only its own
        # links: one query joining every way at once multiplies the rows (each EPCI and Pays serving a commune).
        records = self.model._default_manager
        matching = Q()
        for way in ways:
            matching |= Q(pk__in=records.filter(way).values("pk"))
        return self.filter(matching)
