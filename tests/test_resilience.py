"""The health check, and the anonymous page cache purged on publication."""

import gzip
import os
import subprocess
import sys

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import override_settings
from django.urls import include, path

from home.models import ContentPage
from home.page_cache import GENERATION_KEY


@pytest.mark.django_db
def test_the_health_check_answers_200_with_json_when_everything_is_up(client):
    response = client.get("/sante/")

    assert response.status_code == 200
    assert response.json() == {"statut": "ok", "database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_the_health_check_answers_any_host_over_plain_http(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    response = client.get("/sante/", HTTP_HOST="10.0.0.12")

    assert response.status_code == 200


@pytest.mark.django_db
def test_the_health_check_answers_503_when_the_database_is_down(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise connection.Database.OperationalError("connection refused")

    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", refuse)

    response = client.get("/sante/")

    assert response.status_code == 503
    assert response.json()["database"] == "erreur"
    assert response.json()["cache"] == "ok"


@pytest.mark.django_db
def test_the_health_check_answers_503_when_the_cache_is_down(client, monkeypatch):
    monkeypatch.setattr(cache, "get", lambda *args, **kwargs: None)

    response = client.get("/sante/")

    assert response.status_code == 503
    assert response.json() == {"statut": "erreur", "database": "ok", "cache": "erreur"}


def cached_pages():
    return [key for key in cache._cache if "page-cache:" in key and GENERATION_KEY not in key]


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def about_page(home_page):
    page = home_page.add_child(instance=ContentPage(title="Qui sommes-nous ?", slug="qui-sommes-nous"))
    page.save_revision().publish()
    return page


@pytest.mark.django_db
def test_anonymous_visitors_get_the_page_from_the_cache(client, about_page, page_cache, django_assert_num_queries):
    first = client.get(about_page.url)
    assert cached_pages()

    with django_assert_num_queries(0):
        second = client.get(about_page.url)

    assert second.content == first.content
    assert "s-maxage=300" in second["Cache-Control"]
    assert "Content-Security-Policy" in second


@pytest.mark.django_db
def test_the_cache_keeps_compressed_and_plain_pages_apart(client, about_page, page_cache, django_assert_num_queries):
    plain = client.get(about_page.url)
    compressed = client.get(about_page.url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert "Content-Encoding" not in plain and compressed["Content-Encoding"] == "gzip"
    with django_assert_num_queries(0):
        again = client.get(about_page.url, HTTP_ACCEPT_ENCODING="gzip")
        plain_again = client.get(about_page.url)
    assert again["Content-Encoding"] == "gzip" and again.content == compressed.content
    assert gzip.decompress(again.content) == plain_again.content == plain.content


@pytest.mark.django_db
def test_publishing_purges_the_cached_pages(client, about_page, page_cache):
    client.get(about_page.url)

    about_page.title = "Le club, en bref"
    about_page.save_revision().publish()

    assert "Le club, en bref" in client.get(about_page.url).content.decode()


@pytest.mark.django_db
def test_logged_in_editors_never_get_or_fill_the_cache(client, admin_user, about_page, page_cache):
    client.force_login(admin_user)
    client.get(about_page.url)

    assert not cached_pages()


def form_view(request):
    get_token(request)
    return HttpResponse("formulaire")


urlpatterns = [path("formulaire/", form_view), path("", include("site_ess.urls"))]


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_pages_with_a_csrf_protected_form_are_not_cached(client, page_cache):
    response = client.get("/formulaire/")

    assert response.status_code == 200
    assert not cached_pages()


@pytest.mark.django_db
def test_the_page_cache_is_off_without_a_shared_cache(client, about_page, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(about_page.url)

    assert not cached_pages()


@pytest.mark.django_db
def test_unknown_query_parameters_are_served_but_never_kept(client, about_page, page_cache):
    for campaign in ("a1", "b2", "c3"):
        assert client.get(f"{about_page.url}?utm={campaign}").status_code == 200
    assert not cached_pages()

    client.get(f"{about_page.url}?page=2&q=coop")
    client.get(f"{about_page.url}?q=coop&page=2")
    assert len(cached_pages()) == 1


@pytest.mark.django_db
def test_the_page_cache_keeps_a_bounded_number_of_pages(client, about_page, page_cache, settings):
    settings.PAGE_CACHE_MAX_ENTRIES = 3
    for word in range(10):
        assert client.get(f"{about_page.url}?q={word}").status_code == 200

    assert len(cached_pages()) == 3


@pytest.fixture
def redis_down(settings, page_cache):
    """The production cache, pointed at a port where no Redis listens."""
    settings.CACHES = {
        "default": {"BACKEND": "home.cache_backends.FailSoftRedisCache", "LOCATION": "redis://127.0.0.1:8149/4"}
    }


@pytest.mark.django_db
def test_while_redis_is_down_pages_are_served_uncached_and_the_health_check_says_so(client, about_page, redis_down):
    assert client.get(about_page.url).status_code == 200
    assert client.get(f"{about_page.url}?q=coop").status_code == 200
    about_page.save_revision().publish()  # purging the page cache does not fail either

    health = client.get("/sante/")
    assert health.status_code == 503
    assert health.json()["cache"] == "erreur"


def production_caches(alias="default", **environment):
    """The backend of a cache alias production computes in the given environment (in a fresh interpreter)."""
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "site_ess.settings.production",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "club-ess.example.org",
        **environment,
    }
    code = f"from django.conf import settings; print(settings.CACHES[{alias!r}]['BACKEND'])"
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)  # noqa: S603
    return result.stdout.strip()


def test_production_without_redis_shares_its_cache_between_processes_in_the_database():
    assert production_caches() == "django.core.cache.backends.db.DatabaseCache"
    assert production_caches(REDIS_URL="redis://127.0.0.1:6379/0") == "home.cache_backends.FailSoftRedisCache"


def test_production_keeps_the_progress_of_imports_outside_the_database():
    """The worker writes an import's rows in one transaction: progress kept in the database would not move."""
    assert production_caches("progress") == "django.core.cache.backends.filebased.FileBasedCache"
    assert (
        production_caches("progress", REDIS_URL="redis://127.0.0.1:6379/0") == "home.cache_backends.FailSoftRedisCache"
    )


@pytest.mark.django_db
def test_migrate_creates_the_database_cache_table(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "site_ess_cache"}
    }
    from django.apps import apps
    from django.db.models.signals import pre_migrate

    # Before the migrations: Wagtail's first one saves pages, which purges the page cache.
    pre_migrate.send(sender=apps.get_app_config("home"), app_config=apps.get_app_config("home"), using="default")
    cache.set("partagé", "oui")

    assert cache.get("partagé") == "oui"
