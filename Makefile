# Kaiku – the two commands: `make run` and `make test`.
SHELL := /bin/bash
# Debian 12's python3 is 3.11; prefer an explicit python3.11 when there is one.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= config.settings.local

.PHONY: run test lint format bench venv dev-deps migrate demo messages clean

$(VENV)/.runtime: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
	  || (echo "Python 3.11 or newer is required (PYTHON=$(PYTHON))." && exit 1)
	@# Debian splits venv/ensurepip into python3-venv; install it when we may (CI runs as root).
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  rm -rf $(VENV); \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing python3-venv with apt-get"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null && \
	    $(PYTHON) -m venv $(VENV); \
	  else echo "Cannot create a virtualenv: install python3-venv (apt-get install python3-venv)."; exit 1; fi; }
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

venv: $(VENV)/.runtime
dev-deps: $(VENV)/.dev

migrate: venv
	@$(PY) -m kaiku.core.finnish ensure-lexicon
	@echo "Migrating the database"
	@$(PY) manage.py migrate --noinput -v 0

demo: migrate
	@$(PY) manage.py load_demo

## make run: set up everything, load the demo data and serve http://127.0.0.1:$(PORT)
run: demo
	@$(PY) manage.py demo_logins
	@echo "Starting the background-task worker and the web server on http://127.0.0.1:$(PORT)"
	@# The worker runs in its own process group (set -m); whatever stops make (Ctrl-C, kill,
	@# a closed terminal) stops the server and the worker's whole group with it.
	@set -m; $(PY) manage.py db_worker --queue-name default & WORKER=$$!; \
	  stop() { trap - EXIT INT TERM HUP; kill -- -$$WORKER -$$SERVER 2>/dev/null; wait; }; \
	  trap stop EXIT; trap 'stop; exit 130' INT; trap 'stop; exit 143' TERM HUP; \
	  $(PY) manage.py runserver 127.0.0.1:$(PORT) & SERVER=$$!; \
	  wait $$SERVER

## make test: install what tests need and run the whole suite (also on PostgreSQL under CI)
test: dev-deps
	bash scripts/test.sh

lint: dev-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run

format: dev-deps
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: dev-deps
	$(PY) manage.py makemessages -l fi -l sv -l en --ignore=.venv --ignore=var --no-obsolete
	$(PY) manage.py compilemessages --ignore=.venv

bench: dev-deps
	bash bench/run.sh

clean:
	rm -rf $(VENV) var db.sqlite3*
