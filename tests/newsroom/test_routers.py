"""Which database a query reads: the replica for a reader's page, the primary for the rest.

The router's decisions, made while ReplicaReadMiddleware serves a request built here;
tests/stack/test_replica.py shows them against a real streaming replica.
"""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory

from articles.models import Article
from newsroom import routers
from newsroom.middleware import ReplicaReadMiddleware

router = routers.ReplicaRouter()
ADMIN = "/" + settings.ADMIN_PATH


def serve(method="get", path="/news/", user=None, view=None, **headers):
    """Serve a request through the middleware; return what the view read from (the
    database of each read it made) and the response."""
    request = getattr(RequestFactory(), method)(path, **headers)
    request.user = user or AnonymousUser()
    reads = []

    def read(request):
        reads.append(router.db_for_read(Article))
        if view:
            view(reads)
        return HttpResponse()

    response = ReplicaReadMiddleware(read)(request)
    return reads, response


@pytest.mark.parametrize(
    ("method", "path"),
    [("get", "/news/"), ("head", "/"), ("get", "/ru/topics/"), ("get", "/api/v1/articles/")],
)
def test_a_reader_s_page_and_the_api_read_the_replica(method, path):
    reads, response = serve(method, path)
    assert reads == ["replica"]
    assert routers.READ_PRIMARY_COOKIE not in response.cookies


def test_the_admin_reads_the_primary_even_before_login():
    assert serve("get", ADMIN + "login/")[0] == ["default"]
    assert serve("get", ADMIN + "articles/article/")[0] == ["default"]


def test_a_logged_in_editor_reads_the_primary_on_public_pages_too():
    editor = User(username="editor", is_staff=True)
    assert serve("get", "/news/", user=editor)[0] == ["default"]


def test_a_partner_with_an_api_token_reads_the_primary():
    """A revoked token stops at once, not once the replica has the revocation."""
    reads, _ = serve("get", "/api/v1/articles/", HTTP_AUTHORIZATION="Bearer some-token")
    assert reads == ["default"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_write_reads_the_primary_and_keeps_its_reader_there_for_a_while(method):
    reads, response = serve(method, "/news/")
    assert reads == ["default"]
    cookie = response.cookies[routers.READ_PRIMARY_COOKIE]
    assert cookie["max-age"] == settings.DATABASE_REPLICA_LAG
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    # The tests run with production's cookie settings (DEBUG off).
    assert cookie["secure"]


def test_a_reader_right_after_their_own_write_reads_the_primary():
    reads, _ = serve("get", "/news/", HTTP_COOKIE=f"{routers.READ_PRIMARY_COOKIE}=1")
    assert reads == ["default"]


@pytest.mark.django_db(transaction=True)
def test_inside_a_transaction_a_reader_s_page_reads_the_primary():
    def in_a_transaction(reads):
        with transaction.atomic():
            reads.append(router.db_for_read(Article))

    reads, _ = serve("get", "/news/", view=in_a_transaction)
    assert reads == ["replica", "default"]


def test_outside_a_request_everything_reads_the_primary():
    assert router.db_for_read(Article) == "default"
    serve("get", "/news/")
    assert router.db_for_read(Article) == "default"


def test_a_request_that_failed_leaves_no_replica_reads_behind():
    def fail(reads):
        raise RuntimeError("the view broke")

    with pytest.raises(RuntimeError):
        serve("get", "/news/", view=fail)
    assert router.db_for_read(Article) == "default"


def test_writes_and_migrations_go_to_the_primary_only():
    def write(reads):
        reads.append(router.db_for_write(Article))

    assert serve("get", "/news/", view=write)[0] == ["replica", "default"]
    assert router.allow_migrate("default", "articles")
    assert not router.allow_migrate("replica", "articles")


def test_rows_from_the_primary_and_the_replica_may_refer_to_each_other():
    from_primary, from_replica, elsewhere = Article(), Article(), Article()
    from_primary._state.db, from_replica._state.db = "default", "replica"
    elsewhere._state.db = "archive"
    assert router.allow_relation(from_primary, from_replica) is True
    assert router.allow_relation(from_primary, elsewhere) is None


def test_without_a_replica_waiting_for_it_is_over_at_once_without_a_query():
    # No database access is allowed here: a query would fail the test.
    assert "replica" not in settings.DATABASES
    assert routers.wait_for_replica() is True


def configuration(**env):
    """The replica's settings as a fresh interpreter reads them from this environment."""
    code = (
        "import json, newsroom.settings as s\n"
        "m = s.MIDDLEWARE\n"
        "after = m[m.index('django.contrib.auth.middleware.AuthenticationMiddleware') + 1]\n"
        "print(json.dumps({'databases': s.DATABASES, 'routers': getattr(s, "
        "'DATABASE_ROUTERS', []), 'after_auth': after, 'lag': s.DATABASE_REPLICA_LAG}, "
        "default=str))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DATABASE_")}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "DEBUG": "1", **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_replica_url_configures_the_replica_its_router_and_its_middleware():
    found = configuration(
        DATABASE_URL="postgres://newsroom@primary.internal/newsroom",
        DATABASE_REPLICA_URL="postgres://newsroom@replica.internal/newsroom",
        DATABASE_REPLICA_LAG="4",
    )
    default, replica = found["databases"]["default"], found["databases"]["replica"]
    assert replica["HOST"] == "replica.internal"
    assert replica["TEST"] == {"MIRROR": "default"}
    assert replica["CONN_MAX_AGE"] == default["CONN_MAX_AGE"]
    assert replica["CONN_HEALTH_CHECKS"] is True
    assert found["routers"] == ["newsroom.routers.ReplicaRouter"]
    assert found["after_auth"] == "newsroom.middleware.ReplicaReadMiddleware"
    assert found["lag"] == 4


def test_without_a_replica_url_there_is_no_router_and_no_middleware():
    found = configuration(DATABASE_REPLICA_URL="")
    assert list(found["databases"]) == ["default"]
    assert found["routers"] == []
    assert found["after_auth"] != "newsroom.middleware.ReplicaReadMiddleware"
