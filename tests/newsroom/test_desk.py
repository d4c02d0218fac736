"""The desk: the admin's front page shows each person their work above the list of models."""

import datetime
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from newsroom.desk import PANEL_SIZE
from tests.factories import draft_by, make_article, submitted_by

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)
PANELS = [
    "My drafts",
    "Sent back to me",
    "Awaiting my review",
    "Corrections to review",
    "Scheduled for the next 48 hours",
    "Published today",
]


@pytest.fixture(autouse=True)
def afternoon(time_machine):
    """Mid-afternoon, so that "five minutes ago" is today."""
    time_machine.move_to(datetime.datetime(2026, 12, 3, 15, 0, tzinfo=datetime.UTC), tick=False)


def desk(client, user):
    client.force_login(user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return response.content.decode()


def panel(page, title):
    """The panel of the desk under `title`, as HTML, or None when the desk has none."""
    match = re.search(
        rf"<section[^>]*>\s*<h2[^>]*>{re.escape(title)}</h2>(.*?)</section>", page, re.S
    )
    return match and match.group(1)


def text(fragment):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def change_link(article):
    return f'href="{reverse("admin:articles_article_change", args=[article.pk])}"'


def test_the_desk_keeps_its_heading_and_puts_the_panels_above_the_models(client, editor):
    page = desk(client, editor)

    assert "<h1>Editorial desk</h1>" in page
    positions = [page.index(f">{title}</h2>") for title in PANELS]
    assert positions == sorted(positions)
    assert positions[-1] < page.index("Review queue (0 waiting)")


def test_a_writer_sees_their_drafts_and_what_was_sent_back_with_the_comment(
    client, writer, editor
):
    draft = draft_by(writer, headline="Forum in Kazan")
    draft_by(editor, headline="The editor's draft")
    returned = submitted_by(writer, headline="Ministers meet in Baku")
    workflow.send_back(returned, by=editor, comment="Name the ministers.")

    page = desk(client, writer)

    drafts = panel(page, "My drafts")
    assert change_link(draft) in drafts
    assert "Forum in Kazan Draft" in text(drafts)
    assert "The editor's draft" not in text(drafts)
    sent_back = panel(page, "Sent back to me")
    assert change_link(returned) in sent_back
    assert "Ministers meet in Baku editor: “Name the ministers.” Draft" in text(sent_back)
    assert "0 minutes ago" in text(sent_back)
    assert panel(page, "Awaiting my review") is None


def test_an_editor_sees_what_awaits_their_review_but_not_their_own_submission(
    client, writer, editor, second_editor
):
    theirs = submitted_by(writer, headline="Forum in Kazan")
    mine = submitted_by(editor, headline="My own piece")
    workflow.submit(
        draft_by(writer, headline="For the other editor"), by=writer, assign_to=second_editor
    )

    review = panel(desk(client, editor), "Awaiting my review")

    assert change_link(theirs) in review
    assert "Forum in Kazan by writer In review" in text(review)
    assert change_link(mine) not in review
    assert "For the other editor" not in review
    assert change_link(mine) in panel(desk(client, second_editor), "Awaiting my review")


def test_the_desk_shows_what_goes_live_in_48_hours_and_what_went_live_today(client, writer):
    soon = make_article(headline="Goes live soon", published_at=timezone.now() + 3 * HOUR)
    make_article(headline="Goes live in three days", published_at=timezone.now() + 72 * HOUR)
    today = make_article(headline="Went live this morning", published_at=timezone.now() - 6 * HOUR)
    make_article(headline="Went live yesterday", published_at=timezone.now() - 24 * HOUR)

    page = desk(client, writer)

    scheduled = text(panel(page, "Scheduled for the next 48 hours"))
    assert change_link(soon) in panel(page, "Scheduled for the next 48 hours")
    assert "Goes live soon Scheduled in 3 hours" in scheduled
    assert "three days" not in scheduled
    published = text(panel(page, "Published today"))
    assert change_link(today) in panel(page, "Published today")
    assert "Went live this morning Published 6 hours ago" in published
    assert "yesterday" not in published


def test_an_empty_desk_says_so_in_every_panel(client, editor):
    page = desk(client, editor)

    assert text(panel(page, "My drafts")) == "You have no drafts."
    assert text(panel(page, "Sent back to me")) == "Nothing has been sent back to you."
    assert text(panel(page, "Awaiting my review")) == "Nothing awaits your review."
    assert text(panel(page, "Corrections to review")) == "No correction awaits a second look."
    assert text(panel(page, "Scheduled for the next 48 hours")) == (
        "Nothing is scheduled for the next 48 hours."
    )
    assert text(panel(page, "Published today")) == "Nothing has been published today yet."


def fill_every_panel(count, editor, writer, second_editor):
    """Give the editor's desk `count` articles in each panel, each one by one more."""
    now = timezone.now()
    for n in range(count):
        draft_by(editor, headline=f"Draft {n}")
        # The writer's, submitted by the editor: sent back to the editor, not their draft.
        returned = draft_by(writer, headline=f"Returned {n}")
        workflow.submit(returned, by=editor)
        workflow.send_back(returned, by=second_editor, comment=f"Fix {n}.")
        submitted_by(writer, headline=f"Submission {n}")
        corrected = make_article(headline=f"Corrected {n}", published_at=now - 30 * HOUR)
        corrected.standfirst = "Fixed."
        workflow.save_edit(corrected, by=second_editor, editing=corrected.revision)
        workflow.correct(corrected, by=second_editor, comment=f"Typo {n}.")
        make_article(headline=f"Scheduled {n}", published_at=now + (n + 1) * HOUR)
        make_article(
            headline=f"Today {n}", published_at=now - (n + 1) * datetime.timedelta(minutes=20)
        )


# Session, user, the user's and their groups' permissions, the six panels, the review
# queue's count (for the list of models and for the navigation sidebar) and recent actions.
DESK_QUERIES = 13


@pytest.mark.parametrize("count", [1, 20])
def test_the_desk_costs_the_same_queries_however_many_articles(
    client, editor, writer, second_editor, django_assert_num_queries, count
):
    fill_every_panel(count, editor, writer, second_editor)
    client.force_login(editor)

    with django_assert_num_queries(DESK_QUERIES):
        page = client.get(reverse("admin:index")).content.decode()

    for title in PANELS:
        rows = panel(page, title).count("<tr>") - 1  # less the heading
        assert rows == min(count, PANEL_SIZE), title
        assert ("More: " in panel(page, title)) == (count > PANEL_SIZE), title


def test_more_leads_to_the_whole_list_filtered_alike(client, editor, writer, second_editor):
    fill_every_panel(PANEL_SIZE + 1, editor, writer, second_editor)
    # Beside each panel's, what its list must leave out.
    draft_by(writer, headline="The writer's draft")
    submitted_by(editor, headline="The editor's own submission")
    make_article(headline="In three days", published_at=timezone.now() + 72 * HOUR)
    make_article(headline="Yesterday", published_at=timezone.now() - 24 * HOUR)
    page = desk(client, editor)

    for title, shown in [
        ("My drafts", "Draft 0"),
        ("Sent back to me", "Returned 0"),
        ("Awaiting my review", "Submission 0"),
        ("Corrections to review", "Corrected 0"),
        ("Scheduled for the next 48 hours", "Scheduled 0"),
        ("Published today", "Today 0"),
    ]:
        [more] = re.findall(r'<a href="([^"]+)">More: ', panel(page, title))
        listed = client.get(html.unescape(more))
        assert listed.status_code == 200
        assert listed.context["cl"].result_count == PANEL_SIZE + 1, title
        assert shown in listed.content.decode(), title
