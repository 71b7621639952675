"""Admin views of the directory: the spreadsheet import (upload, dry-run report, confirm) and the geocoder."""

import base64

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from wagtail.admin.viewsets.base import ViewSet

from .geocoding import GeocodingError, geocode
from .importer import MAX_BYTES, ActorImporter, ImportFileError
from .models import Commune

SESSION_KEY = "actors_import_file"


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


def import_view(request):
    if not request.user.has_perm("actors.add_actor"):
        raise PermissionDenied
    report = None
    if request.method == "POST" and "confirm" in request.POST and SESSION_KEY in request.session:
        data = base64.b64decode(request.session.pop(SESSION_KEY))
        publish = request.POST.get("publish") == "1"
        report = ActorImporter().run(data, dry_run=False, publish=publish)
        if report.written:
            messages.success(
                request,
                f"Import enregistré : {len(report.created)} fiches créées, {len(report.updated)} mises à jour.",
            )
            return redirect("wagtailsnippets_actors_actor:list")
        form = ImportForm()
    elif request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            data = upload.read(MAX_BYTES + 1)
            try:
                report = ActorImporter().run(data, dry_run=True)
            except ImportFileError as error:
                form.add_error("file", str(error))
            else:
                if not report.rejected:
                    request.session[SESSION_KEY] = base64.b64encode(data).decode("ascii")
    else:
        form = ImportForm()
    return TemplateResponse(
        request,
        "actors/admin/import.html",
        {"form": form, "report": report, "publish": request.POST.get("publish") in ("on", "1")},
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
        return [path("", import_view, name="index")]


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
