"""The desk and the review queue in Chromium: an editor decides from the queue, and the
writer finds the decision on their desk."""

import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from articles.models import Article
from tests.factories import draft_by, submitted_by

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FATAL_IMPACTS = {"serious", "critical"}
SENT_BACK = "Ministers meet in Baku"
TO_PUBLISH = "Kazan to host the interfaith forum"


def assert_accessible(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page).response
    fatal = [v["id"] for v in results["violations"] if v["impact"] in FATAL_IMPACTS]
    assert not fatal, f"{page.url}: {fatal}"


def queue_row(page, headline):
    return page.get_by_role("row").filter(has=page.get_by_role("link", name=headline, exact=True))


def test_an_editor_decides_from_the_queue_and_the_writer_reads_it_on_the_desk(log_in):
    writer_page = log_in("writer", "Writers")
    editor_page = log_in("editor", "Editors")
    writer = User.objects.get(username="writer")
    submitted_by(writer, headline=SENT_BACK)
    submitted_by(writer, headline=TO_PUBLISH)
    draft_by(writer, headline="Still a draft")

    editor_page.reload()
    review = editor_page.get_by_role("region", name="Awaiting my review")
    expect(review.get_by_role("link", name=SENT_BACK)).to_be_visible()
    assert_accessible(editor_page)

    editor_page.get_by_role("link", name="Review queue (2 waiting)").click()
    assert_accessible(editor_page)
    queue_row(editor_page, SENT_BACK).get_by_role("link", name="Send back").click()
    editor_page.get_by_label("Comment").fill("Name the ministers.")
    editor_page.get_by_role("button", name="Send back", exact=True).click()
    expect(editor_page.locator(".messagelist")).to_contain_text("is now draft")

    editor_page.goto("/admin/articles/submission/")
    queue_row(editor_page, TO_PUBLISH).get_by_role("link", name="Publish").click()
    editor_page.get_by_role("button", name="Publish now", exact=True).click()
    expect(editor_page.locator(".messagelist")).to_contain_text("is now published")
    assert Article.objects.get(headline=TO_PUBLISH).status == Article.Status.PUBLISHED

    writer_page.reload()
    sent_back = writer_page.get_by_role("region", name="Sent back to me")
    expect(sent_back.get_by_role("row", name=re.compile(SENT_BACK))).to_contain_text(
        "editor: “Name the ministers.”"
    )
    drafts = writer_page.get_by_role("region", name="My drafts")
    expect(drafts.get_by_role("link", name="Still a draft")).to_be_visible()
    published = writer_page.get_by_role("region", name="Published today")
    expect(published.get_by_role("link", name=TO_PUBLISH)).to_be_visible()
    expect(writer_page.get_by_role("region", name="Awaiting my review")).to_have_count(0)
