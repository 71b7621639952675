"""The directory's models: territories, sectors, actor records and the directory's pages."""

from .actors import Actor, ActorQuerySet, Sector
from .pages import ActorIndexPage, ActorMapPage, ActorProfileGalleryImage, ActorProfilePage
from .territories import Commune, Epci, Pays, PaysCommune

__all__ = [
    "Actor",
    "ActorIndexPage",
    "ActorMapPage",
    "ActorProfileGalleryImage",
    "ActorProfilePage",
    "ActorQuerySet",
    "Commune",
    "Epci",
    "Pays",
    "PaysCommune",
    "Sector",
]
