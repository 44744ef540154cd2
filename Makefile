# The front door. Every target bootstraps the environment it needs (.venv/).
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export DAGSTER_HOME ?= $(CURDIR)/.dagster
export DO_NOT_TRACK := 1
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export STREAMLIT_BROWSER_GATHER_USAGE_STATS := false
PORT ?= 8501
UI_PORT ?= 3000

.PHONY: run install build ui dashboard test test-fast bench lock lint clean

run: build ## install, build the warehouse from seeds/, serve the dashboard
	@$(MAKE) --no-print-directory dashboard

$(STAMP): requirements/lock.txt pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements/bootstrap.txt
	$(BIN)/uv pip install --python $(BIN)/python --quiet --compile-bytecode --require-hashes -r requirements/lock.txt
	$(BIN)/uv pip install --python $(BIN)/python --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP) ## create .venv and install the pinned dependencies

build: $(STAMP) ## build the warehouse headless through Dagster
	$(BIN)/python -m pipelines.cli build

ui: $(STAMP) ## the Dagster UI on http://127.0.0.1:$(UI_PORT)
	$(BIN)/dagster dev -w workspace.yaml -h 127.0.0.1 -p $(UI_PORT)

dashboard: $(STAMP) ## serve the dashboard on http://127.0.0.1:$(PORT)
	$(BIN)/python -m pipelines.cli serve --port $(PORT)

test: $(STAMP) ## the whole test suite (what CI runs)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-fast: $(STAMP) ## the tests not marked slow: no whole-pipeline or dbt build, no browser (under 2 minutes)
	$(BIN)/python -m pytest -m "not slow" $(PYTEST_ARGS)

bench: $(STAMP) ## benchmarks (print figures; need ../shared/corpora)
	$(BIN)/python -m benchmarks.run_all

lint: $(STAMP)
	$(BIN)/ruff check pipelines dashboard tests benchmarks

lock: $(STAMP) ## re-pin requirements/lock.txt (names, versions, hashes; no URLs)
	$(BIN)/uv pip compile --python-version 3.11 --python-platform x86_64-manylinux_2_28 --generate-hashes \
	  --no-emit-index-url --no-emit-find-links requirements/dev.in -o requirements/lock.txt

clean:
	rm -rf $(VENV) sql/target sql/logs warehouse/*.duckdb*
