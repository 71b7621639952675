"""The small shared pieces every listing and data page relies on."""

import json

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from home.csv_export import csv_response
from home.pagination import paginate


@pytest.mark.parametrize(
    ("page", "expected"),
    [("1", 1), ("2", 2), ("x", 1), ("-1", 1), ("0", 1), ("999999", 3), ("%00", 1), ("", 1)],
)
def test_paginate_answers_a_real_page_whatever_the_request_says(page, expected):
    request = RequestFactory().get("/", {"page": page})
    assert paginate(request, list(range(50)), per_page=20).number == expected


def test_paginate_handles_an_empty_list():
    page = paginate(RequestFactory().get("/", {"page": "4"}), [], per_page=20)
    assert page.number == 1
    assert list(page) == []


def test_json_ld_cannot_be_closed_by_a_value():
    template = Template("{% load structured_data_tags %}{% json_ld data %}")
    data = {"@type": "Organization", "name": "</script><script>alert(1)</script> & co"}
    html = template.render(Context({"data": data}))
    assert html.startswith('<script type="application/ld+json">')
    assert html.count("</script>") == 1
    payload = html.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert json.loads(payload) == data


def test_csv_response_is_utf8_with_bom_and_header():
    response = csv_response("acteurs.csv", ["nom", "commune"], [["Café associatif", "La Réole"]])
    body = response.content.decode("utf-8")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="acteurs.csv"' in response["Content-Disposition"]
    assert body.startswith("\ufeffnom,commune\r\n")
    assert "Café associatif,La Réole" in body
