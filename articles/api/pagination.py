"""Cursor pagination: a page goes on from the last item of the one before, by its keys.

An offset would shift when a story is published between two requests (one read twice,
or one skipped); a cursor names where the last page ended, (publication time, id) for
articles and the id for everything else, so a page's next one is the same whatever is
published meanwhile. The cursor is opaque to clients: base64 of those keys as JSON.
"""

import base64
import binascii
import datetime
import json
from typing import Annotated

from django.db.models import Q
from django.utils.translation import gettext as _
from ninja import Field, Query, Schema
from ninja.errors import HttpError

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
# The largest id a database's 64-bit key holds.
MAX_ID = 2**63 - 1

Limit = Annotated[
    int, Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Items per page (at most 100).")
]
Cursor = Annotated[
    str | None,
    Query(None, max_length=200, description="Where the page before ended: give its `next`."),
]


class Page[T](Schema):
    results: list[T]
    next: str | None = Field(description="The next page's address; null on the last page.")


def encode(keys: list) -> str:
    return base64.urlsafe_b64encode(json.dumps(keys).encode()).decode()


def decode(cursor: str, by_time: bool) -> tuple[datetime.datetime | None, int]:
    """The keys a cursor holds, or a 400 saying it is not one of ours."""
    try:
        keys = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        if by_time:
            moment, pk = keys
            moment = datetime.datetime.fromisoformat(moment)
            if moment.tzinfo is None:
                raise ValueError
        else:
            moment, (pk,) = None, keys
        if not isinstance(pk, int) or not 0 < pk <= MAX_ID:
            raise ValueError
    except (ValueError, TypeError, binascii.Error, UnicodeError):
        raise HttpError(400, _("That cursor is not one this API gave out.")) from None
    return moment, pk


def paginate(request, queryset, *, cursor: str | None, limit: int, by_time: bool) -> dict:
    """Return the page of `queryset` after `cursor`: newest first by `published_at` when
    `by_time`, else by id; one query, reading one row more to learn whether one follows."""
    if by_time:
        queryset = queryset.order_by("-published_at", "-pk")
    else:
        queryset = queryset.order_by("pk")
    if cursor:
        moment, pk = decode(cursor, by_time)
        if by_time:
            queryset = queryset.filter(
                Q(published_at__lt=moment) | Q(published_at=moment, pk__lt=pk)
            )
        else:
            queryset = queryset.filter(pk__gt=pk)
    items = list(queryset[: limit + 1])
    following = None
    if len(items) > limit:
        items = items[:limit]
        last = items[-1]
        keys = [last.published_at.isoformat(), last.pk] if by_time else [last.pk]
        query = request.GET.copy()
        query["cursor"] = encode(keys)
        following = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
    return {"results": items, "next": following}
