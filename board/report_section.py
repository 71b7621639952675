"""« Leurs attentes », the board's section of the état des lieux: the needs questionnaire's answers, counted.

Registered with the directory's report (`actors.territory_report.register_section`) so that the directory,
below the board, never imports it.
"""

from actors.territory_report import ReportSection, register_section

from .models import NeedsSurveyPage
from .needs_summary import MIN_ANSWERS, NeedsSummary
from .survey_views import board_url

TITLE = "Leurs attentes : les besoins de mutualisation"
CSV_TABLE = "Besoins de mutualisation (réponses au questionnaire)"
WHOLE_TERRITORY = "Tout le territoire"


def survey_url() -> str:
    page = NeedsSurveyPage.objects.live().first()
    return page.url if page else ""


def context(report) -> dict:
    return {"summary": NeedsSummary(board_url()), "survey_url": survey_url(), "min_answers": MIN_ANSWERS}


def csv_rows(report, absolute):
    """Each need's number of answers, for the whole territory then for each Pays detailed on the page."""
    summary = NeedsSummary(board_url())
    for row in summary.overall():
        yield [WHOLE_TERRITORY, CSV_TABLE, row.need, "", row.count, absolute(row.offers_url) if row.offers_url else ""]
    for group in summary.by_group():
        for need, count in group.counts:
            yield [group.name, CSV_TABLE, need, "", count, ""]


register_section(ReportSection("attentes", TITLE, "board/includes/needs_summary.html", context, csv_rows))
