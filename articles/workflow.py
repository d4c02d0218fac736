"""State changes of an article. Views and admin actions call these; nothing else saves status."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from .models import Article

PUBLISH_PERMISSION = "articles.publish_article"


def can_publish(user) -> bool:
    return user.has_perm(PUBLISH_PERMISSION)


@transaction.atomic
def publish(article: Article, *, by, at=None) -> Article:
    """Make article visible to readers from `at` (now when not given)."""
    if not can_publish(by):
        raise PermissionDenied("You may not publish articles.")
    article.status = Article.Status.PUBLISHED
    article.published_at = at or article.published_at or timezone.now()
    article.save(update_fields=["status", "published_at", "updated_at"])
    return article


@transaction.atomic
def unpublish(article: Article, *, by) -> Article:
    """Take article away from readers; it keeps its first publication time."""
    if not can_publish(by):
        raise PermissionDenied("You may not unpublish articles.")
    article.status = Article.Status.DRAFT
    article.save(update_fields=["status", "updated_at"])
    return article
