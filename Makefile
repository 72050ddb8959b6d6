# Two commands a fresh clone needs: `make serve` and `make test`. Everything else builds on `install`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install test serve build bench notebooks clean

install: $(STAMP)

# Re-install only when the dependency declarations change; pins come from constraints.txt.
$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $(STAMP)

test: install
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m pytest

build: install
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

serve: install
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --strict --dev-addr $(HOST):$(PORT)

bench: install
	$(BIN)/python bench/run.py

notebooks: install
	$(BIN)/jupyter lab --ip=$(HOST) notebooks/

clean:
	rm -rf site .pytest_cache
