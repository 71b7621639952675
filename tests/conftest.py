"""Fixtures shared by the whole suite."""

import inspect
import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Site

from .database_snapshot import TableSnapshot, put_back_migrated_rows


def load_demo_content():
    """What `make run` loads, without the fictional samples (quick): the demo content and accounts (DEBUG on)."""
    with override_settings(DEBUG=True):
        call_command("load_demo_content", "--no-samples", stdout=io.StringIO())


@pytest.fixture(scope="session")
def migrated_rows(django_db_setup):
    """The migrated database's content, as Django serialized it for the browser tests (None without them).

    Read at once: under Playwright's event loop, Django's connections are per context and lose it.
    """
    from django.db import connection

    return getattr(connection, "_test_serialized_contents", None)


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker, migrated_rows):
    """The rows `load_demo_content` writes."""
    return build_snapshot(django_db_blocker, migrated_rows, load_demo_content)


def committed(fixturenames) -> bool:
    """Whether the test commits to its database (the browser tests' live server) instead of rolling back."""
    return "live_server" in fixturenames or "transactional_db" in fixturenames


def starts_migrated(item) -> bool:
    """Whether the test's database holds only the migrated rows when its fixtures start, as a snapshot expects.

    True of a test rolled back after it, and of a browser test: its live server commits, but its database is
    put back to the migrated state before it (`serialized_rollback`, tests/browser/conftest.py). Other
    committed tests start from a flushed database, without the rows the migrations wrote.
    """
    if "live_server" in item.fixturenames:
        return True
    return not committed(item.fixturenames) and not transactional(item)


def committed_without_live_server(item) -> bool:
    return "live_server" not in item.fixturenames and (committed(item.fixturenames) or transactional(item))


def transactional(item) -> bool:
    """Whether the test's database marker asks for a committed database (`transaction=True`)."""
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction"))


# Fixtures that copy a session snapshot: each stands for an empty database, so it is set up first.
SNAPSHOT_FIXTURES = ("demo_content", "project_site", "public_site")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Set the snapshot fixtures up before the fixtures the test asks for: their copy stands for an empty database.

    Committed tests without a live server run last (after the browser tests, which tests/browser/conftest.py
    puts at the end): the flush after them leaves rows that post_migrate recreates with new ids, and Django's
    restore before a browser test (`serialized_rollback`) would then collide with them.
    """
    flushed_after = [item for item in items if committed_without_live_server(item)]
    items[:] = [item for item in items if item not in flushed_after] + flushed_after
    for item in items:
        for name in SNAPSHOT_FIXTURES:
            if name in item.fixturenames and starts_migrated(item):
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


def copy_or_load(request, snapshot, load) -> None:
    """Put back the session's snapshot of what `load` writes, or run `load` where the copy can't stand for it.

    Under a live server every table is put back (see TableSnapshot).
    """
    from django.contrib.contenttypes.models import ContentType

    if not starts_migrated(request.node):
        put_back_migrated_rows(request.getfixturevalue("migrated_rows"))  # after a browser test's flush
        load()
        return
    snapshot.restore(every_table="live_server" in request.fixturenames)
    ContentType.objects.clear_cache()


def build_snapshot(django_db_blocker, migrated_rows, load) -> TableSnapshot:
    """What `load` writes, built once per session (and per xdist worker)."""
    with django_db_blocker.unblock():
        return TableSnapshot.build(load, migrated_rows)


@pytest.fixture
def demo_content(request, demo_snapshot, db):
    """The site as `make run` builds it, demo accounts included, copied from the session's snapshot.

    The copy takes milliseconds where loading takes seconds. It replaces the content of the tables the demo
    fills, so it is set up before the fixtures the test asks for (see pytest_collection_modifyitems). Tests
    on a flushed database load the demo instead: the copy stands for the migrated rows it was taken over.
    """
    copy_or_load(request, demo_snapshot, load_demo_content)
    return Site.objects.get(is_default_site=True)


def load_public_site():
    """The demo content and a page of every public type (tests/public_pages.py)."""
    from .public_pages import build_public_site

    load_demo_content()
    build_public_site(Site.objects.get(is_default_site=True).root_page.specific)


@pytest.fixture(scope="session")
def public_snapshot(django_db_setup, django_db_blocker, migrated_rows, demo_snapshot):
    """The rows `load_public_site` writes, built on a copy of the demo's snapshot rather than a second load."""
    from django.contrib.contenttypes.models import ContentType

    from .public_pages import build_public_site

    def load():
        demo_snapshot.restore()
        ContentType.objects.clear_cache()
        build_public_site(Site.objects.get(is_default_site=True).root_page.specific)

    return build_snapshot(django_db_blocker, migrated_rows, load)


@pytest.fixture
def public_site(request, public_snapshot, db):
    """The home page, with the demo content and a page of every public type, copied from the session's snapshot."""
    copy_or_load(request, public_snapshot, load_public_site)
    return Site.objects.get(is_default_site=True).root_page.specific


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
def project_snapshot(django_db_setup, django_db_blocker, migrated_rows):
    """The rows `load_project_content` writes."""
    return build_snapshot(django_db_blocker, migrated_rows, load_project_content)


@pytest.fixture
def project_site(request, project_snapshot, db):
    """The home page and the project's demo content, copied from the session's snapshot like `demo_content`."""
    copy_or_load(request, project_snapshot, load_project_content)
    return Site.objects.get(is_default_site=True)


@pytest.fixture(autouse=True)
def empty_cache(monkeypatch):
    """Each test starts with empty caches: cached data never outlives the database it came from.

    The tile origin the policy keeps in memory is forgotten, then kept for the whole test: refreshed every 30 s,
    it would add a query to whichever request of a long test on a loaded machine crosses that time. So are the
    fragments each process memorises.
    """
    from django.core.cache import cache, caches

    from home import kept, maps

    stores = (cache, caches["progress"])
    for store in stores:
        store.clear()
    maps.forget_in_process()
    kept.forget_in_process()
    monkeypatch.setattr(maps, "MEMO_SECONDS", float("inf"))
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
