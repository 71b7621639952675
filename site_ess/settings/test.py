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
# The progress of imports in files of the tests' own, one folder per database and per xdist worker: runs on
# SQLite and on PostgreSQL side by side, and the workers of one run, never read or clear each other's.
if not REDIS_URL:  # noqa: F405
    CACHES["progress"]["LOCATION"] = (  # noqa: F405
        BASE_DIR  # noqa: F405
        / "test-artifacts"
        / "progress"
        / (Path(DATABASES["default"]["NAME"]).name + os.environ.get("PYTEST_XDIST_WORKER", ""))  # noqa: F405
    )
