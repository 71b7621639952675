"""The image form of the admin: it insists on an alternative text and refuses hostile or broken files in French
(loaded by Wagtail, not by models)."""

from django import forms
from django.core.exceptions import ValidationError
from PIL import Image as PILImage
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from . import pending_uploads

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
    "decompression_bomb": "Cette image est trop grande : %(max_pixels_count)s pixels au plus. "
    "Réduisez ses dimensions (2000 pixels de large suffisent pour le site), puis réessayez.",
    "broken_image": "Ce fichier image est abîmé ou incomplet (envoi interrompu ?) : ouvrez-le avec votre logiciel "
    "photo, enregistrez-le de nouveau, puis réessayez.",
}


class CheckedImageField(WagtailImageField):
    """Wagtail's image field, which also refuses decompression bombs and truncated files instead of crashing."""

    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
        except ValidationError:
            raise
        except PILImage.DecompressionBombError:
            raise ValidationError(
                self.error_messages["decompression_bomb"] % {"max_pixels_count": self.max_image_pixels},
                code="file_too_many_pixels",
            ) from None
        except Exception as error:  # noqa: BLE001 - any decoder error means a broken file
            raise ValidationError(self.error_messages["broken_image"], code="invalid_image") from error
        self.check_image_is_whole(f)

    def check_image_is_whole(self, f):
        """Reads the whole file once (without decoding the pixels): a truncated or corrupt file fails here."""
        f.seek(0)
        try:
            with PILImage.open(f) as image:
                image.verify()
        except Exception as error:  # noqa: BLE001 - any decoder error means a broken file
            raise ValidationError(self.error_messages["broken_image"], code="invalid_image") from error
        finally:
            f.seek(0)


class AltTextImageForm(BaseImageForm):
    """Requires an alternative text unless the image is marked decorative; explains refused uploads in French.

    Wagtail's bulk uploader first saves each file with its title only, then shows this
    form for the details: the rule applies whenever the form carries the field.
    A good file sent with a form refused for something else (the alternative text) is kept for the next try.
    """

    pending_file = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        self.user = kwargs.get("user")  # the pending file is signed for its sender
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            field = self.fields["file"]
            self.fields["file"] = CheckedImageField(label=field.label, required=field.required, widget=field.widget)
            self.fields["file"].error_messages.update(UPLOAD_MESSAGES)
            self._bring_back_pending_file()

    @property
    def _user_id(self):
        return getattr(self.user, "pk", None)

    def _bring_back_pending_file(self):
        """The file kept from the refused try, unless the person chose another one."""
        token = self.data.get(self.add_prefix("pending_file"), "") if self.is_bound else ""
        if not token or self.files.get(self.add_prefix("file")):
            return
        upload = pending_uploads.take(token, self._user_id)
        if upload is not None:
            self.files = self.files.copy()
            self.files[self.add_prefix("file")] = upload

    def full_clean(self):
        super().full_clean()
        upload = self.cleaned_data.get("file") if self.is_bound else None
        if self.errors and upload and "file" not in self.errors:
            self.data = self.data.copy()
            self.data[self.add_prefix("pending_file")] = pending_uploads.stash(upload, self._user_id)
            self.fields["file"].help_text = self["file"].help_text = (
                f"Fichier reçu : « {upload.name} ». Inutile de le choisir de nouveau : il sera enregistré avec "
                "l'image une fois les erreurs corrigées. Choisissez un autre fichier seulement pour le remplacer."
            )

    def clean(self):
        cleaned_data = super().clean()
        carries_alt_text = self.add_prefix("alt_text") in self.data
        if carries_alt_text and not cleaned_data.get("alt_text") and not cleaned_data.get("is_decorative"):
            self.add_error("alt_text", forms.ValidationError(ALT_TEXT_REQUIRED, code="required"))
        return cleaned_data
