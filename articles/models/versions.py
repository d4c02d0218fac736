from django.conf import settings
from django.core import signing
from django.db import models
from django.utils import timezone


class ArticleVersion(models.Model):
    """The content of an article as one save left it; numbered from 1 per article."""

    article = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    # Field values as strings and related objects as lists of ids: see articles.versions.
    content = models.JSONField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    comment = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-number"]
        get_latest_by = "number"
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="one_number_per_version")
        ]

    def __str__(self):
        return f"{self.article} – version {self.number}"


class ShareLinkQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())

    def opened_by(self, token, article_pk):
        """Return the link `token` stands for, with its version and article, while it is
        active, for that article and of its newest version; else None."""
        link = (
            self.active()
            .select_related("version__article")
            .filter(pk=self.model.pk_from_token(token), version__article_id=article_pk)
            .first()
        )
        if link is None or link.version.number != link.version.article.revision:
            return None
        return link


class ShareLink(models.Model):
    """Lets one outsider read one version of an unpublished article, until it expires."""

    SALT = "articles.share-link"

    version = models.ForeignKey(ArticleVersion, on_delete=models.CASCADE, related_name="links")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Share link to {self.version}"

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
