from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AutosaveQuerySet(models.QuerySet):
    def of(self, user, article=None):
        """The user's own autosave of `article` (None: of a new, unsaved article)."""
        if article is None:
            return self.filter(user=user, article__isnull=True)
        return self.filter(user=user, article=article)

    def offered(self, user, article=None):
        """Return the user's autosave to offer back on opening the form, or None.

        Their save deletes it, so one still here is newer than anything they saved: text
        typed and never saved. Someone else's save since leaves it offered, so that nothing
        typed is lost; restored, it makes the form's edit-conflict check show what changed.
        """
        return self.of(user, article).first()

    def keep(self, user, article, fields: dict, started_from: int) -> "Autosave":
        """Keep what the user typed, in place of their earlier autosave of the article."""
        autosave, _ = self.update_or_create(
            user=user,
            article=article,
            defaults={"fields": fields, "started_from": started_from, "saved_at": timezone.now()},
        )
        return autosave


class Autosave(models.Model):
    """What one user typed into an article's form and has not saved: one per user and
    article, replaced every few seconds while they type. Never a version, never shown to
    anyone else; a save of the article deletes it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )
    # Null for an article not saved yet.
    article = models.ForeignKey(
        "Article",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="autosaves",
        verbose_name=_("article"),
    )
    # The form's fields as it posts them: each name with its list of values.
    fields = models.JSONField(verbose_name=_("fields"))
    # The version the edit began from (the form's edited_revision).
    started_from = models.PositiveIntegerField(default=0, verbose_name=_("started from"))
    saved_at = models.DateTimeField(default=timezone.now, verbose_name=_("saved at"))

    objects = AutosaveQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "article"],
                condition=Q(article__isnull=False),
                name="one_autosave_per_user_and_article",
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(article__isnull=True),
                name="one_new_article_autosave_per_user",
            ),
        ]
        verbose_name = _("autosave")
        verbose_name_plural = _("autosaves")

    def __str__(self):
        return f"Autosave by {self.user} of {self.article or 'a new article'}"
