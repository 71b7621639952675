"""Loads the territories shipped in `data/` (see its README): the communes and EPCI of Gironde, and the member
communes of the three Pays of the Sud-Gironde."""

import json
from functools import cache
from pathlib import Path

from django.db import transaction

from home.search_index import index_in_bulk

from .models import Commune, Epci, Pays, PaysCommune

DATA_FILE = Path(__file__).parent / "data" / "territoires-gironde.json"
PAYS_FILE = Path(__file__).parent / "data" / "pays-sud-gironde.json"


@transaction.atomic
def load_territories(path: Path = DATA_FILE) -> tuple[int, int]:
    """Creates or updates every EPCI and commune of the file; returns their numbers. Safe to run again."""
    data = json.loads(path.read_text(encoding="utf-8"))
    Epci.objects.bulk_create(
        [Epci(siren=e["siren"], name=e["name"], kind=e["kind"]) for e in data["epcis"]],
        update_conflicts=True,
        unique_fields=["siren"],
        update_fields=["name", "kind"],
    )
    epci_ids = dict(Epci.objects.values_list("siren", "id"))
    Commune.objects.bulk_create(
        [
            Commune(
                insee_code=c["insee"],
                name=c["name"],
                postal_codes=" ".join(c["postal_codes"]),
                latitude=c["latitude"],
                longitude=c["longitude"],
                epci_id=epci_ids.get(c["epci"]),
                population=c.get("population"),
            )
            for c in data["communes"]
        ],
        update_conflicts=True,
        unique_fields=["insee_code"],
        update_fields=["name", "postal_codes", "latitude", "longitude", "epci", "population"],
    )
    # Bulk writes send no signal: the admin's choosers find the territories through the search index.
    index_in_bulk(Epci.objects.all())
    index_in_bulk(Commune.objects.all())
    return len(data["epcis"]), len(data["communes"])


@cache
def population_metadata(path: Path = DATA_FILE) -> dict:
    """What the shipped file says of its communes' population: `year` (INSEE's « populations légales », absent
    if the source does not state it), `source`, `epcis_partly_outside` (SIREN of the EPCI with communes outside
    Gironde, whose population the file counts for Gironde only)."""
    return json.loads(path.read_text(encoding="utf-8")).get("population", {})


@transaction.atomic
def load_pays(path: Path = PAYS_FILE) -> dict[str, int]:
    """Creates the Pays of the file and adds their member communes; returns the number of members per Pays.

    Memberships are only added, never removed, so that communes editors added in the admin stay.
    The communes must be loaded first (`load_territories`).
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    communes = dict(Commune.objects.values_list("insee_code", "pk"))
    members = {}
    for entry in data["pays"]:
        pays, _ = Pays.objects.get_or_create(slug=entry["slug"], defaults={"name": entry["name"]})
        PaysCommune.objects.bulk_create(
            [PaysCommune(pays=pays, commune_id=communes[c["insee"]]) for c in entry["communes"]],
            ignore_conflicts=True,
        )
        members[pays.name] = len(entry["communes"])
    return members
