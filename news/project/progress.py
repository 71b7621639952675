"""What the progress page shows: phases with their money, indicators with their history, latest news.

Every piece is fetched in a fixed number of queries, whatever the number of news, phases or measurements.
"""

from django.db.models import F, Max, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from ..models import Indicator, NewsIndexPage, NewsPage, Phase
from .budget import project_budget
from .indicator_charts import IndicatorSeries, indicator_series

LATEST_NEWS_PER_PHASE = 3
KEY_INDICATORS = 5  # the first ones in the editors' order, shown at the top of the page


def indicator_series_list() -> list[IndicatorSeries]:
    """Every indicator with its dated values, in the editors' order; a computed one adds its live value."""
    today = timezone.localdate()
    return [indicator_series(indicator, today) for indicator in Indicator.objects.with_measurements()]


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


def last_update(page, phases, series):
    """The latest change among the page, its phases, indicators and published news."""
    candidates = [page.last_published_at]
    candidates += [phase.updated_at for phase in phases]
    candidates += [item.indicator.updated_at for item in series]
    candidates.append(NewsPage.objects.published().aggregate(latest=Max("last_published_at"))["latest"])
    return max((moment for moment in candidates if moment), default=None)


def progress_context(page) -> dict:
    phases = list(Phase.objects.with_lines())
    news_by_phase = latest_news_by_phase()
    for phase in phases:
        phase.latest_news = news_by_phase.get(phase.pk, [])
    series = indicator_series_list()
    return {
        "phases": phases,
        "news_index": NewsIndexPage.objects.live().first(),
        "current_phase": next((phase for phase in phases if phase.is_current), None),
        "budget": project_budget(phases),
        "indicator_series": series,
        "key_indicators": series[:KEY_INDICATORS],
        "has_computed_indicators": any(item.indicator.is_computed for item in series),
        "last_update": last_update(page, phases, series),
        "figures_date": timezone.localdate(),
    }
