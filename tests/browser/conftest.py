"""Chromium for browser tests: Debian's build, driven by Playwright's sync API."""

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from playwright.sync_api import expect, sync_playwright

from tests.machine import cannot_run

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
PASSWORD = "a-long-staff-password"


@pytest.fixture(scope="session")
def browser():
    """Return one Chromium for the session; skip without it locally, fail without it in CI."""
    path = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not Path(path).exists():
        message = f"Chromium not found at {path}; apt-get install chromium to run browser tests"
        cannot_run(message)

    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def serve_upload(route):
    """Answer for an uploaded file from MEDIA_ROOT, which the live server does not serve
    (DEBUG is off): pictures load, and take their place, as they would for a reader."""
    name = unquote(urlsplit(route.request.url).path).removeprefix(f"/{settings.MEDIA_URL}")
    path = Path(settings.MEDIA_ROOT) / name
    if ".." in Path(name).parts or not path.is_file():
        route.fulfill(status=404)
    else:
        route.fulfill(path=path)


@pytest.fixture
def new_page(browser, live_server):
    """Open pages on the live server, each call in a fresh context (its own cookies)."""
    contexts = []

    def open_page(**options):
        """`options` are the context's: a `viewport`..."""
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(TIMEOUT_MS)
        context.route(f"{live_server.url}/{settings.MEDIA_URL}**", serve_upload)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def log_in(new_page, roles):
    """Return a function that makes a staff user in a role and logs them in on a new page."""

    def log_in_as(username, role):
        user = User.objects.create_user(
            username, email=f"{username}@newsroom.test", password=PASSWORD, is_staff=True
        )
        user.groups.add(roles[role])
        page = new_page()
        page.goto("/admin/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_role("heading", name="Editorial desk")).to_be_visible()
        return page

    return log_in_as
