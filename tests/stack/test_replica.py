"""A primary and a streaming replica of it, two PostgreSQL clusters of their own, under
the site: readers read the replica, editors the primary.

Replay on the replica is paused while a story is published on the primary: whatever a
request shows of the story then says which of the two it read. The probes are pages the
page cache never keeps (a 404, search) or keeps for nobody (a logged-in editor's); the
last test is about the page cache, shared here in Redis as between app servers.
"""

import http.cookiejar
import os
import shutil
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass

import psycopg
import pytest
import redis

from newsroom.stack.apps import ROOT, AppServer, production_environment, release
from newsroom.stack.base import HOST, answers, wait_until
from newsroom.stack.postgres import PG_BIN, Primary, Replica
from tests.machine import cannot_run

pytestmark = pytest.mark.stack

# A Redis database no other test flushes (the cache tests use 5 and 15).
REDIS = f"redis://{HOST}:6379/9"
EDITOR, PASSWORD = "replica-editor", "a-long-editor-password"


@pytest.fixture(scope="module")
def clusters():
    """A primary with the site's database, and a hot standby streaming from it."""
    problem = None
    if os.geteuid() != 0:
        problem = "the replica tests run PostgreSQL clusters as the postgres user: run as root"
    elif not (PG_BIN / "pg_basebackup").exists() or not shutil.which("runuser"):
        problem = f"PostgreSQL server binaries not found in {PG_BIN} (apt-get install postgresql)"
    elif not answers(6379):
        problem = f"Redis is not running on {HOST}:6379"
    if problem:
        cannot_run(problem)
    with Primary() as primary:
        primary.create_database()
        with Replica(primary) as replica:
            yield primary, replica


def manage(environment, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def environment(clusters, tmp_path_factory):
    """The site's settings: the primary, its replica, and a page cache in Redis of its own;
    the database migrated and seeded with 30 articles and an editor."""
    primary, replica = clusters
    folder = tmp_path_factory.mktemp("replica")
    prefix = f"newsroom-replica-{uuid.uuid4().hex[:12]}"
    environment = production_environment(
        DATABASE_URL=primary.url(),
        DATABASE_REPLICA_URL=replica.url(),
        REDIS_URL=REDIS,
        CACHE_KEY_PREFIX=prefix,
        MEDIA_ROOT=str(folder / "media"),
        STATIC_ROOT=str(folder / "static"),
        SECRET_KEY="tests-only-not-a-secret",
        ALLOWED_HOSTS=HOST,
        SECURE_SSL_REDIRECT="0",
    )
    try:
        release(environment, bench_articles=30)
        manage(
            {**environment, "DJANGO_SUPERUSER_PASSWORD": PASSWORD},
            *("createsuperuser", "--no-input", "--username", EDITOR, "--email", "e@news.test"),
        )
        replica.catch_up()
        yield environment
    finally:
        cache = redis.Redis.from_url(REDIS)
        for key in cache.scan_iter(f"{prefix}:*"):
            cache.delete(key)


@pytest.fixture(scope="module")
def site(environment):
    with AppServer(environment) as server:
        yield server.url


@pytest.fixture
def paused(clusters):
    """The replica, its replay paused for the test and resumed after it whatever happens."""
    primary, replica = clusters
    replica.pause()
    try:
        yield replica
    finally:
        replica.resume()
    replica.catch_up()


class Browser:
    """One visitor of the site, keeping their cookies. The site runs with production
    settings, whose cookies are Secure, on plain HTTP over loopback: send them anyway, as
    a browser would over HTTPS."""

    def __init__(self, site: str):
        self.site = site
        self.cookies = http.cookiejar.CookieJar(
            http.cookiejar.DefaultCookiePolicy(secure_protocols=("http", "https"))
        )
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def open(self, path: str, data: dict | None = None) -> tuple[int, str]:
        """Return (status, body) of a GET, or of a POST of `data` with the CSRF token."""
        if data is not None:
            data = urllib.parse.urlencode(
                {**data, "csrfmiddlewaretoken": self.cookie("csrftoken")}
            )
        try:
            with self.opener.open(self.site + path, data and data.encode(), timeout=10) as answer:
                return answer.status, answer.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def cookie(self, name: str) -> str | None:
        return next((c.value for c in self.cookies if c.name == name), None)

    def log_in(self) -> None:
        self.open("/admin/login/")
        status, page = self.open(
            "/admin/login/?next=/admin/", {"username": EDITOR, "password": PASSWORD}
        )
        assert status == 200 and "Log out" in page, page[:500]


@dataclass
class Story:
    pk: int
    headline: str
    path: str


PUBLISH = """
from django.utils import timezone
from tests.factories import make_article
article = make_article(headline={headline!r}, published_at=timezone.now())
print(article.pk, article.get_absolute_url())
"""


def publish(environment, headline: str, background: bool = False):
    """Publish a story on the primary through the lifecycle, in a process of its own as an
    editor's request would; with `background`, return that process running."""
    command = [
        sys.executable,
        "manage.py",
        "shell",
        "--no-imports",
        "-c",
        PUBLISH.format(headline=headline),
    ]
    if background:
        return subprocess.Popen(
            command, env=environment, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
    pk, path = manage(environment, *command[2:]).split()
    return Story(int(pk), headline, path)


def headline() -> str:
    return f"Lighthouse keepers vote {uuid.uuid4().hex[:8]}"


def test_readers_read_the_replica_and_the_editors_the_primary(environment, site, paused):
    """While the replica lags, a reader does not see a new story yet; the editor does,
    on the site and in the admin, and so does whoever has just written (logged out)."""
    # On the primary alone: with the replica configured, the publication's refresh of the
    # caches would first wait for the paused replica, in vain (the last test is about it).
    story = publish({**environment, "DATABASE_REPLICA_URL": ""}, headline())
    reader, editor = Browser(site), Browser(site)
    word = story.headline.split()[-1]

    assert reader.open(story.path)[0] == 404
    assert reader.open(f"/api/v1/articles/{story.pk}/")[0] == 404
    assert story.path not in reader.open(f"/search/?q={word}")[1]

    editor.log_in()
    status, page = editor.open(story.path)
    assert status == 200 and story.headline in page
    status, page = editor.open(f"/admin/articles/article/{story.pk}/change/")
    assert status == 200 and story.headline in page
    assert story.headline in editor.open(f"/admin/articles/article/?q={word}")[1]

    # Logging out is a write: for a few seconds after it, the visitor reads the primary.
    # (The page they are shown is cached for every reader, which does no harm: it is newer
    # than the replica. The API's answer is another page, not cached yet.)
    editor.open("/admin/logout/", {})
    assert editor.cookie("newsroom_read_primary") == "1"
    assert editor.open(story.path)[0] == 200
    assert reader.open(f"/api/v1/articles/{story.pk}/")[0] == 404

    paused.resume()
    paused.catch_up(10)
    assert reader.open(story.path)[0] == 200
    assert reader.open(f"/api/v1/articles/{story.pk}/")[0] == 200
    assert story.path in reader.open(f"/search/?q={word}")[1]


WAIT = """
import time
from newsroom.routers import wait_for_replica
started = time.monotonic()
print(wait_for_replica({seconds}), round(time.monotonic() - started, 2))
"""


def wait_for_replica(environment, seconds: float) -> tuple[bool, float, str]:
    """Run newsroom.routers.wait_for_replica in the site's settings: (what it returned,
    how long it took, what it logged)."""
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", WAIT.format(seconds=seconds)],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    answer, took = done.stdout.split()
    return answer == "True", float(took), done.stderr


def test_waiting_for_the_replica_ends_when_it_has_replayed_the_primary(environment, paused):
    publish({**environment, "DATABASE_REPLICA_URL": ""}, headline())

    caught_up, took, logged = wait_for_replica(environment, 1.0)
    assert not caught_up
    assert 1.0 <= took < 3
    assert "The replica had not replayed" in logged

    paused.resume()
    caught_up, took, logged = wait_for_replica(environment, 10.0)
    assert caught_up
    assert took < 5
    assert "The replica had not replayed" not in logged


def test_a_list_cached_while_the_replica_lags_is_refreshed_once_it_has_caught_up(
    clusters, environment, site, paused
):
    """The page cache is refreshed after a publication only once the replica has it: a
    page rendered from the lagging replica meanwhile would otherwise stay cached, stale."""
    primary, _ = clusters
    reader = Browser(site)
    reader.open("/news/")
    title = headline()
    publishing = publish(environment, title, background=True)
    try:
        wait_until(
            lambda: primary.execute(
                "SELECT count(*) FROM articles_article WHERE headline = %s AND status = %s",
                [title, "published"],
                dbname="newsroom",
            )[0],
            20,
            "the story was not published on the primary",
        )
        # Published on the primary; the publication waits for the replica to refresh.
        assert title not in reader.open("/news/")[1]
        paused.resume()
        _, logged = publishing.communicate(timeout=30)
    finally:
        publishing.kill()
    assert publishing.returncode == 0, logged.decode()
    assert b"The replica had not replayed" not in logged
    assert title in reader.open("/news/")[1]


def test_the_replica_is_read_only(clusters):
    _, replica = clusters
    with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
        replica.execute("CREATE TABLE written_on_the_replica (id int)", dbname="newsroom")
