# kg: two commands do all the set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
SHARED ?= ../shared
# pip runs only when pyproject.toml changed since the last install (a stamp file in the venv);
# PYTHONWARNINGS quiets setuptools' notes on editable installs, which ask nothing of the user
PIP    := PYTHONWARNINGS=ignore $(BIN)/python -m pip install --quiet
# what kg writes into output/: the exports, the corpus of `kg add`, its lock, staged files of a killed run
KG_OUTPUTS := extraction.json graph.json graph.graphml graph.ttl graph.nq graph.html corpus.sqlite corpus.sqlite-journal manifest.json graph.oxigraph .kg-pushed corpus.jsonl .corpus.lock

.PHONY: demo test eval install install-dev clean notebooks

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) --upgrade pip

# the dev install holds the plain one: either stamp satisfies `install`
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	@if [ -f $(VENV)/.installed-dev ] && [ $(VENV)/.installed-dev -nt pyproject.toml ]; then \
	  touch $@; else $(PIP) -e . && touch $@; fi

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(PIP) -e '.[dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

demo: install
	$(BIN)/kg build $$($(BIN)/python -c "import kg; print(' '.join(map(str, kg.example_paths())))") -o output

test: install-dev
	$(BIN)/python -m pytest

eval: install
	$(BIN)/python scripts/eval.py --shared $(SHARED)

clean:
	rm -rf $(addprefix output/,$(KG_OUTPUTS)) output/.*.tmp
	rm -rf build *.egg-info

notebooks: install-dev
	for nb in notebooks/*.ipynb; do $(BIN)/jupyter-execute --inplace "$$nb"; done
