# Seawall: `make demo` serves the app with synthetic data, `make test` runs every test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_ENV := var/seawall.env

.PHONY: demo test test-fast test-postgres test-browser bench lock install clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Seawall needs Python 3.11 or newer: run make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	@touch $@

$(DEMO_ENV): | install
	@mkdir -p var
	$(BIN)/seawall genkeys --demo > $(DEMO_ENV).tmp && mv $(DEMO_ENV).tmp $(DEMO_ENV)
	@echo "Wrote demo keys to $(DEMO_ENV) (demo only: production keys come from your secret store)."

demo: install $(DEMO_ENV)
	SEAWALL_ENV_FILE=$(DEMO_ENV) $(BIN)/seawall migrate --no-input
	SEAWALL_ENV_FILE=$(DEMO_ENV) $(BIN)/seawall load_demo
	@echo "Serving http://$(HOST):$(PORT)/ with a background worker alongside (Ctrl-C stops both)."
	SEAWALL_ENV_FILE=$(DEMO_ENV) $(BIN)/seawall worker & WORKER=$$!; trap "kill $$WORKER" EXIT INT TERM; \
	SEAWALL_ENV_FILE=$(DEMO_ENV) $(BIN)/seawall runserver $(HOST):$(PORT)

# The whole suite on SQLite, then the database tests again on PostgreSQL when it answers,
# then the browser tests when Chromium is installed. CI sets SEAWALL_REQUIRE_POSTGRES=1 and
# SEAWALL_REQUIRE_BROWSER=1 so that neither may skip.
test: install
	$(BIN)/python -m seawall.testing.run

test-fast: install
	$(BIN)/python -m pytest -q -m "not slow and not browser" -x

bench: install
	$(BIN)/python -m benchmarks

# Regenerates requirements.lock from pyproject.toml in a throwaway environment.
lock:
	rm -rf var/lockenv && $(PYTHON) -m venv var/lockenv
	var/lockenv/bin/pip install --quiet ".[test,postgres]"
	var/lockenv/bin/pip freeze --exclude seawall | grep -v '^-e' > requirements.lock
	rm -rf var/lockenv

clean:
	rm -rf $(VENV) var/static .pytest_cache
