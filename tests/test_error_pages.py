"""French error pages in the site's layout, the 503 while the database is down, and a sweep of bad requests."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client, override_settings
from django.urls import URLPattern, get_resolver, include, path
from wagtail.models import Page


def failing_view(request):
    raise RuntimeError("a bug")


def forbidden_view(request):
    raise PermissionDenied


urlpatterns = [
    path("plantage/", failing_view),
    path("interdit/", forbidden_view),
    path("", include("site_ess.urls")),
]


@pytest.fixture
def database_down(monkeypatch):
    """Every new query fails as when PostgreSQL is unreachable; `database_down.undo()` brings it back."""

    def refuse(self, *args, **kwargs):
        raise OperationalError("could not connect to server: Connection refused")

    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse)
    return monkeypatch


def templates_of(response):
    return [template.name for template in response.templates]


@pytest.mark.django_db
def test_an_unknown_address_gets_the_french_404_in_the_site_layout(client, home_page):
    response = client.get("/cette-page-n-existe-pas/")

    html = response.content.decode()
    assert response.status_code == 404
    assert "404.html" in templates_of(response)
    assert "Cette page est introuvable" in html
    assert 'aria-label="Menu principal"' in html  # the site's layout, menu included
    assert 'action="/recherche/"' in html and 'name="q"' in html
    assert 'href="/"' in html and "Revenir à l'accueil" in html
    assert '<meta name="robots" content="noindex">' in html


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_the_500_page_renders_without_the_database(home_page, database_down):
    response = Client(raise_request_exception=False).get("/plantage/")

    html = response.content.decode()
    assert response.status_code == 500
    assert "500.html" in templates_of(response)
    assert "Le site a rencontré une erreur" in html
    assert 'action="/recherche/"' in html and "Revenir à l'accueil" in html
    assert '<html lang="fr">' in html


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_a_permission_refusal_gets_the_french_403(client, home_page):
    response = client.get("/interdit/")

    assert response.status_code == 403
    assert "Accès refusé" in response.content.decode()
    assert "Revenir à l'accueil" in response.content.decode()


@pytest.mark.django_db
def test_a_forged_host_gets_the_french_400(client, home_page):
    response = client.get("/", HTTP_HOST="attaquant.example.com")

    assert response.status_code == 400
    assert "Requête incorrecte" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/acteurs/", "/page-inconnue/"])
def test_public_pages_answer_503_while_the_database_is_down_and_recover(url, home_page, database_down):
    visitor = Client(raise_request_exception=False)

    response = visitor.get(url)

    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "momentanément indisponible" in response.content.decode()

    database_down.undo()
    assert visitor.get(url).status_code in (200, 404)
    assert visitor.get("/").status_code == 200


def public_urls():
    """Every address without arguments of the URLconf (outside the admin), so the sweep grows with the site."""
    urls = []

    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if route.startswith(("admin/", "documents/")) or "<" in route or "(" in route:
                continue
            if isinstance(pattern, URLPattern):
                urls.append("/" + route.lstrip("^").rstrip("$"))
            else:
                walk(pattern.url_patterns, route)

    walk(get_resolver().url_patterns, "")
    return urls


MALFORMED_QUERIES = [
    "q=%00",
    "q=insertion%00drop",
    "%00=1",
    "q=%FF%FE%C0%AF",
    "q=%F0%9F%8C%B1%F0%9F%A4%9D",
    "q=" + "a" * 3000,
    "q=" + "%C3%A9" * 1500,
    "page=x",
    "page=-1",
    "page=0",
    "page=99999999999999999999999999",
    "page=1e9",
    "page=%00",
    "q=insertion&page=999999",
]
MALFORMED_PATHS = ["/%00/", "/acteurs/%00/", "/%FF%FE/", "/acteurs/%C0%AF/", "/" + "a" * 3000 + "/", "/🌱/"]


@pytest.mark.django_db
def test_a_sweep_of_malformed_requests_never_gets_a_server_error(home_page):
    visitor = Client(raise_request_exception=False)
    # One live page of each type: pages of a type share their code, and each request renders a whole page.
    pages = {type(page): page.url for page in Page.objects.live().specific() if page.url}
    urls = sorted({*pages.values(), *public_urls()})
    assert "/acteurs/" in urls

    failures = []
    for url in urls:
        for query in MALFORMED_QUERIES:
            status = visitor.get(url, QUERY_STRING=query).status_code
            if status >= 500:
                failures.append((url, query[:40], status))
    for url in MALFORMED_PATHS:
        status = visitor.get(url).status_code
        if status >= 500:
            failures.append((url[:40], "", status))

    assert failures == []


@pytest.mark.django_db
def test_nul_characters_are_dropped_from_queries_and_unknown_in_addresses(client, home_page):
    listing = client.get("/acteurs/", {"q": "insertion\x00", "page\x00": "2"})
    address = client.get("/%00/")

    assert listing.status_code == 200
    assert listing.wsgi_request.GET.dict() == {"q": "insertion", "page": "2"}
    assert address.status_code == 404
    assert "Cette page est introuvable" in address.content.decode()
