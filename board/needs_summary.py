"""The questionnaire's answers counted for the état des lieux: per need, overall and by Pays, never one answer.

A group (the whole territory, a Pays) is detailed only from MIN_ANSWERS answers on. Hiding the small groups is
not enough when the others are shown: the whole territory minus the Pays shown would give the answers of the
hidden ones. So while the answers outside every group shown number 1 to MIN_ANSWERS - 1, the smallest group
shown is hidden too. An answer counts in each Pays its commune belongs to (through its intercommunality or on
its own), and in « Hors des Pays » when there is none. A handful of queries, whatever the number of answers.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from actors.models import Commune, Pays, PaysCommune
from home.charts import bar_widths

from .models import MutualisationNeed, NeedsSurveyAnswer

MIN_ANSWERS = 5
OUTSIDE_PAYS = "Hors des Pays"
TOO_FEW = "moins de 5 réponses"
WITHHELD = "non détaillé"


@dataclass
class NeedRow:
    need: str
    count: int
    offers_url: str = ""
    offers_label: str = ""
    width: float = 0.0  # the bar's length, in % of the longest


@dataclass
class Group:
    name: str
    members: set[int]
    counts: list[tuple[str, int]] = field(default_factory=list)  # (need, answers); empty when hidden
    hidden_reason: str = ""

    @property
    def answers(self) -> int:
        return len(self.members)


class NeedsSummary:
    def __init__(self, board_url: str):
        self.needs = list(MutualisationNeed.objects.all())
        answers = dict(NeedsSurveyAnswer.objects.values_list("pk", "commune_id"))
        self.total = len(answers)
        self.chosen = defaultdict(set)  # need id -> answer ids
        ticked = NeedsSurveyAnswer.needs.through.objects.values_list("needssurveyanswer_id", "mutualisationneed_id")
        for answer, need in ticked:
            self.chosen[need].add(answer)
        # The needs no longer asked stay while answers name them.
        self.needs = [need for need in self.needs if need.asked or self.chosen[need.pk]]
        self.board_url = board_url
        self.groups = self.pays_groups(answers)
        self.hide_small_groups()

    @property
    def shown(self) -> bool:
        return self.total >= MIN_ANSWERS

    def pays_groups(self, answers: dict[int, int]) -> list[Group]:
        communes = set(answers.values())
        pays_of = defaultdict(set)  # commune id -> names of its Pays
        through_epci = Commune.objects.filter(pk__in=communes, epci__pays__isnull=False).values_list(
            "pk", "epci__pays__name"
        )
        on_its_own = PaysCommune.objects.filter(commune_id__in=communes).values_list("commune_id", "pays__name")
        for commune, name in through_epci.order_by().union(on_its_own.order_by()):
            pays_of[commune].add(name)
        groups = {name: Group(name, set()) for name in Pays.objects.values_list("name", flat=True)}
        for answer, commune in answers.items():
            for name in pays_of[commune] or {OUTSIDE_PAYS}:
                groups.setdefault(name, Group(name, set())).members.add(answer)
        return list(groups.values())

    def hide_small_groups(self) -> None:
        for group in self.groups:
            if group.answers < MIN_ANSWERS:
                group.hidden_reason = TOO_FEW
        shown = [group for group in self.groups if not group.hidden_reason]
        while shown:
            outside = self.total - len(set().union(*(group.members for group in shown)))
            if outside == 0 or outside >= MIN_ANSWERS:
                break
            smallest = min(shown, key=lambda group: (group.answers, group.name))
            smallest.hidden_reason = WITHHELD
            shown.remove(smallest)
        for group in shown:
            group.counts = [(need.name, len(self.chosen[need.pk] & group.members)) for need in self.needs]

    def overall(self) -> list[NeedRow]:
        """Every need with its number of answers (nothing under MIN_ANSWERS answers in all)."""
        if not self.shown:
            return []
        rows = [
            NeedRow(
                need.name,
                len(self.chosen[need.pk]),
                need.offers_url(self.board_url),
                f"Les offres « {need.get_board_category_display()} » du tableau" if need.board_category else "",
            )
            for need in self.needs
        ]
        for row, width in zip(rows, bar_widths([row.count for row in rows]), strict=True):
            row.width = width
        return rows

    def by_group(self) -> list[Group]:
        """The Pays detailed (most answers first), then the others by name alone (their order tells no size)."""
        if not self.shown:
            return []
        return self.detailed() + sorted((group for group in self.groups if group.hidden_reason), key=lambda g: g.name)

    def detailed(self) -> list[Group]:
        return sorted((group for group in self.groups if group.counts), key=lambda g: (-g.answers, g.name))

    def by_need(self) -> list[tuple[str, list[tuple[str, int]]]]:
        """(need, [(Pays, its answers)] for the Pays detailed, in `detailed()`'s order): the table's rows."""
        detailed = self.detailed()
        return [
            (need.name, [(group.name, group.counts[index][1]) for group in detailed])
            for index, need in enumerate(self.needs)
        ]

    def hidden(self, reason: str) -> list[str]:
        return sorted(group.name for group in self.groups if group.hidden_reason == reason)

    def too_few(self) -> list[str]:
        """The Pays with fewer than MIN_ANSWERS answers."""
        return self.hidden(TOO_FEW) if self.shown else []

    def withheld(self) -> list[str]:
        """The Pays with enough answers, not detailed lest the small ones be deduced."""
        return self.hidden(WITHHELD) if self.shown else []
