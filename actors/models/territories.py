"""Territories: communes and EPCI from official data, and the Pays editors group them into."""

from django.db import models
from django.db.models import Q
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable
from wagtail.search import index

from ..choices import EpciKind
from ..fields import CoordinateField


class Epci(index.Indexed, models.Model):
    """An intercommunality with its own taxation (communauté de communes, d'agglomération, métropole)."""

    siren = models.CharField(
        "SIREN",
        max_length=9,
        unique=True,
        help_text="Le numéro SIREN de l'intercommunalité (9 chiffres), tel que publié par la DGCL.",
    )
    name = models.CharField(
        "nom", max_length=150, help_text="Le nom officiel, par exemple « CC du Réolais en Sud Gironde »."
    )
    kind = models.CharField(
        "type", max_length=10, choices=EpciKind.choices, help_text="La catégorie de l'intercommunalité."
    )

    # Every admin chooser and listing searches as a volunteer types: the start of a name, or the SIREN.
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.AutocompleteField("siren")]

    class Meta:
        ordering = ["name"]
        verbose_name = "intercommunalité (EPCI)"
        verbose_name_plural = "intercommunalités (EPCI)"

    def __str__(self):
        return self.name


class Commune(index.Indexed, models.Model):
    """A commune of the official geographic code, with the location of its town hall."""

    insee_code = models.CharField(
        "code INSEE",
        max_length=5,
        unique=True,
        help_text="Le code officiel géographique de la commune (5 caractères), différent du code postal.",
    )
    name = models.CharField("nom", max_length=150, help_text="Le nom officiel de la commune.")
    postal_codes = models.CharField(
        "codes postaux",
        max_length=100,
        blank=True,
        help_text="Les codes postaux de la commune, séparés par des espaces.",
    )
    latitude = CoordinateField(
        "latitude de la mairie",
        null=True,
        blank=True,
        help_text="Sert de position par défaut aux acteurs de la commune qui n'ont pas la leur.",
    )
    longitude = CoordinateField(
        "longitude de la mairie",
        null=True,
        blank=True,
        help_text="Sert de position par défaut aux acteurs de la commune qui n'ont pas la leur.",
    )
    epci = models.ForeignKey(
        Epci,
        verbose_name="intercommunalité",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="communes",
        help_text="L'intercommunalité (EPCI) dont la commune est membre.",
    )
    population = models.PositiveIntegerField(
        "population",
        null=True,
        blank=True,
        help_text="La population municipale légale de l'INSEE (son année est celle des données de territoire "
        "livrées avec le site) : sert au nombre d'acteurs pour 10 000 habitants de l'état des lieux.",
    )

    # Found by the start of its name, a postal code or its INSEE code, accents or not.
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.AutocompleteField("postal_codes"),
        index.AutocompleteField("insee_code"),
        index.FilterField("insee_code"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = "commune"
        verbose_name_plural = "communes"

    def __str__(self):
        return self.name

    @property
    def postal_code_list(self) -> list[str]:
        return self.postal_codes.split()

    @property
    def main_postal_code(self) -> str:
        return next(iter(self.postal_code_list), "")


class Pays(index.Indexed, ClusterableModel):
    """A "Pays": a grouping of intercommunalities and communes that editors define."""

    name = models.CharField("nom", max_length=150, help_text="Le nom du Pays, par exemple « Pays Rives de Garonne ».")
    slug = models.SlugField(
        "identifiant d'adresse",
        max_length=150,
        unique=True,
        help_text="Sert dans les adresses des filtres de l'annuaire ; en minuscules, sans espaces ni accents.",
    )
    description = models.TextField(
        "présentation", blank=True, help_text="Facultatif : quelques phrases sur le Pays et ses missions."
    )
    website = models.URLField("site web", blank=True, help_text="Facultatif : l'adresse du site du Pays.")
    epcis = ParentalManyToManyField(
        Epci,
        verbose_name="intercommunalités membres",
        blank=True,
        related_name="pays",
        help_text="Cochez les intercommunalités du Pays : toutes leurs communes en font partie.",
    )

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = "Pays"
        verbose_name_plural = "Pays"

    def __str__(self):
        return self.name

    def commune_filter(self, prefix: str = "") -> Q:
        """Matches the communes of the Pays, through an EPCI or added one by one; `prefix` reaches a commune."""
        return Q(**{f"{prefix}epci__pays": self}) | Q(**{f"{prefix}pays_memberships__pays": self})

    @property
    def communes(self) -> models.QuerySet:
        return Commune.objects.filter(self.commune_filter()).distinct()


class PaysCommune(Orderable):
    """A commune that belongs to a Pays on its own, outside the Pays' intercommunalities."""

    pays = ParentalKey(Pays, on_delete=models.CASCADE, related_name="extra_communes")
    commune = models.ForeignKey(
        Commune,
        verbose_name="commune",
        on_delete=models.CASCADE,
        related_name="pays_memberships",
        help_text="Une commune du Pays dont l'intercommunalité n'est pas cochée plus haut.",
    )

    class Meta(Orderable.Meta):
        verbose_name = "commune ajoutée"
        verbose_name_plural = "communes ajoutées"
        constraints = [models.UniqueConstraint(fields=["pays", "commune"], name="unique_pays_commune")]
