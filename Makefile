# flyte-py developer commands. Everything runs inside .venv/ (created by `make install`).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install test lint idl demo demo-stop clean services-deps

install: $(STAMP)

# Re-install when the project's dependency list changes.
$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is required (set PYTHON=/path/to/python3.11)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dataframe,postgres,kubernetes,dev]"
	@$(MAKE) --no-print-directory services-deps
	touch $(STAMP)

# Machine packages the test services need: PostgreSQL server binaries.
services-deps:
	@bash tests/services/install-deps.sh

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

idl: install
	$(BIN)/python idl/generate.py

demo: install
	bash examples/run-demo.sh

demo-stop:
	@if [ -f .demo/sandbox.pid ] && kill -0 $$(cat .demo/sandbox.pid) 2>/dev/null; then \
		kill $$(cat .demo/sandbox.pid) && echo "sandbox stopped"; else echo "no demo sandbox running"; fi
	@rm -f .demo/sandbox.pid

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
