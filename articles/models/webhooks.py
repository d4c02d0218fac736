import hashlib
import hmac
import json
import secrets

from django.core.validators import URLValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .api import EmbargoGrant


def new_secret() -> str:
    return secrets.token_hex(32)


class WebhookEndpointQuerySet(models.QuerySet):
    def listening(self, event: str) -> list["WebhookEndpoint"]:
        """The active endpoints that asked for `event`: few rows, filtered here because
        SQLite cannot look inside a JSON list."""
        return [endpoint for endpoint in self.filter(active=True) if endpoint.wants(event)]


class WebhookEndpoint(EmbargoGrant):
    """A receiver outside the newsroom (a channel bot, a search index, a partner) told of
    the events it chose, each delivery signed with its secret (articles.webhooks)."""

    name = models.CharField(max_length=200, verbose_name=_("name"))
    url = models.URLField(
        max_length=500,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("Where deliveries are POSTed: an http or https address."),
        verbose_name=_("URL"),
    )
    secret = models.CharField(
        max_length=64,
        default=new_secret,
        editable=False,
        help_text=_("The receiver checks each delivery's signature with it."),
        verbose_name=_("secret"),
    )
    # Names from articles.webhooks.EVENTS: a list, since a receiver wants a handful.
    events = models.JSONField(default=list, blank=True, verbose_name=_("events"))
    active = models.BooleanField(default=True, verbose_name=_("active"))
    # An editor's explicit grant: stories scheduled ahead are sent before readers see them.
    embargo_access = models.BooleanField(
        default=False,
        help_text=_(
            "Send stories scheduled for later, with their text, as soon as they are "
            "scheduled (the “article scheduled” event). Only for receivers that honour "
            "embargoes."
        ),
        verbose_name=_("embargo access"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    objects = WebhookEndpointQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")

    def __str__(self):
        return self.name

    def wants(self, event: str) -> bool:
        return event in self.events and (event != "article.scheduled" or self.embargo_access)

    def rotate_secret(self) -> None:
        self.secret = new_secret()
        self.save(update_fields=["secret"])

    def signature(self, timestamp: int, body: bytes) -> str:
        """The Newsroom-Signature header: the time inside the signed text, so that a
        receiver can refuse an old delivery sent again."""
        signed = f"{timestamp}.".encode() + body
        digest = hmac.new(self.secret.encode(), signed, hashlib.sha256).hexdigest()
        return f"t={timestamp},v1={digest}"


class WebhookDelivery(models.Model):
    """One event for one endpoint: its body, and how sending it went."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    endpoint = models.ForeignKey(
        WebhookEndpoint,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("endpoint"),
    )
    event = models.CharField(max_length=40, verbose_name=_("event"))
    # The article's or entity's id: what a replay builds its body from afresh.
    object_id = models.PositiveBigIntegerField(verbose_name=_("object id"))
    payload = models.JSONField(verbose_name=_("payload"))
    # Not "status": that word is an article's lifecycle field alone (tests scan for it).
    state = models.CharField(
        max_length=10, choices=State, default=State.PENDING, verbose_name=_("status")
    )
    attempts = models.PositiveSmallIntegerField(default=0, verbose_name=_("attempts"))
    response_code = models.PositiveSmallIntegerField(
        null=True, blank=True, verbose_name=_("response code")
    )
    error = models.TextField(blank=True, verbose_name=_("error"))
    next_attempt_at = models.DateTimeField(null=True, blank=True, verbose_name=_("next attempt"))
    created_at = models.DateTimeField(
        default=timezone.now, db_index=True, verbose_name=_("created at")
    )
    delivered_at = models.DateTimeField(null=True, blank=True, verbose_name=_("delivered at"))

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")

    def __str__(self):
        return f"{self.event} → {self.endpoint}"

    def body(self) -> bytes:
        """What is POSTed: the same bytes on every attempt, so that a receiver tells a
        retry by its id."""
        envelope = {
            "id": self.pk,
            "event": self.event,
            "created_at": self.created_at.isoformat(),
            "data": self.payload,
        }
        return json.dumps(envelope, ensure_ascii=False, separators=(",", ":")).encode()

    def succeeded(self, response_code) -> bool:
        return response_code is not None and 200 <= response_code < 300

    @transaction.atomic
    def record_attempt(
        self, *, at, duration, response_code=None, error="", retry_at=None
    ) -> "WebhookAttempt":
        """Log one try: on a 2xx the delivery has succeeded; else it waits for `retry_at`,
        or without one it has failed for good."""
        attempt = self.attempt_log.create(
            attempted_at=at, duration=duration, response_code=response_code, error=error
        )
        self.attempts += 1
        self.response_code, self.error = response_code, error
        if self.succeeded(response_code):
            self.state, self.delivered_at, self.next_attempt_at = self.State.SUCCEEDED, at, None
        elif retry_at is not None:
            self.next_attempt_at = retry_at
        else:
            self.state, self.next_attempt_at = self.State.FAILED, None
        self.save(
            update_fields=[
                "attempts",
                "response_code",
                "error",
                "state",
                "delivered_at",
                "next_attempt_at",
            ]
        )
        return attempt


class WebhookAttempt(models.Model):
    """One try at sending a delivery: the receiver's answer or why there was none."""

    delivery = models.ForeignKey(
        WebhookDelivery,
        on_delete=models.CASCADE,
        related_name="attempt_log",
        verbose_name=_("delivery"),
    )
    attempted_at = models.DateTimeField(default=timezone.now, verbose_name=_("attempted at"))
    response_code = models.PositiveSmallIntegerField(
        null=True, blank=True, verbose_name=_("response code")
    )
    error = models.TextField(blank=True, verbose_name=_("error"))
    duration = models.DurationField(verbose_name=_("duration"))

    class Meta:
        ordering = ["attempted_at", "pk"]
        verbose_name = _("webhook attempt")
        verbose_name_plural = _("webhook attempts")

    def __str__(self):
        return f"{self.delivery}: {self.response_code or self.error}"
