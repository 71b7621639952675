"""The Mois de l'ESS: the section page, one page per edition (year) and one page per event."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel, MultipleChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from actors.address import PostalAddress
from actors.choosers import published_actor_chooser
from actors.fields import CoordinateField
from actors.models import Actor, Commune
from actors.territory_query import InTerritoryMixin
from home.blocks import BodyBlock
from home.panels import MapPickerPanel
from home.published import PublishedPageQuerySet

from ..mois_ess.choices import EVENT_TIME_ZONE, AttendanceMode, DatePrecision, EventStatus, EventType
from ..mois_ess.panels import EventProposalPanel

PARIS = ZoneInfo(EVENT_TIME_ZONE)


def today_in_paris() -> date:
    return timezone.now().astimezone(PARIS).date()


def format_time(value: time) -> str:
    """French style: "14 h", "17 h 30"."""
    return f"{value.hour} h" if not value.minute else f"{value.hour} h {value.minute:02d}"


class MoisEssIndexPage(Page):
    """The section `/mois-de-l-ess/`: upcoming events first, the editions by year, filters and a map."""

    intro = models.TextField(
        "introduction",
        blank=True,
        help_text="Une ou deux phrases sous le titre : ce qu'est le Mois de l'ESS et comment y participer.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.MoisEssEditionPage", "news.EventProposalPage"]
    max_count = 1

    class Meta:
        verbose_name = "rubrique du Mois de l'ESS"
        verbose_name_plural = "rubriques du Mois de l'ESS"

    def serve(self, request, *args, **kwargs):
        from ..mois_ess.views import section

        return section(request, self)


class MoisEssEditionPage(RoutablePageMixin, Page):
    """One year's Mois de l'ESS: its introduction and its programme; the events are its sub-pages."""

    year = models.PositiveSmallIntegerField(
        "année",
        unique=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text="L'année de l'édition, par exemple 2026. Elle sert aussi d'adresse : /mois-de-l-ess/2026/.",
    )
    intro = models.TextField(
        "introduction",
        blank=True,
        help_text="Une ou deux phrases : le thème de l'année, qui organise, ce qui attend le public.",
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name="présentation",
        help_text="Facultatif : le texte de présentation de l'édition, affiché avant le programme.",
    )

    content_panels = Page.content_panels + [FieldPanel("year"), FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["news.MoisEssIndexPage"]
    subpage_types = ["news.EventPage"]

    class Meta:
        verbose_name = "édition du Mois de l'ESS"
        verbose_name_plural = "éditions du Mois de l'ESS"
        ordering = ["-year"]

    def full_clean(self, *args, **kwargs):
        # The edition lives at its year: /mois-de-l-ess/2026/.
        if self.year:
            self.slug = str(self.year)
        super().full_clean(*args, **kwargs)

    @path("")
    def programme_page(self, request):
        from ..mois_ess.views import edition

        return edition(request, self)

    @path("programme/")
    def printable_programme(self, request):
        from ..mois_ess.views import edition

        return edition(request, self, printable=True)


class EventPageForm(WagtailAdminPageForm):
    """Checks what needs the parent edition: an event is filed under the edition of its year."""

    def clean(self):
        cleaned_data = super().clean()
        start = cleaned_data.get("start_date")
        edition = self.parent_page.specific if self.parent_page else None
        if start and isinstance(edition, MoisEssEditionPage) and start.year != edition.year:
            self.add_error(
                "start_date",
                f"Cet événement commence en {start.year} mais se range dans l'édition {edition.year} : "
                f"corrigez la date, ou créez-le dans l'édition {start.year}.",
            )
        return cleaned_data


class EventPageQuerySet(InTerritoryMixin, PublishedPageQuerySet):
    def upcoming(self, today: date | None = None):
        """Events not over yet (today's included), in the time zone of the territory."""
        today = today or today_in_paris()
        return self.filter(Q(end_date__gte=today) | Q(end_date__isnull=True, start_date__gte=today))

    def past(self, today: date | None = None):
        today = today or today_in_paris()
        return self.exclude(pk__in=self.upcoming(today).values("pk"))

    def in_chronological_order(self):
        return self.order_by("start_date", models.F("start_time").asc(nulls_first=True), "title", "pk")


EventPageManager = PageManager.from_queryset(EventPageQuerySet)


class EventPage(Page, PostalAddress):
    """One event of an edition: when, where, how to take part, who organises it."""

    event_type = models.CharField(
        "type d'événement",
        max_length=20,
        choices=EventType.choices,
        default=EventType.RENCONTRE,
        help_text="Sert au filtre « type » du programme.",
    )
    summary = models.TextField(
        "résumé",
        max_length=400,
        blank=True,
        help_text="Une ou deux phrases (400 caractères au plus) pour le programme, les agendas et les moteurs "
        "de recherche : de quoi il s'agit, pour qui.",
    )
    status = models.CharField(
        "statut",
        max_length=10,
        choices=EventStatus.choices,
        default=EventStatus.PREVU,
        help_text="Un événement annulé ou reporté reste en ligne, marqué comme tel : ne le supprimez pas, "
        "ceux qui l'ont noté dans leur agenda seront prévenus.",
    )

    start_date = models.DateField(
        "date de début", help_text="Le jour où l'événement commence (heure de Paris), par exemple 14/11/2026."
    )
    start_time = models.TimeField(
        "heure de début",
        null=True,
        blank=True,
        help_text="Laissez vide pour un événement sur la journée entière (ou plusieurs journées).",
    )
    end_date = models.DateField(
        "date de fin",
        null=True,
        blank=True,
        help_text="Seulement si l'événement dure plusieurs jours ; laissée vide, c'est le jour du début.",
    )
    end_time = models.TimeField(
        "heure de fin",
        null=True,
        blank=True,
        help_text="Facultatif : l'heure à laquelle l'événement se termine.",
    )
    date_precision = models.CharField(
        "précision des dates",
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.JOUR,
        help_text="« Seul le mois est connu » pour un événement passé dont les sources ne donnent pas le jour : "
        "le site affiche alors seulement le mois (mettez le 1er du mois comme début et le dernier jour comme fin).",
    )

    attendance_mode = models.CharField(
        "participation",
        max_length=10,
        choices=AttendanceMode.choices,
        default=AttendanceMode.SUR_PLACE,
        help_text="Sur place, en ligne, ou les deux.",
    )
    online_url = models.URLField(
        "lien pour participer en ligne",
        blank=True,
        help_text="Pour un événement en ligne ou mixte : l'adresse de la visioconférence ou de la diffusion, "
        "commençant par https://",
    )
    venue_name = models.CharField(
        "lieu",
        max_length=200,
        blank=True,
        help_text="Le nom du lieu : « Salle des fêtes », « Tiers-lieu La Fabrique »…",
    )
    commune = models.ForeignKey(
        Commune,
        verbose_name="commune",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
        help_text="La commune du lieu : elle sert au filtre par territoire. Tapez son nom pour la trouver.",
    )
    latitude = CoordinateField(
        "latitude",
        null=True,
        blank=True,
        help_text="Facultatif, en degrés décimaux (Gironde : environ 44,6). Sans coordonnées, l'événement est "
        "listé mais pas placé sur la carte.",
    )

    registration_url = models.URLField(
        "lien d'inscription",
        blank=True,
        help_text="Facultatif : la page où s'inscrire, commençant par https://",
    )
    is_free = models.BooleanField(
        "gratuit", default=False, help_text="Cochez si l'entrée est libre et gratuite pour tous."
    )
    price = models.DecimalField(
        "prix (en euros)",
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="Le prix d'entrée plein tarif, par exemple 5 ; laissez vide si gratuit ou inconnu.",
    )
    price_details = models.CharField(
        "précisions sur le prix",
        max_length=200,
        blank=True,
        help_text="Facultatif : tarif réduit, participation libre, repas compris…",
    )
    accessibility = models.TextField(
        "accessibilité",
        blank=True,
        help_text="Ce qu'une personne en situation de handicap doit savoir : accès en fauteuil, boucle "
        "magnétique, interprétation en langue des signes, contact pour préparer sa venue…",
    )

    description = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name="description",
        help_text="Le programme détaillé, les intervenants, des photos…",
    )
    image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name="image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Facultatif : une affiche ou une photo, au format paysage, avec un texte alternatif.",
    )

    objects = EventPageManager()

    base_form_class = EventPageForm
    content_panels = [
        EventProposalPanel(),
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("event_type"), FieldPanel("summary"), FieldPanel("status")],
            heading="L'événement",
        ),
        MultiFieldPanel(
            [
                HelpPanel(
                    content="Heures de Paris. Sans heure de début, l'événement dure la journée entière ; "
                    "une date de fin avant le début est refusée."
                ),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_time")]),
                FieldRowPanel([FieldPanel("end_date"), FieldPanel("end_time")]),
                FieldPanel("date_precision"),
            ],
            heading="Quand",
        ),
        MultiFieldPanel(
            [
                FieldPanel("attendance_mode"),
                FieldPanel("online_url"),
                FieldPanel("venue_name"),
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("commune")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                MapPickerPanel("news_geocode", subject="l'événement"),
            ],
            heading="Où",
        ),
        MultipleChooserPanel(
            "organisers",
            chooser_field_name="actor",
            heading="Organisateurs",
            label="organisateur",
            help_text="Les acteurs de l'annuaire qui organisent l'événement ; il apparaît sur leur fiche.",
        ),
        MultiFieldPanel(
            [
                FieldPanel("registration_url"),
                FieldRowPanel([FieldPanel("is_free"), FieldPanel("price")]),
                FieldPanel("price_details"),
                FieldPanel("accessibility"),
            ],
            heading="Participer",
        ),
        FieldPanel("image"),
        FieldPanel("description"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("venue_name"),
        index.SearchField("description"),
        index.FilterField("start_date"),
        index.FilterField("event_type"),
    ]
    parent_page_types = ["news.MoisEssEditionPage"]
    subpage_types: list[str] = []
    # Read with the page when it is served (home/routing.py): the picture and the commune it shows.
    route_select_related = ("image", "commune")

    class Meta:
        verbose_name = "événement du Mois de l'ESS"
        verbose_name_plural = "événements du Mois de l'ESS"

    def clean(self):
        super().clean()
        errors = {}
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = (
                f"La date de fin ({self.end_date:%d/%m/%Y}) est avant la date de début "
                f"({self.start_date:%d/%m/%Y}) : vérifiez les deux dates."
            )
        elif self.end_time and self.start_time is None:
            errors["end_time"] = (
                "Une heure de fin sans heure de début : indiquez l'heure de début, "
                "ou videz l'heure de fin pour un événement sur la journée entière."
            )
        elif (
            self.start_time
            and self.end_time
            and (self.end_date or self.start_date) == self.start_date
            and self.end_time < self.start_time
        ):
            errors["end_time"] = (
                f"L'événement finirait ({format_time(self.end_time)}) avant de commencer "
                f"({format_time(self.start_time)}) : vérifiez les heures, ou indiquez une date de fin "
                "s'il se termine le lendemain."
            )
        if self.date_precision == DatePrecision.MOIS and self.start_time:
            errors["start_time"] = "Quand seul le mois est connu, laissez les heures vides."
        if self.is_free and self.price:
            errors["price"] = "Un événement gratuit n'a pas de prix : décochez « gratuit » ou videz le prix."
        errors.update(self.address_errors())
        if errors:
            raise ValidationError(errors)

    # When: the local dates and times, said once for the pages, the calendars and the JSON-LD.
    @property
    def is_all_day(self) -> bool:
        return self.start_time is None

    @property
    def last_date(self) -> date:
        return self.end_date or self.start_date

    @property
    def starts_at(self) -> datetime | None:
        """The aware start (Europe/Paris), or None for an all-day event."""
        return None if self.is_all_day else datetime.combine(self.start_date, self.start_time, tzinfo=PARIS)

    @property
    def ends_at(self) -> datetime | None:
        """The aware end, when an end time is known."""
        if self.is_all_day or self.end_time is None:
            return None
        return datetime.combine(self.last_date, self.end_time, tzinfo=PARIS)

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.ANNULE

    def is_upcoming(self, today: date | None = None) -> bool:
        return self.last_date >= (today or today_in_paris())

    # Where
    @property
    def has_position(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def is_online(self) -> bool:
        return self.attendance_mode in (AttendanceMode.EN_LIGNE, AttendanceMode.MIXTE)

    @property
    def is_on_site(self) -> bool:
        return self.attendance_mode in (AttendanceMode.SUR_PLACE, AttendanceMode.MIXTE)

    @property
    def location_text(self) -> str:
        """The place on one line: venue, address, postal code and commune; "En ligne" when online only."""
        if not self.is_on_site:
            return "En ligne"
        parts = [self.venue_name, self.street_address]
        if self.commune:
            parts.append(f"{self.effective_postal_code} {self.commune.name}".strip())
        return ", ".join(part for part in parts if part)

    def get_context(self, request, *args, **kwargs):
        from ..mois_ess.views import event_context

        context = super().get_context(request, *args, **kwargs)
        context.update(event_context(request, self))
        return context


class EventOrganiser(Orderable):
    """An actor of the directory that organises an event: the event shows on the actor's profile."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="organisers")
    actor = models.ForeignKey(
        Actor,
        verbose_name="acteur",
        on_delete=models.CASCADE,
        related_name="organised_events",
        help_text="Choisissez l'acteur dans l'annuaire ; s'il n'y est pas, ajoutez-le d'abord.",
    )

    # The published actors only: an organiser links to a profile the public can open.
    panels = [FieldPanel("actor", widget=published_actor_chooser.widget_class)]

    class Meta(Orderable.Meta):
        verbose_name = "organisateur"
        verbose_name_plural = "organisateurs"
