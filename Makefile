# Everyday commands. `make build` and `make test` are all a fresh machine needs.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
SITE_URL ?= http://127.0.0.1:$(PORT)/
# Material 9.8 prints an end-of-life banner on every build; its successor is Zensical.
export NO_MKDOCS_2_WARNING := 1
export SITE_URL

.PHONY: help build serve test tables check-tables lint bench audit translations mark-translated page check-content clean \
        system-deps node-deps

help:
	@echo "make build         build both languages into site/ (installs what it needs)"
	@echo "make serve         live preview on http://127.0.0.1:8000/ (another port: PORT=8001)"
	@echo "make test          run the whole test suite"
	@echo "make tables        regenerate the membership tables from data/membership_classes.yml"
	@echo "make translations  list pages that need translating, with what changed in English"
	@echo "make mark-translated PAGE=membership.md   record that a Chinese page is up to date"
	@echo "make page NAME=... TITLE_EN=... TITLE_ZH=...   add a page in both languages"
	@echo "make check-content  front matter, glossary terms and Chinese punctuation"
	@echo "make bench / make audit   build-time and page-weight figures / Lighthouse scores"

$(VENV)/.site-deps: requirements.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-deps: requirements-dev.txt $(VENV)/.site-deps
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# Into a fresh folder; site/ is replaced only when the build succeeded.
build: $(VENV)/.site-deps
	$(PY) scripts/build_site.py

serve: $(VENV)/.site-deps
	$(PY) scripts/serve_site.py $(call quoted,PORT)

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

# puppeteer-core drives Firefox and downloads no browser.
node_modules/.installed: package.json package-lock.json
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund
	touch $@

node-deps: node_modules/.installed

test: $(VENV)/.dev-deps system-deps node-deps
	$(PY) -m ruff check scripts tests
	$(VENV)/bin/zizmor --offline --persona=auditor --quiet .github/workflows
	$(PY) -m pytest

tables: $(VENV)/.site-deps
	$(PY) scripts/membership_tables.py

translations: $(VENV)/.site-deps
	$(PY) scripts/translations.py

# After updating a Chinese page: make mark-translated PAGE=membership.md
mark-translated: $(VENV)/.site-deps
	$(PY) scripts/translations.py --mark-translated $(call quoted,PAGE)

# A variable exactly as typed on the command line ($, quotes and all): $(value) keeps make
# from expanding it and single quotes keep the shell out.
quoted = '$(subst ','\'',$(value $(1)))'

page: $(VENV)/.site-deps
	$(PY) scripts/new_page.py --name $(call quoted,NAME) --title-en $(call quoted,TITLE_EN) \
	  --title-zh $(call quoted,TITLE_ZH)

# Every check runs, so one report lists every finding; fails if any found something.
check-content: $(VENV)/.site-deps
	@status=0; \
	$(PY) scripts/front_matter.py || status=1; \
	$(PY) scripts/glossary_check.py || status=1; \
	$(PY) scripts/typography_check.py || status=1; \
	exit $$status

bench: $(VENV)/.dev-deps system-deps
	$(PY) scripts/bench.py $(BENCH_ARGS)

audit: $(VENV)/.dev-deps system-deps node-deps
	$(PY) scripts/audit.py

clean:
	rm -rf site .pytest_cache test-artifacts
