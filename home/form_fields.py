"""Form field choices shared by the public forms: addresses with https, the length limit of free text."""

from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models

TOO_LONG_MESSAGE = (
    "Ce texte est trop long : %(limit_value)d caractères au plus, il en compte %(show_value)d. "
    "Raccourcissez-le : il est conservé ci-dessous."
)


def https_by_default(model_field, **kwargs):
    """An address typed without its scheme ("www.exemple.org") becomes https://…, as Django 6 will do."""
    if isinstance(model_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return model_field.formfield(**kwargs)


def cap_free_text(form) -> None:
    """Gives every text field of a public form without a length limit the site's one: PUBLIC_TEXT_MAX_LENGTH.

    Text areas (a message, a description) have none by default: a 2,000,000-character reply would be stored
    and mailed. Over the limit, the form comes back with the text kept and says by how much to shorten it.
    """
    limit = settings.PUBLIC_TEXT_MAX_LENGTH
    for field in form.fields.values():
        if isinstance(field, forms.CharField) and field.max_length is None:
            field.max_length = limit
            field.validators.append(MaxLengthValidator(limit, message=TOO_LONG_MESSAGE))
            field.widget.attrs["maxlength"] = str(limit)
