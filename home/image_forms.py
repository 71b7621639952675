"""The image form of the admin: it insists on an alternative text (loaded by Wagtail, not by models)."""

from django import forms
from wagtail.images.forms import BaseImageForm

ALT_TEXT_REQUIRED = (
    "Décrivez l'image pour les personnes qui ne la voient pas, "
    "ou cochez « Image décorative » si elle n'apporte aucune information."
)


# What a volunteer can do about a refused file, in place of Wagtail's terse messages.
UPLOAD_MESSAGES = {
    "file_too_large": "Ce fichier est trop lourd (%(file_size)s) : la taille maximale est de %(max_filesize)s. "
    "Réduisez l'image (par exemple à 2000 pixels de large, en JPEG) avec votre logiciel photo, puis réessayez.",
    "file_too_many_pixels": "Cette image est trop grande (%(num_pixels)s pixels) : %(max_pixels_count)s pixels au plus. "
    "Réduisez ses dimensions (2000 pixels de large suffisent pour le site), puis réessayez.",
}


class AltTextImageForm(BaseImageForm):
    """Requires an alternative text unless the image is marked decorative; explains refused uploads in French.

    Wagtail's bulk uploader first saves each file with its title only, then shows this
    form for the details: the rule applies whenever the form carries the field.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            self.fields["file"].error_messages.update(UPLOAD_MESSAGES)

    def clean(self):
        cleaned_data = super().clean()
        carries_alt_text = self.add_prefix("alt_text") in self.data
        if carries_alt_text and not cleaned_data.get("alt_text") and not cleaned_data.get("is_decorative"):
            self.add_error("alt_text", forms.ValidationError(ALT_TEXT_REQUIRED, code="required"))
        return cleaned_data
