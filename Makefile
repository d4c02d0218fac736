# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run serve stack test lint migrations-check messages messages-check screenshots mutation bench bench-db bench-linking backup restore clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 12))' || \
		{ echo "Newsroom needs Python 3.12 or newer (3.13 preferred); set PYTHON=python3.13"; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Reinstall whenever the dependencies change.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# manage.py alone defaults to development; this holds even with a SECRET_KEY exported.
run: export DEBUG = 1
# The task worker (webhook deliveries) runs beside the site and stops with it.
run: $(VENV)/.installed
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_sample_newsroom
	@echo "Starting the task worker beside the site: manage.py db_worker (webhook deliveries)"
	@$(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Production: set SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL (and REDIS_URL) first, and run
# `manage.py db_worker` beside it as a process of its own (the README's Deploying).
# gunicorn.conf.py reads PORT and WEB_CONCURRENCY. DEBUG=0 so that its manage.py steps
# refuse a missing SECRET_KEY too, rather than take manage.py's development defaults.
serve: export DEBUG = 0
serve: $(VENV)/.installed
	$(BIN)/python manage.py collectstatic --no-input
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/gunicorn --config gunicorn.conf.py

# The scale-out topology on this machine, with the sample newsroom (README, Scaling out):
# Varnish on PORT, HAProxy, two app servers, a PostgreSQL primary and replica, Redis.
# Needs root (PostgreSQL runs as the postgres user), PostgreSQL's server binaries and Redis.
stack: $(VENV)/.installed stack-tools
	PORT=$(PORT) $(BIN)/python -m newsroom.stack

.PHONY: stack-tools
stack-tools:
	@test -x /usr/sbin/varnishd -a -x /usr/sbin/haproxy \
		-a -n "$(wildcard /usr/lib/*/varnish/vmods/libvmod_xkey.so)" || \
		{ apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y varnish \
			varnish-modules haproxy; }

test: $(VENV)/.installed
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

migrations-check: $(VENV)/.installed
	$(BIN)/python manage.py makemigrations --check --dry-run

# The interface's catalogues, locale/<language>/LC_MESSAGES/django.po: `messages` adds the
# strings the code and templates have gained (Jinja2 ones through the makemessages in
# articles/management/commands) and compiles the .mo files, which are committed so that a
# machine without gettext runs the site translated; `messages-check` (CI) fails while a
# string is untranslated or fuzzy, or a .mo is stale. Both need GNU gettext.
MESSAGES_LANGUAGES ?= ru ar
messages: $(VENV)/.installed gettext-tools
	$(BIN)/python manage.py makemessages $(addprefix --locale ,$(MESSAGES_LANGUAGES)) \
		--no-obsolete --add-location file
	$(BIN)/python manage.py compilemessages $(addprefix --locale ,$(MESSAGES_LANGUAGES)) \
		--ignore '.*'

messages-check: $(VENV)/.installed gettext-tools
	$(BIN)/python manage.py checkmessages

.PHONY: gettext-tools
gettext-tools:
	@command -v xgettext >/dev/null && command -v msgfmt >/dev/null || \
		{ echo "GNU gettext is needed: apt-get install gettext (brew install gettext)"; exit 1; }

# The README's pictures of the admin, taken in Chromium on the sample newsroom at
# 1440×900 and written to docs/. The same test runs with the browser tests, writing to a
# scratch folder instead, so the pictures can always be taken again.
screenshots: $(VENV)/.installed
	SCREENSHOTS=$(CURDIR)/docs $(BIN)/python -m pytest tests/browser/test_screenshots.py -q

# Mutation testing, never part of `make test` or CI: each module's tests run once per
# mutant, serially, on SQLite (minutes). MODULES="articles/importer.py ..." for some only.
mutation: $(VENV)/.installed
	$(BIN)/python tests/mutation/run.py $(MODULES)

# Back up and restore the database named by DATABASE_URL (unset: the SQLite file).
# PostgreSQL: pg_dump's custom format, restored with pg_restore --clean (replaces what is
# there). SQLite: dumpdata JSON with natural keys, loaded into a flushed database.
BACKUP ?= newsroom.backup
DUMP_EXCLUDE := --exclude contenttypes --exclude auth.permission --exclude sessions \
	--exclude admin.logentry --exclude axes
backup: $(VENV)/.installed
	@case "$$DATABASE_URL" in \
	postgres*) pg_dump --format=custom --no-owner --file="$(BACKUP)" "$$DATABASE_URL" ;; \
	*) $(BIN)/python manage.py dumpdata --natural-foreign --natural-primary $(DUMP_EXCLUDE) \
		--output "$(BACKUP)" ;; \
	esac
	@echo "Backed up to $(BACKUP)"

restore: $(VENV)/.installed
	@test -f "$(BACKUP)" || { echo "No backup at $(BACKUP); set BACKUP=path"; exit 1; }
	@case "$$DATABASE_URL" in \
	postgres*) pg_restore --clean --if-exists --no-owner --exit-on-error \
		--dbname="$$DATABASE_URL" "$(BACKUP)" ;; \
	*) $(BIN)/python manage.py migrate --no-input -v0 && \
		$(BIN)/python manage.py flush --no-input && \
		$(BIN)/python manage.py loaddata --format json - < "$(BACKUP)" ;; \
	esac
	@echo "Restored from $(BACKUP)"

# Benchmarks, never part of `make test` or CI: PostgreSQL database BENCH_DB, one per size
# (newsroom_bench_<BENCH_ARTICLES>), seeded once with BENCH_ARTICLES articles by
# `bench-db`, served by gunicorn on 127.0.0.1 and loaded with wrk, searches also at a
# constant rate. DURATION seconds per page type, SOAK seconds for the memory soak (600
# for the README), SEARCH_RATE searches a second for the constant-rate row.
BENCH_ARTICLES ?= 100000
BENCH_DB ?= newsroom_bench_$(BENCH_ARTICLES)
PG ?= postgres://postgres@127.0.0.1:5432
bench bench-db: export DATABASE_URL = $(PG)/$(BENCH_DB)
bench bench-db: export DJANGO_SETTINGS_MODULE = bench.settings
bench bench-db: export SECRET_KEY = bench-only-not-a-secret
bench bench-db: export ALLOWED_HOSTS = 127.0.0.1,localhost

# A database that holds some other number of articles is refused, never benched as this one.
bench-db: $(VENV)/.installed
	@psql "$(PG)/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = '$(BENCH_DB)'" | grep -q 1 || \
		psql "$(PG)/postgres" -qc 'CREATE DATABASE "$(BENCH_DB)"'
	$(BIN)/python manage.py migrate --no-input -v0
	@articles=$$($(BIN)/python manage.py shell -c 'from articles.models import Article; print(Article.objects.count())' | tail -1); \
	if [ "$$articles" = 0 ]; then \
		$(BIN)/python manage.py seed_bench --articles $(BENCH_ARTICLES) && psql "$$DATABASE_URL" -qc 'VACUUM ANALYZE'; \
	elif [ "$$articles" != "$(BENCH_ARTICLES)" ]; then \
		echo "$(BENCH_DB) holds $$articles articles, not BENCH_ARTICLES=$(BENCH_ARTICLES)"; exit 1; \
	fi

bench: bench-db bench-linking
	@command -v wrk >/dev/null || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y wrk; }
	$(BIN)/python manage.py collectstatic --no-input -v0
	$(BIN)/python bench/run.py

# The linker at a real directory's size (issue 15), also run by `make bench`, without the
# bench database: a made-up directory of ENTRIES entries with NAMES names (50,000 and
# 200,000) in memory, RUNS timed links of a 1,500-word article (100); then in a scratch
# SQLite database (LINKING_DATABASE_URL for PostgreSQL), SAVES admin saves (20). About
# five minutes, most of it importing the directory. PROFILE=1 for cProfile.
bench-linking: $(VENV)/.installed
	$(BIN)/python bench/linking.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache
