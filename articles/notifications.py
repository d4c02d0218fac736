"""Emails about submissions, through Django's email framework (the console in development)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.urls import reverse

from .models import ArticleLogEntry


def _admin_url(article):
    path = reverse("admin:articles_article_change", args=[article.pk])
    return f"{settings.NEWSROOM_BASE_URL}{path}"


def editors():
    """Active users who may publish, by group or one by one."""
    User = get_user_model()
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(groups__permissions__codename="publish_article")
            | Q(user_permissions__codename="publish_article")
            | Q(is_superuser=True)
        )
        .distinct()
    )


def submitted(entry: ArticleLogEntry) -> None:
    """Tell the assigned editor, or every editor, that a submission awaits them."""
    article = entry.article
    if article.assigned_to and article.assigned_to.email:
        recipients = [article.assigned_to.email]
    else:
        recipients = [user.email for user in editors().exclude(pk=entry.user_id) if user.email]
    if not recipients:
        return
    note = f"\n\nTheir note: {entry.comment}" if entry.comment else ""
    send_mail(
        f"For review: {article.headline}",
        f"{entry.user} submitted “{article.headline}” for review.{note}\n\n{_admin_url(article)}",
        None,
        recipients,
    )


def sent_back(entry: ArticleLogEntry, submitter) -> None:
    """Tell the writer what the editor wants changed."""
    article = entry.article
    recipients = {user.email for user in [submitter, article.created_by] if user and user.email}
    if not recipients:
        return
    send_mail(
        f"Sent back: {article.headline}",
        f"{entry.user} sent “{article.headline}” back:\n\n{entry.comment}\n\n{_admin_url(article)}",
        None,
        sorted(recipients),
    )


def corrected(entry: ArticleLogEntry) -> None:
    """Ask the other editors to review a correction already live: four eyes, after the fact."""
    article = entry.article
    recipients = [user.email for user in editors().exclude(pk=entry.user_id) if user.email]
    if not recipients:
        return
    path = reverse("admin:articles_correction_changelist")
    send_mail(
        f"Corrected, to review: {article.headline}",
        f"{entry.user} published a correction to “{article.headline}”:\n\n{entry.comment}"
        f"\n\nReview it: {settings.NEWSROOM_BASE_URL}{path}?reviewed=no",
        None,
        recipients,
    )
