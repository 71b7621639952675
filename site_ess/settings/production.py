"""Production: strict, and every secret from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def required_env(name: str) -> str:
    """Return an environment variable, or stop start-up with a message that says what to set."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"The environment variable {name} is required in production "
            f"(see docs/deployment.md); the site refuses to start without it."
        )
    return value


DEBUG = False
SECRET_KEY = required_env("SECRET_KEY")
ALLOWED_HOSTS = [host.strip() for host in required_env("ALLOWED_HOSTS").split(",") if host.strip()]
CSRF_TRUSTED_ORIGINS = [f"https://{host.lstrip('.')}" for host in ALLOWED_HOSTS]

# Persistent connections, checked before each request: after a database restart, the first
# request of each worker reconnects instead of failing.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DB_CONN_MAX_AGE", "60"))  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

# gunicorn listens on the loopback behind nginx, which writes the visitor's address (home/client_address.py).
PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "1"))

# Without Redis, a cache every worker and server shares (the table `migrate` creates), never a per-process
# memory: what a publication purges (the map's GeoJSON, the calendars) would stay stale in the other processes.
if not REDIS_URL:  # noqa: F405
    CACHES["default"] = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "site_ess_cache"}  # noqa: F405

# HTTPS is terminated by the reverse proxy, which tells us the original scheme.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# Static files: WhiteNoise serves hashed names with a one-year immutable Cache-Control, others for an hour.
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "home.static_storage.StaticFilesStorage",
}
WHITENOISE_MAX_AGE = 3600

# Media on an S3-compatible object store once a bucket is named; local files otherwise.
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": s3_storage_options()}  # noqa: F405

MAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"  # used by the task worker (home/outbox.py)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "false").lower() == "true"
EMAIL_USE_SSL = os.environ.get("EMAIL_USE_SSL", "false").lower() == "true"
