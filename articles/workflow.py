"""How an article moves: submit, send back, publish (now or scheduled), unpublish, restore.

Each transition locks the article row, checks its state and the user's right, saves with
update_fields and logs the step. Views and admin actions call these and nothing else
changes an article's status. Edits to a live article are versions that go live only
when an editor publishes them.
"""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from . import notifications, versions
from .models import Article, ArticleLogEntry, ArticleVersion, ShareLink

PUBLISH_PERMISSION = "articles.publish_article"
CHANGE_PERMISSION = "articles.change_article"
SHARE_LINK_LIFETIME = datetime.timedelta(days=7)


class WorkflowError(Exception):
    """A step that does not apply to the article as it stands."""


def can_publish(user) -> bool:
    return user.has_perm(PUBLISH_PERMISSION)


def can_edit(user, article: Article | None = None) -> bool:
    """Editors change any article; writers only their own, and not while it is in review."""
    if not user.has_perm(CHANGE_PERMISSION):
        return False
    if article is None or can_publish(user):
        return True
    return article.created_by_id == user.pk and not article.in_review


def _locked(article: Article) -> Article:
    """Return the article as the database has it now, locked for this transaction."""
    return Article.objects.select_for_update().get(pk=article.pk)


def _log(article, action, before, *, by, comment="", override=False) -> ArticleLogEntry:
    return ArticleLogEntry.objects.create(
        article=article,
        action=action,
        from_state=before,
        to_state=article.state,
        user=by,
        comment=comment,
        version_number=article.revision or None,
        override=override,
    )


def _clear_submission(article: Article) -> None:
    article.submitted_at = article.submitted_by = article.assigned_to = None


SUBMISSION_FIELDS = ["submitted_at", "submitted_by", "assigned_to", "updated_at"]


@transaction.atomic
def submit(
    article: Article, *, by: AbstractBaseUser, assign_to=None, comment: str = ""
) -> Article:
    """Ask the editors to review the article's newest version."""
    article = _locked(article)
    if article.in_review:
        raise WorkflowError("It is already in review.")
    if not can_edit(by, article):
        raise PermissionDenied("You may not submit this article.")
    if article.status == Article.Status.PUBLISHED and not article.has_unpublished_changes:
        raise WorkflowError("There is nothing to review: the live text is the newest version.")
    if assign_to is not None and not can_publish(assign_to):
        raise WorkflowError(f"{assign_to} is not an editor.")
    before = article.state
    article.submitted_at = timezone.now()
    article.submitted_by = by
    article.assigned_to = assign_to
    article.save(update_fields=SUBMISSION_FIELDS)
    entry = _log(article, ArticleLogEntry.Action.SUBMITTED, before, by=by, comment=comment)
    transaction.on_commit(lambda: notifications.submitted(entry))
    return article


@transaction.atomic
def send_back(article: Article, *, by: AbstractBaseUser, comment: str) -> Article:
    """Return a submission to its writer with what needs changing."""
    article = _locked(article)
    if not can_publish(by):
        raise PermissionDenied("Only editors send submissions back.")
    if not article.in_review:
        raise WorkflowError("It is not in review.")
    if not comment.strip():
        raise WorkflowError("Say what needs changing: a comment is required.")
    before = article.state
    submitter = article.submitted_by
    _clear_submission(article)
    article.save(update_fields=SUBMISSION_FIELDS)
    entry = _log(article, ArticleLogEntry.Action.SENT_BACK, before, by=by, comment=comment)
    transaction.on_commit(lambda: notifications.sent_back(entry, submitter))
    return article


@transaction.atomic
def publish(
    article: Article,
    *,
    by: AbstractBaseUser,
    at: datetime.datetime | None = None,
    until: datetime.datetime | None = None,
    comment: str = "",
    override: bool = False,
) -> Article:
    """Put the newest version live, now or at `at`, until `until` if given.

    A submission is published by an editor other than its submitter. Republishing an
    unpublished article unchanged needs no review. A superuser may waive both rules
    with `override`, which the log records.
    """
    article = _locked(article)
    if not can_publish(by):
        raise PermissionDenied("You may not publish articles.")
    if override and not by.is_superuser:
        raise PermissionDenied("Only a superuser may override the review.")
    republishing = (
        article.status == Article.Status.UNPUBLISHED and article.revision == article.live_revision
    )
    if not (article.in_review or republishing or override):
        raise WorkflowError("Submit it for review first: another editor publishes it.")
    if article.in_review and article.submitted_by_id == by.pk and not override:
        raise PermissionDenied("Nobody approves their own submission: another editor must.")
    if until and until <= (at or timezone.now()):
        raise WorkflowError("It must come down after it goes up.")
    if not article.revision:
        raise WorkflowError("It has no saved version to publish.")

    before = article.state
    if article.status == Article.Status.PUBLISHED and article.has_unpublished_changes:
        versions.apply(article, article.versions.get(number=article.revision))
    if at is not None or article.published_at is None:
        article.published_at = at or timezone.now()
    article.status = Article.Status.PUBLISHED
    article.unpublish_at = until
    article.live_revision = article.revision
    _clear_submission(article)
    article.save(
        update_fields=[
            "status",
            "published_at",
            "unpublish_at",
            "live_revision",
            *SUBMISSION_FIELDS,
        ]
    )
    action = (
        ArticleLogEntry.Action.SCHEDULED
        if article.published_at > timezone.now()
        else ArticleLogEntry.Action.PUBLISHED
    )
    _log(article, action, before, by=by, comment=comment, override=override)
    return article


@transaction.atomic
def unpublish(article: Article, *, by: AbstractBaseUser, comment: str = "") -> Article:
    """Take the article away from readers; it keeps its first publication time."""
    article = _locked(article)
    if not can_publish(by):
        raise PermissionDenied("You may not unpublish articles.")
    if article.status != Article.Status.PUBLISHED:
        raise WorkflowError("It is not published.")
    before = article.state
    article.status = Article.Status.UNPUBLISHED
    article.save(update_fields=["status", "updated_at"])
    _log(article, ArticleLogEntry.Action.UNPUBLISHED, before, by=by, comment=comment)
    return article


@transaction.atomic
def restore(article: Article, version: ArticleVersion, *, by: AbstractBaseUser) -> ArticleVersion:
    """Make an older version the newest again, as a new version: nothing is lost."""
    article = _locked(article)
    if not can_edit(by, article):
        raise PermissionDenied("You may not change this article.")
    if version.article_id != article.pk:
        raise WorkflowError("That version belongs to another article.")
    before = article.state
    restored = versions.record(
        article, by=by, comment=f"Restored version {version.number}", content=version.content
    )
    if article.status != Article.Status.PUBLISHED:
        versions.apply(article, restored)
    _log(article, ArticleLogEntry.Action.RESTORED, before, by=by, comment=restored.comment)
    return restored


@transaction.atomic
def pin(article: Article, *, by: AbstractBaseUser) -> Article:
    """Make a published article the front page's lead story, in place of any other."""
    if not can_publish(by):
        raise PermissionDenied("Only editors choose the lead story.")
    article = _locked(article)
    if not Article.objects.published().filter(pk=article.pk).exists():
        raise WorkflowError("Only an article readers can see now may lead the front page.")
    unpin(by=by, keep=article)
    article.pinned_at = timezone.now()
    article.save(update_fields=["pinned_at"])
    _log(article, ArticleLogEntry.Action.PINNED, article.state, by=by)
    return article


@transaction.atomic
def unpin(*, by: AbstractBaseUser, keep: Article | None = None) -> None:
    """Let the newest published article lead the front page again."""
    if not can_publish(by):
        raise PermissionDenied("Only editors choose the lead story.")
    pinned = Article.objects.select_for_update().filter(pinned_at__isnull=False)
    for article in pinned.exclude(pk=getattr(keep, "pk", None)):
        article.pinned_at = None
        article.save(update_fields=["pinned_at"])
        _log(article, ArticleLogEntry.Action.UNPINNED, article.state, by=by)


@transaction.atomic
def share(article: Article, *, by: AbstractBaseUser, lifetime=SHARE_LINK_LIFETIME) -> ShareLink:
    """Make a link that lets one outsider read the newest version until it expires."""
    # Whoever may read the article in the admin may show it to one outsider.
    if not by.has_perm("articles.view_article"):
        raise PermissionDenied("You may not share this article.")
    version = article.versions.get(number=article.revision)
    link = ShareLink.objects.create(
        version=version, created_by=by, expires_at=timezone.now() + lifetime
    )
    _log(article, ArticleLogEntry.Action.SHARED, article.state, by=by)
    return link


@transaction.atomic
def revoke(link: ShareLink, *, by: AbstractBaseUser) -> ShareLink:
    """End a share link before it expires."""
    article = link.version.article
    if not (can_publish(by) or link.created_by_id == by.pk):
        raise PermissionDenied("Only its maker or an editor may revoke a share link.")
    link.revoked_at = timezone.now()
    link.save(update_fields=["revoked_at"])
    _log(article, ArticleLogEntry.Action.REVOKED, article.state, by=by)
    return link
