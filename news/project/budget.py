"""The project's money, phase by phase and in total: what is planned, who finances it, what is given in kind.

Built from phases whose budget and financing lines are prefetched (`Phase.objects.with_lines()`): no query.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from ..models import FinancingLine, Phase


@dataclass(frozen=True)
class Funding:
    """Money a funder brings: to one phase, or summed over the phases."""

    funder: str
    amount: Decimal | None  # None when neither an amount nor a share gives it
    share: Decimal | None  # of the money financed (phase or total), in %
    computed: bool = False  # the amount comes from a share of the phase's budget
    note: str = ""
    offset: float = 0  # where its part starts in the bar of all the funders, in %

    @property
    def width(self) -> float:
        return round(float(self.share or 0), 2)


@dataclass
class PhaseBudget:
    phase: Phase
    planned: Decimal | None  # None when the phase has no budget line
    fundings: list[Funding]
    in_kind: list[FinancingLine]

    @property
    def financed(self) -> Decimal:
        return sum((funding.amount for funding in self.fundings if funding.amount is not None), Decimal(0))


@dataclass
class ProjectBudget:
    phases: list[PhaseBudget]
    funders: list[Funding] = field(default_factory=list)

    @property
    def planned(self) -> Decimal:
        return sum((phase.planned for phase in self.phases if phase.planned is not None), Decimal(0))

    @property
    def financed(self) -> Decimal:
        return sum((phase.financed for phase in self.phases), Decimal(0))

    @property
    def has_computed_amounts(self) -> bool:
        return any(funding.computed for phase in self.phases for funding in phase.fundings)

    @property
    def costed_phases(self) -> list[Phase]:
        return [budget.phase for budget in self.phases if budget.planned is not None]

    @property
    def uncosted_phases(self) -> list[Phase]:
        return [budget.phase for budget in self.phases if budget.planned is None]

    @property
    def in_kind(self) -> list[tuple[Phase, FinancingLine]]:
        return [(budget.phase, line) for budget in self.phases for line in budget.in_kind]


def _share(amount: Decimal | None, total: Decimal) -> Decimal | None:
    return amount * 100 / total if amount is not None and total else None


def phase_budget(phase: Phase) -> PhaseBudget:
    lines = phase.budget_lines.all()
    money = [line for line in phase.financing_rows if not line.in_kind]
    amounts = [line.amount if line.amount is not None else line.computed_amount for line in money]
    financed = sum((amount for amount in amounts if amount is not None), Decimal(0))
    fundings = [
        Funding(
            line.funder,
            amount,
            line.share if line.share is not None else _share(amount, financed),
            computed=line.amount is None and amount is not None,
            note=line.note,
        )
        for line, amount in zip(money, amounts, strict=True)
    ]
    in_kind = [line for line in phase.financing_lines.all() if line.in_kind]
    planned = sum((line.amount for line in lines), Decimal(0)) if lines else None
    return PhaseBudget(phase, planned, fundings, in_kind)


def project_budget(phases: list[Phase]) -> ProjectBudget:
    budget = ProjectBudget([phase_budget(phase) for phase in phases])
    totals: dict[str, Decimal] = {}
    for phase in budget.phases:
        for funding in phase.fundings:
            if funding.amount is not None:
                totals[funding.funder] = totals.get(funding.funder, Decimal(0)) + funding.amount
    financed, offset = budget.financed, 0.0
    for funder, amount in totals.items():
        funding = Funding(funder, amount, _share(amount, financed), offset=round(offset, 2))
        budget.funders.append(funding)
        offset += funding.width
    return budget
