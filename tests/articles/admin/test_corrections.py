"""Corrections to live stories, reviewed by a second editor after the fact."""

import pytest
from django.urls import reverse

from articles import workflow
from tests.factories import submitted_by

pytestmark = pytest.mark.django_db

CORRECTIONS = reverse("admin:articles_correction_changelist")


@pytest.fixture
def corrected(writer, editor, second_editor):
    article = workflow.publish(
        submitted_by(writer, headline="Minister opens the forum in Kazna"), by=second_editor
    )
    article.headline = "Minister opens the forum in Kazan"
    workflow.save_edit(article, by=editor, editing=article.revision)
    return workflow.correct(article, by=editor, comment="Kazan was misspelt.")


def test_the_review_list_says_who_corrected_what_and_links_the_diff(
    client, second_editor, corrected
):
    client.force_login(second_editor)
    page = client.get(CORRECTIONS, {"reviewed": "no"}).content.decode()
    versions_url = reverse("admin:articles_article_versions", args=[corrected.article_id])
    assert "Minister opens the forum in Kazan" in page
    assert "Kazan was misspelt." in page
    assert "editor" in page
    assert f'headline (<a href="{versions_url}?a=1&amp;b=2">compare</a>)' in page
    assert '<td class="field-review">Awaiting review</td>' in page

    compared = client.get(versions_url, {"a": 1, "b": 2}).content.decode()
    assert "Kazna" in compared and "Kazan" in compared


def test_a_second_editor_marks_it_reviewed_and_the_corrector_cannot(
    client, editor, second_editor, corrected
):
    action = {"action": "mark_reviewed", "_selected_action": [corrected.pk]}
    client.force_login(editor)
    page = client.post(CORRECTIONS, action, follow=True).content.decode()
    assert "Another editor reviews a correction" in page
    corrected.refresh_from_db()
    assert corrected.reviewed_at is None

    client.force_login(second_editor)
    page = client.post(CORRECTIONS, action, follow=True).content.decode()
    assert "Reviewed the corrections of 1 article." in page
    corrected.refresh_from_db()
    assert corrected.reviewed_by == second_editor
    page = client.get(CORRECTIONS, {"reviewed": "no"}).content.decode()
    assert "Kazan was misspelt." not in page


def test_writers_do_not_see_the_review_list(client, writer, corrected):
    client.force_login(writer)
    assert client.get(CORRECTIONS).status_code == 403
    assert "Corrections" not in client.get(reverse("admin:index")).content.decode()


def test_the_correction_page_asks_what_it_fixes_and_publishes_with_the_note(
    client, writer, editor, second_editor
):
    article = workflow.publish(submitted_by(writer), by=second_editor)
    article.headline = "Corrected headline"
    workflow.save_edit(article, by=editor, editing=article.revision)
    url = reverse("admin:articles_article_workflow", args=[article.pk, "correct"])
    client.force_login(editor)

    page = client.post(url, {"comment": ""}).content.decode()
    assert "This field is required." in page
    assert "What the correction fixes" in page

    client.post(url, {"comment": "The headline named the wrong city."})
    assert article.corrections.get().note == "The headline named the wrong city."
    assert article.versions.get(number=2).content["headline"] == "Corrected headline"


@pytest.fixture
def change_in_review(writer, editor):
    """A live story whose writer submitted a change."""
    article = workflow.publish(submitted_by(writer, headline="Forum opens in Kazna"), by=editor)
    article.headline = "Forum opens in Kazan"
    workflow.save_edit(article, by=writer, editing=article.revision)
    return workflow.submit(article, by=writer)


def publish(client, article, **fields):
    url = reverse("admin:articles_article_workflow", args=[article.pk, "publish"])
    data = {"comment": "", "version": article.revision, "_publish_now": "1", **fields}
    return client.post(url, data, follow=True).content.decode()


def test_publishing_a_change_to_a_live_story_may_mark_it_a_correction(
    client, editor, change_in_review
):
    client.force_login(editor)
    url = reverse("admin:articles_article_workflow", args=[change_in_review.pk, "publish"])
    assert "This is a correction" in client.get(url).content.decode()

    page = publish(client, change_in_review, is_correction="on", correction=" ")
    assert "Say what the correction fixes: a note is required." in page
    change_in_review.refresh_from_db()
    assert change_in_review.has_unpublished_changes  # nothing went up

    publish(client, change_in_review, is_correction="on", correction="Kazan was misspelt.")
    [correction] = change_in_review.corrections.all()
    assert (correction.note, correction.reviewed_by) == ("Kazan was misspelt.", editor)
    assert (
        "Kazan was misspelt." in client.get(change_in_review.get_absolute_url()).content.decode()
    )


def test_an_unticked_note_publishes_no_correction(client, editor, change_in_review):
    client.force_login(editor)
    publish(client, change_in_review, correction="Only a thought.")
    change_in_review.refresh_from_db()
    assert not change_in_review.has_unpublished_changes
    assert not change_in_review.corrections.exists()


def test_a_first_publication_offers_no_correction(client, editor, writer):
    client.force_login(editor)
    article = submitted_by(writer)
    url = reverse("admin:articles_article_workflow", args=[article.pk, "publish"])
    assert "This is a correction" not in client.get(url).content.decode()
