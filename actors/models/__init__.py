"""The directory's models: territories, sectors, actor records and the directory's pages."""

from .actors import Actor, ActorQuerySet, Sector
from .territories import Commune, Epci, Pays, PaysCommune

__all__ = [
    "Actor",
    "ActorQuerySet",
    "Commune",
    "Epci",
    "Pays",
    "PaysCommune",
    "Sector",
]
