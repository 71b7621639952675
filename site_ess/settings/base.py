"""Settings shared by every environment; dev, test and production refine them."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import xstatic.pkg.leaflet
import xstatic.pkg.leaflet_markercluster

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# Overridden by dev and test; production insists on the environment variable.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    "home",
    "actors",
    "news",
    "board",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
]

# Order matters: the health check answers before any host check, security headers wrap the rest, the anonymous page cache sits outside the
# session, CSRF and messages middleware so that it sees the cookies they set, and axes comes last.
MIDDLEWARE = [
    "home.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "home.security.SiteCSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "home.request_guard.NulCharactersMiddleware",
    "home.page_cache.AnonymousPageCacheMiddleware",
    # The site, every site's root path and the site's settings in one query, once the page cache has missed.
    "home.site_lookup.SiteLookupMiddleware",
    # Pages, GeoJSON, feeds and calendars compressed for the browsers that accept it (WhiteNoise serves the
    # static files precompressed), by zlib-ng (home/compression.py) with random padding against BREACH. Inside
    # the page cache, which keeps the compressed and the plain answer apart, so that a page is compressed once,
    # not at every visit.
    "home.compression.FastGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "site_ess.urls"
WSGI_APPLICATION = "site_ess.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: DATABASE_URL chooses it; without one, a SQLite file in the project,
# so that `make run` needs nothing installed.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
USING_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
# SQLite for concurrent use, since several requests write at once in the admin (an autosave, then the
# submit): WAL lets readers go on while one writes, every transaction takes the write lock when it begins
# (none fails halfway when a read turns into a write), and a writer waits up to 20 s for the lock
# instead of failing with "database is locked".
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS
if USING_POSTGRES:
    INSTALLED_APPS.append("django.contrib.postgres")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# French from the very first migration: Wagtail's default locale takes this code.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
# The project's own wording wins over Wagtail's French (compiled by home/translations.py).
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Third-party static files come from pinned XStatic packages (requirements.txt), never from the repository.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/leaflet", xstatic.pkg.leaflet.BASE_DIR),
    ("vendor/leaflet-markercluster", xstatic.pkg.leaflet_markercluster.BASE_DIR),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = os.environ.get("MEDIA_ROOT") or BASE_DIR / "media"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def s3_storage_options():
    """django-storages' options for an S3-compatible media store, from the environment.

    Names are never reused (no overwrite) and URLs are plain: the bucket lets the public read
    images, while documents stay private and go through Django (WAGTAILDOCS_SERVE_METHOD).
    """
    return {
        "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
        "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
        "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
        "file_overwrite": False,
        "default_acl": None,
        "querystring_auth": False,
    }


# Wagtail's page editor can exceed Django's default of 1,000 fields per form.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Form data other than files (a long page body is a few hundred kB); more answers a 400.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

# Wagtail
WAGTAIL_SITE_NAME = "Club ESS Sud-Gironde"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# What the design supports in running text (no headings: a block of their own; no colours), for every rich
# text field and block; home.blocks reuses this list.
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {"features": ["bold", "italic", "link", "document-link", "ol", "ul"]},
    }
}
# No request to a third-party avatar service from the admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILIMAGES_IMAGE_MODEL = "home.CustomImage"
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.image_forms.AltTextImageForm"
# Uploads: Wagtail refuses other types, larger files and larger images with French form errors.
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "odp", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Documents go through Django, which checks collection privacy, then hands the file over:
# a redirect to the storage's URL (signed when the bucket is private) or a stream for local files.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Moderation e-mails ("Relecture" workflow, home/workflow.py) go to the moderators, not to the technical
# superusers, from the site's address.
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "site@club-ess-sud-gironde.fr")
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
# No request to a third-party service for Wagtail's update check either, and no English release notes on
# the dashboard: the « Aide » menu leads to the club's guide (home/guide.py).
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False

# Search: Wagtail's database backend; on PostgreSQL, French stemming that ignores accents, and an
# autocomplete (the admin's choosers and listings) that ignores them too (configurations created by
# home/migrations/0002_search_unaccent.py and 0008_search_autocomplete_unaccent.py; see home/search_backend.py).
# SQLite's full-text index ignores accents already.
WAGTAILSEARCH_BACKENDS = {
    "default": (
        {"BACKEND": "home.search_backend", "SEARCH_CONFIG": "french_unaccent", "AUTOCOMPLETE_CONFIG": "simple_unaccent"}
        if USING_POSTGRES
        else {"BACKEND": "wagtail.search.backends.database"}
    )
}

# Cache: Redis, shared by every application server, when REDIS_URL is set (while it is down, pages are
# served uncached: home/cache_backends.py); memory otherwise (production uses the database instead).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "home.cache_backends.FailSoftRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "site_ess",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Progress of background work (the admin's spreadsheet import, run by `db_worker` in another process): a store
# every process sees and that no database transaction hides, Redis when set, else files in PROGRESS_DIR.
PROGRESS_DIR = os.environ.get("PROGRESS_DIR") or BASE_DIR / "var" / "progress"
CACHES["progress"] = (
    {**CACHES["default"], "KEY_PREFIX": "site_ess_progress"}
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": PROGRESS_DIR}
)

# Sessions in the database (shared by every server), read through the cache.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "home.security.csrf_failure"

# Background work (e-mail, imports, digests) goes through Django's task framework: the database backend
# keeps each task until `manage.py db_worker` has run it, so nothing slow or failure-prone runs on the
# request path and nothing is lost when a service is down.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# The demo content (`load_demo_content`): each app's `load(log)`, in the order their content depends on each other.
DEMO_LOADERS = [
    "home.demo.load",
    "actors.demo.load",
    "news.demo.load",
    "news.mois_ess.demo.load",
    "home.demo_forms.load",
    "actors.demo_forms.load",
    "board.demo.load",
    "home.demo_pages.load",
]
# Fictional samples (« Exemple fictif ») so that every page shows what it does: under DEBUG only, never in production.
DEMO_SAMPLE_LOADERS = [
    "actors.samples.load_demo_samples",
    "news.samples.load_demo_samples",
    "board.samples.load_demo_samples",
]

# Anonymous visitors' pages, kept in the cache for this many seconds and purged on every
# publication (home/page_cache.py). Off without a cache shared by every process (Redis).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300" if REDIS_URL else "0"))
# The query parameters the public pages read (pagination, search, the filters of the directory, news, agenda
# and board, the map's embedding): a URL with any other one is served but not kept.
PAGE_CACHE_QUERY_PARAMETERS = frozenset(
    {
        "page",
        "q",
        "type",
        "secteur",
        "territoire",
        "statut",
        "insertion",
        "effectif",
        "embed",
        "phase",
        "theme",
        "annee",
        "mode",
        "categorie",
    }
)
# The site, its settings and home page (home/site_lookup.py) kept this long in the shared cache, under the page
# cache's generation (a new one at every change of content). Off without a cache every process shares (Redis).
SITE_LOOKUP_CACHE_SECONDS = int(os.environ.get("SITE_LOOKUP_CACHE_SECONDS", "300" if REDIS_URL else "0"))
# Parts of pages (the site's header and footer, a profile's events, posts and news) kept this long in the shared cache
# under the same generation (home/templatetags/fragment_tags.py); they need the site lookup's generation, so are off
# with it.
FRAGMENT_CACHE_SECONDS = int(os.environ.get("FRAGMENT_CACHE_SECONDS", str(SITE_LOOKUP_CACHE_SECONDS)))
# What each process memorises of those parts (home/kept.py), in bytes: a few thousand profiles' worth per worker.
FRAGMENT_MEMO_BYTES = int(os.environ.get("FRAGMENT_MEMO_BYTES", str(8 * 1024 * 1024)))
# At most this many pages kept per PAGE_CACHE_SECONDS, whatever the query values (a few hundred pages make
# the site; the map's largest GeoJSON is about a megabyte at 5,000 actors).
PAGE_CACHE_MAX_ENTRIES = int(os.environ.get("PAGE_CACHE_MAX_ENTRIES", "2000"))

# Front-end cache (CDN or Varnish) purged by Wagtail on publication, when configured.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_VARNISH_URL"):
    WAGTAILFRONTENDCACHE["varnish"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_VARNISH_URL"],
    }
if os.environ.get("FRONTEND_CACHE_CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ["FRONTEND_CACHE_CLOUDFLARE_ZONE_ID"],
        "BEARER_TOKEN": os.environ.get("FRONTEND_CACHE_CLOUDFLARE_TOKEN", ""),
    }
if os.environ.get("FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ["FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID"],
    }

# Brute-force protection of the login (django-axes): five failures for one user name from one
# address lock that pair out for 30 minutes, with a French page (templates/security/lockout.html).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",  # checks lockouts only; ModelBackend logs in
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "security/lockout.html"
AXES_COOLOFF_MESSAGE = "Trop de tentatives de connexion : réessayez dans 30 minutes."
# The visitor's address as nginx saw it, the same for the lockout and the forms' rate limit: how many
# addresses the proxies write into X-Forwarded-For (home/client_address.py); 0 ignores the header.
PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "home.client_address.client_ip"

# Security headers (see home/security.py). The map's tile server is the only origin beyond the
# site itself. MAP_TILE_URL is its URL template and MAP_TILE_ATTRIBUTION(_URL) the credit its licence
# asks for: the defaults of the admin's "Carte" settings (IGN's Plan IGN, Licence Ouverte Etalab 2.0).
MAP_TILE_URL = os.environ.get(
    "MAP_TILE_URL",
    "https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2"
    "&STYLE=normal&TILEMATRIXSET=PM&FORMAT=image/png&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}",
)
MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "IGN – Plan IGN")
MAP_TILE_ATTRIBUTION_URL = os.environ.get("MAP_TILE_ATTRIBUTION_URL", "https://www.ign.fr/")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# The directives that differ in Wagtail's admin, as little as it needs (checked in Chromium by
# tests/test_security_browser.py): Wagtail 7.4 still writes a few inline scripts and styles, shows
# local previews of images being uploaded (blob:), and frames its own preview panel.
CONTENT_SECURITY_POLICY_ADMIN = {
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-ancestors": ["'self'"],
}
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

EMAIL_SUBJECT_PREFIX = "[Club ESS Sud-Gironde] "
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "site@club-ess-sud-gironde.fr")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = 10
# Every e-mail is queued and sent after the response by the task worker (home/outbox.py), through
# MAIL_DELIVERY_BACKEND; a failed sending is tried again after each of these delays (seconds), then given up
# with an error in the log: 1 min, 5 min, 30 min, 2 h, 6 h, so a mail server down for a night loses nothing.
EMAIL_BACKEND = "home.outbox.QueuedEmailBackend"
MAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
MAIL_RETRY_DELAYS = [60, 300, 1800, 7200, 21600]

# Public forms (home/spam.py, home/mail.py): a form sent back faster than this comes back to be resent; each address
# may send this many submissions of one form (django-ratelimit's "count/period"); stored submissions are
# deleted after this many days (purge_form_submissions).
FORM_MIN_FILL_SECONDS = int(os.environ.get("FORM_MIN_FILL_SECONDS", "3"))
# A form's signed time expires after this: the form comes back (text kept) with a new one to send again.
FORM_GUARD_MAX_AGE_SECONDS = int(os.environ.get("FORM_GUARD_MAX_AGE_SECONDS", str(6 * 3600)))
FORM_RATE_LIMIT = os.environ.get("FORM_RATE_LIMIT", "5/h")
# The longest text a visitor may type in a field of a public form (a message, a description): about four pages.
PUBLIC_TEXT_MAX_LENGTH = 10_000
# The admin's « mot de passe oublié » e-mails, per address and per client address (home/password_reset.py).
PASSWORD_RESET_RATE_LIMIT = os.environ.get("PASSWORD_RESET_RATE_LIMIT", "3/h")
FORM_RETENTION_DAYS = int(os.environ.get("FORM_RETENTION_DAYS", "365"))
# django-ratelimit counts in the default cache (Redis when several servers share it, memory otherwise);
# when the cache cannot count, forms are accepted rather than refused.
RATELIMIT_USE_CACHE = "default"
RATELIMIT_FAIL_OPEN = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # No token of a « Vérifiez votre fiche » link in a log line (site_ess/log_privacy.py).
    "filters": {"secret_links": {"()": "site_ess.log_privacy.RedactSecretLinks"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["secret_links"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
