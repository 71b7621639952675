"""Form field choices shared by the public forms: addresses with https, the length limit of free text, long lists."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import connection, models

TOO_LONG_MESSAGE = (
    "Ce texte est trop long : %(limit_value)d caractères au plus, il en compte %(show_value)d. "
    "Raccourcissez-le : il est conservé ci-dessous."
)


def https_by_default(model_field, **kwargs):
    """An address typed without its scheme ("www.exemple.org") becomes https://…, as Django 6 will do.

    A choice of record (a commune…) refuses ids the database cannot hold (`InRangeModelChoiceField`).
    """
    if isinstance(model_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    if isinstance(model_field, models.ForeignKey):
        kwargs.setdefault("form_class", InRangeModelChoiceField)
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


class InRangeMixin:
    """An id beyond what the database column can hold is an unknown choice, not a database error (a 500)."""

    def check_in_range(self, value) -> None:
        try:
            number = int(str(value))
        except ValueError:
            return
        low, high = connection.ops.integer_field_range(self.queryset.model._meta.pk.get_internal_type())
        if (low is not None and number < low) or (high is not None and number > high):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value})


class InRangeModelChoiceField(InRangeMixin, forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values:
            self.check_in_range(value)
        return super().to_python(value)


class InRangeModelMultipleChoiceField(InRangeMixin, forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for item in value if isinstance(value, list | tuple) else [value]:
            self.check_in_range(item)
        return super()._check_values(value)
