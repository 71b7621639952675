"""Admin panels of actor records: the editors' map picker, and what came with a record proposed by the public."""

from django import forms
from django.contrib.auth import get_permission_codename
from django.urls import reverse
from wagtail.admin.panels import Panel

from home.maps import tile_layer

LEAFLET_CSS = "vendor/leaflet/leaflet.css"
LEAFLET_JS = "vendor/leaflet/leaflet.js"


class MapPickerPanel(Panel):
    """Click or drag to place the actor; kept in sync with the `latitude` and `longitude` inputs.

    Its "Géocoder l'adresse" button asks the national address service through the admin's
    `actors_geocode` view, from the street address, postal code and commune inputs.
    """

    def __init__(self, heading="Placer sur la carte", **kwargs):
        super().__init__(heading=heading, **kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "actors/admin/map_picker_panel.html"

        class Media:
            css = {"all": [LEAFLET_CSS, "css/map-picker.css"]}
            js = [LEAFLET_JS, "js/map-picker.js"]

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            form = self.form
            context.update(
                {
                    "inputs": {
                        name: form[name].auto_id
                        for name in ("latitude", "longitude", "street_address", "postal_code", "commune")
                        if name in form.fields
                    },
                    "geocode_url": reverse("actors_geocode"),
                    "tiles": tile_layer(),
                }
            )
            return context

        @property
        def media(self):
            return forms.Media(css=self.Media.css, js=self.Media.js)


class ProposalPanel(Panel):
    """Shows, above a proposed record, who proposed it (to those who may read it), their consent and the duplicates."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "actors/admin/proposal_panel.html"

        def is_shown(self):
            return self.instance.pk is not None and hasattr(self.instance, "proposal")

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            proposal = self.instance.proposal
            context["proposal"] = proposal
            # Who sent it is personal data: moderators and administrators only (home/roles.py).
            opts = proposal._meta
            context["shows_sender"] = self.request.user.has_perm(
                f"{opts.app_label}.{get_permission_codename('view', opts)}"
            )
            context["duplicates"] = list(self.instance.proposal.possible_duplicates.all())
            return context
