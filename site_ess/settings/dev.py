"""Local development: debug on, e-mails printed to the task worker's console."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
# E-mails are queued like in production; the task worker that `make run` starts prints them to its console.
MAIL_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"
