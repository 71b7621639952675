"""SQLite under concurrent writes, as `make run` serves the admin: a save that follows another one waits its turn."""

import threading
import time

import pytest
from django.db import connections, transaction

from site_ess.settings.base import SQLITE_OPTIONS


@pytest.fixture
def sqlite_file(tmp_path, django_db_blocker):
    """A database alias on a SQLite file, configured as the project configures its SQLite database."""
    alias = "concurrency"
    database = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(tmp_path / "site.sqlite3"),
        "OPTIONS": SQLITE_OPTIONS,
    }
    connections.settings[alias] = connections.configure_settings({"default": database, alias: database})[alias]
    with django_db_blocker.unblock():
        with connections[alias].cursor() as cursor:
            cursor.execute("CREATE TABLE revision (id INTEGER PRIMARY KEY)")
        yield alias
        connections[alias].close()
    del connections[alias]
    del connections.settings[alias]


def test_the_sqlite_database_runs_in_wal_mode_with_a_busy_timeout(sqlite_file):
    with connections[sqlite_file].cursor() as cursor:
        assert cursor.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert cursor.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_a_save_that_reads_then_writes_waits_for_an_autosave_instead_of_failing(sqlite_file):
    autosave_started = threading.Event()
    errors = []

    def autosave():
        try:
            with transaction.atomic(using=sqlite_file):
                connections[sqlite_file].cursor().execute("INSERT INTO revision DEFAULT VALUES")
                autosave_started.set()
                time.sleep(0.5)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            autosave_started.set()
            connections[sqlite_file].close()

    thread = threading.Thread(target=autosave)
    thread.start()
    autosave_started.wait()
    with transaction.atomic(using=sqlite_file):
        cursor = connections[sqlite_file].cursor()
        cursor.execute("SELECT COUNT(*) FROM revision")
        cursor.execute("INSERT INTO revision DEFAULT VALUES")
    thread.join()

    assert errors == []
    assert connections[sqlite_file].cursor().execute("SELECT COUNT(*) FROM revision").fetchone() == (2,)
