# Two commands: `make run` serves the whole app on this machine; `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/mockloop
TEST_REDIS_URL ?= redis://127.0.0.1:6379/0
TEST_WORKERS ?= 2

.PHONY: run test assets lint format demo

run: $(VENV)/.installed assets
	@mkdir -p var
	$(BIN)/python manage.py migrate --no-input -v 0
	$(BIN)/python manage.py collectstatic --no-input -v 0
	$(BIN)/python manage.py load_demo
	@echo "Serving on http://127.0.0.1:$${PORT:-8000}/ (web, Celery worker and beat); Ctrl-C stops all."
	$(BIN)/honcho start -f Procfile

test: $(VENV)/.installed-dev assets
	@test -x /usr/bin/chromium || { echo "Browser tests need Debian's Chromium at /usr/bin/chromium: apt-get install -y chromium"; exit 1; }
	@export DATABASE_URL="$${DATABASE_URL:-$(TEST_DATABASE_URL)}" REDIS_URL="$${REDIS_URL:-$(TEST_REDIS_URL)}"; \
	  echo "make test: PostgreSQL at $$DATABASE_URL, Redis at $$REDIS_URL"; \
	  $(BIN)/ruff check . && $(BIN)/ruff format --check . && \
	  $(BIN)/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

lint:
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

format:
	$(BIN)/ruff format . && $(BIN)/ruff check --fix .

assets: static/dist/.built

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Mockloop needs Python 3.11"'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install -q -e '.[dev]'
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

static/dist/.built: node_modules/.installed build.mjs $(shell find static/src -type f)
	node build.mjs
	@touch $@
