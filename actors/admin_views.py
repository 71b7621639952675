"""Admin views of the directory: the spreadsheet import (run in the background by a task) and the geocoder."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets.button import Button

from home import admin_views as home_admin_views

from .geocoding import GeocodingError, geocode
from .importer import MAX_BYTES, ImportFileError, ImportReport, read_file
from .models import ActorImport, Commune
from .tasks import run_actor_import


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Fichier CSV",
        help_text="Un tableur enregistré en CSV (UTF-8), une structure par ligne, avec une ligne d'en-tête : "
        "nom, commune, statut, secteurs, SIRET… Les colonnes inconnues sont ignorées et signalées.",
    )
    publish = forms.BooleanField(
        label="Publier les fiches",
        required=False,
        help_text="Sinon, les fiches créées ou modifiées restent en brouillon, à relire avant publication.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Without the permission to publish, every record goes to the moderators (actors/importer.py).
        if not user.has_perm("actors.publish_actor"):
            del self.fields["publish"]


def _check_may_import(user) -> None:
    if not (user.has_perm("actors.add_actor") and user.has_perm("actors.change_actor")):
        raise PermissionDenied


def import_view(request):
    """Sends the file to a background dry run, then to its page, which shows the report."""
    _check_may_import(request.user)
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read(MAX_BYTES + 1)
        try:
            read_file(data)
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            job = ActorImport.objects.create(
                file_name=upload.name[:255],
                content=data,
                user=request.user,
                publish=form.cleaned_data.get("publish", False),
            )
            run_actor_import.enqueue(job.pk)
            return redirect("actors_import:status", job.pk)
    return TemplateResponse(
        request,
        "actors/admin/import.html",
        {"form": form, "may_publish": "publish" in form.fields, "recent": _recent_imports(request.user)},
    )


def _recent_imports(user):
    return ActorImport.objects.filter(user=user).defer("content")[:5]


def import_status_view(request, pk):
    """Where an import stands (the page reloads itself while the task runs), its report, and the confirmation."""
    _check_may_import(request.user)
    job = get_object_or_404(ActorImport.objects.defer("content"), pk=pk, user=request.user)
    ready_to_write = (
        job.stage == ActorImport.Stage.CHECK
        and job.status == ActorImport.Status.FINISHED
        and not job.report["rejected"]
        and (job.report["created"] or job.report["updated"])
    )
    if request.method == "POST" and ready_to_write:
        job.stage, job.status, job.report = ActorImport.Stage.WRITE, ActorImport.Status.QUEUED, None
        job.save(update_fields=["stage", "status", "report"])
        run_actor_import.enqueue(job.pk)
        return redirect("actors_import:status", job.pk)
    return TemplateResponse(
        request,
        "actors/admin/import_status.html",
        {
            "job": job,
            "report": ImportReport(**job.report) if job.report else None,
            "progress": job.get_progress() if job.is_pending else None,
            "ready_to_write": ready_to_write,
        },
    )


class ActorImportViewSet(ViewSet):
    name = "actors_import"
    icon = "upload"
    menu_label = "Importer un tableur"
    url_prefix = "annuaire/import"

    @property
    def menu_url(self):
        return reverse("actors_import:index")

    def get_urlpatterns(self):
        return [
            path("", import_view, name="index"),
            path("<int:pk>/", import_status_view, name="status"),
        ]


def geocode_view(request, permissions):
    """The position of the address typed in a form (JSON for home.panels.MapPickerPanel); nothing is saved.

    Open to the users with one of `permissions`: those who edit the records the form places (actors, events).
    """
    if not any(request.user.has_perm(permission) for permission in permissions):
        raise PermissionDenied
    commune_id = request.GET.get("commune", "")
    commune = Commune.objects.filter(pk=commune_id).first() if commune_id.isdigit() else None
    try:
        match = geocode(request.GET.get("street", ""), request.GET.get("postal_code", ""), commune)
    except GeocodingError as error:
        return JsonResponse({"error": str(error)})
    return JsonResponse(
        {
            "latitude": match.latitude,
            "longitude": match.longitude,
            "label": match.label,
            "message": f"Adresse trouvée : « {match.label} ». Vérifiez le repère sur la carte, puis enregistrez.",
        }
    )


# « Vérifiez votre fiche » (actors/record_checks.py): from a record's edit view, or many from the listing.
PERSONAL_DATA = "actors.view_actorproposal"  # who reads the contacts the club keeps for itself


def _check_may_request_check(user) -> None:
    if not user.has_perm("actors.change_actor"):
        raise PermissionDenied


def record_check_view(request, pk):
    """GET says to whom the request goes; POST queues it and returns to the record."""
    from wagtail.admin import messages

    from . import record_checks
    from .models import Actor, RecordCheck

    _check_may_request_check(request.user)
    actor = get_object_or_404(Actor, pk=pk)
    address, kind = record_checks.recipient(actor)
    # The private address and the proposer's are personal data: named to those who may read it (home/roles.py).
    shown = address if kind == RecordCheck.Recipient.PUBLIC or request.user.has_perm(PERSONAL_DATA) else ""
    kind_label = kind and RecordCheck.Recipient(kind).label
    edit_url = reverse("wagtailsnippets_actors_actor:edit", args=[actor.pk])
    if request.method == "POST" and address and actor.live:
        record_checks.send_request(actor, request.user)
        messages.success(
            request, f"La demande « Vérifiez votre fiche » part vers {shown or kind_label} : le lien sert 30 jours."
        )
        return redirect(edit_url)
    return TemplateResponse(
        request,
        "actors/admin/record_check_confirm.html",
        {
            "actor": actor,
            "address": address,
            "shown_address": shown,
            "kind_label": kind_label,
            "edit_url": edit_url,
            "failed_before": record_checks.refused_at(actor, address),
        },
    )


class ActorEditView(home_admin_views.EditView):
    """The actor's edit view, with « Vérifiez votre fiche » in its header's « Plus d'actions »."""

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.object.live and self.request.user.has_perm("actors.change_actor"):
            buttons.append(
                Button(
                    "Demander à la structure de vérifier sa fiche",
                    url=reverse("actors_record_check_send", args=[self.object.pk]),
                    icon_name="mail",
                    priority=30,
                )
            )
        return buttons
