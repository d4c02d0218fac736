"""Old addresses that moved: a renamed story's or entity's, and those an editor adds.

Our own small model rather than django.contrib.redirects: that app needs the sites
framework (one more app and a SITE_ID for a site that is one site in several editions),
and its middleware answers any row whatever the page it leads to has become. Ours knows
the story a redirect leads to and answers only while readers may see it, so an old
address never reveals where a story hidden since went.
"""

from urllib.parse import unquote

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def as_path(address: str) -> str:
    """An address as requests carry it (`request.path`): percent-escapes decoded, so that
    /people/сергей-лавров/ is one path however it was written."""
    return unquote(address)


class RedirectQuerySet(models.QuerySet):
    def answering(self):
        """Those that answer now: leading to no story or page, or to one readers may see."""
        from .articles import Article

        seen = Article.objects.published() | Article.objects.published_pages()
        return self.filter(Q(article__isnull=True) | Q(article__in=seen.values("pk")))

    def target_of(self, path: str) -> str | None:
        """Where a request for `path` goes, if it went somewhere; None otherwise."""
        return self.answering().filter(old_path=path).values_list("new_path", flat=True).first()

    def moved(self, old: str, new: str, *, reason, article=None) -> None:
        """Record that what was at `old` is now at `new`: `old` answers 301 to `new`, as
        does everything that led to `old` (no chains), and `new` answers itself again if
        it had moved away (a rename back makes no loop)."""
        old, new = as_path(old), as_path(new)
        if old == new:
            return
        self.filter(old_path=new).delete()
        self.update_or_create(
            old_path=old, defaults={"new_path": new, "reason": reason, "article": article}
        )


class Redirect(models.Model):
    """An old address that answers 301 to the new one, where no page answers it now."""

    class Reason(models.TextChoices):
        ARTICLE_MOVED = "article", _("A story's address changed")
        ENTITY_MOVED = "entity", _("A page's address changed")
        BY_HAND = "hand", _("Added by hand")

    old_path = models.CharField(
        max_length=500,
        unique=True,
        help_text=_("The address that moved, from the first slash: /news/2024/10/10/old-name/"),
        verbose_name=_("old address"),
    )
    new_path = models.CharField(
        max_length=500,
        help_text=_("Where it answers now, from the first slash."),
        verbose_name=_("new address"),
    )
    # The story it leads to, whose visibility decides whether it answers.
    article = models.ForeignKey(
        "Article",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.CASCADE,
        related_name="redirects",
        verbose_name=_("story"),
    )
    reason = models.CharField(
        max_length=10, choices=Reason, default=Reason.BY_HAND, verbose_name=_("reason")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    objects = RedirectQuerySet.as_manager()

    class Meta:
        ordering = ["old_path"]
        verbose_name = _("redirect")
        verbose_name_plural = _("redirects")

    def __str__(self):
        return f"{self.old_path} → {self.new_path}"

    def save(self, *args, **kwargs):
        self.old_path, self.new_path = as_path(self.old_path), as_path(self.new_path)
        super().save(*args, **kwargs)
        # No chains: what led here now leads where this leads.
        Redirect.objects.filter(new_path=self.old_path).update(
            new_path=self.new_path, article=self.article
        )

    def clean(self):
        from articles.redirects import answers_itself, story_at

        if not (self.old_path and self.new_path):
            return  # each field says it is required
        errors = {}
        for name in ("old_path", "new_path"):
            value = getattr(self, name)
            if not value.startswith("/") or value.startswith("//"):
                errors[name] = _("Give an address on this site, from its first slash: /news/…")
        if errors:
            raise ValidationError(errors)
        self.old_path, self.new_path = as_path(self.old_path), as_path(self.new_path)
        if self.old_path == self.new_path:
            raise ValidationError({"new_path": _("An address cannot lead to itself.")})
        if answers_itself(self.old_path):
            raise ValidationError(
                {"old_path": _("A page answers at this address: it cannot redirect.")}
            )
        onward = Redirect.objects.filter(old_path=self.new_path).exclude(pk=self.pk).first()
        if onward is not None:
            # No chains, and so no loops: lead straight to where that one does.
            raise ValidationError(
                {
                    "new_path": _(
                        "This address redirects to %(onward)s itself: give that one instead."
                    )
                    % {"onward": onward.new_path}
                }
            )
        # Leading to a story, it answers only while readers may see the story.
        self.article = story_at(self.new_path)
