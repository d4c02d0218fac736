"""The desk: what the admin's front page shows each person of their work, above the models.

One query a panel, whatever the number of articles: each shows its first PANEL_SIZE and
links to the full list when there are more.
"""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import Article

PANEL_SIZE = 10
SCHEDULED_HOURS = 48


@dataclass(frozen=True)
class Row:
    article: Article
    # Where it stands, in the lifecycle's words.
    state: str
    when: datetime.datetime
    # Who sent it back and why, who submitted it...
    note: str = ""


@dataclass(frozen=True)
class Panel:
    title: str
    # The heading of the time column: "Last change", "Goes live"...
    when: str
    # What the panel says when it holds nothing.
    empty: str
    rows: list[Row] = field(default_factory=list)
    # The whole list, when the panel shows only its first PANEL_SIZE.
    more: str | None = None
    # Its times are to come ("in 3 hours"), not past ("3 hours ago").
    ahead: bool = False


def _article_list(**filters) -> str:
    return f"{reverse('admin:articles_article_changelist')}?{urlencode(filters)}"


def _panel(title, when, empty, articles, row, more, ahead=False, now=None) -> Panel:
    articles = list(articles[: PANEL_SIZE + 1])
    return Panel(
        title,
        when,
        empty,
        rows=[row(article, workflow.state_of(article, now)) for article in articles[:PANEL_SIZE]],
        more=more if len(articles) > PANEL_SIZE else None,
        ahead=ahead,
    )


def _submitted(article, user) -> str:
    note = f"by {article.submitted_by or 'someone no longer here'}"
    return f"{note}, for you" if article.assigned_to_id == user.pk else note


def panels(user) -> list[Panel]:
    """The desk of `user`: their drafts, what was sent back to them, what awaits their
    review (editors only), what goes live in the next SCHEDULED_HOURS and what went live
    today."""
    if not user.has_perm("articles.view_article"):
        return []
    now = timezone.now()
    articles = Article.objects.all()
    desk = [
        _panel(
            "My drafts",
            "Last change",
            "You have no drafts.",
            articles.drafts_of(user),
            lambda a, state: Row(a, state, a.updated_at),
            _article_list(by_me="created", state="draft"),
            now=now,
        ),
        _panel(
            "Sent back to me",
            "Sent back",
            "Nothing has been sent back to you.",
            articles.sent_back_to(user),
            lambda a, state: Row(
                a,
                state,
                a.sent_back_at,
                f"{a.sent_back_by or 'An editor'}: “{a.sent_back_comment}”",
            ),
            _article_list(by_me="sent_back"),
            now=now,
        ),
    ]
    if workflow.can_publish(user):
        desk.append(
            _panel(
                "Awaiting my review",
                "Submitted",
                "Nothing awaits your review.",
                articles.awaiting_review_by(user).select_related("submitted_by"),
                lambda a, state: Row(a, state, a.submitted_at, _submitted(a, user)),
                reverse("admin:articles_submission_changelist"),
                now=now,
            )
        )
    today = timezone.localdate(now)
    desk += [
        _panel(
            f"Scheduled for the next {SCHEDULED_HOURS} hours",
            "Goes live",
            f"Nothing is scheduled for the next {SCHEDULED_HOURS} hours.",
            articles.scheduled_within(SCHEDULED_HOURS, now),
            lambda a, state: Row(a, state, a.published_at),
            _article_list(state="scheduled"),
            ahead=True,
            now=now,
        ),
        _panel(
            "Published today",
            "Went live",
            "Nothing has been published today yet.",
            articles.published_today(now),
            lambda a, state: Row(a, state, a.published_at),
            _article_list(
                state="live",
                published_at__year=today.year,
                published_at__month=today.month,
                published_at__day=today.day,
            ),
            now=now,
        ),
    ]
    return desk
