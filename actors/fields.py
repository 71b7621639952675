"""Model fields that tidy what volunteers type before validating it."""

from django.db import models


class CompactCharField(models.CharField):
    """An identifier typed with spaces or dots ("123 456 789 00012"), stored without them, in upper case."""

    def to_python(self, value):
        value = super().to_python(value)
        if value:
            value = "".join(value.split()).replace(".", "").upper()
        return value

    def formfield(self, **kwargs):
        # The form accepts the typed form, spaces included; the model keeps the compact one.
        kwargs["max_length"] = self.max_length + 10
        return super().formfield(**kwargs)


class CoordinateField(models.DecimalField):
    """Degrees with six decimals (about 10 cm); the form takes "44,6" as French speakers write it, or "44.6"."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_digits", 9)
        kwargs.setdefault("decimal_places", 6)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        kwargs.setdefault("localize", True)
        return super().formfield(**kwargs)
