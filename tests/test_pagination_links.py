"""Every listing's pagination (templates/includes/pagination.html): numbered, with first and last, « Page N sur M »,
the current page marked for screen readers, the filters kept in every link."""

from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

PER_PAGE = 1  # one item a page, so that the public site's few samples make several pages
LISTINGS = [
    ("/acteurs/", {"q": "exemple"}),
    ("/carte/", {"q": "exemple"}),
    ("/actualites/", {}),
    ("/mois-de-l-ess/", {}),
    ("/mutualisation/", {}),
    ("/recherche/", {"q": "exemple", "type": "acteurs"}),
]


@pytest.fixture
def small_pages(monkeypatch, public_site):
    for module, name in [
        ("actors.views", "PER_PAGE"),
        ("actors.views", "MAP_LIST_PER_PAGE"),
        ("news.articles.views", "PER_PAGE"),
        ("news.mois_ess.views", "PER_PAGE"),
        ("board.views", "PER_PAGE"),
        ("home.views", "PER_PAGE"),
    ]:
        monkeypatch.setattr(f"{module}.{name}", PER_PAGE)


def query(link) -> dict:
    return {key: values[0] for key, values in parse_qs(urlsplit(link["href"]).query).items()}


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "filters"), LISTINGS)
def test_listing_pagination_is_numbered_with_first_and_last(client, small_pages, path, filters):
    html = BeautifulSoup(client.get(path, {**filters, "page": "2"}).content, "html.parser")
    nav = html.select_one("nav.pagination[aria-label]")
    assert nav is not None, f"no pagination on {path}"
    last = int(query(nav.select_one('a[aria-label^="Dernière page"]'))["page"])
    assert last >= 3
    assert nav.select_one(".pagination__summary").get_text(strip=True) == f"Page 2 sur {last}"
    current = nav.select('a[aria-current="page"]')
    assert [link.get_text(strip=True) for link in current] == ["2"]
    expected = {
        "Première page": "1",
        "Page précédente": "1",
        "Page suivante": "3",
        f"Dernière page ({last})": str(last),
    }
    for label, page in expected.items():
        link = nav.select_one(f'a[aria-label="{label}"]')
        assert query(link) == {**filters, "page": page}, label
    numbers = [link.get_text(strip=True) for link in nav.select(".pagination__number a")]
    assert numbers[0] == "1" and numbers[-1] == str(last)


@pytest.mark.django_db
def test_the_first_and_last_pages_offer_only_the_way_onwards(client, small_pages):
    first = BeautifulSoup(client.get("/actualites/").content, "html.parser").select_one("nav.pagination")
    assert first.select_one('a[aria-label="Première page"]') is None and first.select_one('a[rel="prev"]') is None
    last = int(query(first.select_one('a[aria-label^="Dernière page"]'))["page"])
    end = BeautifulSoup(client.get("/actualites/", {"page": last}).content, "html.parser").select_one("nav.pagination")
    assert end.select_one('a[rel="next"]') is None and end.select_one('a[aria-label^="Dernière page"]') is None
    assert end.select_one('a[aria-current="page"]').get_text(strip=True) == str(last)


@pytest.mark.django_db
def test_long_pages_end_with_a_link_back_to_the_top(client, small_pages):
    html = BeautifulSoup(client.get("/acteurs/").content, "html.parser")
    link = html.select_one("main .back-to-top a")
    assert link.get_text(strip=True).startswith("Retour en haut")
    assert html.select_one(link["href"]).name == "body"
