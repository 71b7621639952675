"""Form field choices shared by the public forms built from models."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import connection, models


def https_by_default(model_field, **kwargs):
    """An address typed without its scheme ("www.exemple.org") becomes https://…, as Django 6 will do.

    A choice of record (a commune…) refuses ids the database cannot hold (`InRangeModelChoiceField`).
    """
    if isinstance(model_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    if isinstance(model_field, models.ForeignKey):
        kwargs.setdefault("form_class", InRangeModelChoiceField)
    return model_field.formfield(**kwargs)


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
