# Club ESS Sud-Gironde: the two commands of the quick start, and a few helpers.
#   make run    install, migrate, load the demo content and serve on http://127.0.0.1:$(PORT), with the task
#               worker (queued e-mails, printed in this terminal) running beside it and stopped with it
#   make test   lint, check migrations and run the whole test suite (in parallel: TEST_WORKERS=auto)
#   make bench  measure the site's speed with 100, 1,000, 5,000 and 20,000 actors (docs/performance.md)
#   make lighthouse  Lighthouse scores of the main pages (docs/performance.md)
#   make publish-scheduled   publish what editors scheduled (run every 10 minutes in production)
#   make deployed-test  the `deployed` tests: nginx (deploy/nginx/site-ess.conf), two gunicorn servers, PostgreSQL, Redis, S3

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8000
# Test workers (pytest-xdist, one test database each); the browser tests share one worker.
TEST_WORKERS ?= auto

.PHONY: run test lint format install install-dev migrate demo node bench lighthouse publish-scheduled deployed-test

# The stamp files record which requirements the virtual environment holds,
# so that a second `make run` skips the installation.
$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is required.")'
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(PY)
	$(PIP) install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PIP) install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.installed

# Test and measurement tools from npm (axe-core, the Nu HTML Checker, Lighthouse), pinned by package-lock.json;
# reinstalled only when the lock file changes.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

node: node_modules/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

migrate: install
	$(PY) manage.py compile_translations
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo_content

run: demo
	@echo ""
	@echo "  Club ESS Sud-Gironde : http://127.0.0.1:$(PORT)/"
	@echo "  Administration      : http://127.0.0.1:$(PORT)/admin/"
	@echo "  Comptes de démonstration (mot de passe « changeme ») : admin, redaction, moderation"
	@echo "  E-mails             : envoyés par le worker de tâches, affichés dans ce terminal"
	@echo ""
	@# Absolute links (sitemap, .ics, GeoJSON, e-mails) are built from the Site's address: the one served here.
	$(PY) manage.py set_site_address http://127.0.0.1:$(PORT)
	$(PY) manage.py db_worker --interval 1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: install-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test: lint node
	DJANGO_SETTINGS_MODULE=site_ess.settings.test $(PY) manage.py makemigrations --check --dry-run
	# The French overrides compiled before Django reads its catalogues (some labels are translated at import).
	DJANGO_SETTINGS_MODULE=site_ess.settings.test $(PY) manage.py compile_translations
	$(VENV)/bin/pytest -n $(TEST_WORKERS) --dist loadgroup

# The site as production runs it (README, "Tests"); needs Debian's nginx, PostgreSQL and Redis.
deployed-test: install-dev
	$(VENV)/bin/pytest -m deployed tests/deployed -p no:cacheprovider

bench: install-dev node
	$(PY) scripts/bench.py

lighthouse: install-dev node
	$(PY) scripts/bench.py --lighthouse-only

publish-scheduled: install
	$(PY) manage.py publish_scheduled
