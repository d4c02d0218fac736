import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.browser.steps import open_from_review_queue, take_step, write_body

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADLINE = "Kazan to host the interfaith forum"
FIRST_DRAFT = "The forum of the faiths of Tatarstan meets in Kazan soon."
FIXED = "The forum of the faiths of Tatarstan meets in Kazan on 14 and 15 May."
COMMENT = "Name the forum's dates."


def test_an_editor_sends_a_submission_back_and_publishes_the_fix(new_page, log_in, mailoutbox):
    """A writer fixes what an editor sent back; the editor sees the change, then publishes it."""
    writer = log_in("writer", "Writers")
    writer.goto("/admin/articles/article/add/")
    writer.get_by_label("Headline").fill(HEADLINE)
    write_body(writer, FIRST_DRAFT)
    writer.get_by_role("button", name="Save and continue editing").click()
    expect(writer.locator(".messagelist")).to_contain_text("was added successfully")
    take_step(writer, "Submit for review")
    expect(writer.locator(".workflow-panel")).to_contain_text("State: In review")
    article = Article.objects.get(headline=HEADLINE)

    editor = log_in("editor", "Editors")
    open_from_review_queue(editor, HEADLINE)
    take_step(editor, "Send back", comment=COMMENT)
    expect(editor.locator(".workflow-panel")).to_contain_text("State: Draft")

    [email] = [email for email in mailoutbox if "writer@newsroom.test" in email.to]
    assert email.subject == f"Sent back: {HEADLINE}"
    assert COMMENT in email.body

    writer.reload()
    expect(writer.locator(".workflow-panel")).to_contain_text("State: Draft")
    writer.get_by_role("link", name="History").click()
    expect(writer.get_by_role("row", name=re.compile("Sent back"))).to_contain_text(COMMENT)
    writer.locator(".breadcrumbs").get_by_role("link", name=HEADLINE).click()
    write_body(writer, FIXED)
    writer.get_by_role("button", name="Save and continue editing").click()
    expect(writer.locator(".messagelist")).to_contain_text("was changed successfully")
    take_step(writer, "Submit for review")

    open_from_review_queue(editor, HEADLINE)
    editor.get_by_role("link", name="Versions").click()
    editor.get_by_label("Compare version 1 as the older").check()
    editor.get_by_label("Compare version 2 as the newer").check()
    editor.get_by_role("button", name="Compare selected versions").click()
    changes = editor.locator(".version-diff tr", has=editor.get_by_role("rowheader", name="Body"))
    expect(changes.locator("del")).to_have_text("soon.")
    expect(changes.locator("ins")).to_have_text("on 14 and 15 May.")
    editor.locator(".breadcrumbs").get_by_role("link", name=HEADLINE).click()
    take_step(editor, "Publish")
    expect(editor.locator(".workflow-panel")).to_contain_text("State: Published")

    reader = new_page()
    article.refresh_from_db()
    reader.goto(article.get_absolute_url())
    expect(reader.get_by_role("heading", level=1)).to_have_text(HEADLINE)
    expect(reader.get_by_text(FIXED)).to_be_visible()
    expect(reader.get_by_text(FIRST_DRAFT)).to_have_count(0)
