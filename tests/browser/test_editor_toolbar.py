"""The editor toolbar on a public article page, in Chromium: an editor logged in to the
admin sees the Edit link and the story's state; a reader's browser never asks for it."""

import re

import pytest
from playwright.sync_api import expect

from articles import workflow
from tests.factories import make_article, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADLINE = "Lavrov meets OIC ambassadors"


def watch(page):
    """Record every address the page asks for and every CSP violation it reports."""
    seen = {"requests": [], "violations": []}
    page.on("request", lambda request: seen["requests"].append(request.url))
    page.on(
        "console",
        lambda message: (
            seen["violations"].append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return seen


@pytest.fixture
def story(roles):
    """A published story with changes waiting in review."""
    writer = make_user("writer", "Writers")
    article = make_article(headline=HEADLINE, created_by=writer)
    article.headline = f"{HEADLINE}, corrected"
    workflow.save_edit(article, by=writer, editing=article.revision)
    workflow.submit(article, by=writer)
    return article


def test_an_editor_sees_the_state_and_edits_the_story_from_its_public_page(log_in, story):
    page = log_in("editor", "Editors")
    seen = watch(page)

    page.goto(story.get_absolute_url())

    bar = page.get_by_role("complementary", name="Editor tools")
    expect(bar).to_have_text("Edit · State: Published, changes in review")
    assert not seen["violations"]
    bar.get_by_role("link", name="Edit").click()
    expect(page).to_have_url(re.compile(rf"/admin/articles/article/{story.pk}/change/$"))
    expect(page.locator(".workflow-panel")).to_contain_text("State: Published, changes in review")


def test_a_reader_sees_no_bar_and_their_browser_never_asks_for_one(new_page, story):
    page = new_page()
    seen = watch(page)

    page.goto(story.get_absolute_url())
    page.wait_for_load_state("networkidle")

    expect(page.get_by_role("heading", level=1)).to_have_text(HEADLINE)
    assert any(url.endswith("/static/js/editor-toolbar.js") for url in seen["requests"])
    assert not [url for url in seen["requests"] if "/toolbar/" in url]
    expect(page.locator(".editor-toolbar")).to_have_count(0)


def test_after_logging_out_an_editor_reads_the_page_as_a_reader(log_in, story):
    page = log_in("editor", "Editors")
    page.get_by_role("button", name="Log out").click()
    seen = watch(page)

    page.goto(story.get_absolute_url())
    page.wait_for_load_state("networkidle")

    expect(page.locator(".editor-toolbar")).to_have_count(0)
    assert not [url for url in seen["requests"] if "/toolbar/" in url]
