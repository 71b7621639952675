"""Loads the communes and EPCI of Gironde shipped in `data/territoires-gironde.json` (see its README)."""

import json
from pathlib import Path

from django.db import transaction

from home.search_index import index_in_bulk

from .models import Commune, Epci

DATA_FILE = Path(__file__).parent / "data" / "territoires-gironde.json"


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
            )
            for c in data["communes"]
        ],
        update_conflicts=True,
        unique_fields=["insee_code"],
        update_fields=["name", "postal_codes", "latitude", "longitude", "epci"],
    )
    # Bulk writes send no signal: the admin's choosers find the territories through the search index.
    index_in_bulk(Epci.objects.all())
    index_in_bulk(Commune.objects.all())
    return len(data["epcis"]), len(data["communes"])
