# The two commands a newcomer needs: `make run` and `make test`. Both set everything up first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DATA ?= instance
DEMO := $(DATA)/demo
HOST ?= 127.0.0.1
PORT ?= 5000
export GATEWAY_DATA_DIR := $(abspath $(DATA))

TEST_WORKERS ?= auto

.PHONY: run test browser postgresql ocr demo clean

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

# Debian's Chromium for the browser tests (no browser download); skipped when it cannot be installed.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's chromium for the browser tests..."; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "Could not install chromium: browser tests will be skipped."; \
	  else echo "chromium is missing and cannot be installed here: browser tests will be skipped."; fi; }

# Debian's PostgreSQL: the tests start their own throwaway cluster with it. Without it the PostgreSQL half of the
# suites is skipped and says so, except under CI=true, where it fails.
postgresql:
	@{ command -v pg_ctl || ls /usr/lib/postgresql/*/bin/pg_ctl; } >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's postgresql for the database tests..."; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
	      || echo "Could not install postgresql: the PostgreSQL tests will be skipped."; \
	  else echo "postgresql is missing and cannot be installed here: the PostgreSQL tests will be skipped."; fi; }

# Debian's tesseract (OCR of scanned pages) and poppler-utils (pdftoppm renders them for it); without
# them scanned pages go to review as before, and the OCR tests are skipped and say so.
ocr:
	@{ command -v tesseract && command -v pdftoppm; } >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's tesseract-ocr and poppler-utils for OCR of scanned pages..."; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr poppler-utils >/dev/null) \
	      || echo "Could not install tesseract-ocr: scanned pages will go to review."; \
	  else echo "tesseract-ocr is missing and cannot be installed here: scanned pages will go to review."; fi; }

$(DEMO)/council.yaml: | $(STAMP)
	$(BIN)/gateway demo $(DEMO)

demo: $(DEMO)/council.yaml
	$(BIN)/gateway init
	$(BIN)/gateway load-council $(DEMO)/council.yaml
	$(BIN)/gateway ingest $(DEMO)/documents

run: $(STAMP) ocr demo
	@echo
	@echo "Sign in at http://$(HOST):$(PORT)/ with password 'demo-pass-1' as any of these accounts:"
	@$(BIN)/gateway accounts
	@echo
	$(BIN)/gateway serve --host $(HOST) --port $(PORT)

# One pytest worker per core; --dist loadscope keeps a module's shared fixtures (big councils) in one worker.
test: $(STAMP) browser postgresql ocr
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadscope

clean:
	rm -rf $(VENV) $(DATA) .pytest_cache test-artifacts
