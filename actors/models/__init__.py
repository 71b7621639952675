"""The directory's models: territories, sectors, actor records and the directory's pages."""

from .actors import Actor, ActorQuerySet, Sector
from .imports import ActorImport
from .pages import ActorIndexPage, ActorMapPage, ActorProfileGalleryImage, ActorProfilePage, TerritoryReportPage
from .proposals import ActorProposal, ActorProposalPage
from .record_checks import RecordCheck
from .territories import Commune, Epci, Pays, PaysCommune

__all__ = [
    "Actor",
    "ActorImport",
    "ActorIndexPage",
    "ActorMapPage",
    "ActorProfileGalleryImage",
    "ActorProfilePage",
    "ActorProposal",
    "ActorProposalPage",
    "ActorQuerySet",
    "Commune",
    "Epci",
    "Pays",
    "PaysCommune",
    "RecordCheck",
    "Sector",
    "TerritoryReportPage",
]
