# Kadry: one command to run, one to test. Needs only Python 3.11+ and GNU make;
# everything else is installed into .venv from the pinned requirements.lock.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Re-install only when requirements.lock changes: the stamp records the last install.
STAMP := $(VENV)/.installed-requirements.lock
ADDR ?= 127.0.0.1:8000
# pytest-xdist workers: 2 was ~15% faster than 1 on a 2-core machine; 0 runs in one process.
PYTEST_WORKERS ?= 2
# Extra arguments for pytest, e.g. `make test PYTEST_WORKERS=0 PYTEST_ARGS="-k login -x"`.
PYTEST_ARGS ?=

.PHONY: help run test lint format bench clean

help:
	@echo "make run     install, migrate, load demo data, serve http://$(ADDR) with a task worker"
	@echo "make test    ruff, mypy, migration and system checks, then the whole pytest suite"
	@echo "make lint    ruff check and format check only"
	@echo "make format  apply ruff fixes and formatting"
	@echo "make clean   remove .venv, caches and test artifacts (keeps var/ with the database)"

$(STAMP): requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Python 3.11 or newer is required (PYTHON=$(PYTHON))" >&2; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

# Settings come from the environment; a local .env (see .env.example) is read first when present.
# The task worker runs beside the server in its own process group and is stopped with it.
run: $(STAMP)
	if [ -f .env ]; then set -a; . ./.env; set +a; fi; \
	export DEBUG=1; \
	$(PY) manage.py migrate --noinput; \
	$(PY) manage.py demo; \
	set -m; $(PY) manage.py db_worker & worker=$$!; set +m; \
	trap 'kill -- -$$worker 2>/dev/null || true' EXIT INT TERM; \
	$(PY) manage.py runserver $(ADDR)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# With DATABASE_URL=postgres://… in the environment the suite runs on PostgreSQL
# (pytest-django creates and drops test_<name>).
test: lint
	$(VENV)/bin/mypy
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check
	$(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# The benchmark (issue #5; not part of `make test`): fresh databases, generated data, gunicorn with
# 2 workers pinned to core 0, load from core 1. PostgreSQL when DATABASE_URL is set, SQLite otherwise.
# Results in bench/results/<date>-<backend>.json and .md; see bench/README.md.
.PHONY: bench-quick
bench: $(STAMP)
	$(PY) bench/run.py

bench-quick: $(STAMP)
	$(PY) bench/run.py --quick

clean:
	rm -rf $(VENV) .ruff_cache .mypy_cache .pytest_cache test-artifacts staticfiles
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
