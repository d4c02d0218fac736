"""Whole public pages in the cache, dropped the moment anything they show changes.

Every page is stored with the content generation it was rendered under, a number bumped
after each commit that changes an article, a version going live, a front page's layout
published, or any person, organisation, event, topic or region. A page from any other
generation than the current one counts as a miss, so a bump retires every cached page
at once, on every server sharing the cache; the next request renders a page afresh and
stores it over the old one, and a retired page nobody asks for again expires on its own.
A page is also stored with the time it stops being true without anybody saving anything:
the next scheduled publication or expiry, or midnight (when events move from upcoming to
past). A hit after that time counts as a miss, so a scheduled article appears on the
minute, whatever the backend's clock. A hit costs one cache read, for the page and the
generation together, and no SQL query.

Only anonymous GET and HEAD requests are served from the cache or stored in it: staff
see fresh pages, and previews and the admin are never cached.
"""

import datetime
import functools
import hashlib
import time

from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.db import transaction
from django.db.models import Min, Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone

GENERATION_KEY = "newsroom:generation"
# How long a page may live when nothing scheduled or dated comes first.
PAGE_SECONDS = 600


def generation() -> int:
    """Return the current content generation, starting one if the cache lost it."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        # Not 1: a restarted count could meet pages cached under the old one.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        value = cache.get(GENERATION_KEY)
    return value


def bump() -> None:
    """Start a new content generation: every cached page is out of date."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet: the next read starts one
        pass


def content_changed() -> None:
    """Bump the generation once the current transaction commits (at once outside one)."""
    transaction.on_commit(bump)


def next_change(now: datetime.datetime, current: int) -> float:
    """Return when, with no save at all, what a reader sees next changes (a timestamp)."""
    from articles.models import Article

    key = f"newsroom:next-change:{current}"
    cached = cache.get(key)
    if cached is not None and cached > now.timestamp():
        return cached
    times = Article.objects.filter(status=Article.Status.PUBLISHED).aggregate(
        publish=Min("published_at", filter=Q(published_at__gt=now)),
        unpublish=Min("unpublish_at", filter=Q(unpublish_at__gt=now)),
    )
    local_now = timezone.localtime(now)
    midnight = datetime.datetime.combine(
        local_now.date() + datetime.timedelta(days=1), datetime.time(), local_now.tzinfo
    )
    moment = min(t for t in [*times.values(), midnight] if t is not None).timestamp()
    cache.set(key, moment, timeout=PAGE_SECONDS)
    return moment


def _cacheable_request(request, query_params) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and set(request.GET) <= set(query_params)
        and not request.user.is_authenticated
    )


def _cacheable_response(response) -> bool:
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.cookies
        and not any(word in control for word in ("private", "no-cache", "no-store"))
    )


def cached_page(view=None, *, query_params=("page",)):
    """Serve a public view from the cache; requests with other query parameters pass by."""
    if view is None:
        return functools.partial(cached_page, query_params=query_params)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        # With the cache switched off (the dummy backend) there is nothing to read or to
        # store: skip working out until when a page would be true, a scan of every article.
        if isinstance(caches[DEFAULT_CACHE_ALIAS], DummyCache):
            return view(request, *args, **kwargs)
        if not _cacheable_request(request, query_params):
            return view(request, *args, **kwargs)
        address = f"{request.get_host()}{request.get_full_path()}"
        # Hashed: a key of bounded length and plain characters, whatever the address.
        # The key leaves the generation out so that one read fetches both; an entry is
        # (generation, until, content, headers), and a new layout needs a new key prefix.
        key = f"newsroom:page:{hashlib.sha256(address.encode()).hexdigest()}"
        now = timezone.now()
        found = cache.get_many([GENERATION_KEY, key])
        current = found.get(GENERATION_KEY)
        if current is None:
            current = generation()
        if (entry := found.get(key)) is not None:
            stored, until, content, headers = entry
            if stored == current and until > now.timestamp():
                return HttpResponse(content, headers=headers)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        if _cacheable_response(response):
            until = min(next_change(now, current), now.timestamp() + PAGE_SECONDS)
            seconds = max(1, min(PAGE_SECONDS, int(until - now.timestamp()) + 1))
            # The generation read before rendering: after a bump while the view ran, this
            # page is never served. Plain values, not the response object: they unpickle
            # under any Django version sharing the cache, and hold only what a hit serves.
            # The view's own headers (type, Last-Modified, X-Robots-Tag...) are stored;
            # middleware adds the rest to a hit as to a miss.
            entry = (current, until, response.content, dict(response.items()))
            cache.set(key, entry, timeout=seconds)
        return response

    return wrapper


# Saving these changes nothing a cached page shows: versions wait, and so do a front page's
# working slots and its versions; the log, share links, API tokens and webhooks are the
# newsroom's own; redirects answer beside the cache.
UNSEEN = {
    "frontpageslot",
    "frontpageversion",
    "articleversion",
    "articlelogentry",
    "sharelink",
    "apitoken",
    "embargoread",
    "webhookendpoint",
    "webhookdelivery",
    "webhookattempt",
    # Answered outside the page cache, where a page is 404 (never cached): articles.redirects.
    "redirect",
}


# An article's row (a story's, or a page's saved through the pages' admin as `Page`), and
# which layout a front page shows, change only through their lifecycle
# (articles.workflow), whose steps declare whether readers see the change and refresh the
# cache themselves; deleting one is the exception, done by the admin.
LIFECYCLE_OWNED = {"article", "page", "frontpage"}


def _changed(sender, signal=None, **kwargs):
    name = sender._meta.model_name
    if sender._meta.app_label != "articles" or name in UNSEEN:
        return
    if name in LIFECYCLE_OWNED and signal is post_save:
        return
    content_changed()


def connect_signals() -> None:
    """Bump the generation after any save or delete of what public pages show."""
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_changed, dispatch_uid=f"newsroom-page-cache-{signal}")
