# Two commands for a newcomer: `make run` and `make test`. Everything else is for maintainers.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
BENCH_STAMP := $(VENV)/.installed-bench

.PHONY: help install install-dev system-deps run test test-sqlite test-postgres lint format migrations-check bench clean

help:
	@echo "make run    - install, migrate, load the demo data and serve on http://$(HOST):$(PORT)/"
	@echo "make test   - install what the tests need, lint, check migrations, run the suite on SQLite and PostgreSQL"
	@echo "make bench  - run the benchmarks and write docs/benchmarks.md"

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# Reinstalls only when a requirements file changes, so a second `make run` is fast.
$(STAMP): requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@ $(STAMP)

$(BENCH_STAMP): requirements.txt requirements-dev.txt requirements-bench.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-bench.txt
	touch $@ $(DEV_STAMP) $(STAMP)

install: $(STAMP)

install-dev: $(DEV_STAMP)

# Debian packages the tests need: Chromium for the browser tests, PostgreSQL for the second run.
system-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v psql >/dev/null 2>&1 || missing="$$missing postgresql-client"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO="sudo"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

run: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_reference_data
	$(PY) manage.py seed_demo
	@echo "Serving on http://$(HOST):$(PORT)/ (Ctrl+C to stop)"
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(DEV_STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

migrations-check: $(DEV_STAMP)
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run

test-sqlite: $(DEV_STAMP)
	env -u DATABASE_URL $(VENV)/bin/pytest

test-postgres: $(DEV_STAMP)
	@url=$$(bash scripts/pg.sh start) && trap 'bash scripts/pg.sh stop' EXIT && \
	echo "PostgreSQL on $$url" && DATABASE_URL=$$url $(VENV)/bin/pytest

# The two databases' passes run side by side (one per core); each writes its log, shown when both have finished.
test: system-deps $(DEV_STAMP) lint migrations-check
	@mkdir -p test-artifacts
	@echo "== pytest on SQLite and on PostgreSQL, side by side (logs in test-artifacts/) =="
	@$(MAKE) --no-print-directory test-sqlite > test-artifacts/pytest-sqlite.log 2>&1 & sqlite=$$!; \
	$(MAKE) --no-print-directory test-postgres > test-artifacts/pytest-postgres.log 2>&1 & postgres=$$!; \
	wait $$sqlite; sqlite_status=$$?; wait $$postgres; postgres_status=$$?; \
	echo "== pytest on SQLite (exit $$sqlite_status) =="; cat test-artifacts/pytest-sqlite.log; \
	echo "== pytest on PostgreSQL (exit $$postgres_status) =="; cat test-artifacts/pytest-postgres.log; \
	test $$sqlite_status = 0 && test $$postgres_status = 0

# Three scales on SQLite and PostgreSQL (a throw-away server on loopback), then docs/benchmarks.md.
# Flags: make bench BENCH_ARGS="--no-load" (or --no-england-sqlite, --scales authority,region; ADR 26).
bench: system-deps $(BENCH_STAMP)
	@url=$$(bash scripts/pg.sh start) && trap 'bash scripts/pg.sh stop' EXIT && \
	BENCH_DATABASE_URL=$$url $(PY) -m benchmarks.run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles var db.sqlite3 test-artifacts
