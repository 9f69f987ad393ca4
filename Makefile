# The two commands:  make run   (update data, execute notebooks, build the site)
#                    make test  (the whole test suite, notebooks included)
# Both create .venv and install the project into it when missing or out of date.
# RESEARCH_SNAPSHOT=DIR imports a snapshot directory instead of fetching live data.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test data install bench clean-venv

# Before installing, check in a few seconds that the package index answers: offline, pip would
# retry for minutes and end in its own error. The index is PIP_INDEX_URL, else pip's configured
# global.index-url, else PyPI; PIP_NO_INDEX=1 (install from PIP_FIND_LINKS wheels) skips the check.
define CHECK_INDEX
import os, socket, subprocess, sys, urllib.parse
if os.environ.get("PIP_NO_INDEX", "").lower() in ("1", "true", "yes"):
    sys.exit(0)
url = os.environ.get("PIP_INDEX_URL", "").split(" ")[0]
if not url:
    try:
        url = subprocess.run([sys.executable, "-m", "pip", "config", "get", "global.index-url"], capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        url = ""
url = url or "https://pypi.org/simple/"
parts = urllib.parse.urlsplit(url)
if parts.scheme == "file":
    ok = os.path.isdir(urllib.parse.unquote(parts.path))
else:
    proxy = os.environ.get(parts.scheme + "_proxy") or os.environ.get(parts.scheme.upper() + "_PROXY")
    target = urllib.parse.urlsplit(proxy) if proxy else parts
    try:
        socket.create_connection((target.hostname, target.port or (443 if target.scheme == "https" else 80)), timeout=5).close()
        ok = True
    except (OSError, ValueError, TypeError):
        ok = False
if not ok:
    print("cannot reach the package index " + url + " to install the project into .venv (no network?): connect and run make again, or set PIP_NO_INDEX=1 and PIP_FIND_LINKS=<folder of wheels>")
endef

ifneq ($(filter-out clean-venv,$(or $(MAKECMDGOALS),default)),)
ifneq ($(shell test -x $(BIN)/python && test $(STAMP) -nt pyproject.toml && echo installed),installed)
INDEX_PROBLEM := $(shell $(PYTHON) -c '$(CHECK_INDEX)')
ifneq ($(INDEX_PROBLEM),)
$(error $(INDEX_PROBLEM))
endif
endif
endif

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
