"""The queries behind the desk: each person's drafts, what came back to them, what awaits
their review, what goes live soon and what went live today."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from articles import workflow
from articles.models import Article
from tests.factories import draft_by, make_article, make_user, submitted_by

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def headlines(articles):
    return [article.headline for article in articles]


def test_a_writers_drafts_are_their_own_drafts_the_last_changed_first(writer, editor):
    with time_machine.travel(timezone.now() - HOUR):
        draft_by(writer, headline="Older draft")
    draft_by(writer, headline="Newer draft")
    draft_by(editor, headline="Someone else's draft")
    submitted_by(writer, headline="In review")
    make_article(headline="Published", created_by=writer)

    assert headlines(Article.objects.drafts_of(writer)) == ["Newer draft", "Older draft"]


def test_what_was_sent_back_carries_the_editors_comment_until_submitted_again(writer, editor):
    article = submitted_by(writer, headline="Forum in Kazan")
    workflow.send_back(article, by=editor, comment="Name the forum's dates.")

    [sent_back] = Article.objects.sent_back_to(writer)
    assert sent_back == article
    assert sent_back.sent_back_comment == "Name the forum's dates."
    assert sent_back.sent_back_by == "editor"
    assert sent_back.sent_back_at <= timezone.now()

    workflow.submit(article, by=writer)
    assert not Article.objects.sent_back_to(writer).exists()

    workflow.send_back(article, by=editor, comment="And the venue.")
    assert [a.sent_back_comment for a in Article.objects.sent_back_to(writer)] == [
        "And the venue."
    ]


def test_a_send_back_reaches_who_wrote_and_who_submitted_it_and_nobody_else(
    writer, editor, second_editor
):
    article = draft_by(writer, headline="Submitted by an editor")
    workflow.submit(article, by=editor)
    workflow.send_back(article, by=second_editor, comment="Shorter, please.")
    someone = make_user("other-writer", "Writers")

    assert headlines(Article.objects.sent_back_to(writer)) == ["Submitted by an editor"]
    assert headlines(Article.objects.sent_back_to(editor)) == ["Submitted by an editor"]
    assert not Article.objects.sent_back_to(second_editor).exists()
    assert not Article.objects.sent_back_to(someone).exists()


def test_an_article_published_after_a_send_back_is_no_longer_sent_back(
    writer, editor, second_editor
):
    article = submitted_by(writer)
    workflow.send_back(article, by=editor, comment="Fix the standfirst.")
    workflow.submit(article, by=writer)
    workflow.publish(article, by=second_editor)

    assert not Article.objects.sent_back_to(writer).exists()


def test_an_editor_reviews_others_submissions_for_them_or_for_anyone_oldest_first(
    writer, editor, second_editor
):
    with time_machine.travel(timezone.now() - HOUR):
        submitted_by(writer, headline="Older, for anyone")
    workflow.submit(draft_by(writer, headline="Newer, for me"), by=writer, assign_to=editor)
    workflow.submit(
        draft_by(writer, headline="For the other editor"), by=writer, assign_to=second_editor
    )
    submitted_by(editor, headline="My own submission")
    draft_by(writer, headline="Not submitted")

    assert headlines(Article.objects.awaiting_review_by(editor)) == [
        "Older, for anyone",
        "Newer, for me",
    ]


def test_scheduled_within_48_hours_is_the_soonest_first_and_not_beyond():
    now = timezone.now()
    make_article(headline="In 47 hours", published_at=now + 47 * HOUR)
    make_article(headline="In an hour", published_at=now + HOUR)
    make_article(headline="In 49 hours", published_at=now + 49 * HOUR)
    make_article(headline="Live", published_at=now - HOUR)
    make_article(headline="Draft", status=Article.Status.DRAFT)

    assert headlines(Article.objects.scheduled_within(48)) == ["In an hour", "In 47 hours"]


@time_machine.travel(datetime.datetime(2026, 12, 3, 15, 0, tzinfo=datetime.UTC))
def test_published_today_is_what_went_live_since_midnight_the_latest_first():
    now = timezone.now()
    make_article(headline="This morning", published_at=now.replace(hour=8))
    make_article(headline="An hour ago", published_at=now - HOUR)
    make_article(headline="Yesterday evening", published_at=now.replace(hour=0) - HOUR)
    make_article(headline="Later today", published_at=now + HOUR)
    make_article(headline="Taken down", status=Article.Status.UNPUBLISHED, published_at=now - HOUR)

    assert headlines(Article.objects.published_today()) == ["An hour ago", "This morning"]


@time_machine.travel(datetime.datetime(2026, 12, 3, 15, 0, tzinfo=datetime.UTC))
def test_today_begins_at_midnight_in_the_newsrooms_time_zone(settings):
    settings.TIME_ZONE = "Europe/Moscow"  # three hours ahead of UTC
    make_article(
        headline="01:00 in Moscow",
        published_at=datetime.datetime(2026, 12, 2, 22, 0, tzinfo=datetime.UTC),
    )
    make_article(
        headline="23:00 in Moscow",
        published_at=datetime.datetime(2026, 12, 2, 20, 0, tzinfo=datetime.UTC),
    )

    assert headlines(Article.objects.published_today()) == ["01:00 in Moscow"]


def test_corrections_to_review_are_other_editors_unreviewed_ones(editor, second_editor):
    def corrected(headline, by):
        article = make_article(headline=headline)
        article.standfirst = "Fixed."
        workflow.save_edit(article, by=by, editing=article.revision)
        return workflow.correct(article, by=by, comment=f"{headline} fixed.")

    twice = corrected("By a colleague", second_editor).article
    twice.standfirst = "Fixed again."
    workflow.save_edit(twice, by=second_editor, editing=twice.revision)
    workflow.correct(twice, by=second_editor, comment="By a colleague fixed again.")
    corrected("By myself", editor)
    reviewed = corrected("Reviewed already", second_editor)
    workflow.review_correction(reviewed, by=editor)

    found = Article.objects.corrections_to_review_by(editor)
    # Once, with the latest of its corrections.
    assert [(a.headline, a.correction_note) for a in found] == [
        ("By a colleague", "By a colleague fixed again.")
    ]


def test_a_send_back_stays_on_the_desk_whatever_happens_to_other_articles(
    writer, editor, second_editor
):
    returned = submitted_by(writer, headline="Sent back")
    workflow.send_back(returned, by=editor, comment="Name the forum's dates.")
    # What follows it in the log, but is no turn of its review, leaves it sent back.
    workflow.share(returned, by=writer)
    # Turns of other articles are theirs: a later submission, by the writer or by someone
    # else, of a colleague's article the writer never touched.
    submitted_by(writer, headline="Submitted since")
    colleague = make_user("colleague", "Writers")
    workflow.send_back(
        submitted_by(colleague, headline="A colleague's"), by=editor, comment="Shorter."
    )

    assert headlines(Article.objects.sent_back_to(writer)) == ["Sent back"]


def test_the_state_of_now_is_the_default():
    make_article(headline="Live")
    make_article(headline="Later", published_at=timezone.now() + HOUR)
    assert headlines(Article.objects.in_state("live")) == ["Live"]


@time_machine.travel(datetime.datetime(2026, 12, 3, 15, 0, tzinfo=datetime.UTC), tick=False)
def test_the_bounds_of_the_desks_times_belong_to_them():
    now = timezone.now()
    make_article(headline="At midnight", published_at=now.replace(hour=0))
    make_article(headline="In 48 hours to the second", published_at=now + 48 * HOUR)

    assert headlines(Article.objects.published_today()) == ["At midnight"]
    assert headlines(Article.objects.scheduled_within(48)) == ["In 48 hours to the second"]
