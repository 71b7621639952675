"""The board's vocabularies, defined once for the models, the filters and the admin."""

from django.db import models


class PostKind(models.TextChoices):
    OFFER = "offre", "Offre"
    NEED = "besoin", "Besoin"


class PostCategory(models.TextChoices):
    EQUIPMENT = "materiel", "Matériel"
    PREMISES = "locaux", "Locaux"
    SKILLS = "competences", "Compétences"
    SERVICES = "services", "Services"
    VEHICLES = "vehicules", "Véhicules"


class PostStatus(models.TextChoices):
    OPEN = "ouvert", "Ouvert"
    FULFILLED = "pourvu", "Pourvu"
