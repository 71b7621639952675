"""Form field choices shared by the public forms built from models."""

from django.db import models


def https_by_default(model_field, **kwargs):
    """An address typed without its scheme ("www.exemple.org") becomes https://…, as Django 6 will do."""
    if isinstance(model_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return model_field.formfield(**kwargs)
