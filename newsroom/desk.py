"""The desk: what the admin's front page shows each person of their work, above the models.

One query a panel, whatever the number of articles: each shows its first PANEL_SIZE and
links to the full list when there are more.
"""

import datetime
from dataclasses import dataclass
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
    rows: list[Row]
    # The whole list, when the panel shows only its first PANEL_SIZE.
    more: str | None
    # Its times are to come ("in 3 hours"), not past ("3 hours ago").
    ahead: bool = False


def _article_list(**filters) -> str:
    return f"{reverse('admin:articles_article_changelist')}?{urlencode(filters)}"


def _panel(articles, *, time, note=None, now, more, **shown) -> Panel:
    """Show the first PANEL_SIZE of `articles` with their `time` (a field or annotation)
    and what `note` says of each."""
    articles = list(articles[: PANEL_SIZE + 1])
    rows = [
        Row(
            article,
            workflow.state_of(article, now),
            getattr(article, time),
            note(article) if note else "",
        )
        for article in articles[:PANEL_SIZE]
    ]
    return Panel(rows=rows, more=more if len(articles) > PANEL_SIZE else None, **shown)


def panels(user) -> list[Panel]:
    """The desk of `user`: their drafts, what was sent back to them, what awaits their
    review and the corrections other editors made (editors only), what goes live in the next SCHEDULED_HOURS and what went live
    today."""
    if not user.has_perm("articles.view_article"):
        return []
    now = timezone.now()
    articles = Article.objects.all()
    desk = [
        _panel(
            articles.drafts_of(user),
            title="My drafts",
            when="Last change",
            empty="You have no drafts.",
            time="updated_at",
            now=now,
            more=_article_list(by_me="created", state="draft"),
        ),
        _panel(
            articles.sent_back_to(user),
            title="Sent back to me",
            when="Sent back",
            empty="Nothing has been sent back to you.",
            time="sent_back_at",
            note=lambda a: f"{a.sent_back_by or 'An editor'}: “{a.sent_back_comment}”",
            now=now,
            more=_article_list(by_me="sent_back"),
        ),
    ]
    if workflow.can_publish(user):
        desk.append(
            _panel(
                articles.awaiting_review_by(user).select_related("submitted_by"),
                title="Awaiting my review",
                when="Submitted",
                empty="Nothing awaits your review.",
                time="submitted_at",
                note=lambda a: (
                    f"by {a.submitted_by}" + (", for you" if a.assigned_to_id == user.pk else "")
                ),
                now=now,
                more=f"{reverse('admin:articles_submission_changelist')}?by_me=review",
            )
        )
        desk.append(
            _panel(
                articles.corrections_to_review_by(user),
                title="Corrections to review",
                when="Corrected",
                empty="No correction awaits a second look.",
                time="corrected_at",
                note=lambda a: f"“{a.correction_note}”",
                now=now,
                more=f"{reverse('admin:articles_correction_changelist')}?reviewed=no",
            )
        )
    until = now + datetime.timedelta(hours=SCHEDULED_HOURS)
    today = timezone.localdate(now)
    desk += [
        _panel(
            articles.scheduled_within(SCHEDULED_HOURS, now),
            title=f"Scheduled for the next {SCHEDULED_HOURS} hours",
            when="Goes live",
            empty=f"Nothing is scheduled for the next {SCHEDULED_HOURS} hours.",
            time="published_at",
            ahead=True,
            now=now,
            more=_article_list(state="scheduled", published_at__lte=until.isoformat()),
        ),
        _panel(
            articles.published_today(now),
            title="Published today",
            when="Went live",
            empty="Nothing has been published today yet.",
            time="published_at",
            now=now,
            more=_article_list(
                state="live",
                published_at__year=today.year,
                published_at__month=today.month,
                published_at__day=today.day,
            ),
        ),
    ]
    return desk
