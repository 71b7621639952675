"""The project's indicators: measured by hand with dated values, or computed live from the site's data."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from ..project.computed_indicators import compute, computed_indicator_choices

COMPUTED_SOURCE = "Calculé à partir des données publiées sur le site"


@dataclass(frozen=True)
class Reading:
    """An indicator's latest value, when it was taken and where it comes from."""

    value: Decimal | int | float
    date: datetime.date
    source: str
    computed: bool = False


class IndicatorQuerySet(models.QuerySet):
    def with_measurements(self):
        return self.prefetch_related("measurements")


class Indicator(ClusterableModel):
    """Something the project counts to show its progress: actors listed, jobs, mutualisations…"""

    name = models.CharField(
        "nom", max_length=150, help_text="Ce qui est compté, tel que le public le lira : « Emplois durables créés »."
    )
    unit = models.CharField(
        "unité",
        max_length=50,
        blank=True,
        help_text="Facultatif : l'unité de la valeur, au pluriel (« acteurs », « emplois », « € ») ; "
        "laissez vide pour un simple nombre.",
    )
    description = models.TextField(
        "définition",
        blank=True,
        help_text="Facultatif : comment l'indicateur est compté, pour qu'un financeur le lise sans ambiguïté.",
    )
    sort_order = models.PositiveSmallIntegerField(
        "ordre",
        default=0,
        help_text="La place de l'indicateur sur la page d'avancement : 1 en premier, 2 ensuite… Les cinq premiers "
        "sont les indicateurs clés, montrés en tête de page.",
    )
    baseline = models.DecimalField(
        "valeur de départ",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Facultatif : la valeur au début du projet, d'où l'on mesure le chemin parcouru.",
    )
    target = models.DecimalField(
        "cible",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Facultatif : la valeur que le projet vise ; laissez vide tant qu'elle n'est pas décidée.",
    )
    computed_key = models.CharField(
        "calculé automatiquement",
        max_length=50,
        blank=True,
        choices=computed_indicator_choices,
        help_text="Choisissez un calcul pour que l'indicateur se mette à jour tout seul à partir des données du "
        "site : chaque jour où sa valeur change, une mesure datée s'ajoute plus bas et trace son évolution. "
        "Laissez vide pour saisir les mesures à la main.",
    )
    updated_at = models.DateTimeField("dernière modification", auto_now=True)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "indicateur"
        verbose_name_plural = "indicateurs"

    def __str__(self):
        return self.name

    @property
    def is_computed(self) -> bool:
        return bool(self.computed_key)

    def latest_reading(self) -> Reading | None:
        """The live value of a computed indicator, else the most recent measurement (prefetched), else None."""
        if self.is_computed:
            value = compute(self.computed_key)
            if value is None:
                return None
            return Reading(value, timezone.localdate(), COMPUTED_SOURCE, computed=True)
        measurements = sorted(self.measurements.all(), key=lambda m: m.date)
        if not measurements:
            return None
        last = measurements[-1]
        return Reading(last.value, last.date, last.source)


class IndicatorMeasurement(models.Model):
    """A value of an indicator on a given day, with where it comes from."""

    indicator = ParentalKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    date = models.DateField("date", help_text="Le jour où la valeur a été relevée.")
    value = models.DecimalField(
        "valeur", max_digits=12, decimal_places=2, help_text="Le nombre relevé, sans unité : 12 ou 3,5."
    )
    source = models.CharField(
        "source",
        max_length=255,
        help_text="D'où vient la valeur : « bilan d'activité 2014 », « compte rendu du comité de pilotage »…",
    )

    class Meta:
        ordering = ["-date"]
        verbose_name = "mesure"
        verbose_name_plural = "mesures"

    def __str__(self):
        return f"{self.indicator} — {self.date:%d/%m/%Y}"
