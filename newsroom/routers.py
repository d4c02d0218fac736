"""Readers' pages from the replica, everything else from the primary.

With DATABASE_REPLICA_URL set, a streaming replica of the primary answers the queries of
a public read: a GET or HEAD request outside the admin, from a reader who is not logged
in, sends no API token and has not written anything in the last DATABASE_REPLICA_LAG
seconds (ReplicaReadMiddleware marks such a request while it is served, and leaves a
cookie after any request that may have written). Even then a query inside a transaction
reads the primary. Everything else reads the primary: logged-in staff, so that the admin
and the editors' toolbar never show stale data; a partner's token, so that a revoked one
stops at once; a reader right after their own write; the workflow, which changes what it
reads inside a transaction; and whatever runs outside a request (management commands,
the task worker). Writes and migrations go to the primary only.

The replica replays the primary's changes a moment later. A page rendered from it in that
moment and cached would stay stale after the replica caught up, so whatever retires
cached pages after a change waits for the replica first (`wait_for_replica`).
"""

import logging
import time
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction

REPLICA = "replica"
# Sent back by a reader who may have just written: their reads stay on the primary until
# it expires, and they see their own write.
READ_PRIMARY_COOKIE = "newsroom_read_primary"

logger = logging.getLogger(__name__)

_public_read = ContextVar("newsroom_public_read", default=False)


def is_public_read(request) -> bool:
    """Whether the request may read the replica: the module's rule."""
    return (
        request.method in ("GET", "HEAD")
        and not request.path_info.startswith("/" + settings.ADMIN_PATH)
        and READ_PRIMARY_COOKIE not in request.COOKIES
        and "Authorization" not in request.headers
        # Last: it may read the session, from the primary since nothing is marked yet.
        and not request.user.is_authenticated
    )


@contextmanager
def serving(request):
    """Route the reads made while the request is served by its kind (`is_public_read`)."""
    token = _public_read.set(is_public_read(request))
    try:
        yield
    finally:
        _public_read.reset(token)


class ReplicaRouter:
    """Send a public read's queries to the replica, outside a transaction; all else to the
    primary."""

    def db_for_read(self, model, **hints):
        if _public_read.get() and not transaction.get_connection(DEFAULT_DB_ALIAS).in_atomic_block:
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # One database under two names: a row read from either may point to the other's.
        if {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA}:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


def wait_for_replica(seconds: float = 5.0) -> bool:
    """Wait until the replica has replayed all the primary has written so far.

    True once it has (at once, with no query, without a replica); False, with a warning,
    if it still lags after `seconds`.
    """
    if REPLICA not in settings.DATABASES:
        return True
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()")
        (written,) = cursor.fetchone()
    deadline = time.monotonic() + seconds
    with connections[REPLICA].cursor() as cursor:
        while True:
            # A server out of recovery (promoted, or the primary itself) has it all.
            cursor.execute(
                "SELECT NOT pg_is_in_recovery() OR pg_last_wal_replay_lsn() >= %s::pg_lsn",
                [written],
            )
            if cursor.fetchone()[0]:
                return True
            if time.monotonic() >= deadline:
                break
            time.sleep(0.05)
    logger.warning(
        "The replica had not replayed the primary's changes up to %s after %s seconds: "
        "readers may see them late.",
        written,
        seconds,
    )
    return False
