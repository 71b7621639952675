"""Files of the progress page: its budget as CSV (the foot of its printed sheets is `home.print_sheet`)."""

from home.csv_export import csv_response

from ..models import Phase
from .amounts import spreadsheet_number
from .budget import project_budget

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
