import os
import subprocess
import sys
import uuid

import dj_database_url
import pytest
from django.conf import settings

ROOT = settings.BASE_DIR


def run(args, database_url, **extra):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DATABASE_URL": database_url,
        "SECRET_KEY": "tests-only-not-a-secret",
        "ALLOWED_HOSTS": "localhost",
        **extra,
    }
    result = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def articles(database_url):
    code = (
        "import django; django.setup(); from articles.models import Article;"
        "print(sorted(Article.objects.values_list('slug', 'status', 'body')))"
    )
    return run([sys.executable, "-c", code], database_url).strip().splitlines()[-1]


@pytest.fixture
def scratch_databases(tmp_path):
    """Two empty databases on the engine under test: a source and a restore target."""
    configured = os.environ.get("DATABASE_URL", "")
    if not configured.startswith("postgres"):
        yield [f"sqlite:///{tmp_path / name}.sqlite3" for name in ("source", "target")]
        return
    server = configured.rsplit("/", 1)[0]
    base = dj_database_url.parse(configured)["NAME"]
    names = [f"{base}_backup_{role}_{uuid.uuid4().hex[:8]}" for role in ("source", "target")]
    for name in names:
        subprocess.run(
            ["psql", f"{server}/postgres", "-qc", f'CREATE DATABASE "{name}"'], check=True
        )
    yield [f"{server}/{name}" for name in names]
    for name in names:
        subprocess.run(
            [
                "psql",
                f"{server}/postgres",
                "-qc",
                f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
            ],
            check=True,
        )


def test_make_restore_brings_back_every_article(scratch_databases, tmp_path):
    """Back up a newsroom, restore it into an empty database: every article is there."""
    source, target = scratch_databases
    manage = [sys.executable, "manage.py"]
    run([*manage, "migrate", "--no-input", "-v0"], source)
    run([*manage, "seed_bench", "--articles", "40", "--seed", "3", "-v0"], source)
    backup = tmp_path / "newsroom.backup"

    run(["make", "--no-print-directory", "backup", f"BACKUP={backup}"], source)
    run(["make", "--no-print-directory", "restore", f"BACKUP={backup}"], target)

    restored = articles(target)
    assert restored == articles(source)
    assert restored.count("'published'") + restored.count("'draft'") == 40
