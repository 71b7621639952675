"""The "Annuaire" menu of the admin: actors, sectors and territories."""

import django_filters
from django import forms
from django.db.models import Exists, F, OuterRef
from django.db.models.functions import TruncDate
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    MultipleChooserPanel,
    ObjectList,
    PublishingPanel,
    TabbedInterface,
)
from wagtail.admin.ui.tables import BooleanColumn, Column, LiveStatusTagColumn
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from home import admin_views
from home.choosers import WordedSnippetViewSet
from home.dashboard import DraftsToSubmitFilter, Todo, drafts_to_submit, register_todo
from home.panels import MapPickerPanel, PersonalDataPanel

from . import record_checks
from .admin_views import ActorEditView, ActorImportViewSet, geocode_view, record_check_view
from .choices import InsertionType, LegalForm
from .choosers import ACTOR, COMMUNE, EPCI, PAYS, PROPOSAL, SECTOR, published_actor_chooser
from .models import Actor, ActorProposal, Commune, Epci, Pays, RecordCheck, Sector
from .panels import ProposalPanel


class ActorFilterSet(WagtailFilterSet):
    sectors = django_filters.ModelChoiceFilter(label="Secteur d'activité", queryset=Sector.objects.all())
    pays = django_filters.ModelChoiceFilter(label="Pays", queryset=Pays.objects.all(), method="filter_territory")
    epci = django_filters.ModelChoiceFilter(
        label="Intercommunalité", queryset=Epci.objects.all(), method="filter_territory"
    )
    legal_form = django_filters.ChoiceFilter(label="Statut juridique", choices=LegalForm.choices)
    insertion_type = django_filters.ChoiceFilter(label="Type de structure d'insertion", choices=InsertionType.choices)
    live = django_filters.BooleanFilter(label="Publié", widget=forms.NullBooleanSelect)
    to_submit = DraftsToSubmitFilter()
    located = django_filters.BooleanFilter(
        label="Placé sur la carte", method="filter_located", widget=forms.NullBooleanSelect
    )
    is_founding_member = django_filters.BooleanFilter(label="Membre fondateur", widget=forms.NullBooleanSelect)
    to_review = django_filters.BooleanFilter(
        label="À revérifier (plus d'un an)", method="filter_to_review", widget=forms.NullBooleanSelect
    )
    corrections = django_filters.BooleanFilter(
        label="Corrections proposées par la structure", method="filter_corrections", widget=forms.NullBooleanSelect
    )

    class Meta:
        model = Actor
        fields = []

    def filter_territory(self, queryset, name, value):
        if not value:
            return queryset
        return (
            queryset.in_territory("pays", value.slug) if name == "pays" else queryset.in_territory("epci", value.siren)
        )

    def filter_located(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.located() if value else queryset.not_located()

    def filter_corrections(self, queryset, name, value):
        if value is None:
            return queryset
        pending = queryset.filter(pk__in=_pending_corrections().values("actor_id"))
        return pending if value else queryset.exclude(pk__in=pending.values("pk"))

    def filter_to_review(self, queryset, name, value):
        if value is None:
            return queryset
        stale = queryset.needing_review()
        return stale if value else queryset.exclude(pk__in=stale.values("pk"))


class ActorViewSet(WordedSnippetViewSet):
    model = Actor
    noun = ACTOR
    add_view_class = admin_views.CreateView
    edit_view_class = ActorEditView
    index_view_class = admin_views.IndexView
    icon = "group"
    menu_label = "Acteurs"
    filterset_class = ActorFilterSet
    list_display = [
        "name",
        "commune",
        Column("legal_form", label="Statut juridique", accessor="get_legal_form_display"),
        BooleanColumn("is_founding_member", label="Fondateur"),
        Column("map_position", label="Sur la carte", accessor="map_position_label"),
        "last_reviewed",
        LiveStatusTagColumn(),
    ]
    list_per_page = 50
    list_export = [
        "name",
        "slug",
        "short_description",
        "get_legal_form_display",
        "get_insertion_type_display",
        "esus_approved",
        "is_founding_member",
        "get_headcount_band_display",
        "founded_year",
        "commune",
        "street_address",
        "effective_postal_code",
        "latitude",
        "longitude",
        "website",
        "email",
        "phone",
        "siret",
        "rna",
        "last_reviewed",
        "source",
        "live",
    ]
    export_headings = {
        "get_legal_form_display": "Statut juridique",
        "get_insertion_type_display": "Type de structure d'insertion",
        "get_headcount_band_display": "Tranche d'effectif salarié",
        "effective_postal_code": "Code postal",
        "live": "Publié",
    }
    export_filename = "acteurs"
    ordering = ["name"]

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    ProposalPanel(),
                    FieldPanel("name"),
                    FieldPanel("slug"),
                    FieldPanel("short_description"),
                    MultiFieldPanel(
                        [
                            FieldPanel("legal_form"),
                            FieldPanel("insertion_type"),
                            FieldPanel("esus_approved"),
                            FieldPanel("is_founding_member"),
                            FieldPanel("sectors", widget=forms.CheckboxSelectMultiple),
                        ],
                        heading="Statut et activité",
                    ),
                    MultiFieldPanel(
                        [FieldRowPanel([FieldPanel("headcount_band"), FieldPanel("founded_year")])],
                        heading="Taille et ancienneté",
                        help_text="Ce qui sert à l'état des lieux de l'ESS du territoire : seulement ce qui est "
                        "public ou donné par la structure.",
                    ),
                    FieldRowPanel([FieldPanel("logo"), FieldPanel("cover_image")]),
                ],
                heading="Présentation",
            ),
            ObjectList(
                [
                    MultiFieldPanel(
                        [
                            FieldPanel("commune"),
                            FieldPanel("street_address"),
                            FieldPanel("postal_code"),
                            FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                            MapPickerPanel("actors_geocode", subject="la structure"),
                        ],
                        heading="Adresse et position sur la carte",
                    ),
                    MultiFieldPanel(
                        [
                            FieldPanel("areas_served_pays", widget=forms.CheckboxSelectMultiple),
                            FieldPanel("areas_served_epcis", widget=forms.CheckboxSelectMultiple),
                        ],
                        heading="Territoires desservis",
                    ),
                ],
                heading="Territoire",
            ),
            ObjectList(
                [
                    FieldPanel("website"),
                    FieldPanel("email"),
                    # For the club only, like the proposers' contact: moderators and administrators (home/roles.py).
                    PersonalDataPanel(
                        ["private_email"],
                        permission="actors.view_actorproposal",
                        heading="Pour le club seulement (jamais publié)",
                    ),
                    FieldPanel("phone"),
                    FieldPanel("opening_hours"),
                    FieldPanel("other_links"),
                    MultiFieldPanel([FieldPanel("siret"), FieldPanel("rna")], heading="Identifiants officiels"),
                ],
                heading="Contact",
            ),
            ObjectList(
                [FieldPanel("offers"), FieldPanel("needs")],
                heading="Mutualisation",
            ),
            ObjectList(
                [FieldPanel("last_reviewed"), FieldPanel("source"), PublishingPanel()],
                heading="Suivi",
            ),
        ]
    )


class SectorViewSet(WordedSnippetViewSet):
    model = Sector
    noun = SECTOR
    icon = "tag"
    menu_label = "Secteurs d'activité"
    list_display = ["name", "slug"]
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]


class PaysViewSet(WordedSnippetViewSet):
    model = Pays
    noun = PAYS
    icon = "site"
    menu_label = "Pays"
    list_display = ["name", "website"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("website"),
        FieldPanel("epcis", widget=forms.CheckboxSelectMultiple),
        MultipleChooserPanel(
            "extra_communes",
            chooser_field_name="commune",
            heading="Communes ajoutées une à une",
            label="commune",
        ),
    ]


class EpciViewSet(WordedSnippetViewSet):
    model = Epci
    noun = EPCI
    icon = "globe"
    menu_label = "Intercommunalités"
    list_display = ["name", "get_kind_display", "siren"]
    list_filter = ["kind"]
    panels = [FieldPanel("name"), FieldPanel("siren"), FieldPanel("kind")]


class CommuneViewSet(WordedSnippetViewSet):
    model = Commune
    noun = COMMUNE
    icon = "home"
    menu_label = "Communes"
    list_display = ["name", "insee_code", "postal_codes", "epci"]
    list_filter = ["epci"]
    list_per_page = 50
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("insee_code"), FieldPanel("postal_codes")]),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        FieldPanel("epci"),
    ]


class ActorProposalViewSet(WordedSnippetViewSet):
    """The structures proposed at /referencer/: who proposed them and their consent, beside each record."""

    model = ActorProposal
    noun = PROPOSAL
    index_view_class = admin_views.IndexView
    icon = "mail"
    menu_label = "Propositions du public"
    list_display = ["actor", "contact_name", "contact_email", "consent_given_at"]
    list_export = ["actor", "contact_name", "contact_email", "message", "consent_text", "consent_given_at"]
    export_filename = "propositions-de-structures"
    panels = [
        FieldPanel("actor", read_only=True),
        FieldPanel("contact_name"),
        FieldPanel("contact_email"),
        FieldPanel("message"),
        FieldPanel("consent_text", read_only=True),
        FieldPanel("possible_duplicates", read_only=True),
    ]


class DirectoryGroup(SnippetViewSetGroup):
    menu_label = "Annuaire"
    menu_icon = "group"
    menu_order = 150
    items = (
        ActorViewSet,
        SectorViewSet,
        PaysViewSet,
        EpciViewSet,
        CommuneViewSet,
        ActorImportViewSet,
        ActorProposalViewSet,
    )


register_snippet(DirectoryGroup)


def _actor_edit_url(actor):
    return reverse("wagtailsnippets_actors_actor:edit", args=[actor.pk])


def _actor_listing_url(**filters):
    def url():
        query = "&".join(f"{name}={value}" for name, value in filters.items())
        return f"{reverse('wagtailsnippets_actors_actor:list')}?{query}"

    return url


register_todo(
    Todo(
        name="actors-drafts",
        heading="Fiches en brouillon à soumettre",
        help_text="Créées ou modifiées (à la main ou par un import de tableur), elles n'ont pas été envoyées aux "
        "modérateurs : le public ne voit pas ces changements. Ouvrez la fiche, relisez-la, puis choisissez "
        "« Soumettre à la relecture » en bas de page.",
        permission="actors.change_actor",
        queryset=lambda: drafts_to_submit(Actor.objects.all()).order_by("name"),
        item_url=_actor_edit_url,
        listing_url=_actor_listing_url(to_submit="true"),
        order=229,
    )
)
register_todo(
    Todo(
        name="actors-not-located",
        heading="Acteurs absents de la carte",
        help_text="Ni coordonnées ni commune : la carte ne peut pas les placer. "
        "Ouvrez la fiche, onglet « Territoire », et choisissez au moins la commune.",
        permission="actors.change_actor",
        queryset=lambda: Actor.objects.not_located().order_by("name"),
        item_url=_actor_edit_url,
        listing_url=_actor_listing_url(located="false"),
        order=230,
    )
)
register_todo(
    Todo(
        name="actors-to-review",
        heading="Fiches à revérifier",
        help_text="Jamais vérifiées, ou vérifiées il y a plus d'un an. Contactez la structure ou consultez son site, "
        "corrigez la fiche et mettez à jour « dernière vérification » dans l'onglet « Suivi ».",
        permission="actors.change_actor",
        queryset=lambda: Actor.objects.needing_review(),
        item_url=_actor_edit_url,
        listing_url=_actor_listing_url(to_review="true"),
        order=240,
    )
)


@hooks.register("register_admin_viewset")
def register_published_actor_chooser():
    return published_actor_chooser


@hooks.register("register_admin_urls")
def register_geocode_url():
    return [
        path(
            "annuaire/geocoder/",
            geocode_view,
            {"permissions": ("actors.add_actor", "actors.change_actor")},
            name="actors_geocode",
        )
    ]


# « Vérifiez votre fiche » (actors/record_checks.py).
@hooks.register("register_admin_urls")
def register_record_check_url():
    return [path("annuaire/acteurs/<int:pk>/verification/", record_check_view, name="actors_record_check_send")]


@hooks.register("register_log_actions")
def register_record_check_log_actions(actions):
    actions.register_action(
        "actors.record_confirmed",
        "Fiche confirmée par la structure",
        "Fiche confirmée par la structure (lien « Vérifiez votre fiche »)",
    )


class RecordCheckBulkAction(SnippetBulkAction):
    """« Vérifiez votre fiche » for the records ticked in the listing (the « à revérifier » filter first)."""

    display_name = "Vérifiez votre fiche"
    action_type = "record_check"
    aria_label = "Demander aux structures choisies de vérifier leur fiche"
    template_name = "actors/admin/bulk_record_check.html"
    action_priority = 50
    models = [Actor]

    def check_perm(self, actor):
        return (
            self.request.user.has_perm("actors.change_actor") and actor.live and bool(record_checks.recipient(actor)[0])
        )

    @classmethod
    def get_queryset(cls, model, object_ids):
        return list(model.objects.filter(pk__in=object_ids).select_related("proposal"))

    def object_context(self, actor):
        return {
            **super().object_context(actor),
            "sent_recently": actor.pk in self.recent_requests,
            "refused": record_checks.refused_at(actor, record_checks.recipient(actor)[0]),
        }

    @cached_property
    def recent_requests(self) -> set[int]:
        since = timezone.now() - record_checks.LINK_MAX_AGE
        return set(RecordCheck.objects.filter(sent_at__gte=since).values_list("actor_id", flat=True))

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        """Skips the records asked in the last 30 days, and those whose last request bounced at the same address
        (the record's own send page can still write to it, after a warning)."""
        recent = kwargs["self"].recent_requests
        sent = [
            actor
            for actor in objects
            if actor.pk not in recent
            and not record_checks.refused_at(actor, record_checks.recipient(actor)[0])
            and record_checks.send_request(actor, user)
        ]
        return len(sent), 0

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}

    def get_success_message(self, num_parent_objects, num_child_objects):
        return f"{num_parent_objects} demande(s) « Vérifiez votre fiche » envoyée(s) : chaque lien sert 30 jours."


hooks.register("register_bulk_action", RecordCheckBulkAction)


def _pending_corrections():
    """Corrections sent by a structure that are still the record's latest draft, nobody having published them."""
    return (
        RecordCheck.objects.filter(
            outcome=RecordCheck.Outcome.CORRECTED,
            correction__isnull=False,
            actor__latest_revision=F("correction"),
            actor__has_unpublished_changes=True,
        )
        .select_related("actor")
        .order_by("answered_at")
    )


register_todo(
    Todo(
        name="actors-corrections",
        heading="Corrections proposées par les structures",
        help_text="Une structure a corrigé sa fiche par le lien « Vérifiez votre fiche » : ses changements sont en "
        "brouillon. Ouvrez la comparaison champ par champ, puis publiez la fiche ou refusez dans la relecture.",
        permission="actors.publish_actor",
        queryset=_pending_corrections,
        item_url=record_checks.compare_url,
        item_label=lambda check: check.actor.name,
        listing_url=_actor_listing_url(corrections="true"),
        order=226,
    )
)


def _last_unanswered_requests():
    """The last request of each record, still unanswered, the record not checked since (a volunteer who called
    the structure and updated « dernière vérification » closes it)."""
    newer = RecordCheck.objects.filter(actor=OuterRef("actor"), sent_at__gt=OuterRef("sent_at"))
    return (
        RecordCheck.objects.filter(outcome="")
        .exclude(Exists(newer))
        .exclude(actor__last_reviewed__gte=TruncDate("sent_at"))
        .select_related("actor")
    )


def _expired_requests():
    """The last request of each record whose link expired without an answer (the mail having been delivered)."""
    expired = _last_unanswered_requests().filter(sent_at__lt=timezone.now() - record_checks.LINK_MAX_AGE)
    return expired.filter(delivery_failed_at__isnull=True).order_by("sent_at")


def _undeliverable_requests():
    """The last request of each record whose address the mail server refused for good."""
    return _last_unanswered_requests().filter(delivery_failed_at__isnull=False).order_by("delivery_failed_at")


register_todo(
    Todo(
        name="actors-checks-expired",
        heading="Demandes de vérification restées sans réponse",
        help_text="Le lien « Vérifiez votre fiche » a expiré (30 jours) sans que la structure réponde : l'adresse "
        "n'est peut-être plus la bonne. Appelez-la ou consultez son site, puis corrigez la fiche, ou renvoyez la "
        "demande depuis la fiche (« Plus d'actions »).",
        permission="actors.change_actor",
        queryset=_expired_requests,
        item_url=lambda check: _actor_edit_url(check.actor),
        item_label=lambda check: f"{check.actor.name} (demandé le {timezone.localtime(check.sent_at):%d/%m/%Y})",
        listing_url=_actor_listing_url(to_review="true"),
        order=242,
    )
)


register_todo(
    Todo(
        name="actors-checks-undeliverable",
        heading="Demandes de vérification non distribuées (adresse en échec)",
        help_text="Le serveur de messagerie a refusé l'adresse : la structure n'a pas reçu « Vérifiez votre "
        "fiche », et l'envoi annuel ne réécrira pas à cette adresse. Trouvez la bonne adresse (site de la "
        "structure, téléphone), corrigez-la dans l'onglet « Contact » puis renvoyez la demande (« Plus "
        "d'actions »), ou appelez la structure et mettez à jour « dernière vérification ».",
        permission="actors.change_actor",
        queryset=_undeliverable_requests,
        item_url=lambda check: _actor_edit_url(check.actor),
        item_label=lambda check: (
            f"{check.actor.name} (adresse en échec le {timezone.localtime(check.delivery_failed_at):%d/%m/%Y})"
        ),
        listing_url=_actor_listing_url(to_review="true"),
        order=241,
    )
)
