# The edition's two commands (see README):
#   make book   set up .venv and build the HTML book into _build/html
#   make test   set up .venv with the test tools (and Chromium) and run the tests
#   make bench  measure build times, page weight and chart drawing (not a test)
PYTHON   ?= python3
VENV     ?= .venv
BIN      := $(VENV)/bin
JB_FLAGS ?= -W -n --keep-going

.PHONY: book test bench chromium clean lock

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.book-installed: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -r requirements.txt
	touch $@

$(VENV)/.test-installed: requirements-test.txt $(VENV)/.book-installed
	$(BIN)/python -m pip install -r requirements-test.txt
	touch $@

book: $(VENV)/.book-installed
	$(BIN)/jupyter-book build . $(JB_FLAGS)

# The browser tests drive Debian's Chromium. Install it when missing and we are root;
# otherwise say how, and let the browser tests fail with the same instruction.
chromium:
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; \
	else echo "chromium is missing: run 'sudo apt-get install chromium' for the browser tests" >&2; fi

test: $(VENV)/.test-installed chromium
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Build times, page weight and chart drawing times (in Chromium), and the test suite's
# time, measured on this machine; writes _build/bench.md (BENCH_ARGS=--skip-tests to skip the suite).
bench: $(VENV)/.test-installed chromium
	$(BIN)/python tools/bench.py $(BENCH_ARGS)

# Resolve requirements.in afresh and pin the result into requirements.txt.
lock:
	rm -rf _build/lock-venv && $(PYTHON) -m venv _build/lock-venv
	_build/lock-venv/bin/python -m pip install -r requirements.in
	{ sed -n '1,2p' requirements.txt; _build/lock-venv/bin/python -m pip freeze --exclude-editable; echo "-e ."; } > requirements.txt.new
	mv requirements.txt.new requirements.txt && rm -rf _build/lock-venv

clean:
	rm -rf _build
