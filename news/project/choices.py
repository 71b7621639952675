"""Choices of the project's life, defined once for models, filters and displays."""

from django.db import models


class PhaseStatus(models.TextChoices):
    PLANNED = "a-venir", "À venir"
    CURRENT = "en-cours", "En cours"
    DONE = "terminee", "Terminée"
