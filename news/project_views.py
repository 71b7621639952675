"""Files of the progress page: its budget as CSV, and the running foot of its printed sheets."""

import datetime

from django.http import Http404, HttpResponse
from django.utils.formats import date_format
from django.views.decorators.cache import cache_control

from home.csv_export import csv_response

from .amounts import spreadsheet_number
from .models import Phase
from .project_budget import project_budget

BUDGET_CSV_HEADER = ["phase", "nature", "poste ou financeur", "montant (€)", "part (%)", "précision"]
ALL_PHASES = "toutes les phases"


def budget_rows(budget):
    for phase_budget in budget.phases:
        name = phase_budget.phase.name
        for line in phase_budget.phase.budget_lines.all():
            yield [name, "dépense prévue", line.label, spreadsheet_number(line.amount), "", ""]
        for funding in phase_budget.fundings:
            note = "; ".join(
                filter(None, ["montant calculé à partir de la part" if funding.computed else "", funding.note])
            )
            yield [
                name,
                "financement",
                funding.funder,
                spreadsheet_number(funding.amount),
                spreadsheet_number(funding.share),
                note,
            ]
        for line in phase_budget.in_kind:
            yield [name, "contribution en nature", line.funder, spreadsheet_number(line.amount), "", line.note]
    yield [ALL_PHASES, "total des dépenses prévues", "", spreadsheet_number(budget.planned), "", ""]
    for funding in budget.funders:
        yield [
            ALL_PHASES,
            "financement",
            funding.funder,
            spreadsheet_number(funding.amount),
            spreadsheet_number(funding.share),
            "",
        ]
    yield [ALL_PHASES, "total financé", "", spreadsheet_number(budget.financed), "", ""]


def budget_csv(request):
    """The budget and financing of every phase and in total: the figures of the page, for a spreadsheet."""
    return csv_response(
        "budget-projet.csv", BUDGET_CSV_HEADER, budget_rows(project_budget(list(Phase.objects.with_lines())))
    )


@cache_control(public=True, max_age=365 * 24 * 3600, immutable=True)
def print_sheet_css(request, day: str):
    """The foot of every printed sheet: the date of the figures and the page number.

    CSS alone can print text on every sheet (a page-margin box), but the date changes: it is in the address,
    so the page links the stylesheet of its own date and no inline style is needed under the CSP.
    """
    try:
        figures_date = datetime.date.fromisoformat(day)
    except ValueError:
        raise Http404("Date invalide") from None
    css = (
        "@page {\n"
        f'  @bottom-left {{ content: "Chiffres au {date_format(figures_date, "j F Y")}"; '
        "font: 8pt sans-serif; color: #444; }\n"
        '  @bottom-right { content: "Page " counter(page) " sur " counter(pages); font: 8pt sans-serif; color: #444; }\n'
        "}\n"
    )
    return HttpResponse(css, content_type="text/css; charset=utf-8")
