"""The dated history of computed indicators: one measurement for each day their value changes.

The periodic jobs call `record_computed_indicators()` (`manage.py record_indicators`, every 10 minutes): a
value unchanged since the last measurement adds nothing, a new value on a day already measured replaces that
day's, so the history keeps one point per day of change whatever the frequency of the jobs.
"""

from decimal import Decimal

from django.utils import timezone

from ..models import Indicator, IndicatorMeasurement
from ..models.indicators import COMPUTED_SOURCE
from .computed_indicators import compute


def record_computed_indicators(today=None) -> int:
    """Records today's value of every computed indicator whose value changed; returns how many changed."""
    today = today or timezone.localdate()
    changed = 0
    for indicator in Indicator.objects.exclude(computed_key="").with_measurements():
        value = compute(indicator.computed_key)
        if value is None:
            continue
        value = Decimal(str(value))
        last = max(indicator.measurements.all(), key=lambda measurement: measurement.date, default=None)
        if last is not None and last.value == value:
            continue
        if last is not None and last.date == today:
            last.value = value
            last.save(update_fields=["value"])
        else:
            IndicatorMeasurement.objects.create(indicator=indicator, date=today, value=value, source=COMPUTED_SOURCE)
        changed += 1
    return changed
