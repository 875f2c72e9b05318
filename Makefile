# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test lint format migrate demo search-engine eval-charly

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev,production]"
	touch $(STAMP)

# Front-end packages the site serves itself (Leaflet) and the browser tests inject (axe-core).
NODE_STAMP := node_modules/.installed-stamp
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

install: $(STAMP) $(NODE_STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

run: demo
	WAGTAILADMIN_BASE_URL=http://$(HOST):$(PORT) $(PY) manage.py demo_admin
	$(PY) manage.py runserver $(HOST):$(PORT)

# The engine half of the search contract needs a real node: `make test` starts one when Java is
# there (the first start downloads it from Maven Central; later starts take a few seconds), and
# stops it afterwards, unless it was already running (CI, or a node you started yourself).
search-engine:
	@if command -v java >/dev/null 2>&1; then scripts/search-engine start; \
	else echo "No Java here: the search-engine tests will be skipped (CI runs them)."; fi

test: install
	@started=0; \
	if command -v java >/dev/null 2>&1 && ! scripts/search-engine status >/dev/null 2>&1; then \
		scripts/search-engine start && started=1; \
	elif ! command -v java >/dev/null 2>&1; then \
		echo "No Java here: the search-engine tests will be skipped (CI runs them)."; \
	fi; \
	$(PY) -m pytest $(PYTEST_ARGS); status=$$?; \
	if [ $$started = 1 ]; then scripts/search-engine stop; fi; \
	exit $$status

TEMPLATES := templates cms/home/templates chatbot/templates cms/campagnes/templates cms/orientation/templates search/templates evenements/inscriptions/templates

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/djlint $(TEMPLATES) --lint

format: install
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .
