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
from django.utils.cache import patch_cache_control

from articles import purgers, surrogates
from newsroom.routers import wait_for_replica

GENERATION_KEY = "newsroom:generation"
# How long a page may live when nothing scheduled or dated comes first.
PAGE_SECONDS = 600
# How long after that a shared cache may still serve it while it fetches the next.
STALE_SECONDS = 60


def generation() -> int:
    """Return the current content generation, starting one if the cache lost it."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        # Not 1: a restarted count could meet pages cached under the old one.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        value = cache.get(GENERATION_KEY)
    return value


def switched_off() -> bool:
    """Whether Django's cache is the dummy backend: nothing stored is ever read back."""
    return isinstance(caches[DEFAULT_CACHE_ALIAS], DummyCache)


def bump() -> None:
    """Start a new content generation: every cached page is out of date."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet: the next read starts one
        pass


class _Changes:
    """What the transactions of one connection changed, made known to the caches after
    a commit: the page cache's generation bumped and every key purged from the HTTP
    cache in one go, by whichever of its callbacks runs first (an import saving a
    thousand people makes one purge, not a thousand). Keys of a transaction rolled back
    are purged with the next one's: a purge too many, never one too few."""

    def __init__(self):
        self.keys = set()

    def __call__(self):
        if not self.keys:
            return
        keys, self.keys = self.keys, set()
        # A page rendered now from a replica that has not replayed the change yet would
        # be cached stale, here and in front: wait for it first (a few seconds at most).
        wait_for_replica()
        bump()
        purgers.purge(keys)


def content_changed(keys=()) -> None:
    """Once the current transaction commits (at once outside one), start a new content
    generation and purge `keys` from the HTTP cache in front (none: every page, `site`)."""
    connection = transaction.get_connection()
    changes = getattr(connection, "newsroom_changes", None)
    if changes is None:
        changes = connection.newsroom_changes = _Changes()
    changes.keys |= set(keys) or {surrogates.SITE}
    transaction.on_commit(changes)


def next_change(now: datetime.datetime, current: int) -> float:
    """Return when, with no save at all, what a reader sees next changes (a timestamp)."""
    from articles.models import Article

    key = f"newsroom:next-change:{current}"
    cached = cache.get(key)
    if cached is not None and cached > now.timestamp():
        return cached
    # Only rows with a time to come: the two indexes find those few, where the
    # aggregates alone read every published article (42 ms at 100,000) after each change.
    times = (
        Article.objects.filter(status=Article.Status.PUBLISHED)
        .filter(Q(published_at__gt=now) | Q(unpublish_at__gt=now))
        .aggregate(
            publish=Min("published_at", filter=Q(published_at__gt=now)),
            unpublish=Min("unpublish_at", filter=Q(unpublish_at__gt=now)),
        )
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


def _share(response, until: float, now: float, *, stale: bool = False) -> None:
    """Let a shared cache keep the page as long as this one does, no longer: until the
    next scheduled change or PAGE_SECONDS, which bounds how stale a page can get when a
    purge is lost. With `stale`, it may then serve it STALE_SECONDS more while it fetches
    the next; never past a scheduled change. Browsers, which nobody purges, ask again
    every time."""
    patch_cache_control(response, public=True, max_age=0, s_maxage=max(1, int(until - now)))
    if stale:
        patch_cache_control(response, stale_while_revalidate=STALE_SECONDS)


def cached_page(view=None, *, query_params=("page",), shows=()):
    """Serve a public view from the cache; requests with other query parameters pass by.

    A page that may be cached is labelled for the HTTP cache in front too: its surrogate
    keys (articles.surrogates: those of what it reads, and `shows`, the lists it is one
    of) and a shared lifetime; one shown to a logged-in editor is private.
    """
    if view is None:
        return functools.partial(cached_page, query_params=query_params, shows=shows)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable_request(request, query_params):
            response = view(request, *args, **kwargs)
            if request.user.is_authenticated:
                patch_cache_control(response, private=True)
            return response
        # With both caches switched off (the dummy backend, no purger) there is nothing
        # to read, store or label: skip working out until when a page would be true, a
        # scan of every article.
        cache_off = switched_off()
        if cache_off and purgers.get_purger() is None:
            return view(request, *args, **kwargs)
        address = f"{request.get_host()}{request.get_full_path()}"
        # Hashed: a key of bounded length and plain characters, whatever the address.
        # The key leaves the generation out so that one read fetches both; an entry is
        # (generation, until, content, headers), and a new layout needs a new key prefix.
        key = f"newsroom:page:{hashlib.sha256(address.encode()).hexdigest()}"
        now = timezone.now()
        found = {} if cache_off else cache.get_many([GENERATION_KEY, key])
        current = found.get(GENERATION_KEY)
        if current is None:
            current = generation()
        if (entry := found.get(key)) is not None:
            stored, until, content, headers = entry
            if stored == current and until > now.timestamp():
                response = HttpResponse(content, headers=headers)
                _share(response, until, now.timestamp())
                return response
        with surrogates.collecting(shows) as keys:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        if _cacheable_response(response):
            change = next_change(now, current)
            until = min(change, now.timestamp() + PAGE_SECONDS)
            purgers.label(response, keys)
            _share(response, until, now.timestamp(), stale=until < change)
            if not cache_off:
                seconds = max(1, min(PAGE_SECONDS, int(until - now.timestamp()) + 1))
                # The generation read before rendering: after a bump while the view ran,
                # this page is never served. Plain values, not the response object: they
                # unpickle under any Django version sharing the cache, and hold only what
                # a hit serves. The view's own headers (type, Last-Modified, keys...) are
                # stored; middleware adds the rest to a hit as to a miss.
                entry = (current, until, response.content, dict(response.items()))
                cache.set(key, entry, timeout=seconds)
        return response

    return wrapper


def _changed(sender, instance, signal=None, model=None, **kwargs):
    """What readers see of a save or delete outside the lifecycle changed."""
    if sender._meta.app_label != "articles":
        return
    if signal is m2m_changed and not kwargs["action"].startswith("post_"):
        return
    if signal is post_delete and surrogates.key(instance).startswith("article-"):
        # Deleted by the admin, the one change to an article outside its lifecycle.
        keys = {surrogates.key(instance), surrogates.ARTICLE_LIST}
    else:
        keys = surrogates.of_change(instance, model=model)
    if keys:
        content_changed(keys)


def connect_signals() -> None:
    """Refresh the caches after any save or delete of what public pages show."""
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_changed, dispatch_uid=f"newsroom-page-cache-{signal}")
