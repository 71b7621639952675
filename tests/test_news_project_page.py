"""/projet/ for funders: the first screen, indicators over time, budget and financing with their CSV, print."""

import csv
import datetime
import importlib
import io
import re
from decimal import Decimal
from html import unescape

from django.apps import apps as django_apps
from django.core.management import call_command
from django.utils import timezone
from django.utils.formats import date_format

from actors.models import Actor
from home.charts import round_up
from news.models import BudgetLine, FinancingLine, Indicator, IndicatorMeasurement, Phase
from news.project.amounts import euros, french_number, percent
from news.project.budget import project_budget
from news.project.indicator_charts import indicator_series
from news.project.indicator_history import record_computed_indicators

NNBSP, NBSP = "\u202f", "\u00a0"


def text(html: str) -> str:
    """The page's words, tags dropped, spaces (narrow or not) made plain."""
    words = unescape(re.sub(r"<[^>]+>", " ", html))
    return re.sub(r"\s+", " ", words.replace(NNBSP, " ").replace(NBSP, " "))


def section(html: str, heading_id: str) -> str:
    return re.search(rf'<section[^>]*aria-labelledby="{heading_id}">(.*?)</section>', html, re.S).group(1)


def test_amounts_are_written_the_french_way():
    assert euros(12500) == f"12{NNBSP}500{NBSP}€"
    assert euros(Decimal("1234567.89")) == f"1{NNBSP}234{NNBSP}568{NBSP}€"
    assert euros(0) == f"0{NBSP}€"
    assert percent(80) == f"80{NBSP}%"
    assert percent(Decimal("33.333")) == f"33,3{NBSP}%"
    assert french_number(Decimal("3.50")) == "3,5"
    assert french_number(-1500) == f"-1{NNBSP}500"


def test_demo_budget_totals_each_funder_and_keeps_volunteering_apart(project_site):
    budget = project_budget(list(Phase.objects.with_lines()))
    assert budget.planned == Decimal(11275) and budget.financed == Decimal(11275)
    assert [(f.funder, f.amount, f.share) for f in budget.funders] == [
        ("Conseil régional d'Aquitaine (CRA)", Decimal(9020), Decimal(80)),
        ("CPE de la DIRECCTE (État)", Decimal(2255), Decimal(20)),
    ]
    assert [phase.name for phase in budget.uncosted_phases] == ["Expérimentation", "Développement"]
    assert [(phase.slug, line.funder) for phase, line in budget.in_kind] == [
        ("ingenierie", "Bénévolat des membres du noyau")
    ]


def test_a_typed_amount_counts_as_is_and_a_valued_contribution_in_kind_stays_out_of_the_total(project_site):
    phase = Phase.objects.get(slug="experimentation")
    BudgetLine.objects.create(phase=phase, label="Animation", amount=Decimal(20000))
    for funder, amount, in_kind in (
        ("Conseil régional d'Aquitaine (CRA)", 15000, False),
        ("Fondation exemple", 5000, False),
        ("Locaux prêtés", 3000, True),
    ):
        FinancingLine.objects.create(phase=phase, funder=funder, amount=Decimal(amount), in_kind=in_kind)
    budget = project_budget(list(Phase.objects.with_lines()))
    assert budget.planned == Decimal(31275) and budget.financed == Decimal(31275)
    by_funder = {funding.funder: funding for funding in budget.funders}
    assert by_funder["Conseil régional d'Aquitaine (CRA)"].amount == Decimal(24020)
    assert round(by_funder["Fondation exemple"].share, 1) == Decimal("16.0")
    assert [line.funder for _, line in budget.in_kind] == ["Bénévolat des membres du noyau", "Locaux prêtés"]


def test_first_screen_tells_phase_budget_financing_and_key_indicators(client, project_site):
    IndicatorMeasurement.objects.all().delete()  # the demo's, recorded today
    Actor.objects.create(name="Co-Actions", slug="co-actions", short_description="CAE")
    month_ago = timezone.localdate() - datetime.timedelta(days=30)
    record_computed_indicators(today=month_ago)
    Actor.objects.create(name="Trajectoire", slug="trajectoire", short_description="Réseau")
    html = client.get("/projet/").content.decode()
    glance = text(section(html, "en-bref"))
    assert "Phase en cours Développement Phase 3 sur 3 · À partir de 2014" in glance
    assert "Budget prévu 11 275 €" in glance and "non chiffrées : Expérimentation, Développement" in glance
    assert "Financé 11 275 € Conseil régional d'Aquitaine (CRA) : 80 % CPE de la DIRECCTE (État) : 20 %" in glance
    assert "En nature : bénévolat des membres du noyau" in glance
    # The directory grew from 1 to 2 actors since the measurement of a month ago.
    since = date_format(month_ago, "j F Y")
    assert f"Acteurs publiés dans l'annuaire 2 acteurs ↗ en hausse de 1 depuis le {since}" in glance
    assert "Emplois durables créés, maintenus ou qualifiés Pas encore mesuré" in glance
    assert "non fixée" not in html and "Cible" not in glance  # the founding document sets no target
    assert html.index('id="en-bref"') < html.index('id="indicateurs"') < html.index('id="budget"')


def test_computed_indicators_keep_one_measurement_per_day_their_value_changes(project_site):
    IndicatorMeasurement.objects.all().delete()  # the demo's, recorded today
    published = Indicator.objects.get(computed_key="published_actors")
    today = timezone.localdate()
    first_day, second_day = today - datetime.timedelta(days=40), today - datetime.timedelta(days=10)
    Actor.objects.create(name="Co-Actions", slug="co-actions", short_description="CAE")
    assert record_computed_indicators(today=first_day) >= 1
    assert record_computed_indicators(today=first_day) == 0  # unchanged: nothing added
    Actor.objects.create(name="Trajectoire", slug="trajectoire", short_description="Réseau")
    record_computed_indicators(today=first_day)  # changed the same day: that day's value is replaced
    assert [(m.date, m.value) for m in published.measurements.order_by("date")] == [(first_day, 2)]
    Actor.objects.create(name="VAL+", slug="val-plus", short_description="Insertion")
    record_computed_indicators(today=second_day)
    Actor.objects.create(name="ADICHATS", slug="adichats", short_description="Insertion")
    call_command("record_indicators", stdout=io.StringIO())  # the periodic job, today
    history = [(m.date, m.value) for m in published.measurements.order_by("date")]
    assert history == [(first_day, 2), (second_day, 3), (today, 4)]
    series = indicator_series(Indicator.objects.with_measurements().get(pk=published.pk))
    assert [point.value for point in series.points] == [2, 3, 4]
    assert series.trend.direction == "hausse"


def test_an_indicator_without_target_is_drawn_against_its_own_history(db):
    indicator = Indicator.objects.create(name="Bénévoles", unit="personnes")
    for day, value in ((datetime.date(2015, 1, 1), 12), (datetime.date(2016, 1, 1), 17)):
        IndicatorMeasurement.objects.create(indicator=indicator, date=day, value=value, source="Bilan")
    chart = indicator_series(Indicator.objects.with_measurements().get()).chart
    assert chart.target_y is None
    assert [tick.label for tick in chart.y_ticks] == ["0", "10", "20"]
    highest = min(mark.y for mark in chart.marks)
    assert chart.y_ticks[-1].position < highest < chart.y_ticks[0].position  # never a full bar
    assert [round_up(Decimal(v)) for v in (0, 1, 3, 17, 40, 120, 2600)] == [1, 1, 5, 20, 50, 200, 5000]


def test_budget_csv_has_the_figures_of_the_page(client, project_site):
    response = client.get("/projet/budget.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="budget-projet.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    pick = {(row["phase"], row["nature"], row["poste ou financeur"]): row for row in rows}
    assert pick[("Ingénierie", "dépense prévue", "Frais de fonctionnement")]["montant (€)"] == "1500"
    cra = pick[("Ingénierie", "financement", "Conseil régional d'Aquitaine (CRA)")]
    assert (cra["montant (€)"], cra["part (%)"]) == ("9020", "80")
    assert "calculé à partir de la part" in cra["précision"]
    assert pick[("Ingénierie", "contribution en nature", "Bénévolat des membres du noyau")]["montant (€)"] == ""
    assert pick[("toutes les phases", "total des dépenses prévues", "")]["montant (€)"] == "11275"
    assert pick[("toutes les phases", "total financé", "")]["montant (€)"] == "11275"
    assert '/projet/budget.csv"' in client.get("/projet/").content.decode()


def test_every_printed_sheet_carries_the_date_of_the_figures(client, project_site):
    html = client.get("/projet/").content.decode()
    today = datetime.date.today().isoformat()
    assert f'href="/projet/impression-{today}.css" media="print"' in html
    response = client.get("/projet/impression-2026-12-03.css")
    assert response["Content-Type"] == "text/css; charset=utf-8"
    assert "immutable" in response["Cache-Control"]
    css = response.content.decode()
    assert '@bottom-left { content: "Chiffres au 3 décembre 2026"' in css and "counter(pages)" in css
    assert client.get("/projet/impression-pas-une-date.css").status_code == 404


def test_the_migration_marks_lines_without_share_or_amount_as_in_kind(project_site):
    migration = importlib.import_module("news.migrations.0004_financing_in_kind_and_indicator_history")
    FinancingLine.objects.update(in_kind=False)
    migration.mark_moneyless_lines_in_kind(django_apps, None)
    assert list(FinancingLine.objects.filter(in_kind=True).values_list("funder", flat=True)) == [
        "Bénévolat des membres du noyau"
    ]
