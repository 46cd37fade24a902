# Forebyggelsesportalen. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install system-deps db stop migrate demo run worker test lint format check pytest bench loadtest lock outdated backup restore vendor

help: ## Show this list
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

# The npm packages (the HTML checker vnu-jar for the tests; dkfds for `make vendor`), once per change of the lock
# file, so later runs need no network. --ignore-scripts: vnu-jar's postinstall would download a Java runtime;
# the tests run its jar with Debian's Java (make system-deps).
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --prefer-offline
	touch $@

install: $(VENV)/.installed node_modules/.installed ## Create .venv and install the pinned Python and npm dependencies

system-deps: ## Install the Debian packages the tests need (Chromium, Java, npm, PostgreSQL, WeasyPrint libraries)
	@scripts/system-deps.sh

db: install ## Start the project's own PostgreSQL (unless DATABASE_URL is set) and print its URL
	@$(PY) -m forebyggelse.localdb start

stop: install ## Stop the project's own PostgreSQL
	@$(PY) -m forebyggelse.localdb stop

migrate: db ## Apply database migrations
	$(MANAGE) migrate --no-input

demo: migrate ## Load the demo programme and demo users (demo mode only)
	$(MANAGE) load_demo

run: demo ## Install, start the database, migrate, load the demo, serve on http://127.0.0.1:8000 with a job worker per core
	@echo "Forebyggelsesportalen kører på http://$(HOST):$(PORT)/ med én worker til baggrundsjob pr. kerne (stop dem alle med Ctrl+C)"
	$(MANAGE) koer $(HOST):$(PORT)

worker: migrate ## One more background-job worker against the same database (as many as you like)
	$(MANAGE) procrastinate worker

lint: install ## ruff (check, format --check), djLint on the templates, and the layers between the apps (import-linter)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint templates kommuner/templates konto/templates hentninger/templates profiler strategi evaluering api nemlogin --lint --quiet
	$(VENV)/bin/lint-imports --no-cache

format: install ## Format the code with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: db ## Django's system checks, a check that every migration is written, and the API's OpenAPI description
	DJANGO_SETTINGS_MODULE=forebyggelse.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=forebyggelse.settings.test $(MANAGE) makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=forebyggelse.settings.test $(MANAGE) spectacular --validate --fail-on-warn --file /dev/null

pytest: db ## The pytest suite only (pass ARGS="-k login" to pick tests)
	$(VENV)/bin/pytest $(ARGS)

test: system-deps install db lint check ## Everything CI checks: lint, checks and the whole test suite incl. browser tests
	$(VENV)/bin/pytest

bench: db ## Benchmarks: query counts and timings of the main pages as data grows
	$(PY) -m benchmarks.run
	$(PY) -m benchmarks.profiler
	$(PY) -m benchmarks.strategi
	$(PY) -m benchmarks.hentninger
	$(PY) -m benchmarks.opgaver
	$(PY) -m benchmarks.api
	$(PY) -m benchmarks.evaluering

loadtest: db ## Load and fault test (not in make test): 50 users against gunicorn, then PostgreSQL restarted midway
	$(PY) -m benchmarks.loadtest

lock: ## Re-resolve requirements.in into the fully pinned requirements.txt
	rm -rf /tmp/forebyggelse-lock && $(PYTHON) -m venv /tmp/forebyggelse-lock
	/tmp/forebyggelse-lock/bin/pip install --quiet -r requirements.in
	{ echo "# Fully pinned, resolved from requirements.in with \`make lock\`. Do not edit by hand."; \
	  /tmp/forebyggelse-lock/bin/pip freeze --exclude-editable; } > requirements.txt

outdated: install ## List every pinned package with a newer release on the package index (and why it is held back)
	$(PY) scripts/outdated.py

backup: db ## Write a pg_dump -Fc backup of the database to var/backup/ (BACKUP_MAPPE), Danish time in the name
	$(MANAGE) backup

restore: db ## Restore a backup into a fresh database: make restore FILE=var/backup/….dump [DATABASE=navn] [OVERSKRIV=1]
	@test -n "$(FILE)" || { echo "Skriv hvilken backup: make restore FILE=var/backup/<fil>.dump"; exit 2; }
	$(MANAGE) restore "$(FILE)" $(if $(DATABASE),--database "$(DATABASE)") $(if $(OVERSKRIV),--overskriv)

vendor: ## Refresh the vendored design system (dkfds) in static/ from npm
	scripts/vendor-dkfds.sh
