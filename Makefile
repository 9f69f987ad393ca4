# The two commands:  make run   (update data, execute notebooks, build the site)
#                    make test  (the whole test suite, notebooks included)
# Both create .venv and install the project into it when missing or out of date.
# RESEARCH_SNAPSHOT=DIR imports a snapshot directory instead of fetching live data.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test data install bench clean-venv

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev,cluster]"
	@touch $(STAMP)

install: $(STAMP)

data: $(STAMP)
	@if [ -n "$$RESEARCH_SNAPSHOT" ]; then \
		$(BIN)/research data import "$$RESEARCH_SNAPSHOT"; \
	else \
		$(BIN)/research data refresh; status=$$?; \
		if [ $$status -eq 1 ]; then echo "some series could not be refreshed (see above); continuing with the data on disk"; \
		elif [ $$status -ne 0 ]; then exit $$status; fi; \
	fi

run: data
	$(BIN)/research run

test: $(STAMP)
	@if [ -n "$$RESEARCH_SNAPSHOT" ]; then $(BIN)/research data import --quiet "$$RESEARCH_SNAPSHOT"; fi
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_store.py
	$(BIN)/python benchmarks/bench_run.py

clean-venv:
	rm -rf $(VENV)
