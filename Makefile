# Desk: `make run` to try it, `make test` for the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 5000
FLASK := $(BIN)/flask --app wsgi

.PHONY: install run reset-demo test lint format migrate clean screenshots

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

instance/secret_key:
	mkdir -p instance
	$(BIN)/python -c "import secrets; print(secrets.token_hex(32))" > $@
	chmod 600 $@

run: install instance/secret_key
	export SECRET_KEY=$$(cat instance/secret_key) && \
	$(FLASK) db upgrade && \
	$(FLASK) desk seed-demo && \
	echo "Desk is at http://127.0.0.1:$(PORT)/  (staff: http://127.0.0.1:$(PORT)/login)" && \
	{ $(FLASK) desk scheduler & SCHEDULER=$$!; trap 'kill $$SCHEDULER 2>/dev/null' EXIT INT TERM; \
	  $(FLASK) run --host 127.0.0.1 --port $(PORT); }

reset-demo: install instance/secret_key
	rm -f instance/desk.sqlite3 instance/desk.sqlite3-wal instance/desk.sqlite3-shm
	export SECRET_KEY=$$(cat instance/secret_key) && $(FLASK) db upgrade && $(FLASK) desk seed-demo

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/pytest

# PNGs of every page for each role at 390 and 1280 px (needs /usr/bin/chromium), for review.
screenshots: install
	$(BIN)/python -m tests.browser.screenshots --out screenshots

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrate: install
	$(FLASK) db migrate -m "$(m)"

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
