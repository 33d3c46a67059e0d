# The two commands: `make demo` and `make test`. Both install what is missing first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: demo test lint typecheck pytest messages system-deps clean bench load

demo: $(STAMP)
	$(BIN)/ttdn demo

test: $(STAMP) system-deps messages lint typecheck pytest

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $@

# Debian packages the tests need: Chromium (browser tests), LibreOffice and poppler (the
# official reports seen as PDF pages), fonts with Vietnamese. Installed when running as root;
# otherwise the tests that need them say what is missing.
DEBIAN_PACKAGES := chromium fonts-dejavu-core fonts-liberation libreoffice-writer-nogui poppler-utils
system-deps:
	@if { ! command -v chromium || ! command -v soffice || ! command -v pdftoppm; } >/dev/null 2>&1 \
		&& [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian packages: $(DEBIAN_PACKAGES)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEBIAN_PACKAGES) >/dev/null; \
	fi

messages: $(STAMP)
	$(BIN)/ttdn messages >/dev/null

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP) messages
	$(BIN)/pytest $(PYTEST_ARGS)

# The monitoring benchmarks (issue 5), side by side: results in bench/results/*.json, then a
# table with the floors. Takes about an hour the first time (1,000,000 articles are
# generated into var/bench/ for the search benchmark; later runs reuse them).
bench: $(STAMP)
	$(BIN)/python bench/matcher.py
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/search.py
	$(BIN)/python bench/table.py

# The load test (issue 11): 50 staff sessions through gunicorn while the monitor ingests, 5 minutes
# on SQLite, then 5 on PostgreSQL (database ttdn_ops_load on 127.0.0.1:5432, recreated). Results in
# bench/results/load-*.json; see docs/operations/serving.md. LOAD_SECONDS=60 for a short run.
LOAD_SECONDS ?= 300
load: $(STAMP) messages
	$(BIN)/python bench/load.py --engine sqlite --seconds $(LOAD_SECONDS)
	$(BIN)/python bench/load.py --engine postgresql --seconds $(LOAD_SECONDS)

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache .pytest_cache
