# The README's two commands: `make run` and `make test`. Everything they need is installed here.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8050
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
APT_STAMP := $(VENV)/.apt-browser

.PHONY: run serve test test-fast lint typecheck data update-data bench bench-browser load fuzz screenshots clean browser test-browser test-axe audit

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(TEST_STAMP): $(STAMP) pyproject.toml
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

# Image/PDF/brief export's browser, for those who want it (make run never needs one): uses one
# that is there, installs Debian's chromium, or says what to do on Ubuntu (snap stub) and elsewhere.
browser: $(STAMP)
	@scripts/browser.sh $(BIN)/python

# make test's Debian Chromium + ChromeDriver: browser tests and Kaleido's image export use them.
test-browser:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
	  echo "Installing Debian chromium and chromium-driver…"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver >/dev/null; \
	fi
	@command -v pdftoppm >/dev/null || { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq poppler-utils >/dev/null || true; }

# axe-core for the accessibility browser tests (tests/axe/package.json pins it): test-only, the
# app never serves it. `npm ci` installs exactly the locked version into tests/axe/node_modules.
AXE_JS := tests/axe/node_modules/axe-core/axe.min.js
test-axe: $(AXE_JS)
$(AXE_JS): tests/axe/package.json tests/axe/package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed for the accessibility tests (Node.js)"; exit 1; }
	npm ci --no-audit --no-fund --prefix tests/axe
	touch $@

run: $(STAMP)
	HOST=$(HOST) PORT=$(PORT) $(BIN)/python app.py --host $(HOST) --port $(PORT)

# Workers, threads, --preload (the app is built and warmed once, before the workers fork) and
# keep-alive: gunicorn_conf.py.
serve: $(STAMP)
	$(BIN)/gunicorn --config python:gunicorn_conf --bind $(HOST):$(PORT) app:server

data: $(STAMP)
	$(BIN)/python -m data.build.build

# Refresh trade.csv etc. from IMF IMTS (network; optional key in IMF_API_KEY). README: "Refreshing
# the data". Pass options with ARGS, e.g. `make update-data ARGS=--dry-run`.
update-data: $(STAMP)
	$(BIN)/python -m data.update $(ARGS)

lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .

test: $(TEST_STAMP) test-browser test-axe
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .
	$(BIN)/pytest --headless -p no:cacheprovider --cov --cov-report=term:skip-covered -m "not slow"

# No browser journeys and no Kaleido renders (`render`): the quick loop while editing.
test-fast: $(TEST_STAMP)
	$(BIN)/pytest -m "not browser and not slow and not render" -q

# The property-based tests of tests/test_fuzz.py, long (make test runs 25 examples of each).
fuzz: $(TEST_STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest -p no:cacheprovider -q tests/test_fuzz.py

# Known vulnerabilities in the installed dependencies (PyPI advisory database; needs network).
# The project itself is not on PyPI: --skip-editable leaves it out; --strict fails when a
# dependency could not be looked up (no false all-clear when the advisory service is unreachable).
audit: $(TEST_STAMP)
	$(BIN)/pip-audit --skip-editable --strict --progress-spinner off

# The benchmarks export far faster than any reader: the per-client export rate is off for them.
bench: export PAKCAR_EXPORT_RATE_LIMIT = off
bench: $(TEST_STAMP) test-browser
	$(BIN)/python -m bench.run
	$(BIN)/python -m bench.map_bench
	$(BIN)/python -m bench.callbacks
	$(BIN)/python -m bench.browser $(BENCH_ARGS)
	$(BIN)/python -m bench.load $(LOAD_ARGS)

# In the browser, side by side with a plain Dash app (bench/reference_app.py), interleaved:
# `make bench-browser BENCH_ARGS=--quick` for a short run; BENCH_ARGS="--variants ours,ours-full,reference"
# adds the app with the full plotly.js (the custom bundle's before/after);
# BENCH_ARGS="--variants ours,before,reference --before DIR" adds another checkout (e.g. main).
bench-browser: export PAKCAR_EXPORT_RATE_LIMIT = off
bench-browser: $(TEST_STAMP) test-browser
	$(BIN)/python -m bench.browser $(BENCH_ARGS)

# locust (30 users, 60 s) against gunicorn 2 × 4, then 50 concurrent image exports.
load: export PAKCAR_EXPORT_RATE_LIMIT = off
load: $(TEST_STAMP) test-browser
	$(BIN)/python -m bench.load $(LOAD_ARGS)

screenshots: $(TEST_STAMP) test-browser
	$(BIN)/python -m bench.screenshots

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .coverage
