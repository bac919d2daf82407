# Two commands from a fresh clone:  make serve   and   make test
# Everything else here is a step those two use, or a helper for contributors.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PELICAN := $(BIN)/pelican
PELICAN_FLAGS := --fatal errors
OUTPUT ?= output
PORT ?= 8000
BIND ?= 127.0.0.1
export PYTHONPATH := $(CURDIR)/plugins
export COLUMNS ?= 200

.PHONY: install build publish serve check test test-deps test-js lint new-opportunity freshness issue-form clean

$(VENV)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

install: $(VENV)/.installed

## Build the example site into ./output
build: install
	$(PELICAN) content -s pelicanconf.py -o $(OUTPUT) $(PELICAN_FLAGS)

## Build with the public address (publishconf.py)
publish: install
	$(PELICAN) content -s publishconf.py -o $(OUTPUT) $(PELICAN_FLAGS)

## Build, then serve on http://127.0.0.1:$(PORT) (PORT=0: any free port; BIND=0.0.0.0: phones on your network too)
serve: build
	@$(BIN)/python scripts/serve.py $(OUTPUT) --port $(PORT) --bind $(BIND)

## Check the content only (fast; the same messages as the build)
check: install
	$(BIN)/python -m portal_content content -s pelicanconf.py

## Browser and HTML-checking tools the tests use: Debian's Chromium, Java, axe-core, vnu
test-deps: install node_modules/.installed
	@command -v chromium >/dev/null 2>&1 && command -v java >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium default-jre-headless >/dev/null; \
	  else echo "Please install Chromium and Java: sudo apt-get install chromium default-jre-headless"; exit 1; fi; }

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## Run every test (installs what the tests need first)
test: test-deps
	$(BIN)/ruff check .
	node --test tests/js/
	$(BIN)/python -m pytest -n auto --dist loadfile

## Unit tests of the form's JavaScript modules (Node.js only: no browser, no install)
test-js:
	node --test tests/js/

## Start a new opportunity file from the template: make new-opportunity ORG=<org> SLUG=<slug>
new-opportunity: install
	@test -n "$(ORG)" -a -n "$(SLUG)" || { echo "Usage: make new-opportunity ORG=<organisation> SLUG=<short-name>"; exit 1; }
	$(BIN)/python -m portal_content.scaffold "$(ORG)" "$(SLUG)" -s pelicanconf.py

## Listings past their review date or closing in the next 14 days (JSON=1 for JSON)
freshness: install
	$(BIN)/python -m portal_content.freshness content -s pelicanconf.py $(if $(JSON),--json)

## Write the GitHub issue form (.github/ISSUE_TEMPLATE/list-an-opportunity.yml) from the settings' vocabularies
issue-form: install
	$(BIN)/python -m portal_content.issue_form -s pelicanconf.py

lint: install
	$(BIN)/ruff check .

clean:
	rm -rf $(OUTPUT) .pytest_cache
