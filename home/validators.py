"""Validators of the identifiers and coordinates volunteers type, with messages in French."""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, URLValidator
from django.utils import timezone

# Metropolitan France with Corsica, then the five overseas departments: (south, north, west, east).
FRANCE_BOUNDS = (
    (41.3, 51.15, -5.3, 9.7),
    (15.8, 16.55, -61.85, -60.95),  # Guadeloupe
    (14.35, 14.9, -61.25, -60.75),  # Martinique
    (2.1, 5.8, -54.65, -51.6),  # Guyane
    (-21.4, -20.85, 55.2, 55.85),  # La Réunion
    (-13.05, -12.6, 44.95, 45.35),  # Mayotte
)
# The oldest founding year a record may give: older dates are nearly always a typing slip.
EARLIEST_YEAR = 1800
# La Poste's establishments share a SIREN whose SIRET keys follow another rule.
LA_POSTE_SIREN = "356000000"


def luhn_is_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def validate_siret(value: str) -> None:
    if not re.fullmatch(r"\d{14}", value or ""):
        raise ValidationError(
            "Un numéro SIRET compte exactement 14 chiffres (les espaces sont permis) : « %(value)s » n'en a pas la forme.",
            code="siret_format",
            params={"value": value},
        )
    la_poste = value.startswith(LA_POSTE_SIREN)
    if not (sum(map(int, value)) % 5 == 0 if la_poste else luhn_is_valid(value)):
        raise ValidationError(
            "Le numéro SIRET « %(value)s » n'existe pas (sa clé de contrôle est fausse) : vérifiez chaque chiffre.",
            code="siret_checksum",
            params={"value": value},
        )


validate_rna = RegexValidator(
    r"^W\d{9}$",
    "Un numéro RNA commence par W suivi de 9 chiffres, par exemple W332001234.",
    code="rna_format",
)

validate_phone = RegexValidator(
    r"^(?:\+33 ?|0)[1-9](?:[ .-]?\d{2}){4}$",
    "Tapez un numéro français à 10 chiffres, par exemple 05 56 00 00 00 ou +33 5 56 00 00 00.",
    code="phone_format",
)


def validate_url_lines(value: str) -> None:
    """One web address per line (profiles on social networks, other directories)."""
    check = URLValidator(schemes=["http", "https"])
    for line in filter(None, (line.strip() for line in value.splitlines())):
        try:
            check(line)
        except ValidationError:
            raise ValidationError(
                "« %(line)s » n'est pas une adresse web complète : une adresse par ligne, commençant par https://",
                code="url_lines",
                params={"line": line},
            ) from None


def validate_past_year(value: int | None) -> None:
    """A year already begun, from 1800 on: when a structure was founded."""
    if value is None:
        return
    this_year = timezone.localdate().year
    if not EARLIEST_YEAR <= value <= this_year:
        raise ValidationError(
            "Donnez une année entre %(earliest)s et %(this_year)s, en quatre chiffres (par exemple 2012).",
            code="year_out_of_range",
            params={"earliest": EARLIEST_YEAR, "this_year": this_year},
        )


def is_in_france(latitude: Decimal | float, longitude: Decimal | float) -> bool:
    lat, lon = float(latitude), float(longitude)
    return any(south <= lat <= north and west <= lon <= east for south, north, west, east in FRANCE_BOUNDS)


def validate_coordinates(latitude, longitude) -> None:
    """Both or neither, and inside France: a common slip is to swap latitude and longitude."""
    if (latitude is None) != (longitude is None):
        missing = "longitude" if longitude is None else "latitude"
        message = "Donnez la latitude et la longitude ensemble, ou laissez les deux vides."
        raise ValidationError({missing: ValidationError(message, code="incomplete")})
    if latitude is None or is_in_france(latitude, longitude):
        return
    hint = " Vous avez peut-être inversé latitude et longitude." if is_in_france(longitude, latitude) else ""
    message = ValidationError(
        "Ce point (%(lat)s, %(lon)s) n'est pas en France.%(hint)s "
        "En Gironde, la latitude est proche de 44,6 et la longitude de -0,3.",
        code="outside_france",
        params={"lat": latitude, "lon": longitude, "hint": hint},
    )
    raise ValidationError({"latitude": message})
