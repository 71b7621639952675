"""Actor records (a Wagtail snippet with drafts, revisions, locking, preview and workflow) and their sectors."""

from collections import namedtuple
from datetime import timedelta
from functools import cached_property

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import DraftStateMixin, LockableMixin, PreviewableMixin, RevisionMixin, WorkflowMixin
from wagtail.search import index

from home.text import normalize_for_search
from home.validators import validate_past_year, validate_phone, validate_rna, validate_siret, validate_url_lines

from ..address import PostalAddress
from ..choices import COOPERATIVE_FORMS, HeadcountBand, InsertionType, LegalForm
from ..fields import CompactCharField, CoordinateField
from ..territory_query import InTerritoryMixin, commune_in_territory
from .territories import Commune, Epci, Pays

AreaServed = namedtuple("AreaServed", "name slug siren")


class Sector(index.Indexed, models.Model):
    """A field of activity (mobility, training, food…): an editable list."""

    name = models.CharField("nom", max_length=100, unique=True, help_text="Le nom du secteur, court : « Mobilité ».")
    slug = models.SlugField(
        "identifiant d'adresse",
        max_length=100,
        unique=True,
        help_text="Sert dans l'adresse des filtres de l'annuaire ; en minuscules, sans espaces ni accents.",
    )
    description = models.TextField(
        "description", blank=True, help_text="Facultatif : ce que recouvre le secteur, pour aider à classer."
    )

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = "secteur d'activité"
        verbose_name_plural = "secteurs d'activité"

    def __str__(self):
        return self.name


# Placed on the map: by its own coordinates, or at its commune's town hall.
LOCATED = Q(latitude__isnull=False) | Q(commune__latitude__isnull=False, commune__longitude__isnull=False)


class ActorQuerySet(InTerritoryMixin, models.QuerySet):
    def published(self):
        """What the public may see: published records only."""
        return self.filter(live=True)

    def with_position(self):
        """Adds `lat` and `lon`: the actor's own coordinates, else its commune's town hall."""
        return self.annotate(
            lat=Coalesce("latitude", "commune__latitude"),
            lon=Coalesce("longitude", "commune__longitude"),
        )

    def located(self):
        return self.filter(LOCATED)

    def not_located(self):
        """Actors the map cannot place: no coordinates of their own and no commune with a town hall position."""
        return self.exclude(pk__in=self.located().values("pk"))

    def count_not_located(self) -> int:
        """How many of these actors `not_located` holds, read through the communes (those without a commune, then
        those of communes without a town hall position: usually none) rather than by a pass over every actor."""
        unplaced = self.filter(latitude__isnull=True).order_by()
        without_position = Commune.objects.filter(Q(latitude__isnull=True) | Q(longitude__isnull=True))
        no_commune = unplaced.filter(commune__isnull=True).values("pk")
        return no_commune.union(unplaced.filter(commune__in=without_position).values("pk"), all=True).count()

    def needing_review(self, today=None):
        """Records never checked, or checked more than a year ago; the oldest first."""
        today = today or timezone.localdate()
        stale = Q(last_reviewed__isnull=True) | Q(last_reviewed__lt=today - timedelta(days=365))
        return self.filter(stale).order_by(F("last_reviewed").asc(nulls_first=True), "name")

    def territory_ways(self, kind: str, code: str) -> list[Q] | None:
        """Actors based in the territory, or serving it (directly, or through a Pays or an EPCI that covers it)."""
        based = commune_in_territory(kind, code)
        if kind == "pays":
            return [*based, Q(areas_served_pays__slug=code), Q(areas_served_epcis__pays__slug=code)]
        if kind == "epci":
            return [*based, Q(areas_served_epcis__siren=code), Q(areas_served_pays__epcis__siren=code)]
        if kind == "commune":
            return [
                *based,
                Q(areas_served_epcis__communes__insee_code=code),
                Q(areas_served_pays__epcis__communes__insee_code=code),
                Q(areas_served_pays__extra_communes__commune__insee_code=code),
            ]
        return None

    def of_legal_family(self, value: str):
        forms = COOPERATIVE_FORMS if value == "cooperative-toutes" else (value,)
        return self.filter(legal_form__in=forms)


class Actor(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    PostalAddress,
    ClusterableModel,
):
    """A social and solidarity economy actor of the territory: the one place its data is typed."""

    name = models.CharField("nom", max_length=200, help_text="Le nom d'usage de la structure, tel qu'elle se présente.")
    slug = models.SlugField(
        "identifiant d'adresse",
        max_length=200,
        unique=True,
        blank=True,
        help_text="La fin de l'adresse de la fiche (/acteurs/identifiant/). Laissé vide, il est tiré du nom. "
        "Évitez de le changer ensuite : les liens déjà partagés ne marcheraient plus.",
    )
    short_description = models.TextField(
        "description courte",
        max_length=400,
        help_text="Ce que fait la structure, en une ou deux phrases (400 caractères au plus), "
        "pour l'annuaire et les moteurs de recherche.",
    )
    legal_form = models.CharField(
        "statut juridique",
        max_length=20,
        choices=LegalForm.choices,
        blank=True,
        help_text="La famille juridique de l'ESS à laquelle la structure appartient ; laissez vide si vous ne savez pas.",
    )
    insertion_type = models.CharField(
        "type de structure d'insertion",
        max_length=10,
        choices=InsertionType.choices,
        blank=True,
        help_text="Seulement pour une structure d'insertion par l'activité économique (SIAE) ou un GEIQ.",
    )
    esus_approved = models.BooleanField(
        "agrément ESUS",
        default=False,
        help_text="Cochez si la structure a l'agrément « entreprise solidaire d'utilité sociale ».",
    )
    is_founding_member = models.BooleanField(
        "membre fondateur du club",
        default=False,
        help_text="Cochez pour les structures qui ont fondé le Club ESS Sud-Gironde.",
    )
    headcount_band = models.CharField(
        "tranche d'effectif salarié",
        max_length=2,
        choices=HeadcountBand.choices,
        blank=True,
        help_text="La tranche de l'INSEE, telle qu'indiquée sur annuaire-entreprises.data.gouv.fr (rubrique "
        "« effectif salarié ») ou donnée par la structure. « Unités non employeuses » : aucun salarié dans "
        "l'année ; « 0 salarié » : des salariés dans l'année mais aucun au 31 décembre. Laissez vide si "
        "vous ne savez pas : rien n'est deviné.",
    )
    founded_year = models.PositiveSmallIntegerField(
        "année de création",
        null=True,
        blank=True,
        validators=[validate_past_year],
        help_text="L'année où la structure a été créée (déclaration en préfecture, immatriculation…), en quatre "
        "chiffres : 2012. Laissez vide si vous ne savez pas.",
    )
    sectors = ParentalManyToManyField(
        Sector,
        verbose_name="secteurs d'activité",
        blank=True,
        related_name="actors",
        help_text="Un ou plusieurs secteurs ; la liste se complète dans Annuaire › Secteurs d'activité.",
    )
    commune = models.ForeignKey(
        Commune,
        verbose_name="commune",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actors",
        help_text="La commune du siège ou du lieu d'accueil principal. Tapez son nom pour la trouver.",
    )
    latitude = CoordinateField(
        "latitude",
        null=True,
        blank=True,
        help_text="Facultatif, en degrés décimaux (Gironde : environ 44,6). Laissée vide, la carte place "
        "l'acteur à la mairie de sa commune et l'indique.",
    )
    areas_served_pays = ParentalManyToManyField(
        Pays,
        verbose_name="Pays desservis",
        blank=True,
        related_name="actors_serving",
        help_text="Les Pays où la structure agit au-delà de sa commune.",
    )
    areas_served_epcis = ParentalManyToManyField(
        Epci,
        verbose_name="intercommunalités desservies",
        blank=True,
        related_name="actors_serving",
        help_text="Les intercommunalités où la structure agit au-delà de sa commune.",
    )
    website = models.URLField("site web", blank=True, help_text="L'adresse complète, commençant par https://")
    other_links = models.TextField(
        "autres liens",
        blank=True,
        validators=[validate_url_lines],
        help_text="Pages sur les réseaux sociaux ou d'autres annuaires : une adresse complète par ligne.",
    )
    email = models.EmailField(
        "e-mail", blank=True, help_text="Une adresse de contact que la structure accepte de publier."
    )
    private_email = models.EmailField(
        "e-mail privé (pour le club)",
        blank=True,
        help_text="Une adresse pour joindre la structure que le club garde pour lui : elle n'est jamais publiée "
        "(ni sur la fiche, ni dans les exports ou la carte) et seuls les modérateurs la voient. La demande "
        "« Vérifiez votre fiche » part vers elle quand elle est remplie, sinon vers l'e-mail public.",
    )
    phone = models.CharField(
        "téléphone",
        max_length=20,
        blank=True,
        validators=[validate_phone],
        help_text="Un numéro que la structure accepte de publier, par exemple 05 56 00 00 00.",
    )
    siret = CompactCharField(
        "SIRET",
        max_length=14,
        blank=True,
        validators=[validate_siret],
        help_text="14 chiffres (les espaces sont permis), à retrouver sur annuaire-entreprises.data.gouv.fr.",
    )
    rna = CompactCharField(
        "numéro RNA",
        max_length=10,
        blank=True,
        validators=[validate_rna],
        help_text="Pour une association : W suivi de 9 chiffres, sur le récépissé de la préfecture.",
    )
    logo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name="logo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Facultatif : le logo de la structure, avec son nom comme texte alternatif.",
    )
    cover_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name="photo de couverture",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Facultatif : une photo au format paysage (au moins 1200 pixels de large) qui montre la "
        "structure, ses lieux ou son activité, avec l'accord de la structure. Elle s'affiche en haut de la fiche "
        "et sur la carte de l'annuaire ; sans elle, un motif aux couleurs du secteur la remplace.",
    )
    opening_hours = models.TextField(
        "horaires d'accueil",
        blank=True,
        help_text="Facultatif, en toutes lettres : « du lundi au vendredi, de 9 h à 17 h ».",
    )
    offers = models.TextField(
        "peut partager",
        blank=True,
        help_text="Ce que la structure peut mettre en commun : matériel, locaux, compétences, véhicules…",
    )
    needs = models.TextField(
        "recherche",
        blank=True,
        help_text="Ce dont la structure a besoin et qu'un autre acteur pourrait partager.",
    )
    last_reviewed = models.DateField(
        "dernière vérification",
        null=True,
        blank=True,
        help_text="Le jour où ces informations ont été vérifiées (avec la structure ou sur une source publique).",
    )
    source = models.CharField(
        "source",
        max_length=255,
        blank=True,
        help_text="D'où viennent ces informations : « présentation du club (2012) », « site de la structure »…",
    )
    search_text = models.TextField(editable=False, blank=True, default="")

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="actor")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="actor",
        for_concrete_model=False,
    )

    objects = ActorQuerySet.as_manager()

    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("short_description"),
        index.SearchField("offers"),
        index.SearchField("needs"),
        index.SearchField("get_legal_form_display"),
        index.SearchField("get_insertion_type_display"),
        index.RelatedFields("commune", [index.SearchField("name")]),
        index.RelatedFields("sectors", [index.SearchField("name")]),
        index.FilterField("legal_form"),
        index.FilterField("insertion_type"),
        index.FilterField("live"),
        index.FilterField("commune"),
        index.FilterField("is_founding_member"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = "acteur"
        verbose_name_plural = "acteurs"
        indexes = [
            # The directory's and the map's lists, by name: a page of them read from the index, not a sort of them all.
            models.Index(fields=["name", "id"], name="actor_name_id"),
            # What the filters count on every uncached page, for published actors only, each from a narrow index
            # alone (an index-only scan, never the table with its long texts), in the order it groups them so that
            # the database groups without hashing: status, insertion and size together (with the id, matched
            # against the other filters' actors when some are chosen); communes (with the size, for the état des
            # lieux), also probed one by one for the territories' options and the actors without a position.
            models.Index(
                fields=["legal_form", "insertion_type", "headcount_band", "id"],
                condition=Q(live=True),
                name="actor_published_status",
            ),
            models.Index(fields=["commune", "headcount_band"], condition=Q(live=True), name="actor_published_commune"),
            # ... and by id, with what the territories' counts read of each actor serving an area (its commune and
            # size): the serving links are matched to the published actors from this index alone.
            models.Index(fields=["id", "commune", "headcount_band"], condition=Q(live=True), name="actor_published_id"),
            # The unpublished actors (drafts, few): the sectors' counts of the whole directory are every link less
            # theirs, found here without reading the table.
            models.Index(fields=["id"], condition=Q(live=False), name="actor_unpublished"),
        ]

    def __str__(self):
        return self.name

    @property
    def revisions(self):
        return self._revisions

    def clean(self):
        super().clean()
        if not self.slug and self.name:
            self.slug = slugify(self.name)[:200]
        errors = self.address_errors()
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:200]
        self.search_text = normalize_for_search(
            " ".join(
                [self.name, self.short_description, self.offers, self.needs, self.commune.name if self.commune else ""]
            )
        )
        super().save(*args, **kwargs)

    # Where the actor is, said once for the profile, the map and the exports.
    @property
    def position(self) -> tuple | None:
        """(latitude, longitude): the actor's own, else its commune's town hall, else None."""
        if self.has_own_position:
            return (self.latitude, self.longitude)
        if self.commune and self.commune.latitude is not None and self.commune.longitude is not None:
            return (self.commune.latitude, self.commune.longitude)
        return None

    @property
    def map_position_label(self) -> str:
        """Where the map shows the actor, in words for the admin's listing."""
        if self.has_own_position:
            return "à son adresse"
        if self.position:
            return "mairie de la commune"
        return "non placé"

    @property
    def other_link_list(self) -> list[str]:
        return [line.strip() for line in self.other_links.splitlines() if line.strip()]

    @cached_property
    def areas_served(self) -> list:
        """The Pays, then the EPCI the actor serves beyond its commune."""
        return [*self.areas_served_pays.all(), *self.areas_served_epcis.all()]

    def read_areas_served(self) -> list:
        """`areas_served` as saved, in one query (a union), each with its `name`, `slug` (a Pays) or `siren` (an
        EPCI): for the public profile, where the relations are not being edited."""
        text, number = models.CharField(), models.IntegerField()
        columns = ("kind", "area_name", "area_slug", "area_siren")
        pays = (
            self.areas_served_pays.through.objects.filter(actor=self)
            .annotate(
                kind=Value(0, output_field=number),
                area_name=F("pays__name"),
                area_slug=F("pays__slug"),
                area_siren=Value("", output_field=text),
            )
            .values_list(*columns)
        )
        epcis = (
            self.areas_served_epcis.through.objects.filter(actor=self)
            .annotate(
                kind=Value(1, output_field=number),
                area_name=F("epci__name"),
                area_slug=Value("", output_field=text),
                area_siren=F("epci__siren"),
            )
            .values_list(*columns)
        )
        rows = pays.union(epcis, all=True).order_by("kind", "area_name")
        return [AreaServed(name, slug, siren) for _, name, slug, siren in rows]

    @property
    def is_cooperative(self) -> bool:
        return self.legal_form in COOPERATIVE_FORMS

    def get_preview_template(self, request, mode_name):
        return "actors/actor_detail.html"

    def get_preview_context(self, request, mode_name):
        from ..sector_colours import profile_colour
        from ..structured_data import actor_json_ld
        from .pages import ActorIndexPage

        index_page = ActorIndexPage.objects.first()
        url = request.build_absolute_uri(index_page.actor_url(self) if index_page else "/")
        context = super().get_preview_context(request, mode_name)
        sectors = list(self.sectors.all())
        context.update(
            {
                "actor": self,
                "index_page": index_page,
                "json_ld": actor_json_ld(self, url),
                "sectors": sorted(sectors, key=lambda sector: sector.name),
                "sector_colour": profile_colour(sectors),
            }
        )
        return context
