# Sitrep: `make run` analyzes the bundled sample article, ingests the sample corpus into an SQLite
# file, prints the aid and strike trackers and serves the dashboard; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SAMPLE := tests/data/gold/docs/us-aid-pause-article.txt
SAMPLE_CORPUS := data/sample
SAMPLE_DB := sitrep.db

.PHONY: run test lint typecheck unit lock score eval-news clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements.lock pyproject.toml
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.dev: $(VENV)/.installed requirements-dev.lock
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

run: $(VENV)/.installed
	$(BIN)/sitrep analyze $(SAMPLE)
	$(BIN)/sitrep ingest --db $(SAMPLE_DB) $(SAMPLE_CORPUS)
	$(BIN)/sitrep tracker aid --db $(SAMPLE_DB)
	$(BIN)/sitrep tracker strikes --db $(SAMPLE_DB)
	$(BIN)/sitrep serve --db $(SAMPLE_DB)

test: $(VENV)/.dev lint typecheck unit

lint: $(VENV)/.dev
	$(BIN)/ruff check src tests $(wildcard bench)

typecheck: $(VENV)/.dev
	$(BIN)/mypy

unit: $(VENV)/.dev
	$(BIN)/pytest

score: $(VENV)/.installed
	$(BIN)/python ../shared/tools/score.py --gold ../shared/gold/seed.jsonl --run "$(BIN)/sitrep analyze --format facts {paths}"
	$(BIN)/python ../shared/tools/score.py --gold ../shared/gold/dev.jsonl --run "$(BIN)/sitrep analyze --format facts {paths}"

# The news evaluation (tests/data/news): rebuilds the copyrighted texts from local mirrors of their public
# repositories, scores dev and the frozen blind part with ../shared/tools/score.py, counts off-topic events; JSON out.
eval-news: $(VENV)/.installed
	$(BIN)/python tools/news_eval.py score --details

lock: $(BIN)/python
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe -o requirements.lock requirements.in
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe -o requirements-dev.lock requirements-dev.in

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build src/*.egg-info
