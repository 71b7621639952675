"""An indicator's dated values, its trend, and the step chart the server draws of them (SVG, no script).

The chart's vertical scale goes from zero to a round number just above the highest value (or the target
when one is set), so an indicator without a target is read against its own history, never as a full bar.
Values hold from one measurement to the next, hence steps rather than slopes.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from .amounts import french_number
from .models import Indicator
from .models.indicators import COMPUTED_SOURCE

# The drawing area, in SVG user units: the labels of the vertical axis on the left, dates below.
WIDTH, HEIGHT = 320, 132
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 12, 26


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


@dataclass(frozen=True)
class Mark:
    """A dot of the chart (x, y) with the value it stands for."""

    x: float
    y: float
    point: Point


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True)
class Chart:
    path: str
    marks: list[Mark]
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    target_y: float | None
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right_edge: int = WIDTH - RIGHT
    bottom_edge: int = HEIGHT - BOTTOM


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


def round_up(value: Decimal) -> Decimal:
    """The smallest of 1, 2, 2.5 or 5 times a power of ten that is at least `value` (at least 1)."""
    if value <= 1:
        return Decimal(1)
    power = Decimal(10) ** (len(str(int(value))) - 1)
    for step in (1, 2, Decimal("2.5"), 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def draw(series: IndicatorSeries) -> Chart:
    points, target = series.points, series.indicator.target
    top_value = round_up(max([p.value for p in points] + ([target] if target is not None else [])))
    first, end = points[0].date, max(series.end or points[-1].date, points[-1].date)
    span = (end - first).days
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day: datetime.date) -> float:
        return round(LEFT + (plot_width * (day - first).days / span if span else plot_width / 2), 1)

    def y(value: Decimal) -> float:
        return round(TOP + plot_height * float(1 - max(value, Decimal(0)) / top_value), 1)

    marks = [Mark(x(p.date), y(p.value), p) for p in points]
    path = f"M{marks[0].x},{marks[0].y}"
    for mark in marks[1:]:
        path += f" H{mark.x} V{mark.y}"
    if span and x(end) > marks[-1].x:
        path += f" H{x(end)}"
    y_ticks = [Tick(y(value), french_number(value)) for value in (Decimal(0), top_value / 2, top_value)]
    date_format = "%m/%Y" if span > 365 else "%d/%m/%Y"
    x_ticks = [Tick(x(first), first.strftime(date_format))]
    if span:
        x_ticks.append(Tick(x(end), end.strftime(date_format)))
    return Chart(path, marks, y_ticks, x_ticks, y(target) if target is not None else None)
