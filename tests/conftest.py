"""Fixtures shared by the whole suite."""

import pytest
from django.core.management import call_command
from wagtail.models import Site


def pytest_configure(config):
    """The project's translation overrides, compiled before Django reads any catalog."""
    from home.translations import compile_catalogs

    compile_catalogs()


@pytest.fixture
def demo_content(db, settings):
    """The site as `make run` builds it, demo accounts included, without the fictional samples (quick)."""
    settings.DEBUG = True
    call_command("load_demo_content", "--no-samples", stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings.DEBUG = False
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def demo_samples(demo_content, settings):
    """The site exactly as `make run` builds it: the club's content and the fictional samples."""
    settings.DEBUG = True
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings.DEBUG = False
    return demo_content


@pytest.fixture
def home_page(demo_content):
    return demo_content.root_page.specific


@pytest.fixture
def territories(db):
    """The communes and EPCI of Gironde, as shipped with the project."""
    from actors.territory_data import load_territories

    load_territories()


@pytest.fixture
def admin_client_logged(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin-test", "admin@example.org", "changeme")
    client.force_login(user)
    return client


@pytest.fixture
def project_site(db):
    """The home page and the project's demo content (phases, indicators, news), without the territories."""
    from home import demo as home_demo
    from news import demo as news_demo

    quiet = lambda message: None  # noqa: E731
    home_demo.load(quiet)
    news_demo.load(quiet)
    return Site.objects.get(is_default_site=True)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: cached data never outlives the database it came from."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def task_worker(db, settings, monkeypatch):
    """The database task queue, and a function that runs `db_worker` once over what is due, in the test's transaction.

    The worker closes old connections between tasks, which would end the test's transaction: not here.
    """
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)

    def run():
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=open("/dev/null", "w"))  # noqa: SIM115

    return run
