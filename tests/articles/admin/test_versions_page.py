"""Comparing two versions in the admin: what changed is marked, what did not is folded."""

import re

import pytest
from django.urls import reverse

from articles import workflow
from tests.factories import draft_by, make_user

pytestmark = pytest.mark.django_db

UNCHANGED = [f"<p>Paragraph {n} stays as it was.</p>" for n in range(1, 6)]


@pytest.fixture
def edited(db):
    """A draft whose second version rewords one paragraph of six and adds one."""
    writer = make_user("writer", "Writers")
    article = draft_by(writer, body="".join([*UNCHANGED, "<p>Talks were held in Kazan.</p>"]))
    article.body = "".join(
        [*UNCHANGED, "<p>Talks were held in Moscow.</p>", "<p>A <b>new</b> one &amp; more.</p>"]
    )
    workflow.save_edit(article, by=writer, editing=article.revision)
    return article


def compare(client, article):
    client.force_login(make_user("editor", "Editors"))
    url = reverse("admin:articles_article_versions", args=[article.pk])
    return client.get(url, {"a": 1, "b": 2}).content.decode()


def test_the_changed_words_are_marked_and_the_unchanged_paragraphs_folded(client, edited):
    page = compare(client, edited)

    assert "Talks were held in <del>Kazan.</del><ins>Moscow.</ins>" in page
    assert "<ins>A new one &amp; more.</ins>" in page
    # The five paragraphs nobody touched are there, folded under one summary.
    assert "<summary>5 unchanged paragraphs</summary>" in page
    folded = page[page.index("<details") : page.index("</details>")]
    assert all(f"Paragraph {n} stays as it was." in folded for n in range(1, 6))
    # Coloured: the admin's own stylesheet is on the page.
    assert "admin/css/newsroom.css" in page


def test_text_in_a_body_is_escaped_in_the_comparison(client):
    writer = make_user("writer", "Writers")
    article = draft_by(writer, body="<p>Safe.</p>")
    article.body = "<p>Safe.</p><p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
    workflow.save_edit(article, by=writer, editing=article.revision)

    page = compare(client, article)

    assert "<ins>&lt;script&gt;alert(1)&lt;/script&gt;</ins>" in page
    assert "<script>alert" not in page


def test_the_compare_form_puts_no_csrf_token_in_its_url(client, edited):
    """Comparing is a GET: a CSRF token in it would end up in history, logs and referrers."""
    page = compare(client, edited)

    compare_form = re.search(r'<form method="get".*?</form>', page, re.S).group()
    assert "csrfmiddlewaretoken" not in compare_form
    assert 'name="a"' in compare_form and 'name="b"' in compare_form
    # Restoring still posts its token, from a form of its own.
    restore = re.search(r'<form method="post" id="restore-1".*?</form>', page, re.S).group()
    assert "csrfmiddlewaretoken" in restore
    assert 'form="restore-1"' in page


def test_restoring_from_its_own_form_still_works(client, edited):
    compare(client, edited)
    client.post(reverse("admin:articles_article_restore", args=[edited.pk, 1]))
    edited.refresh_from_db()
    assert "Kazan" in edited.body and edited.revision == 3
