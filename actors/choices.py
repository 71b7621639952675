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


class HeadcountBand(models.TextChoices):
    """INSEE's « tranche d'effectif salarié » (Sirene), with its codes and labels: a band, never a headcount."""

    NN = "NN", "Unités non employeuses"
    ZERO = "00", "0 salarié"
    FROM_1 = "01", "1 ou 2 salariés"
    FROM_3 = "02", "3 à 5 salariés"
    FROM_6 = "03", "6 à 9 salariés"
    FROM_10 = "11", "10 à 19 salariés"
    FROM_20 = "12", "20 à 49 salariés"
    FROM_50 = "21", "50 à 99 salariés"
    FROM_100 = "22", "100 à 199 salariés"
    FROM_200 = "31", "200 à 249 salariés"
    FROM_250 = "32", "250 à 499 salariés"
    FROM_500 = "41", "500 à 999 salariés"
    FROM_1000 = "42", "1 000 à 1 999 salariés"
    FROM_2000 = "51", "2 000 à 4 999 salariés"
    FROM_5000 = "52", "5 000 à 9 999 salariés"
    FROM_10000 = "53", "10 000 salariés et plus"
