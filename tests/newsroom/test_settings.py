import glob
import os
import shlex
import subprocess
import sys

from django.conf import settings
from django.db import connection

from tests.factories import PRODUCTION_ENV


def load_settings(**env):
    """Import the settings in a fresh interpreter with exactly this environment."""
    clean = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG"}
    }
    return subprocess.run(
        [sys.executable, "-c", "import newsroom.settings as s; print(s.DEBUG, s.ALLOWED_HOSTS)"],
        env={**clean, **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = load_settings(ALLOWED_HOSTS="news.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = load_settings(SECRET_KEY="a-real-secret")
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_debug_is_off_unless_asked_for():
    result = load_settings(**PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "['news.example.org']"]


def test_development_runs_with_no_configuration():
    result = load_settings(DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("True")


def test_an_empty_database_url_means_the_sqlite_file():
    clean = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import newsroom.settings as s; print(s.DATABASES['default']['ENGINE'])",
        ],
        env={**clean, "DEBUG": "1", "DATABASE_URL": ""},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.sqlite3"


def run_manage(*args, **env):
    """Run manage.py in a fresh interpreter with the production environment plus env."""
    clean = {
        k: v
        for k, v in os.environ.items()
        # The browser tests' conftest allows unsafe async in this process, not in production.
        if k
        not in {
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DEBUG",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        env={**clean, **PRODUCTION_ENV, **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_deployment_check_finds_nothing_to_fix(db):
    secret = "k" * 20 + "-a-long-random-looking-production-secret-value"
    env = {"SECRET_KEY": secret}
    if connection.vendor == "postgresql":
        # Some model checks ask the server its features: point them at the test database.
        server = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
        env["DATABASE_URL"] = f"{server}/{connection.settings_dict['NAME']}"
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_collectstatic_writes_compressed_files_under_hashed_names(tmp_path):
    result = run_manage("collectstatic", "--no-input", STATIC_ROOT=str(tmp_path))
    assert result.returncode == 0, result.stderr
    hashed = [p.name for p in (tmp_path / "css").glob("site.*.css")]
    assert len(hashed) == 1, hashed
    assert (tmp_path / "css" / f"{hashed[0]}.gz").exists()
    # The unhashed name stays too: the error pages link it without the manifest.
    assert (tmp_path / "css" / "site.css").exists()


def test_the_admin_lives_where_admin_path_says():
    code = (
        "import django; django.setup(); from django.urls import reverse;"
        "print(reverse('admin:index'))"
    )
    clean = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, **PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "newsroom.settings"}
        | {"ADMIN_PATH": "/desk/"},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "/desk/"


def test_media_storage_is_configuration():
    """Another storage backend (an object store in production) is named, not coded."""
    code = (
        "import django; django.setup();"
        "from django.core.files.storage import default_storage as s;"
        "s._setup(); print(type(s._wrapped).__name__, s._wrapped.base_url)"
    )
    clean = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={
            **clean,
            **PRODUCTION_ENV,
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
            "MEDIA_STORAGE": "django.core.files.storage.InMemoryStorage",
            "MEDIA_STORAGE_OPTIONS": '{"base_url": "https://media.example.org/"}',
        },
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["InMemoryStorage", "https://media.example.org/"]


def run_in_checkout(*command, database, **env):
    """Run a README command in a fresh interpreter with no configuration at all.

    Only the database moves, to `database`, so the test never touches the checkout's own.
    """
    if command[0] == ".venv/bin/python":
        command = (sys.executable, *command[1:])
    return subprocess.run(
        command,
        env={"PATH": os.environ["PATH"], "DATABASE_URL": f"sqlite:///{database}", **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )


def readme_command(start):
    """The command in the README's code blocks that starts with `start`, as arguments."""
    readme = (settings.BASE_DIR / "README.md").read_text(encoding="utf-8")
    [line] = [line for line in readme.splitlines() if line.startswith(start)]
    args = shlex.split(line.split("#")[0])
    # As a shell would expand them, from the checkout.
    return [
        name
        for arg in args
        for name in (sorted(glob.glob(arg, root_dir=settings.BASE_DIR)) or [arg])
    ]


def test_manage_py_in_a_checkout_needs_no_configuration(tmp_path):
    result = run_in_checkout(".venv/bin/python", "manage.py", "check", database=tmp_path / "db")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_readmes_import_command_runs_with_no_configuration(tmp_path):
    database = tmp_path / "db.sqlite3"
    migrate = run_in_checkout(".venv/bin/python", "manage.py", "migrate", "-v0", database=database)
    assert migrate.returncode == 0, migrate.stderr

    result = run_in_checkout(
        *readme_command(".venv/bin/python manage.py import_articles"), database=database
    )
    assert result.returncode == 0, result.stderr
    assert "Imported 1 article, skipped 0 already imported." in result.stdout


def test_manage_py_with_debug_off_refuses_a_missing_secret_key(tmp_path):
    result = run_in_checkout(
        ".venv/bin/python", "manage.py", "check", database=tmp_path / "db", DEBUG="0"
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_manage_py_with_a_secret_key_keeps_debug_off(tmp_path):
    """An environment naming its secret is a deployment, not a checkout."""
    result = run_in_checkout(
        ".venv/bin/python", "manage.py", "check", database=tmp_path / "db", SECRET_KEY="s"
    )
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_gunicorns_entry_point_refuses_a_missing_secret_key(tmp_path):
    result = run_in_checkout(
        sys.executable, "-c", "import newsroom.wsgi", database=tmp_path / "db"
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_make_serve_runs_its_manage_py_steps_with_debug_off(tmp_path):
    """So they refuse a missing secret rather than take manage.py's development defaults."""
    python = tmp_path / "python"
    python.write_text('#!/bin/sh\necho "DEBUG=$DEBUG $*"\nexit 1\n')
    python.chmod(0o755)
    result = subprocess.run(
        # BIN stands in a python that reports and stops; the installed .venv is not remade.
        ["make", "--old-file=.venv/.installed", "serve", f"BIN={tmp_path}"],
        env={"PATH": os.environ["PATH"], "DEBUG": "1"},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "DEBUG=0 manage.py collectstatic" in result.stdout, result.stdout + result.stderr


def test_a_log_line_is_printed_once_in_development(tmp_path):
    log = "import logging; logging.getLogger('django.request').warning('Logged once')"
    # As under `make run`.
    result = run_in_checkout(
        ".venv/bin/python", "manage.py", "shell", "-c", log, database=tmp_path / "db", DEBUG="1"
    )
    assert result.returncode == 0, result.stderr
    assert (result.stdout + result.stderr).count("Logged once") == 1
