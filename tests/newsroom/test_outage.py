"""The site under gunicorn against a PostgreSQL server of its own, stopped and started again."""

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings

from newsroom.stack.base import HOST, free_port
from newsroom.stack.postgres import PG_BIN, Primary
from tests.machine import cannot_run

ROOT = settings.BASE_DIR


def wait_until(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"{what} within {seconds} seconds")


def get(url):
    """Return (status, body) without raising on error statuses or a refused connection."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except OSError:
        return None, ""


@pytest.fixture
def cluster():
    problem = None
    if os.geteuid() != 0:
        problem = "the outage test starts its own PostgreSQL as the postgres user: run as root"
    elif not (PG_BIN / "initdb").exists() or not shutil.which("runuser"):
        problem = f"PostgreSQL server binaries not found in {PG_BIN} (apt-get install postgresql)"
    if problem:
        cannot_run(problem)
    with Primary() as cluster:
        cluster.create_database()
        yield cluster


@pytest.fixture
def site(cluster, tmp_path):
    """Serve the newsroom with production settings and gunicorn against that cluster."""
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DATABASE_URL": cluster.url(),
        "SECRET_KEY": "tests-only-not-a-secret",
        "ALLOWED_HOSTS": HOST,
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(tmp_path / "static"),
        "GUNICORN_ACCESSLOG": "",
    }
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "-v0"], ["collectstatic", "--no-input", "-v0"]):
        subprocess.run([*manage, *command], env=env, cwd=ROOT, check=True, capture_output=True)
    subprocess.run(
        [*manage, "seed_bench", "--articles", "30", "-v0"],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    port = free_port()
    server = subprocess.Popen(
        [Path(sys.executable).parent / "gunicorn", "--config", "gunicorn.conf.py"],
        env={**env, "HOST": HOST, "PORT": str(port), "WEB_CONCURRENCY": "2"},
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://{HOST}:{port}"
    try:
        wait_until(lambda: get(base + "/")[0] == 200, 30, "gunicorn did not serve the front page")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def article_urls(base):
    status, page = get(base + "/news/")
    assert status == 200
    return [base + href for href in set(re.findall(r'href="(/news/\d[^"]+)"', page))]


def test_a_bounded_load_ends_with_no_failed_request(site):
    urls = [site + "/", site + "/news/", site + "/regions/russia/", *article_urls(site)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        statuses = list(pool.map(lambda url: get(url)[0], urls * 20))
    assert len(statuses) >= 100
    assert statuses.count(200) == len(statuses), {s: statuses.count(s) for s in set(statuses)}


def test_with_the_database_down_the_site_says_so_and_recovers_by_itself(site, cluster):
    article = article_urls(site)[0]
    assert get(article)[0] == 200

    cluster.stop()
    # Pages no worker has cached yet, and search, which is never cached: each needs the
    # database. (A page a worker cached before the outage may still be served from it.)
    for url in [site + "/search/?q=trade", site + "/topics/trade/", site + "/organisations/"]:
        status, body = get(url)
        assert status == 503, url
        assert "Back in a moment" in body
        assert "Traceback" not in body and "OperationalError" not in body

    cluster.start()
    # Search is never cached: its answering proves the database is reached again.
    wait_until(lambda: get(site + "/search/?q=trade")[0] == 200, 30, "the site did not recover")
    assert get(site + "/")[0] == 200
