"""Admin panels shared by the content types: the map picker that places a record on the map, and the fields
that hold personal data."""

from django import forms
from django.urls import reverse
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, Panel

from .maps import tile_layer

LEAFLET_CSS = "vendor/leaflet/leaflet.css"
LEAFLET_JS = "vendor/leaflet/leaflet.js"


class MapPickerPanel(Panel):
    """Click or drag to place the record; kept in sync with the form's `latitude` and `longitude` inputs.

    Its "Géocoder l'adresse" button asks the national address service through the admin view named
    `geocode_url_name` (provided by the app that knows the communes), from the form's street address,
    postal code and commune inputs. `subject` names what is placed, as in « Cliquez pour placer {subject} ».
    """

    def __init__(self, geocode_url_name, subject, heading="Placer sur la carte", **kwargs):
        super().__init__(heading=heading, **kwargs)
        self.geocode_url_name = geocode_url_name
        self.subject = subject

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "geocode_url_name": self.geocode_url_name, "subject": self.subject}

    class BoundPanel(Panel.BoundPanel):
        template_name = "home/admin/map_picker_panel.html"

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
                    "geocode_url": reverse(self.panel.geocode_url_name),
                    "subject": self.panel.subject,
                    "tiles": tile_layer(),
                }
            )
            return context

        @property
        def media(self):
            return forms.Media(css={"all": [LEAFLET_CSS, "css/map-picker.css"]}, js=[LEAFLET_JS, "js/map-picker.js"])


class PersonalDataPanel(MultiFieldPanel):
    """Fields holding personal data (a contact's name, e-mail), for those who may read it only (home/roles.py).

    `permission` is the one that reads the model's personal data, e.g. "board.view_boardreply". Without it the
    fields are neither shown, nor in the form (saving keeps their values), nor in the comparison of revisions.
    """

    def __init__(self, field_names, permission, **kwargs):
        children = [FieldPanel(name, permission=permission) for name in field_names]
        super().__init__(children, permission=permission, **kwargs)

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        # Rebuilt from the field names: the children are made here.
        kwargs["field_names"] = [child.field_name for child in kwargs.pop("children")]
        return kwargs

    class BoundPanel(MultiFieldPanel.BoundPanel):
        def get_comparison(self):
            if not self.request.user.has_perm(self.panel.permission):
                return []
            return super().get_comparison()


class ReadOnlyFieldPanel(FieldPanel):
    """A field shown, never edited; an empty value reads as `empty_text` where Wagtail writes « None »."""

    def __init__(self, field_name, empty_text="—", **kwargs):
        kwargs["read_only"] = True
        super().__init__(field_name, **kwargs)
        self.empty_text = empty_text

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "empty_text": self.empty_text}

    def format_value_for_display(self, value):
        return self.empty_text if value is None else super().format_value_for_display(value)
