from django.conf import settings
from django.core import signing
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ArticleVersion(models.Model):
    """The content of an article as one save left it; numbered from 1 per article."""

    article = models.ForeignKey(
        "Article", on_delete=models.CASCADE, related_name="versions", verbose_name=_("article")
    )
    number = models.PositiveIntegerField(verbose_name=_("number"))
    # Field values as strings and related objects as lists of ids: see articles.versions.
    content = models.JSONField(verbose_name=_("content"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created at"))
    comment = models.CharField(max_length=500, blank=True, verbose_name=_("comment"))

    class Meta:
        ordering = ["-number"]
        get_latest_by = "number"
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="one_number_per_version")
        ]
        verbose_name = _("article version")
        verbose_name_plural = _("article versions")

    def __str__(self):
        return _("%(article)s – version %(number)s") % {
            "article": self.article,
            "number": self.number,
        }


class ShareLinkQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())

    def opened_by(self, token, article_pk):
        """Return the link `token` stands for, with its version and article, while it is
        active, for that article and still current; else None."""
        link = (
            self.active()
            .select_related("version__article")
            .filter(pk=self.model.pk_from_token(token), version__article_id=article_pk)
            .first()
        )
        if link is None or not link.is_current:
            return None
        return link

    def of(self, article):
        """Every link ever made to the article, newest first, with what the list shows."""
        return (
            self.filter(version__article=article)
            .select_related("version__article", "created_by")
            .order_by("-created_at", "-pk")
        )


class ShareLink(models.Model):
    """Lets one outsider read an unpublished article until it expires: the version it was
    made for while that is the newest, or whatever is the newest if it follows it."""

    SALT = "articles.share-link"
    # What status() says of a link that works.
    ACTIVE = _("Active")

    version = models.ForeignKey(
        ArticleVersion, on_delete=models.CASCADE, related_name="links", verbose_name=_("version")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created at"))
    expires_at = models.DateTimeField(verbose_name=_("expires at"))
    revoked_at = models.DateTimeField(null=True, blank=True, verbose_name=_("revoked at"))
    follows_newest = models.BooleanField(
        "follow the newest version",
        default=False,
        help_text=_("Show the article's newest version, not only the one it was made for."),
    )

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("share link")
        verbose_name_plural = _("share links")

    def __str__(self):
        return _("Share link to %(version)s") % {"version": self.version}

    @property
    def token(self):
        return signing.Signer(salt=self.SALT).sign(str(self.pk))

    @classmethod
    def pk_from_token(cls, token):
        """Return the link id a token carries, or None when it was tampered with."""
        try:
            return int(signing.Signer(salt=cls.SALT).unsign(token))
        except (signing.BadSignature, ValueError):
            return None

    @property
    def is_current(self):
        """Whether the article still has the text this link shows: a link pinned to a
        version stops working once the story changes."""
        return self.follows_newest or self.version.number == self.version.article.revision

    def status(self, now=None):
        """Say whether the link works, and if not why, in the words of the desk."""
        now = now or timezone.now()
        if self.revoked_at is not None:
            return _("Revoked")
        if self.expires_at <= now:
            return _("Expired")
        if not self.is_current:
            return _("No longer current: the story changed")
        return self.ACTIVE

    def shown_version(self):
        """Return the version an outsider reads through this link now."""
        if self.follows_newest:
            article = self.version.article
            return article.versions.select_related("article", "created_by").get(
                number=article.revision
            )
        return self.version
