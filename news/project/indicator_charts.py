"""An indicator's dated values, its trend, and the step chart the server draws of them (`home.charts`).

The chart's vertical scale goes from zero to a round number just above the highest value (or the target
when one is set), so an indicator without a target is read against its own history, never as a full bar.
Values hold from one measurement to the next, hence steps rather than slopes.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from home.charts import Chart, step_chart

from ..models import Indicator
from ..models.indicators import COMPUTED_SOURCE
from .amounts import french_number


@dataclass(frozen=True)
class Point:
    date: datetime.date
    value: Decimal
    source: str
    live: bool = False  # computed now, not yet recorded by the periodic job


@dataclass(frozen=True)
class Trend:
    direction: str  # "hausse", "baisse" or "stable"
    change: Decimal
    since: datetime.date

    @property
    def symbol(self) -> str:
        return {"hausse": "↗", "baisse": "↘"}.get(self.direction, "→")


@dataclass
class IndicatorSeries:
    indicator: Indicator
    points: list[Point]
    end: datetime.date | None  # the chart runs until this day: today for a computed indicator

    @property
    def latest(self) -> Point | None:
        return self.points[-1] if self.points else None

    @property
    def progress(self) -> int | None:
        """How far from the baseline (or zero) to the target the latest value is, in %."""
        target, start = self.indicator.target, self.indicator.baseline or Decimal(0)
        if self.latest is None or target is None or target == start:
            return None
        return round((self.latest.value - start) / (target - start) * 100)

    @property
    def trend(self) -> Trend | None:
        """The change since the previous measurement."""
        if len(self.points) < 2:
            return None
        previous, latest = self.points[-2], self.points[-1]
        change = latest.value - previous.value
        direction = "hausse" if change > 0 else "baisse" if change < 0 else "stable"
        return Trend(direction, change, previous.date)

    @property
    def chart(self) -> Chart | None:
        return draw(self) if self.points else None


def indicator_series(indicator: Indicator, today: datetime.date | None = None) -> IndicatorSeries:
    """The measurements (prefetched) in date order; a computed indicator adds its live value when it changed."""
    points = [Point(m.date, m.value, m.source) for m in sorted(indicator.measurements.all(), key=lambda m: m.date)]
    if not indicator.is_computed:
        return IndicatorSeries(indicator, points, points[-1].date if points else None)
    today = today or timezone.localdate()
    reading = indicator.latest_reading()
    if reading is not None:
        live = Point(reading.date, Decimal(str(reading.value)), COMPUTED_SOURCE, live=True)
        if points and points[-1].date == today and points[-1].value != live.value:
            points[-1] = live  # changed since the job ran today
        elif not points or points[-1].value != live.value:
            points.append(live)
    return IndicatorSeries(indicator, points, today)


def draw(series: IndicatorSeries) -> Chart:
    return step_chart(series.points, series.end, series.indicator.target, label=french_number)
