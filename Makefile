# Two commands a fresh clone needs: `make serve` and `make test`. Everything else builds on `install`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install test lint format serve build bench notebooks notebooks-refresh examples clean

install: $(STAMP)

# Re-install only when the dependency declarations change; pins come from constraints.txt.
# pip bootstraps uv, which installs the same pins: 25 s instead of pip's 110 s on a clean clone
# (most of pip's time is its own CPU work, not downloading). The venv keeps pip for its users.
# Bytecode is compiled at install, as pip does: where PYTHONDONTWRITEBYTECODE is set, nothing else
# would write it, and every process (test workers, kernels, builds) would compile its imports again.
UV := $(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python -c constraints.txt
$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt uv
	$(UV) -e '.[dev]'
	touch $(STAMP)

# Both cores: one worker per core; --dist loadfile keeps each test file (and each notebook's cells) in one worker.
test: install lint
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m pytest -n 2 --dist loadfile

# What `make test` checks first (settings in pyproject.toml): formatting, ruff's lint rules, mypy on src/iamkb.
lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy

# Make the code pass the first two: apply ruff's safe fixes (import order, ...), then format.
format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

build: install
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

serve: install
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --strict --dev-addr $(HOST):$(PORT)

# The bench extra (PMapper, the evaluator bench/simulate_bench.py compares against) only here, not in test envs.
bench: install
	$(UV) -e '.[bench]'
	$(BIN)/python bench/run.py

# JupyterLab refuses to start as root unless told it may (containers and devcontainers run as root).
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)

NOTEBOOK_PORT ?= 8888

notebooks: install
	$(BIN)/jupyter lab --ip=$(HOST) --port=$(NOTEBOOK_PORT) --no-browser $(ALLOW_ROOT) notebooks/

# Re-run every notebook top to bottom in a fresh kernel and store the new outputs (nbval compares
# against them in `make test`). Timing metadata is left out so a re-run changes only real results.
# Each notebook runs on its own: one that fails keeps its old file and does not stop the others.
notebooks-refresh: install
	@failed=""; for notebook in notebooks/*.ipynb; do \
	  $(BIN)/jupyter nbconvert --log-level=WARN --to notebook --execute --inplace \
	    --ExecutePreprocessor.record_timing=False "$$notebook" || failed="$$failed $$notebook"; \
	done; \
	if [ -n "$$failed" ]; then echo "notebooks that failed (left unchanged):$$failed" >&2; exit 1; fi

# Re-plan every example job under examples/jobs/ into examples/plans/ (json, terraform, cloudformation);
# tests/job/test_examples.py fails when the stored plans differ from what the planner makes now.
examples: install
	$(BIN)/python examples/regenerate.py

clean:
	rm -rf site .pytest_cache .ruff_cache .mypy_cache
