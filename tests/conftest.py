"""Fixtures shared by the whole suite."""

import inspect
import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Site

from .database_snapshot import TableSnapshot


def load_demo_content():
    """What `make run` loads, without the fictional samples (quick): the demo content and accounts (DEBUG on)."""
    with override_settings(DEBUG=True):
        call_command("load_demo_content", "--no-samples", stdout=io.StringIO())


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker):
    """The rows `load_demo_content` writes, built once per session (and per xdist worker)."""
    with django_db_blocker.unblock():
        return TableSnapshot.build(load_demo_content)


def committed(fixturenames) -> bool:
    """Whether the test commits to its database (the browser tests' live server) instead of rolling back."""
    return "live_server" in fixturenames or "transactional_db" in fixturenames


def transactional(item) -> bool:
    """Whether the test's database marker asks for a committed database (`transaction=True`)."""
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction"))


# Fixtures that copy a session snapshot: each stands for an empty database, so it is set up first.
SNAPSHOT_FIXTURES = ("demo_content", "project_site")


def pytest_collection_modifyitems(items):
    """Set the snapshot fixtures up before the fixtures the test asks for: their copy stands for an empty database."""
    for item in items:
        for name in SNAPSHOT_FIXTURES:
            if name in item.fixturenames and not committed(item.fixturenames):
                item.fixturenames.remove(name)
                asked = [
                    item.fixturenames.index(parameter)
                    for parameter in inspect.signature(item.obj).parameters
                    if parameter in item.fixturenames
                ]
                item.fixturenames.insert(min(asked, default=0), name)


def pytest_configure(config):
    """The project's translation overrides, compiled before Django reads any catalog."""
    from home.translations import compile_catalogs

    compile_catalogs()


@pytest.fixture
def demo_content(request, demo_snapshot, db):
    """The site as `make run` builds it, demo accounts included, copied from the session's snapshot.

    The copy takes milliseconds where loading takes seconds. It replaces the content of the tables the demo
    fills, so it is set up before the fixtures the test asks for (see pytest_collection_modifyitems). Tests
    on a committed database (the browser tests' live server) still load the demo: their flush between tests
    leaves rows the copy does not account for.
    """
    if committed(request.fixturenames):
        load_demo_content()
    else:
        demo_snapshot.restore()
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
def langon(db):
    """Langon and its communauté de communes, alone (the `territories` fixture loads every commune)."""
    from actors.models import Commune, Epci

    epci = Epci.objects.create(siren="200070845", name="CC du Sud Gironde", kind="cc")
    return Commune.objects.create(insee_code="33227", name="Langon", postal_codes="33210", epci=epci)


@pytest.fixture
def moderator(django_user_model):
    """A member of the Modérateurs role, who may edit and publish actors and events."""
    from django.contrib.auth.models import Group

    from home.roles import MODERATORS

    user = django_user_model.objects.create_user("modo", "modo@example.org", "un-mot-de-passe-long")
    user.groups.add(Group.objects.get(name=MODERATORS))
    return user


@pytest.fixture
def admin_client_logged(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin-test", "admin@example.org", "changeme")
    client.force_login(user)
    return client


def load_project_content():
    """The home page and the project's demo content (phases, indicators, news), without the territories."""
    from home import demo as home_demo
    from news import demo as news_demo

    quiet = lambda message: None  # noqa: E731
    home_demo.load(quiet)
    news_demo.load(quiet)


@pytest.fixture(scope="session")
def project_snapshot(django_db_setup, django_db_blocker):
    """The rows `load_project_content` writes, built once per session (and per xdist worker)."""
    with django_db_blocker.unblock():
        return TableSnapshot.build(load_project_content)


@pytest.fixture
def project_site(request, project_snapshot, db):
    """The home page and the project's demo content, copied from the session's snapshot like `demo_content`."""
    if committed(request.fixturenames) or transactional(request.node):
        load_project_content()
    else:
        project_snapshot.restore()
    return Site.objects.get(is_default_site=True)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with empty caches: cached data never outlives the database it came from."""
    from django.core.cache import cache, caches

    from home.maps import forget_in_process

    stores = (cache, caches["progress"])
    for store in stores:
        store.clear()
    forget_in_process()  # the tile origin the policy keeps in memory
    yield
    for store in stores:
        store.clear()


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
