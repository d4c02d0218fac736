"""The desk: what the admin's front page shows each person of their work, above the models.

One query a panel, whatever the number of articles: each shows its first PANEL_SIZE and
links to the full list when there are more.
"""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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
            title=_("My drafts"),
            when=_("Last change"),
            empty=_("You have no drafts."),
            time="updated_at",
            now=now,
            more=_article_list(by_me="created", state="draft"),
        ),
        _panel(
            articles.sent_back_to(user),
            title=_("Sent back to me"),
            when=_("Sent back"),
            empty=_("Nothing has been sent back to you."),
            time="sent_back_at",
            note=lambda a: (
                _("%(editor)s: “%(comment)s”")
                % {"editor": a.sent_back_by or _("An editor"), "comment": a.sent_back_comment}
            ),
            now=now,
            more=_article_list(by_me="sent_back"),
        ),
    ]
    if workflow.can_publish(user):
        desk.append(
            _panel(
                articles.awaiting_review_by(user).select_related("submitted_by"),
                title=_("Awaiting my review"),
                when=_("Submitted"),
                empty=_("Nothing awaits your review."),
                time="submitted_at",
                note=lambda a: (
                    (
                        _("by %(writer)s, for you")
                        if a.assigned_to_id == user.pk
                        else _("by %(writer)s")
                    )
                    % {"writer": a.submitted_by}
                ),
                now=now,
                more=f"{reverse('admin:articles_submission_changelist')}?by_me=review",
            )
        )
        desk.append(
            _panel(
                articles.corrections_to_review_by(user),
                title=_("Corrections to review"),
                when=_("Corrected"),
                empty=_("No correction awaits a second look."),
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
            title=ngettext(
                "Scheduled for the next %(hours)d hour",
                "Scheduled for the next %(hours)d hours",
                SCHEDULED_HOURS,
            )
            % {"hours": SCHEDULED_HOURS},
            when=_("Goes live"),
            empty=ngettext(
                "Nothing is scheduled for the next %(hours)d hour.",
                "Nothing is scheduled for the next %(hours)d hours.",
                SCHEDULED_HOURS,
            )
            % {"hours": SCHEDULED_HOURS},
            time="published_at",
            ahead=True,
            now=now,
            more=_article_list(state="scheduled", published_at__lte=until.isoformat()),
        ),
        _panel(
            articles.published_today(now),
            title=_("Published today"),
            when=_("Went live"),
            empty=_("Nothing has been published today yet."),
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
