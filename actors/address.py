"""The postal address of a place (an actor, an event) and its checks, declared once.

A model adds its own `commune` (a ForeignKey to `Commune`, with its own `related_name` and help text) and may
override `latitude` to say what the map does without coordinates.
"""

from django.core.exceptions import ValidationError
from django.db import models

from home.validators import validate_coordinates

from .fields import CoordinateField


class PostalAddress(models.Model):
    street_address = models.CharField(
        "adresse",
        max_length=255,
        blank=True,
        help_text="Numéro et rue, lieu-dit ou bâtiment, sans la commune : « 12 rue de la Gare ».",
    )
    postal_code = models.CharField(
        "code postal",
        max_length=5,
        blank=True,
        help_text="Facultatif quand la commune n'a qu'un code postal : il est alors repris automatiquement.",
    )
    latitude = CoordinateField(
        "latitude",
        null=True,
        blank=True,
        help_text="Facultatif, en degrés décimaux (Gironde : environ 44,6), à donner avec la longitude.",
    )
    longitude = CoordinateField(
        "longitude",
        null=True,
        blank=True,
        help_text="Facultatif, en degrés décimaux (Gironde : environ -0,3), à donner avec la latitude.",
    )

    class Meta:
        abstract = True

    def address_errors(self) -> dict:
        """The address's mistakes by field: a postal code of another commune, coordinates outside France."""
        errors = {}
        if self.commune_id and self.postal_code and self.postal_code not in self.commune.postal_code_list:
            errors["postal_code"] = (
                f"Le code postal de {self.commune.name} est {' ou '.join(self.commune.postal_code_list)}, "
                f"pas {self.postal_code}."
            )
        try:
            validate_coordinates(self.latitude, self.longitude)
        except ValidationError as error:
            errors.update(error.error_dict)
        return errors

    @property
    def effective_postal_code(self) -> str:
        if self.postal_code or not self.commune:
            return self.postal_code
        return self.commune.main_postal_code

    @property
    def has_own_position(self) -> bool:
        return self.latitude is not None and self.longitude is not None
