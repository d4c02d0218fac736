"""Chromium for browser tests: Debian's build, driven by Playwright's sync API."""

import importlib
import os
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.loader import MigrationLoader

# Playwright's sync API runs an event loop in this thread, so Django would refuse ORM calls.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Long enough for a slow CI machine, short enough that a broken page fails quickly.
TIMEOUT_MS = 10_000


def in_ci():
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no", "off"}


@pytest.fixture(scope="session")
def browser():
    """Return one Chromium for the session; skip without it locally, fail without it in CI."""
    path = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not Path(path).exists():
        message = f"Chromium not found at {path}; apt-get install chromium to run browser tests"
        if in_ci():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)

    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """Open pages on the live server, each call in a fresh context (its own cookies)."""
    contexts = []

    def open_page():
        context = browser.new_context(base_url=live_server.url)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def editors(transactional_db):
    """Return the Editors group that migration 0002 makes.

    An earlier transactional test's flush empties every table, the roles included;
    run that migration's own code again then, against the models as it saw them.
    """
    if not Group.objects.filter(name="Editors").exists():
        node = ("articles", "0002_roles")
        state_apps = MigrationLoader(connection).project_state(node).apps
        roles = importlib.import_module("articles.migrations.0002_roles")
        with connection.schema_editor() as schema_editor:
            roles.create_roles(state_apps, schema_editor)
    return Group.objects.get(name="Editors")
