import os
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
