"""What the progress page shows: phases with their money, indicators with their readings, latest news.

Every piece is fetched in a fixed number of queries, whatever the number of news, phases or measurements.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, Max, Window
from django.db.models.functions import RowNumber

from .models import Indicator, NewsIndexPage, NewsPage, Phase
from .models.indicators import Reading

LATEST_NEWS_PER_PHASE = 3


@dataclass
class IndicatorRow:
    """An indicator with its latest reading and its bar in the chart (in % of the row's scale)."""

    indicator: Indicator
    reading: Reading | None

    @property
    def scale(self) -> Decimal:
        values = [Decimal(str(v)) for v in (self.value, self.indicator.target, self.indicator.baseline) if v]
        return max(values, default=Decimal(0))

    @property
    def value(self):
        return self.reading.value if self.reading else None

    def _percent(self, value) -> float | None:
        if value is None or not self.scale:
            return None
        return round(float(Decimal(str(value)) / self.scale * 100), 1)

    @property
    def bar_percent(self) -> float | None:
        return self._percent(self.value)

    @property
    def target_percent(self) -> float | None:
        return self._percent(self.indicator.target)

    @property
    def baseline_percent(self) -> float | None:
        return self._percent(self.indicator.baseline)

    @property
    def progress(self) -> int | None:
        """How far from the baseline (or zero) to the target the latest value is, in %."""
        target, start = self.indicator.target, self.indicator.baseline or Decimal(0)
        if self.value is None or target is None or target == start:
            return None
        return round((Decimal(str(self.value)) - start) / (target - start) * 100)


def indicator_rows() -> list[IndicatorRow]:
    return [IndicatorRow(indicator, indicator.latest_reading()) for indicator in Indicator.objects.with_measurements()]


def latest_news_by_phase() -> dict[int, list[NewsPage]]:
    ranked = (
        NewsPage.objects.published()
        .filter(phase__isnull=False)
        .annotate(rank=Window(RowNumber(), partition_by=F("phase_id"), order_by=[F("date").desc(), F("pk").desc()]))
        .filter(rank__lte=LATEST_NEWS_PER_PHASE)
        .order_by("phase_id", "rank")
    )
    by_phase: dict[int, list[NewsPage]] = {}
    for news in ranked:
        by_phase.setdefault(news.phase_id, []).append(news)
    return by_phase


def last_update(page, phases, rows):
    """The latest change among the page, its phases, indicators, measurements and published news."""
    candidates = [page.last_published_at]
    candidates += [phase.updated_at for phase in phases]
    candidates += [row.indicator.updated_at for row in rows]
    candidates.append(NewsPage.objects.published().aggregate(latest=Max("last_published_at"))["latest"])
    return max((moment for moment in candidates if moment), default=None)


def progress_context(page) -> dict:
    phases = list(Phase.objects.with_lines())
    news_by_phase = latest_news_by_phase()
    for phase in phases:
        phase.latest_news = news_by_phase.get(phase.pk, [])
    rows = indicator_rows()
    return {
        "phases": phases,
        "news_index": NewsIndexPage.objects.live().first(),
        "current_phase": next((phase for phase in phases if phase.is_current), None),
        "budget_total": sum((phase.budget_total for phase in phases), Decimal(0)),
        "indicator_rows": rows,
        "chart_rows": [row for row in rows if row.reading or row.indicator.target is not None],
        "has_computed_indicators": any(row.indicator.is_computed for row in rows),
        "last_update": last_update(page, phases, rows),
    }
