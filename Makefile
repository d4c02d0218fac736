# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run serve test lint migrations-check bench backup restore clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 12))' || \
		{ echo "Newsroom needs Python 3.12 or newer (3.13 preferred); set PYTHON=python3.13"; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Reinstall whenever the dependencies change.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

run: $(VENV)/.installed
	DEBUG=1 $(BIN)/python manage.py migrate --no-input
	DEBUG=1 $(BIN)/python manage.py load_sample_newsroom
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Production: set SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL (and REDIS_URL) first.
# gunicorn.conf.py reads PORT and WEB_CONCURRENCY.
serve: $(VENV)/.installed
	$(BIN)/python manage.py collectstatic --no-input
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/gunicorn --config gunicorn.conf.py

test: $(VENV)/.installed
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

migrations-check: $(VENV)/.installed
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache
