"""Who reads the content API with a token, and what embargoed stories they read.

Anyone may read the API without a token; a token names a partner, has its own rate
limit and, only when an editor grants it, reads stories scheduled for later (embargoed)
ahead of time. Each such read is on the record (EmbargoRead).
"""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A token is shown once, then only its digest is kept: a leaked database holds no token.
TOKEN_PREFIX = "nrt_"
# How stale `last_used_at` may be: one write a minute per token, not one per request.
LAST_USED_PRECISION = datetime.timedelta(minutes=1)


def digest(secret: str) -> str:
    # SHA-256 without a salt: a token is 256 random bits, nothing to guess from a dictionary.
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)

    def for_secret(self, secret: str):
        """The active token this secret is, or None."""
        return self.active().filter(digest=digest(secret)).first()


class EmbargoGrant(models.Model):
    """A partner's access to stories scheduled for later, before readers see them: an
    API token's, a webhook endpoint's. Only an editor's explicit grant gives it, and
    who gave it, and when, is kept."""

    embargo_access = models.BooleanField(default=False, verbose_name=_("embargo access"))
    embargo_granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("embargo access granted by"),
    )
    embargo_granted_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("embargo access granted at")
    )

    class Meta:
        abstract = True

    def set_embargo_access(self, granted: bool, *, by) -> None:
        """Give embargo access, on the record of `by` and now, or withdraw it."""
        self.embargo_access = granted
        self.embargo_granted_by, self.embargo_granted_at = (
            (by, timezone.now()) if granted else (None, None)
        )


class ApiToken(EmbargoGrant):
    """A partner's key to the content API; read-only, as the whole API is."""

    partner = models.CharField(
        max_length=200,
        help_text=_("Who reads with it: a partner site, an app."),
        verbose_name=_("partner"),
    )
    digest = models.CharField(max_length=64, unique=True, editable=False, verbose_name=_("digest"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(
        default=timezone.now, editable=False, verbose_name=_("created at")
    )
    last_used_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("last used at")
    )
    revoked_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("revoked at")
    )
    embargo_access = models.BooleanField(
        default=False,
        help_text=_(
            "Reads stories scheduled for later before readers see them. Every such read is logged."
        ),
        verbose_name=_("embargo access"),
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return self.partner

    def issue(self, *, by) -> str:
        """Save a new token made by `by`; return its secret, which is never seen again."""
        secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
        self.digest, self.created_by = digest(secret), by
        self.save()
        return secret

    def used(self) -> None:
        """Note that the token was used now, at most once a minute."""
        now = timezone.now()
        if self.last_used_at is None or now - self.last_used_at >= LAST_USED_PRECISION:
            self.last_used_at = now
            ApiToken.objects.filter(pk=self.pk).update(last_used_at=now)

    @property
    def reads_embargoed(self) -> bool:
        return self.embargo_access and self.revoked_at is None


class EmbargoRead(models.Model):
    """A token read a story before its publication time."""

    token = models.ForeignKey(
        ApiToken, on_delete=models.PROTECT, related_name="embargo_reads", verbose_name=_("token")
    )
    article = models.ForeignKey(
        "Article", on_delete=models.CASCADE, related_name="+", verbose_name=_("article")
    )
    path = models.CharField(max_length=2000, verbose_name=_("path"))
    read_at = models.DateTimeField(default=timezone.now, db_index=True, verbose_name=_("read at"))

    class Meta:
        ordering = ["-read_at", "-pk"]
        verbose_name = _("embargoed read")
        verbose_name_plural = _("embargoed reads")

    def __str__(self):
        return _("%(token)s read %(article)s") % {"token": self.token, "article": self.article}
