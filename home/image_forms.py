"""The image form of the admin: it insists on an alternative text (loaded by Wagtail, not by models)."""

from django import forms
from wagtail.images.forms import BaseImageForm

ALT_TEXT_REQUIRED = (
    "Décrivez l'image pour les personnes qui ne la voient pas, "
    "ou cochez « Image décorative » si elle n'apporte aucune information."
)


class AltTextImageForm(BaseImageForm):
    """Requires an alternative text unless the image is marked decorative.

    Wagtail's bulk uploader first saves each file with its title only, then shows this
    form for the details: the rule applies whenever the form carries the field.
    """

    def clean(self):
        cleaned_data = super().clean()
        carries_alt_text = self.add_prefix("alt_text") in self.data
        if carries_alt_text and not cleaned_data.get("alt_text") and not cleaned_data.get("is_decorative"):
            self.add_error("alt_text", forms.ValidationError(ALT_TEXT_REQUIRED, code="required"))
        return cleaned_data
