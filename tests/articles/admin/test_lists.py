"""The article list and the review queue: what each row shows and offers."""

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import workflow
from articles.models import Article
from tests.factories import draft_by, make_article, make_user, submitted_by

pytestmark = pytest.mark.django_db

ARTICLE_LIST = reverse("admin:articles_article_changelist")
REVIEW_QUEUE = reverse("admin:articles_submission_changelist")


def columns(page):
    """The list's column headings, in order, past the selection box."""
    head = re.search(r"<thead>(.*?)</thead>", page, re.S).group(1)
    cells = re.findall(r"<th[^>]*>(.*?)</th>", head, re.S)
    texts = [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", cell)).split()) for cell in cells]
    return [text for text in texts if text and "Select all" not in text]


def row_of(page, article):
    """The list's row for `article`, as HTML."""
    for row in re.findall(r"<tr>(.*?)</tr>", page, re.S):
        if f"/{article.pk}/change/" in row or f"/{article.pk}/versions/" in row:
            return row
    raise AssertionError(f"no row for {article}")


def steps_in(row):
    return re.findall(r'class="button" href="[^"]*/workflow/(\w+)/"', row)


# The article list.


def test_the_article_list_shows_headline_language_state_author_last_change_and_publish_time(
    client, editor
):
    editor.first_name, editor.last_name = "Elena", "Editor"
    editor.save()
    article = make_article(headline="Lavrov meets OIC ambassadors", created_by=editor)
    client.force_login(editor)

    page = client.get(ARTICLE_LIST).content.decode()

    assert columns(page) == [
        "Headline",
        "Language",
        "State",
        "Author",
        "Last change",
        "Publish time",
    ]
    cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row_of(page, article), re.S)
    assert [re.sub(r"<[^>]+>", "", cell) for cell in cells[1:5]] == [
        "Lavrov meets OIC ambassadors",
        "English",
        "Published",
        "Elena Editor",
    ]


def test_a_rows_state_is_in_words_and_no_row_shows_an_icon(client, editor):
    story = make_article(headline="A story")
    client.force_login(editor)

    page = client.get(ARTICLE_LIST).content.decode()

    assert "Published" in row_of(page, story)
    assert "icon-no" not in page and "icon-yes" not in page

    workflow.unpublish(story, by=editor)
    page = client.get(ARTICLE_LIST).content.decode()
    assert "Unpublished" in row_of(page, story)


def test_the_by_me_filter_finds_what_i_created_submitted_or_had_sent_back(client, writer, editor):
    mine = draft_by(writer, headline="My draft")
    in_review = submitted_by(writer, headline="My submission")
    returned = submitted_by(writer, headline="Sent back to me")
    workflow.send_back(returned, by=editor, comment="Shorter.")
    draft_by(editor, headline="The editor's draft")
    client.force_login(writer)

    def listed(by_me):
        response = client.get(ARTICLE_LIST, {"by_me": by_me})
        return {article.headline for article in response.context["cl"].result_list}

    assert "By me" in client.get(ARTICLE_LIST).content.decode()
    assert listed("created") == {mine.headline, in_review.headline, returned.headline}
    assert listed("submitted") == {in_review.headline}
    assert listed("sent_back") == {returned.headline}


def test_the_by_me_and_state_filters_combine(client, writer):
    draft_by(writer, headline="My draft")
    make_article(headline="My published story", created_by=writer)
    make_article(headline="Someone else's draft", status=Article.Status.DRAFT)
    client.force_login(writer)

    response = client.get(ARTICLE_LIST, {"by_me": "created", "state": "draft"})

    assert [a.headline for a in response.context["cl"].result_list] == ["My draft"]


# The review queue.


def test_the_review_queue_previews_the_submitted_version(client, writer, editor):
    article = submitted_by(writer, headline="Forum in Kazan")
    client.force_login(editor)

    row = row_of(client.get(REVIEW_QUEUE).content.decode(), article)
    [preview] = re.findall(r'<a href="([^"]+)"[^>]*>Preview<', row)

    assert preview == reverse("admin:articles_article_preview", args=[article.pk, 1])
    assert "Forum in Kazan" in client.get(preview).content.decode()


def test_the_review_queue_offers_send_back_and_publish_on_anothers_submission(
    client, writer, editor
):
    article = submitted_by(writer)
    client.force_login(editor)

    row = row_of(client.get(REVIEW_QUEUE).content.decode(), article)

    assert steps_in(row) == ["send_back", "publish"]
    assert ">Send back<" in row and ">Publish<" in row


def test_an_editors_own_submission_has_no_publish_button_in_the_queue(client, editor):
    own = submitted_by(editor, headline="My own piece")
    client.force_login(editor)

    row = row_of(client.get(REVIEW_QUEUE).content.decode(), own)

    assert steps_in(row) == ["send_back"]


def test_a_superuser_may_publish_their_own_submission_from_the_queue(client, superuser):
    own = submitted_by(superuser)
    client.force_login(superuser)

    row = row_of(client.get(REVIEW_QUEUE).content.decode(), own)

    assert steps_in(row) == ["send_back", "publish"]


def test_the_queues_buttons_lead_to_steps_the_server_takes(client, writer, editor):
    to_publish = submitted_by(writer, headline="Publish me")
    to_send_back = submitted_by(writer, headline="Send me back")
    client.force_login(editor)
    page = client.get(REVIEW_QUEUE).content.decode()

    for article, step in [(to_publish, "publish"), (to_send_back, "send_back")]:
        url = re.search(rf'href="([^"]*/workflow/{step}/)"', row_of(page, article)).group(1)
        assert client.get(url).status_code == 200
        client.post(url, {"comment": "Checked."})

    to_publish.refresh_from_db()
    to_send_back.refresh_from_db()
    assert to_publish.status == Article.Status.PUBLISHED
    assert not to_send_back.in_review
    assert to_send_back.log.first().comment == "Checked."


def test_the_review_queue_filters_what_awaits_my_review(client, writer, editor, second_editor):
    theirs = submitted_by(writer, headline="For anyone")
    workflow.submit(draft_by(writer, headline="For me"), by=writer, assign_to=editor)
    workflow.submit(draft_by(writer, headline="For another"), by=writer, assign_to=second_editor)
    submitted_by(editor, headline="My own")
    client.force_login(editor)

    response = client.get(REVIEW_QUEUE, {"by_me": "review"})

    assert "Awaiting my review" in response.content.decode()
    assert [a.headline for a in response.context["cl"].result_list] == ["For anyone", "For me"]
    assert response.context["cl"].result_list[0] == theirs


def test_the_review_queue_costs_the_same_queries_for_one_submission_or_twenty(client, editor):
    writers = [make_user(f"writer-{n}", "Writers") for n in range(20)]
    client.force_login(editor)
    counts = []
    for batch in [writers[:1], writers[1:]]:
        for writer in batch:
            workflow.submit(draft_by(writer), by=writer, assign_to=editor)
        with CaptureQueriesContext(connection) as queries:
            page = client.get(REVIEW_QUEUE).content.decode()
        counts.append(len(queries))
    assert page.count(">Publish<") == 20
    assert counts[0] == counts[1]
