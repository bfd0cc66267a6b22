# Two commands: `make run` serves the whole app on this machine; `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/mockloop
TEST_REDIS_URL ?= redis://127.0.0.1:6379/0
TEST_WORKERS ?= 3
# Python keeps compiled modules (and pytest its rewritten tests) in __pycache__, which
# git ignores: a shell that sets PYTHONDONTWRITEBYTECODE would make every process of
# the suite, each worker and each server it starts, compile them all again.
unexport PYTHONDONTWRITEBYTECODE
# Where `make run` serves; links in pages, e-mails and calendars follow it.
PORT ?= 8000

.PHONY: run test assets lint format demo

run: $(VENV)/.installed assets
	@$(BIN)/python -c 'import socket, sys; s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1", $(PORT)))' 2>/dev/null \
	  || { echo "Port $(PORT) is taken: stop what serves there, or run PORT=8001 make run"; exit 1; }
	@mkdir -p "$${DATA_DIR:-var}"
	@export SITE_URL="$${SITE_URL:-http://127.0.0.1:$(PORT)}" MOCKLOOP_PORT=$(PORT); \
	  collected="$${DATA_DIR:-var}/staticfiles/.collected"; \
	  $(BIN)/python manage.py migrate --no-input -v 0 && \
	  { { [ static/dist/.built -ot "$$collected" ] && [ $(VENV)/.installed -ot "$$collected" ]; } \
	    || { $(BIN)/python manage.py collectstatic --no-input -v 0 && touch "$$collected"; }; } && \
	  $(BIN)/python manage.py load_demo && \
	  echo "Serving on http://127.0.0.1:$(PORT)/ (web, Celery worker and beat); Ctrl-C stops all." && \
	  exec $(BIN)/honcho start -f Procfile

test: $(VENV)/.installed-dev assets
	@test -x /usr/bin/chromium || { echo "Browser tests need Debian's Chromium at /usr/bin/chromium: apt-get install -y chromium"; exit 1; }
	$(BIN)/ruff check . && $(BIN)/ruff format --check .
	node_modules/.bin/biome check static/src tests/js bench build.mjs
	node --test tests/js/
	@export DATABASE_URL="$${DATABASE_URL:-$(TEST_DATABASE_URL)}" REDIS_URL="$${REDIS_URL:-$(TEST_REDIS_URL)}"; \
	  echo "make test: PostgreSQL at $$DATABASE_URL, Redis at $$REDIS_URL"; \
	  $(BIN)/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)
	@data=$$(mktemp -d); trap 'rm -rf "$$data"' EXIT; \
	  echo "make test: embedded mode, as make run (SQLite, in-memory channel layer, filesystem broker) in $$data"; \
	  env -u DATABASE_URL -u REDIS_URL -u SITE_URL DATA_DIR="$$data" \
	  $(BIN)/pytest -n $(TEST_WORKERS) --embedded $(PYTEST_ARGS)

lint:
	$(BIN)/ruff check . && $(BIN)/ruff format --check .
	node_modules/.bin/biome check static/src tests/js bench build.mjs

format:
	$(BIN)/ruff format . && $(BIN)/ruff check --fix .
	node_modules/.bin/biome check --write static/src tests/js bench build.mjs

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
