"""What the stack's tests share: the site released into a database of its own on the
PostgreSQL server, with Redis and a media folder, and app servers serving it.

These tests start real servers, and use neither pytest-django's test database nor its
settings: they speak HTTP only. What they need and do not find skips them on a
developer's machine and fails them in CI (CI set), where a skip would go unnoticed.
"""

import contextlib
import uuid

import psycopg
import pytest
import redis

from newsroom.stack import haproxy
from newsroom.stack.apps import AppServer, production_environment, release
from newsroom.stack.base import HOST, answers
from tests.machine import cannot_run

POSTGRES = f"postgres://postgres@{HOST}:5432"
# A Redis database no other test flushes (the cache tests use 5 and 15).
REDIS = f"redis://{HOST}:6379/9"


@pytest.fixture(scope="session")
def haproxy_installed():
    if haproxy.EXECUTABLE is None:
        cannot_run("HAProxy is not installed (apt-get install haproxy)")


@pytest.fixture(scope="session")
def shared_database():
    """The URL of a database made for this run on the PostgreSQL server, dropped after it."""
    if not answers(5432):
        cannot_run(f"PostgreSQL is not running on {HOST}:5432")
    name = f"newsroom_stack_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as server:
        server.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{POSTGRES}/{name}"
    finally:
        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def site_environment(shared_database, tmp_path_factory):
    """What every app server is given, the database migrated and seeded with 30 articles."""
    if not answers(6379):
        cannot_run(f"Redis is not running on {HOST}:6379")
    folder = tmp_path_factory.mktemp("stack")
    prefix = f"newsroom-stack-{uuid.uuid4().hex[:12]}"
    environment = production_environment(
        DATABASE_URL=shared_database,
        REDIS_URL=REDIS,
        CACHE_KEY_PREFIX=prefix,
        MEDIA_ROOT=str(folder / "media"),
        STATIC_ROOT=str(folder / "static"),
        SECRET_KEY="tests-only-not-a-secret",
        ALLOWED_HOSTS=HOST,
        SECURE_SSL_REDIRECT="0",
    )
    release(environment, bench_articles=30)
    try:
        yield environment
    finally:
        cache = redis.Redis.from_url(REDIS)
        for key in cache.scan_iter(f"{prefix}:*"):
            cache.delete(key)


@pytest.fixture
def app_servers(site_environment):
    """Two app servers of two workers each, serving the same site."""
    with contextlib.ExitStack() as running:
        yield [running.enter_context(AppServer(site_environment)) for _ in range(2)]


@pytest.fixture
def balancer(haproxy_installed, app_servers):
    """HAProxy in front of the app servers, once its checks found them all up."""
    with haproxy.HAProxy([server.address for server in app_servers]) as balancer:
        yield balancer
