# The two commands a newcomer needs: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run test env lint lock messages rules bench clean

# The environment is rebuilt only when the lock file changes.
$(BIN)/.installed: requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	touch $@

env: $(BIN)/.installed

run: env
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	PORT=$(PORT) bin/serve-dev

test: env
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: env
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py rules_reference --check

# docs/rules.md: the rules reference generated from the workflow and statutory tables.
rules: env
	$(BIN)/python manage.py rules_reference

messages: env
	$(BIN)/python manage.py makemessages -l zh_Hans -l en --no-obsolete --no-location
	$(BIN)/python manage.py compilemessages --ignore=.venv

lock:
	$(BIN)/pip-compile --quiet --extra dev --strip-extras -o requirements.lock pyproject.toml

bench: env
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) var
