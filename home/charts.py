"""Charts the server draws as SVG (no script), each shown beside a table of the same numbers.

- `step_chart`: dated values that hold until the next one (an indicator's measurements, a running count),
  on a scale from zero to a round number just above the highest value (or the target when one is set).
- `bar_widths`: the length of each bar of a list of counts, in % of the longest, for bars drawn in a table.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

# The drawing area of a step chart, in SVG user units: the labels of the vertical axis on the left, dates below.
WIDTH, HEIGHT = 320, 132
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 12, 26


@dataclass(frozen=True)
class Mark:
    """A dot of the chart (x, y) with the point it stands for (anything with a `date` and a `value`)."""

    x: float
    y: float
    point: object


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


def round_up(value: Decimal) -> Decimal:
    """The smallest of 1, 2, 2.5 or 5 times a power of ten that is at least `value` (at least 1)."""
    if value <= 1:
        return Decimal(1)
    power = Decimal(10) ** (len(str(int(value))) - 1)
    for step in (1, 2, Decimal("2.5"), 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def step_chart(points, end: datetime.date | None = None, target=None, label=str) -> Chart:
    """The chart of `points` (in date order, at least one) until `end`; `label` writes the scale's numbers."""
    values = [Decimal(str(p.value)) for p in points]
    target = Decimal(str(target)) if target is not None else None
    top_value = round_up(max(values + ([target] if target is not None else [])))
    first, end = points[0].date, max(end or points[-1].date, points[-1].date)
    span = (end - first).days
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day: datetime.date) -> float:
        return round(LEFT + (plot_width * (day - first).days / span if span else plot_width / 2), 1)

    def y(value: Decimal) -> float:
        return round(TOP + plot_height * float(1 - max(value, Decimal(0)) / top_value), 1)

    marks = [Mark(x(p.date), y(value), p) for p, value in zip(points, values, strict=True)]
    path = f"M{marks[0].x},{marks[0].y}"
    for mark in marks[1:]:
        path += f" H{mark.x} V{mark.y}"
    if span and x(end) > marks[-1].x:
        path += f" H{x(end)}"
    y_ticks = [Tick(y(value), label(value)) for value in (Decimal(0), top_value / 2, top_value)]
    date_format = "%m/%Y" if span > 365 else "%d/%m/%Y"
    x_ticks = [Tick(x(first), first.strftime(date_format))]
    if span:
        x_ticks.append(Tick(x(end), end.strftime(date_format)))
    return Chart(path, marks, y_ticks, x_ticks, y(target) if target is not None else None)


def bar_widths(counts: list[int]) -> list[float]:
    """Each count's bar length in % of the largest count (all zero when every count is)."""
    largest = max(counts, default=0)
    return [round(100 * count / largest, 1) if largest else 0.0 for count in counts]
