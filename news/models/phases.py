"""The project's phases (ingénierie, expérimentation, développement) with their budget and financing lines."""

from decimal import Decimal

from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from ..project.choices import PhaseStatus


class PhaseQuerySet(models.QuerySet):
    def with_lines(self):
        """Phases with their budget and financing lines, in two extra queries whatever their number."""
        return self.prefetch_related("budget_lines", "financing_lines")


class Phase(ClusterableModel):
    """A step of the project, shown in order on the progress page and used to sort the news."""

    name = models.CharField(
        "nom", max_length=100, help_text="Le nom court de la phase, tel que le public le lira : « Ingénierie »."
    )
    slug = models.SlugField(
        "identifiant d'adresse",
        max_length=100,
        unique=True,
        help_text="Sert dans l'adresse des actualités filtrées et des flux (…?phase=ingenierie) ; en minuscules, "
        "sans espaces ni accents. Évitez de le changer : les abonnements des partenaires en dépendent.",
    )
    sort_order = models.PositiveSmallIntegerField(
        "ordre",
        default=0,
        help_text="La place de la phase dans la frise : 1 pour la première, 2 pour la suivante…",
    )
    start_date = models.DateField(
        "début", help_text="Le premier jour de la phase (ou le 1er du mois si seul le mois est connu)."
    )
    end_date = models.DateField(
        "fin",
        null=True,
        blank=True,
        help_text="Le dernier jour prévu de la phase ; laissez vide si elle n'a pas de fin fixée.",
    )
    period_label = models.CharField(
        "période affichée",
        max_length=100,
        blank=True,
        help_text="Facultatif : la période en toutes lettres quand les dates exactes ne sont pas connues "
        "(« 2013 », « à partir de 2014 ») ; sinon elle est écrite à partir des dates.",
    )
    status = models.CharField(
        "état",
        max_length=10,
        choices=PhaseStatus.choices,
        default=PhaseStatus.PLANNED,
        help_text="« En cours » marque la phase actuelle sur la page d'avancement ; une seule phase devrait l'être.",
    )
    summary = models.TextField(
        "en bref", blank=True, help_text="Une ou deux phrases qui disent à quoi sert la phase, pour un financeur."
    )
    objectives = models.TextField(
        "objectifs",
        blank=True,
        help_text="Un objectif par ligne : « Diagnostic et état des lieux des acteurs de l'ESS et de leurs attentes ».",
    )
    workload = models.TextField(
        "charge de travail",
        blank=True,
        help_text="Le temps et les moyens prévus, un poste par ligne : « Animation et coordination : 1 jour par semaine ».",
    )
    updated_at = models.DateTimeField("dernière modification", auto_now=True)

    objects = PhaseQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "start_date"]
        verbose_name = "phase du projet"
        verbose_name_plural = "phases du projet"

    def __str__(self):
        return self.name

    @property
    def is_current(self) -> bool:
        return self.status == PhaseStatus.CURRENT

    @property
    def objective_list(self) -> list[str]:
        return _lines(self.objectives)

    @property
    def workload_list(self) -> list[str]:
        return _lines(self.workload)

    @property
    def budget_total(self) -> Decimal:
        return sum((line.amount for line in self.budget_lines.all()), Decimal(0))

    @property
    def financing_rows(self) -> list["FinancingLine"]:
        """The financing lines, each knowing the amount its share gives of this phase's budget."""
        total = self.budget_total
        rows = list(self.financing_lines.all())
        for row in rows:
            row.phase_budget_total = total
        return rows


def _lines(text: str) -> list[str]:
    return [line.strip(" -•\t") for line in text.splitlines() if line.strip(" -•\t")]


class BudgetLine(Orderable):
    """An expense planned for a phase."""

    phase = ParentalKey(Phase, on_delete=models.CASCADE, related_name="budget_lines")
    label = models.CharField(
        "poste de dépense",
        max_length=200,
        help_text="Ce que l'argent paie : « Co-construction avec animation externe », « Frais de fonctionnement ».",
    )
    amount = models.DecimalField(
        "montant (€)", max_digits=10, decimal_places=2, help_text="En euros, sans espace ni symbole : 9775."
    )

    class Meta(Orderable.Meta):
        verbose_name = "ligne de budget"
        verbose_name_plural = "lignes de budget"

    def __str__(self):
        return self.label


class FinancingLine(Orderable):
    """Who pays for a phase: a funder's share, its amount, or a contribution in kind."""

    phase = ParentalKey(Phase, on_delete=models.CASCADE, related_name="financing_lines")
    funder = models.CharField(
        "financeur",
        max_length=200,
        help_text="Le nom du financeur ou de la ressource : « Conseil régional d'Aquitaine (CRA) », "
        "« Bénévolat des membres du noyau ».",
    )
    share = models.DecimalField(
        "part (%)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Facultatif : la part du budget de la phase, en pourcentage (80 pour 80 %).",
    )
    amount = models.DecimalField(
        "montant (€)",
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Facultatif : le montant accordé en euros. Laissé vide, il est calculé à partir de la part "
        "et affiché comme tel.",
    )
    note = models.CharField(
        "précision",
        max_length=255,
        blank=True,
        help_text="Facultatif : « contribution en nature, non chiffrée », « demande en cours »…",
    )
    in_kind = models.BooleanField(
        "contribution en nature",
        default=False,
        help_text="Cochez pour du temps ou des moyens donnés sans argent (bénévolat des membres du noyau, locaux "
        "prêtés) : la page d'avancement les montre à part, hors du total financé.",
    )

    phase_budget_total: Decimal | None = None

    class Meta(Orderable.Meta):
        verbose_name = "ligne de financement"
        verbose_name_plural = "lignes de financement"

    def __str__(self):
        return self.funder

    @property
    def computed_amount(self) -> Decimal | None:
        """The amount the share gives of the phase's budget, when no amount is typed."""
        if self.amount is not None or self.share is None or not self.phase_budget_total:
            return None
        return (self.phase_budget_total * self.share / 100).quantize(Decimal("1"))
