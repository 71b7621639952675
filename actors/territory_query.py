"""One rule for « in a territory », shared by the actors, the events and the board's posts.

A territory is named as in the filters' values: "pays" (code: slug), "epci" (SIREN) or "commune" (INSEE code).
A record lies in it through its commune: the commune itself, its EPCI, or a Pays that groups the EPCI or,
since the mergers, some of its communes only.
"""

from django.db.models import Q


def commune_in_territory(kind: str, code: str, commune: str = "commune") -> Q | None:
    """Q on the records whose field `commune` lies in the territory; None for an unknown kind."""
    if kind == "commune":
        return Q(**{f"{commune}__insee_code": code})
    if kind == "epci":
        return Q(**{f"{commune}__epci__siren": code})
    if kind == "pays":
        return Q(**{f"{commune}__epci__pays__slug": code}) | Q(**{f"{commune}__pays_memberships__pays__slug": code})
    return None


class InTerritoryMixin:
    """`in_territory(kind, code)` for a queryset; a model reached otherwise too extends `territory_match`."""

    def territory_match(self, kind: str, code: str) -> Q | None:
        return commune_in_territory(kind, code)

    def in_territory(self, kind: str, code: str):
        match = self.territory_match(kind, code)
        if match is None:
            return self.none()
        # A subquery rather than joins, so that a record matching twice is listed once.
        return self.filter(pk__in=self.model._default_manager.filter(match).values("pk"))
