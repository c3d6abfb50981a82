# kg: two commands do all the set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
SHARED ?= ../shared

.PHONY: demo test eval install install-dev clean notebooks

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-dev: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'

demo: install
	$(BIN)/kg build $$($(BIN)/python -c "import kg; print(' '.join(map(str, kg.example_paths())))") -o output

test: install-dev
	$(BIN)/python -m pytest

eval: install
	$(BIN)/python scripts/eval.py --shared $(SHARED)

clean:
	rm -rf output/*.json output/*.graphml output/*.ttl output/*.html build *.egg-info

notebooks: install-dev
	for nb in notebooks/*.ipynb; do $(BIN)/jupyter-execute --inplace "$$nb"; done
