"""Test runs: fast hashing, in-memory e-mail, SQLite unless DATABASE_URL says otherwise."""

import os
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The site's e-mails go through the queue (immediate here) into Django's test outbox; Django sets the test
# EMAIL_BACKEND itself (locmem), so Wagtail's and Django's own e-mails reach the outbox directly.
MAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "test-artifacts" / "media"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
# Django's test client logs in without a request, which django-axes refuses: its own tests turn it on.
AXES_ENABLED = False
# Tasks run at once inside the test; the tests of the queue itself switch to the database backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# SQLite in a file, not in memory: Django shares one in-memory connection between a test and its live server's
# threads, and the browser tests' queries then collide with the pages Chromium is still loading. A file gives each
# thread its own connection, with the WAL and busy timeout `make run` uses (pytest-xdist adds a suffix per worker).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    (BASE_DIR / "test-artifacts").mkdir(exist_ok=True)  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "test-artifacts" / "test-database.sqlite3")}  # noqa: F405
# A test database needs no durability: PostgreSQL answers each commit without waiting for its journal to reach the
# disk (5 ms a commit on this machine, 0.6 without), for this connection only: the server's settings are untouched.
if USING_POSTGRES:  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405
# The progress of imports in files of the tests' own, one folder per database and per xdist worker: runs on
# SQLite and on PostgreSQL side by side, and the workers of one run, never read or clear each other's.
if not REDIS_URL:  # noqa: F405
    CACHES["progress"]["LOCATION"] = (  # noqa: F405
        BASE_DIR  # noqa: F405
        / "test-artifacts"
        / "progress"
        / (Path(DATABASES["default"]["NAME"]).name + os.environ.get("PYTEST_XDIST_WORKER", ""))  # noqa: F405
    )
