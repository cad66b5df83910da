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

# $(call debian,CHECK,PACKAGES,WHAT FOR,WITHOUT THEM): Debian's packages, installed as root when CHECK fails
# (no downloads of our own); without them the run goes on and says what is missing.
debian = @{ $(1); } >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's $(2) $(3)..."; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(2) >/dev/null) \
	      || echo "Could not install $(2): $(4)."; \
	  else echo "$(2) missing and cannot be installed here: $(4)."; fi; }

# Chromium for the browser tests.
browser:
	$(call debian,command -v chromium,chromium,for the browser tests,browser tests will be skipped)

# PostgreSQL: the tests start their own throwaway cluster with it; without it the PostgreSQL half of the
# suites is skipped and says so, except under CI=true, where it fails.
postgresql:
	$(call debian,command -v pg_ctl || ls /usr/lib/postgresql/*/bin/pg_ctl,postgresql,for the database tests,the PostgreSQL tests will be skipped)

# tesseract (OCR of scanned pages) and poppler-utils (pdftoppm renders the pages for it).
ocr:
	$(call debian,command -v tesseract && command -v pdftoppm,tesseract-ocr poppler-utils,for OCR of scanned pages,scanned pages go to review and the OCR tests are skipped)

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
