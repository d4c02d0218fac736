from django.conf import settings
from django.db import models
from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from articles.addresses import address


class ArticleLogEntry(models.Model):
    """One step of an article through the workflow: who moved it, from where to where, why."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted for review")
        SENT_BACK = "sent_back", _("Sent back")
        PUBLISHED = "published", _("Published")
        SCHEDULED = "scheduled", _("Scheduled")
        UNPUBLISHED = "unpublished", _("Unpublished")
        RESTORED = "restored", _("Restored a version")
        SHARED = "shared", _("Shared a preview link")
        REVOKED = "revoked", _("Revoked a preview link")
        # Past entries only: the front page's layout chooses the lead now (migration 0032).
        PINNED = "pinned", _("Pinned as the lead story")
        UNPINNED = "unpinned", _("No longer the lead story")
        CORRECTED = "corrected", _("Published a correction")
        CORRECTION_REVIEWED = "correction_reviewed", _("Reviewed a correction")
        WITHDRAWN = "withdrawn", _("Withdrawn from review")
        TRANSLATED = "translated", _("Made as a translation")
        BROUGHT_UP_TO_DATE = "up_to_date", _("Marked up to date with the original")

    article = models.ForeignKey(
        "Article", on_delete=models.CASCADE, related_name="log", verbose_name=_("article")
    )
    action = models.CharField(max_length=20, choices=Action, verbose_name=_("action"))
    from_state = models.CharField(max_length=60, verbose_name=_("from state"))
    to_state = models.CharField(max_length=60, verbose_name=_("to state"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("user"),
    )
    comment = models.TextField(blank=True, verbose_name=_("comment"))
    version_number = models.PositiveIntegerField(
        null=True, blank=True, verbose_name=_("version number")
    )
    # A superuser published their own submission: four eyes waived, on the record.
    override = models.BooleanField(default=False, verbose_name=_("override"))
    created_at = models.DateTimeField(
        default=timezone.now, db_index=True, verbose_name=_("created at")
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = _("article log entries")
        verbose_name = _("article log entry")

    def __str__(self):
        return _("%(action)s: %(article)s by %(user)s") % {
            "action": self.get_action_display(),
            "article": self.article,
            "user": self.user,
        }


class CorrectionQuerySet(models.QuerySet):
    def awaiting_review(self):
        return self.filter(reviewed_at__isnull=True)

    def public(self):
        """Those readers may read: made while their story was out, never one to a story
        still scheduled. A story taken down keeps its corrections on the record."""
        return self.filter(article__published_at__lte=F("corrected_at"))

    def for_record(self, language=None):
        """The public record of an edition (the active one by default), newest first,
        each loaded with what the record shows of its story and `story_readable`, whether
        readers may see the story now: when not, the record names no headline nor link."""
        from .articles import Article

        return (
            self.public()
            # A page's corrections are on the page alone: the record is of the news.
            .filter(article__language=language or get_language(), article__kind="story")
            .annotate(
                story_readable=Exists(Article.objects.published().filter(pk=OuterRef("article")))
            )
            .select_related("article")
            .only(
                "note",
                "corrected_at",
                "article__language",
                "article__dateline",
                "article__slug",
                "article__headline",
            )
            .order_by("-corrected_at", "-pk")
        )


class Correction(models.Model):
    """A change an editor published to a live story without waiting for a second editor.

    In breaking news a typo cannot wait; four eyes still see every change, after the
    fact: another editor reviews each correction (articles.workflow.review_correction).
    """

    # Kept forever: readers were told, so the record outlives the story (protected from
    # its deletion; a story taken down keeps them too).
    article = models.ForeignKey(
        "Article", on_delete=models.PROTECT, related_name="corrections", verbose_name=_("article")
    )
    # The version readers saw before, and the one the correction put live.
    replaced = models.ForeignKey(
        "ArticleVersion",
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
        verbose_name=_("replaced"),
    )
    version = models.ForeignKey(
        "ArticleVersion", on_delete=models.CASCADE, related_name="+", verbose_name=_("version")
    )
    note = models.TextField(help_text=_("What the correction fixes."), verbose_name=_("note"))
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("corrected by"),
    )
    corrected_at = models.DateTimeField(
        default=timezone.now, db_index=True, verbose_name=_("corrected at")
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("reviewed at"))

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["-corrected_at", "-pk"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self):
        return _("Correction to %(article)s, version %(number)s") % {
            "article": self.article,
            "number": self.version.number,
        }

    def get_absolute_url(self):
        """Where the public record lists it."""
        return f"{address('articles:corrections', language=self.article.language)}#{self.anchor}"

    @property
    def anchor(self):
        return f"correction-{self.pk}"
