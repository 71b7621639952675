"""The vocabularies of the directory, defined once for models, filters, exports and the import."""

from django.db import models


class LegalForm(models.TextChoices):
    """The legal family of an ESS actor (the `statut` filter)."""

    ASSOCIATION = "association", "Association"
    SCOP = "scop", "Coopérative — SCOP"
    SCIC = "scic", "Coopérative — SCIC"
    CAE = "cae", "Coopérative — CAE (coopérative d'activité et d'emploi)"
    COOPERATIVE = "cooperative", "Coopérative — autre forme"
    MUTUELLE = "mutuelle", "Mutuelle"
    FONDATION = "fondation", "Fondation"
    SOCIETE_ESS = "societe-ess", "Société commerciale de l'ESS"


# `statut=cooperative` in a filter means any of the cooperative forms.
COOPERATIVE_FORMS = (LegalForm.SCOP, LegalForm.SCIC, LegalForm.CAE, LegalForm.COOPERATIVE)
COOPERATIVE_FAMILY = ("cooperative-toutes", "Coopérative (toutes formes)")


class InsertionType(models.TextChoices):
    """Structures of insertion through economic activity, with the codes of the data·inclusion vocabulary."""

    ACI = "ACI", "Atelier et chantier d'insertion (ACI)"
    AI = "AI", "Association intermédiaire (AI)"
    EI = "EI", "Entreprise d'insertion (EI)"
    EITI = "EITI", "Entreprise d'insertion par le travail indépendant (EITI)"
    ETTI = "ETTI", "Entreprise de travail temporaire d'insertion (ETTI)"
    GEIQ = "GEIQ", "Groupement d'employeurs pour l'insertion et la qualification (GEIQ)"


class EpciKind(models.TextChoices):
    CC = "cc", "Communauté de communes"
    CA = "ca", "Communauté d'agglomération"
    CU = "cu", "Communauté urbaine"
    METROPOLE = "metropole", "Métropole"
