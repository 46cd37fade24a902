# Forebyggelsesportalen. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install system-deps db stop migrate demo run test lint format check pytest bench lock vendor

help: ## Show this list
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

install: $(VENV)/.installed ## Create .venv and install the pinned dependencies

system-deps: ## Install the Debian packages the tests need (Chromium, PostgreSQL, WeasyPrint libraries)
	@scripts/system-deps.sh

db: install ## Start the project's own PostgreSQL (unless DATABASE_URL is set) and print its URL
	@$(PY) -m forebyggelse.localdb start

stop: install ## Stop the project's own PostgreSQL
	@$(PY) -m forebyggelse.localdb stop

migrate: db ## Apply database migrations
	$(MANAGE) migrate --no-input

demo: migrate ## Load the demo programme and demo users (demo mode only)
	$(MANAGE) load_demo

run: demo ## Install, start the database, migrate, load the demo and serve on http://127.0.0.1:8000
	@echo "Forebyggelsesportalen kører på http://$(HOST):$(PORT)/ (stop med Ctrl+C)"
	$(MANAGE) runserver $(HOST):$(PORT)

lint: install ## ruff (check, format --check) and djLint on the templates
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint templates kommuner/templates profiler strategi evaluering --lint --quiet

format: install ## Format the code with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: db ## Django's system checks and a check that every migration is written
	DJANGO_SETTINGS_MODULE=forebyggelse.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=forebyggelse.settings.test $(MANAGE) makemigrations --check --dry-run

pytest: db ## The pytest suite only (pass ARGS="-k login" to pick tests)
	$(VENV)/bin/pytest $(ARGS)

test: install system-deps db lint check ## Everything CI checks: lint, checks and the whole test suite incl. browser tests
	$(VENV)/bin/pytest

bench: db ## Benchmarks: query counts and timings of the main pages as data grows
	$(PY) -m benchmarks.run
	$(PY) -m benchmarks.profiler

lock: ## Re-resolve requirements.in into the fully pinned requirements.txt
	rm -rf /tmp/forebyggelse-lock && $(PYTHON) -m venv /tmp/forebyggelse-lock
	/tmp/forebyggelse-lock/bin/pip install --quiet -r requirements.in
	{ echo "# Fully pinned, resolved from requirements.in with \`make lock\`. Do not edit by hand."; \
	  /tmp/forebyggelse-lock/bin/pip freeze --exclude-editable; } > requirements.txt

vendor: ## Refresh the vendored design system (dkfds) in static/ from npm
	scripts/vendor-dkfds.sh
