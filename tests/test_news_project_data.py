"""Phases, indicators (measured and computed), the demo content of the project and its admin."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command

from actors.models import Actor
from news.models import Indicator, IndicatorMeasurement, NewsPage, Phase
from news.project.choices import PhaseStatus
from news.project.computed_indicators import REGISTRY, computed_indicator


@pytest.fixture
def project(project_site):
    """The project's demo content and two published actors, one of them a founding member."""
    Actor.objects.create(name="Co-Actions", slug="co-actions", short_description="CAE", is_founding_member=True)
    Actor.objects.create(name="Exemple", slug="trajectoire", short_description="Réseau")
    return project_site


def test_demo_has_three_ordered_phases_with_the_engineering_budget(project):
    phases = list(Phase.objects.with_lines())
    assert [phase.slug for phase in phases] == ["ingenierie", "experimentation", "developpement"]
    engineering = phases[0]
    assert engineering.start_date == datetime.date(2012, 10, 1)
    assert engineering.end_date == datetime.date(2013, 3, 31)
    assert [line.amount for line in engineering.budget_lines.all()] == [Decimal(9775), Decimal(1500)]
    assert engineering.budget_total == Decimal(11275)
    shares = {row.funder: row.share for row in engineering.financing_rows}
    assert shares["Conseil régional d'Aquitaine (CRA)"] == 80
    assert shares["CPE de la DIRECCTE (État)"] == 20
    assert "Bénévolat des membres du noyau" in shares
    assert [phase for phase in phases if phase.is_current] == [phases[2]]


def test_each_phase_has_at_least_one_demo_news(project):
    for phase in Phase.objects.all():
        assert NewsPage.objects.published().filter(phase=phase).exists(), phase


def test_demo_loader_is_idempotent(project):
    counts = (Phase.objects.count(), Indicator.objects.count(), NewsPage.objects.count())
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (Phase.objects.count(), Indicator.objects.count(), NewsPage.objects.count()) == counts


def test_financing_amount_is_computed_from_the_share_only_when_not_typed():
    phase = Phase(name="Test", slug="test", start_date=datetime.date(2020, 1, 1))
    phase.budget_lines = [phase.budget_lines.model(label="Animation", amount=Decimal(1000))]
    phase.financing_lines = [
        phase.financing_lines.model(funder="Région", share=Decimal(80)),
        phase.financing_lines.model(funder="État", share=Decimal(20), amount=Decimal(150)),
        phase.financing_lines.model(funder="Bénévolat"),
    ]
    region, state, volunteers = phase.financing_rows
    assert region.computed_amount == Decimal(800)
    assert state.computed_amount is None and state.amount == Decimal(150)
    assert volunteers.computed_amount is None
    assert phase.objective_list == []


def test_objectives_and_workload_are_read_one_per_line():
    phase = Phase(objectives="Diagnostic\n\n- Projet associatif  \n", workload="• Animation : 1 j/semaine")
    assert phase.objective_list == ["Diagnostic", "Projet associatif"]
    assert phase.workload_list == ["Animation : 1 j/semaine"]


def test_a_measured_indicator_reads_its_latest_measurement(db):
    indicator = Indicator.objects.create(name="Emplois", unit="emplois")
    assert indicator.latest_reading() is None
    IndicatorMeasurement.objects.create(indicator=indicator, date=datetime.date(2015, 1, 1), value=3, source="A")
    IndicatorMeasurement.objects.create(indicator=indicator, date=datetime.date(2016, 1, 1), value=7, source="B")
    reading = Indicator.objects.with_measurements().get().latest_reading()
    assert (reading.value, reading.source, reading.computed) == (7, "B", False)


def test_computed_indicators_follow_the_site_data(project):
    indicator = Indicator.objects.get(computed_key="published_actors")
    before = indicator.latest_reading().value
    assert before == Actor.objects.published().count() > 0
    Actor.objects.get(slug="trajectoire").unpublish()
    assert indicator.latest_reading().value == before - 1
    founders = Indicator.objects.get(computed_key="founding_members")
    assert founders.latest_reading().value == Actor.objects.published().filter(is_founding_member=True).count()


def test_registering_a_computed_indicator_is_one_decorator(db):
    @computed_indicator("test_answer", "Réponse de test")
    def answer():
        return 42

    try:
        field = Indicator._meta.get_field("computed_key")
        assert ("test_answer", "Réponse de test") in field.choices
        indicator = Indicator.objects.create(name="Test", computed_key="test_answer")
        assert indicator.latest_reading().value == 42
        assert indicator.get_computed_key_display() == "Réponse de test"
    finally:
        del REGISTRY["test_answer"]


def test_admin_lists_and_edits_phases_and_indicators(admin_client_logged, project):
    phase = Phase.objects.get(slug="ingenierie")
    response = admin_client_logged.get("/admin/snippets/news/phase/")
    assert response.status_code == 200
    assert "Ingénierie" in response.content.decode()
    edit = admin_client_logged.get(f"/admin/snippets/news/phase/edit/{phase.pk}/")
    html = edit.content.decode()
    assert "Budget (dépenses)" in html and "Financement (recettes)" in html
    assert "La place de la phase dans la frise" in html
    indicator = Indicator.objects.get(computed_key="published_actors")
    html = admin_client_logged.get(f"/admin/snippets/news/indicator/edit/{indicator.pk}/").content.decode()
    assert "Acteurs publiés dans l&#x27;annuaire" in html or "Acteurs publiés dans l'annuaire" in html
    assert "ajoutées chaque jour où la valeur change" in html  # the measurements, typed or recorded by the job
    assert admin_client_logged.get("/admin/snippets/news/topic/").status_code == 200


def test_a_volunteer_can_add_a_phase_with_budget_lines_in_the_admin(admin_client_logged, db):
    data = {
        "name": "Consolidation",
        "slug": "consolidation",
        "sort_order": "4",
        "status": PhaseStatus.PLANNED,
        "start_date": "2016-01-01",
        "end_date": "",
        "period_label": "",
        "summary": "",
        "objectives": "Consolider",
        "workload": "",
        "budget_lines-TOTAL_FORMS": "1",
        "budget_lines-INITIAL_FORMS": "0",
        "budget_lines-MIN_NUM_FORMS": "0",
        "budget_lines-MAX_NUM_FORMS": "1000",
        "budget_lines-0-label": "Animation",
        "budget_lines-0-amount": "1200",
        "budget_lines-0-ORDER": "1",
        "financing_lines-TOTAL_FORMS": "0",
        "financing_lines-INITIAL_FORMS": "0",
        "financing_lines-MIN_NUM_FORMS": "0",
        "financing_lines-MAX_NUM_FORMS": "1000",
    }
    response = admin_client_logged.post("/admin/snippets/news/phase/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    phase = Phase.objects.get(slug="consolidation")
    assert phase.budget_total == Decimal(1200)


def test_bad_amount_in_the_admin_gets_a_french_message_and_keeps_the_input(admin_client_logged, db):
    data = {
        "name": "Consolidation",
        "slug": "consolidation",
        "sort_order": "4",
        "status": PhaseStatus.PLANNED,
        "start_date": "pas une date",
        "budget_lines-TOTAL_FORMS": "0",
        "budget_lines-INITIAL_FORMS": "0",
        "financing_lines-TOTAL_FORMS": "0",
        "financing_lines-INITIAL_FORMS": "0",
    }
    response = admin_client_logged.post("/admin/snippets/news/phase/add/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Saisissez une date valide" in html
    assert 'value="Consolidation"' in html
    assert not Phase.objects.filter(slug="consolidation").exists()
