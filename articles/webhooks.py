"""Webhooks: receivers outside the newsroom told of what happens, signed, after the commit.

The lifecycle's steps (articles.workflow: `publish`, `correct`, `unpublish`) call
`published`, `corrected` and `unpublished` here, and saving or deleting a person,
organisation, event, topic or region does through signals. Each queues one `announce`
task once the transaction commits, to run when the event happens: now, or when a
scheduled story goes up or comes down. The worker (`manage.py db_worker`) runs it: it
reads the article as it is then, makes a `WebhookDelivery` for every endpoint that asked
for the event, and queues a `deliver` task for each, which POSTs it signed and retries
with exponential back-off. No HTTP ever happens in an editor's request.

A body never holds more than a reader may see when it is made; the one exception is
`article.scheduled`, sent only to endpoints an editor granted embargo access.
"""

import datetime
import http.client
import json
import time
import urllib.error
import urllib.request

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.tasks import task
from django.utils import timezone, translation
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _
from ninja.responses import NinjaJSONEncoder

from .api import schemas
from .models import (
    LINK_KINDS,
    Article,
    Correction,
    Region,
    Topic,
    WebhookDelivery,
    WebhookEndpoint,
)

# The kinds whose changes receivers may follow: every kind an article links to, and the
# two vocabularies.
ENTITY_MODELS = [*(kind.model for kind in LINK_KINDS), Topic, Region]
ENTITY_ACTIONS = {"created": _("created"), "updated": _("updated"), "deleted": _("deleted")}

ARTICLE_EVENTS = {
    "article.published": _("Article published"),
    "article.updated": _("Article updated (changes to a live story published)"),
    "article.corrected": _("Article corrected"),
    "article.unpublished": _("Article unpublished or expired"),
    "article.scheduled": _("Article scheduled (endpoints with embargo access only)"),
}
EVENTS = {
    **ARTICLE_EVENTS,
    **{
        f"{model._meta.model_name}.{action}": format_lazy(
            "{}: {}", capfirst(model._meta.verbose_name), label
        )
        for model in ENTITY_MODELS
        for action, label in ENTITY_ACTIONS.items()
    },
}


# When: the lifecycle and the signals call these inside their transaction.


def published(article: Article, *, updated: bool = False, corrected: bool = False) -> None:
    """Announce a story going live, or its changes: now, or at its scheduled time (and at
    once to embargo grants); and its scheduled take-down, if it has one. A correction is
    announced as one (`corrected`) instead of as an update. Pages (About...) are no news
    to partners: the API has none of them."""
    if article.kind == Article.Kind.PAGE:
        return
    now = timezone.now()
    at = article.published_at
    ahead = at if at > now else None
    if not corrected:
        event = "article.updated" if updated else "article.published"
        _announce(event, article.pk, run_after=ahead, at=at.isoformat())
    if ahead:
        _announce("article.scheduled", article.pk, at=at.isoformat(), embargoed=True)
    if article.unpublish_at:
        until = article.unpublish_at
        _announce("article.unpublished", article.pk, run_after=until, at=until.isoformat())


def corrected(correction: Correction) -> None:
    """Announce a correction put live: every way of making one calls this."""
    if correction.article.kind == Article.Kind.PAGE:
        return
    _announce("article.corrected", correction.article_id, correction=correction.pk)


def unpublished(article: Article, *, was_live: bool) -> None:
    """Announce a story taken down. One readers never saw is news only to the receivers
    that were sent it ahead, under embargo: to any other, even its address says too much."""
    if article.kind == Article.Kind.PAGE:
        return
    _announce("article.unpublished", article.pk, embargoed=not was_live)


def _announce(event: str, object_id: int, *, run_after=None, **details) -> None:
    """Queue `announce` once the transaction commits; one that happens now only if some
    endpoint wants it (a directory import saves thousands of entities)."""

    def enqueue():
        if run_after is None:
            if not WebhookEndpoint.objects.listening(event):
                return
            announce.enqueue(event, object_id, **details)
        else:
            announce.using(run_after=run_after).enqueue(event, object_id, **details)

    transaction.on_commit(enqueue)


def _entity_saved(sender, instance, created, raw=False, **kwargs):
    if not raw:  # loaddata restores a backup: nothing happened
        action = "created" if created else "updated"
        _announce(f"{sender._meta.model_name}.{action}", instance.pk)


def _entity_deleted(sender, instance, **kwargs):
    _announce(f"{sender._meta.model_name}.deleted", instance.pk)


def connect_signals() -> None:
    for model in ENTITY_MODELS:
        uid = f"articles.webhooks.{model.__name__}"
        post_save.connect(_entity_saved, sender=model, dispatch_uid=f"{uid}.saved")
        post_delete.connect(_entity_deleted, sender=model, dispatch_uid=f"{uid}.deleted")


# What: the bodies.


def absolute(path: str) -> str:
    return f"{settings.NEWSROOM_BASE_URL}{path}"


class _Site:
    """What the API's schemas ask of a request, from a task that has none: addresses
    under NEWSROOM_BASE_URL."""

    def build_absolute_uri(self, path: str) -> str:
        return absolute(path)


def described(schema, obj) -> dict:
    """`obj` as the API writes it with `schema`, to the last digit of its times."""
    summary = schema.model_validate(obj, context={"request": _Site()})
    return json.loads(json.dumps(summary, cls=NinjaJSONEncoder))


def article_payload(article: Article) -> dict:
    """What receivers are told of a story: what the API's lists say of it."""
    with translation.override(article.language):
        return described(schemas.Article, article)


def entity_payload(entity) -> dict:
    """What receivers are told of a person, organisation, event, topic or region: what
    the API says of every one, and its kind."""
    with translation.override(settings.LANGUAGE_CODE):
        return {"kind": entity._meta.model_name, **described(schemas.Entity, entity)}


def payload_for(
    event: str, object_id: int, *, at=None, correction=None, embargo=False
) -> dict | None:
    """The body of `event` as things stand now; None when it is no longer true (a story
    unscheduled, rescheduled or taken down before the worker got to it) or would tell
    more than a reader may know now. `embargo`: it goes only to endpoints granted embargo
    access, which may hear of a story readers never saw."""
    kind, action = event.split(".")
    if kind != "article":
        model = next(model for model in ENTITY_MODELS if model._meta.model_name == kind)
        if action == "deleted":
            return {"id": object_id, "kind": kind}
        entity = model.objects.filter(pk=object_id).first()
        return entity_payload(entity) if entity else None
    article = Article.objects.filter(pk=object_id).first()
    if article is None:
        return None
    now = timezone.now()
    live = Article.objects.published().filter(pk=object_id).exists()
    if at is not None:
        expected = datetime.datetime.fromisoformat(at)
        if action == "unpublished":
            # Expired as scheduled: not taken down by hand, nor given a new end since.
            if article.status != Article.Status.PUBLISHED or article.unpublish_at != expected:
                return None
        elif article.published_at != expected:
            return None
    never_seen = article.published_at is None or article.published_at > now
    if action == "scheduled":
        scheduled = article.status == Article.Status.PUBLISHED and never_seen
        return article_payload(article) if embargo and scheduled else None
    if action == "unpublished":
        if live or article.status == Article.Status.DRAFT or (never_seen and not embargo):
            return None
        return {
            "id": article.pk,
            "language": article.language,
            "url": absolute(article.get_absolute_url()),
            "unpublished_at": now.isoformat(),
        }
    if not live:
        return None
    payload = article_payload(article)
    if action == "corrected":
        found = Correction.objects.filter(pk=correction, article=article).first()
        if found is None:
            return None
        payload["correction"] = {
            "id": found.pk,
            "note": found.note,
            "corrected_at": found.corrected_at.isoformat(),
        }
    return payload


# How: the tasks the worker runs.


@task()
def announce(event, object_id, at=None, correction=None, embargoed=False) -> int:
    """Make a delivery of `event` for every endpoint that wants it, if it is still true;
    `embargoed` ones only for endpoints granted embargo access. Return how many."""
    payload = payload_for(event, object_id, at=at, correction=correction, embargo=embargoed)
    if payload is None:
        return 0
    endpoints = WebhookEndpoint.objects.listening(event)
    if embargoed:
        endpoints = [endpoint for endpoint in endpoints if endpoint.embargo_access]
    for endpoint in endpoints:
        delivery = WebhookDelivery.objects.create(
            endpoint=endpoint, event=event, object_id=object_id, payload=payload
        )
        # The queue is a table of the same database: the task commits with the delivery.
        deliver.enqueue(delivery.pk)
    return len(endpoints)


@task()
def deliver(delivery_id) -> str:
    """Try to send a pending delivery once; on failure queue the next try after a
    back-off, until the last allowed one has failed. Return the delivery's state."""
    delivery = (
        WebhookDelivery.objects.select_related("endpoint")
        .filter(pk=delivery_id, state=WebhookDelivery.State.PENDING)
        .first()
    )
    if delivery is None:
        return "gone"
    at = timezone.now()
    started = time.monotonic()
    if delivery.endpoint.active:
        response_code, error = post(delivery)
    else:
        response_code, error = None, "The endpoint is switched off."
    tries = delivery.attempts + 1
    retry_at = (
        at + backoff(tries)
        if tries < settings.NEWSROOM_WEBHOOK_ATTEMPTS and delivery.endpoint.active
        else None
    )
    delivery.record_attempt(
        at=at,
        duration=datetime.timedelta(seconds=time.monotonic() - started),
        response_code=response_code,
        error=error,
        retry_at=retry_at,
    )
    if delivery.state == WebhookDelivery.State.PENDING:
        deliver.using(run_after=retry_at).enqueue(delivery.pk)
    return delivery.state


def backoff(tries: int) -> datetime.timedelta:
    """How long to wait after the `tries`-th failure: 30 s, 2 min, 8 min, 32 min..."""
    return datetime.timedelta(seconds=settings.NEWSROOM_WEBHOOK_BACKOFF * 4 ** (tries - 1))


class _RefuseRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer other than 2xx, so a failure: the signed body is never
    sent on to another address."""

    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_RefuseRedirects)


def post(delivery: WebhookDelivery) -> tuple[int | None, str]:
    """POST the delivery's body, signed; return the response code (None when there was
    no answer) and what went wrong, if anything."""
    body = delivery.body()
    request = urllib.request.Request(
        delivery.endpoint.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "Newsroom-Webhooks",
            "Newsroom-Event": delivery.event,
            "Newsroom-Delivery": str(delivery.pk),
            "Newsroom-Signature": delivery.endpoint.signature(int(time.time()), body),
        },
    )
    try:
        with _opener.open(request, timeout=settings.NEWSROOM_WEBHOOK_TIMEOUT) as response:
            return response.status, ""
    except urllib.error.HTTPError as error:
        with error:
            return error.code, f"{error.code} {error.reason}"
    except (OSError, http.client.HTTPException, ValueError) as error:
        return None, str(error) or type(error).__name__


def replay(delivery: WebhookDelivery) -> WebhookDelivery | None:
    """Send a delivery's event again, as a new delivery with its body made afresh; None
    when that would send what is no longer true, or its endpoint no longer takes it."""
    endpoint = delivery.endpoint
    if not (endpoint.active and endpoint.wants(delivery.event)):
        return None
    correction = (delivery.payload.get("correction") or {}).get("id")
    payload = payload_for(
        delivery.event, delivery.object_id, correction=correction, embargo=endpoint.embargo_access
    )
    if payload is None:
        return None
    again = WebhookDelivery.objects.create(
        endpoint=endpoint, event=delivery.event, object_id=delivery.object_id, payload=payload
    )
    deliver.enqueue(again.pk)
    return again
