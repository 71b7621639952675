"""The national address service (Base Adresse Nationale, on IGN's Géoplateforme), asked from the server.

`geocode(street, postal_code, commune)` returns the best match or raises GeocodingError with a French
message for the editor. Nothing is ever changed here: the editor checks the point and saves.
"""

import json
from dataclasses import dataclass
from urllib.error import URLError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

BAN_SEARCH_URL = "https://data.geopf.fr/geocodage/search"
TIMEOUT_SECONDS = 6
# Below this score (0 to 1), the service is guessing: better to place the point by hand.
MIN_SCORE = 0.5
UNAVAILABLE = (
    "Le service national d'adresses (data.geopf.fr) ne répond pas pour le moment : rien n'a été changé. "
    "Réessayez plus tard, ou placez le point vous-même sur la carte."
)


class GeocodingError(Exception):
    """What went wrong, in French, for the editor."""


@dataclass
class Match:
    latitude: float
    longitude: float
    label: str
    score: float


def fetch(url: str) -> dict:
    headers = {"Accept": "application/json", "User-Agent": "site-club-ess (geocodage)"}
    request = Request(url, headers=headers)  # noqa: S310 (a fixed https URL)
    with urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 (a fixed https URL)
        return json.load(response)


def geocode(street: str, postal_code: str, commune) -> Match:
    """The address's position; `commune` (optional) narrows the search to its INSEE code."""
    query = " ".join(part for part in (street.strip(), postal_code.strip(), commune.name if commune else "") if part)
    if not street.strip() or len(query) < 3:
        raise GeocodingError("Indiquez d'abord l'adresse (numéro et rue) et la commune, puis relancez le géocodage.")
    params = {"q": query[:200], "limit": 1, "index": "address"}
    if commune is not None:
        params["citycode"] = commune.insee_code
    try:
        data = fetch(f"{BAN_SEARCH_URL}?{urlencode(params)}")
    except (URLError, TimeoutError, OSError, ValueError) as error:
        raise GeocodingError(UNAVAILABLE) from error
    try:
        feature = (data.get("features") or [None])[0]
        if feature is None:
            raise GeocodingError(
                f"Aucune adresse trouvée pour « {query} » : vérifiez l'orthographe, ou placez le point sur la carte."
            )
        longitude, latitude = (float(value) for value in feature["geometry"]["coordinates"][:2])
        properties = feature.get("properties", {})
        score = float(properties.get("score", 0))
        label = str(properties.get("label", query))
    except (AttributeError, KeyError, IndexError, TypeError, ValueError) as error:
        raise GeocodingError(UNAVAILABLE) from error
    if score < MIN_SCORE:
        raise GeocodingError(
            f"Le service n'est pas sûr de l'adresse « {query} » (meilleure piste : « {label} ») : rien n'a été "
            "changé. Précisez l'adresse, ou placez le point sur la carte."
        )
    return Match(latitude=round(latitude, 6), longitude=round(longitude, 6), label=label, score=score)
