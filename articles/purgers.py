"""Purgers: how the HTTP cache in front of the site (Varnish, Fastly, Cloudflare) is told
to drop every page carrying some surrogate keys.

NEWSROOM_PURGER names the backend and its options (settings: HTTP_CACHE); none is the
default, for a site with no shared cache in front. A backend's `purge` sends the keys in
as few requests as the engine allows and raises PurgeFailed when the engine did not
take them all: articles.surrogates retries it through the task queue.
"""

import datetime
import functools
import json
import logging
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence

from django.conf import settings
from django.tasks import task
from django.utils import timezone
from django.utils.module_loading import import_string

from articles import surrogates

logger = logging.getLogger(__name__)


class PurgeFailed(Exception):
    """The cache did not confirm the purge: the keys may still be cached."""


class _RefuseRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is a failure: urllib would turn the POST into a GET that answers 200 (a
    purge that never happened, counted as done) and send the API token on to the new
    address."""

    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_RefuseRedirects)


class Purger:
    """Tells one kind of HTTP cache to drop the pages carrying some keys.

    Every public response names its keys in Surrogate-Key (space-separated); an engine
    that reads them from another header names it in `header`, with its `separator`.
    """

    header: str | None = None
    separator = " "
    # The most keys one request may carry.
    batch = 256
    timeout = 5

    def purge(self, keys: Sequence[str]) -> None:
        keys = sorted(set(keys))
        for start in range(0, len(keys), self.batch):
            self.purge_batch(keys[start : start + self.batch])

    def purge_batch(self, keys: list[str]) -> None:
        raise NotImplementedError

    def send(self, request: urllib.request.Request) -> bytes:
        """Send one request to the engine; raise PurgeFailed unless it answers 2xx."""
        try:
            with _opener.open(request, timeout=self.timeout) as response:
                return response.read()
        except urllib.error.HTTPError as error:
            raise PurgeFailed(
                f"{request.get_method()} {request.full_url} answered {error.code}: "
                f"{error.read()[:200].decode(errors='replace')}"
            ) from error
        except OSError as error:
            raise PurgeFailed(f"{request.get_method()} {request.full_url}: {error}") from error


class Varnish(Purger):
    """Varnish with the xkey module (newsroom/stack/varnish.vcl): a PURGE request to each
    Varnish server with the keys in an `xkey-purge` header, which the VCL accepts only
    from the addresses its `purgers` ACL lists."""

    header = "xkey"

    def __init__(self, urls: Sequence[str]):
        self.urls = [url.rstrip("/") for url in urls]

    def purge_batch(self, keys):
        for url in self.urls:
            request = urllib.request.Request(
                url + "/", method="PURGE", headers={"xkey-purge": " ".join(keys)}
            )
            self.send(request)


def _check_keys(engine: str, keys: list[str], pattern: re.Pattern, max_bytes: int) -> None:
    """Fail a batch the engine would refuse whole, for a key it cannot take, without
    sending it."""
    for key in keys:
        if not pattern.fullmatch(key) or len(key.encode()) > max_bytes:
            raise PurgeFailed(f"{engine} cannot purge the key {key[:80]!r}")


class Fastly(Purger):
    """Fastly: purge by surrogate key through its API, `POST /service/{id}/purge` with
    the keys in a JSON body, at most 256 a request. Fastly reads the keys from the
    Surrogate-Key response header itself and strips it before the reader. With `soft`,
    the pages are marked stale rather than dropped, so Fastly may serve them stale (as
    the cache headers allow) while it fetches fresh ones.

    https://www.fastly.com/documentation/reference/api/purging/ (bulk purge by key);
    key limits: https://www.fastly.com/documentation/reference/http/http-headers/Surrogate-Key/
    """

    header = None
    batch = 256
    # Each key at most 1024 bytes (a purge citing a longer one fails); keys are
    # space-separated in the header, so none holds whitespace.
    key_pattern = re.compile(r"\S+")
    max_key_bytes = 1024

    def __init__(self, service_id, api_token, soft=False, api_url="https://api.fastly.com"):
        self.service_id = service_id
        self.api_token = api_token.strip()
        self.soft = soft
        self.api_url = api_url.rstrip("/")

    def purge_batch(self, keys):
        _check_keys("Fastly", keys, self.key_pattern, self.max_key_bytes)
        headers = {
            "Fastly-Key": self.api_token,
            "Content-Type": "application/json",
            "Accept": "application/json",
        }
        if self.soft:
            headers["Fastly-Soft-Purge"] = "1"
        service = urllib.parse.quote(self.service_id, safe="")
        request = urllib.request.Request(
            f"{self.api_url}/service/{service}/purge",
            data=json.dumps({"surrogate_keys": keys}).encode(),
            method="POST",
            headers=headers,
        )
        answer = self.send(request)
        # Fastly answers with a purge id for each key it took.
        try:
            purged = json.loads(answer)
        except ValueError:
            purged = None
        if not isinstance(purged, dict):
            raise PurgeFailed(f"Fastly answered {answer[:200].decode(errors='replace')!r}")
        if missing := [key for key in keys if key not in purged]:
            raise PurgeFailed(
                f"Fastly did not confirm {len(missing)} of {len(keys)} keys: {missing[:5]}"
            )


class Cloudflare(Purger):
    """Cloudflare: purge by cache tag through its API, `POST
    /client/v4/zones/{zone_id}/purge_cache` with `{"tags": [...]}`, authorised by an API
    token with the zone's Cache Purge permission. Cloudflare reads the tags from the
    Cache-Tag response header (comma-separated) and strips it before the reader.

    https://developers.cloudflare.com/api/resources/cache/methods/purge/
    https://developers.cloudflare.com/cache/how-to/purge-cache/purge-by-tags/
    """

    header = "Cache-Tag"
    separator = ","
    # 100 tags a request on every plan: the "Availability and limits" table of
    # https://developers.cloudflare.com/cache/how-to/purge-cache/ ("Max operations per
    # request"); it was 30 until Instant Purge came to all plans (April 2025), and the
    # tag page said 30 until cloudflare/cloudflare-docs#32906 (August 2026). The API
    # refuses a request with more.
    batch = 100
    # Printable ASCII without spaces (https://developers.cloudflare.com/cache/how-to/
    # purge-cache/purge-by-tags/), and no comma, which separates tags in the header;
    # at most 1,024 characters in a purge.
    key_pattern = re.compile(r"[!-+\--~]+")
    max_key_bytes = 1024

    def __init__(self, zone_id, api_token, api_url="https://api.cloudflare.com"):
        self.zone_id = zone_id
        self.api_token = api_token.strip()
        self.api_url = api_url.rstrip("/")

    def purge_batch(self, keys):
        _check_keys("Cloudflare", keys, self.key_pattern, self.max_key_bytes)
        zone = urllib.parse.quote(self.zone_id, safe="")
        request = urllib.request.Request(
            f"{self.api_url}/client/v4/zones/{zone}/purge_cache",
            data=json.dumps({"tags": keys}).encode(),
            method="POST",
            headers={
                "Authorization": f"Bearer {self.api_token}",
                "Content-Type": "application/json",
                "Accept": "application/json",
            },
        )
        answer = self.send(request)
        # A 200 may still say the purge failed.
        try:
            outcome = json.loads(answer)
        except ValueError:
            outcome = None
        if not isinstance(outcome, dict) or outcome.get("success") is not True:
            errors = outcome.get("errors") if isinstance(outcome, dict) else None
            if errors:
                reason = "; ".join(
                    f"{error.get('code')} {error.get('message')}"
                    if isinstance(error, dict)
                    else str(error)
                    for error in errors
                )
            else:
                reason = repr(answer[:200].decode(errors="replace"))
            raise PurgeFailed(f"Cloudflare did not purge {len(keys)} tags: {reason}")


@functools.cache
def get_purger() -> Purger | None:
    """The configured purger, or None when no HTTP cache is in front of the site."""
    config = settings.NEWSROOM_PURGER
    if not config:
        return None
    return import_string(config["BACKEND"])(**config.get("OPTIONS", {}))


def label(response, keys) -> None:
    """Name a page's keys in Surrogate-Key, and in the header the configured engine reads
    them from, if it reads another; sorted, so that one page always says the same."""
    keys = sorted(surrogates.bounded(keys))
    response["Surrogate-Key"] = " ".join(keys)
    purger = get_purger()
    if purger is not None and purger.header:
        response[purger.header] = purger.separator.join(keys)


def purge(keys) -> None:
    """Purge the keys now; if the cache does not take them, log it and retry through the
    task queue (`manage.py db_worker`)."""
    if get_purger() is None or not keys:
        return
    _attempt(sorted(keys), since=time.time(), tries=0)


@task()
def purge_later(keys: list[str], since: float, tries: int) -> None:
    """Retry a purge the cache did not take."""
    if get_purger() is not None:
        _attempt(keys, since=since, tries=tries)


def _attempt(keys: list[str], *, since: float, tries: int) -> None:
    from articles.cache import PAGE_SECONDS

    try:
        get_purger().purge(keys)
    except PurgeFailed as error:
        tries += 1
        retry_at = since + sum(retry_delay(n) for n in range(1, tries + 1))
        # Past the pages' own lifetime every page carrying the keys has expired anyway.
        if retry_at - since >= PAGE_SECONDS:
            logger.error(
                "Gave up purging %s after %d tries (%s): the pages expire by themselves "
                "within %d seconds of the change.",
                " ".join(keys),
                tries,
                error,
                PAGE_SECONDS,
            )
            return
        logger.warning("Purging %s failed, try %d (%s): retrying.", " ".join(keys), tries, error)
        run_after = datetime.datetime.fromtimestamp(retry_at, tz=datetime.UTC)
        purge_later.using(run_after=max(run_after, timezone.now())).enqueue(keys, since, tries)


def retry_delay(tries: int) -> float:
    """Seconds to wait before retry number `tries`: 5, 20, 80, 320..."""
    return settings.NEWSROOM_PURGE_BACKOFF * 4 ** (tries - 1)
