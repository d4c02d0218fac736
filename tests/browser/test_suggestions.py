"""Suggested links in Chromium: an imported press release is linked to everything it
mentions with one click, and once published every one of those pages lists it."""

from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from articles.models import Article
from articles.samples.newsroom import SAMPLE_PRESS_RELEASE
from tests.browser.steps import open_from_review_queue, take_step

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAMPLE_DIRECTORY = Path(SAMPLE_PRESS_RELEASE).with_name("directory.json")
HEADLINE = (
    "Lavrov: Russia maintains mutually respectful relations with countries of the Islamic world"
)
# One of each kind the sample names (../shared/samples/*.links.json has them all).
AMONG_THEM = [
    "person:sergey-lavrov",
    "organisation:oic",
    "event:kazanforum",
    "region:kazan",
    "topic:foreign-policy",
]


def test_an_editor_accepts_every_suggestion_of_an_imported_press_release(new_page, log_in):
    call_command("import_directory", str(SAMPLE_DIRECTORY), verbosity=0)
    call_command("import_articles", str(SAMPLE_PRESS_RELEASE), verbosity=0)
    article = Article.objects.get()
    offered = list(article.suggestions.offered().prefetch_related("entity"))
    assert {s.entity.directory_key for s in offered} >= set(AMONG_THEM)

    editor = log_in("editor", "Editors")
    editor.goto("/admin/articles/article/")
    editor.get_by_role("link", name=HEADLINE).click()
    panel = editor.locator(".suggested-links")
    expect(panel.locator(".suggested-link")).to_have_count(len(offered))
    expect(panel.get_by_role("link", name="Sergey Lavrov", exact=True)).to_be_visible()
    expect(panel.locator("mark").first).to_be_visible()
    panel.get_by_role("button", name="Accept all").click()
    expect(editor.locator(".messagelist .success")).to_contain_text(
        f"Linked {len(offered)} suggestions: "
    )
    expect(editor.locator(".suggested-links")).to_have_count(0)
    take_step(editor, "Submit for review")

    second = log_in("second-editor", "Editors")
    open_from_review_queue(second, HEADLINE)
    take_step(second, "Publish")
    expect(second.locator(".workflow-panel")).to_contain_text("State: Published")

    article.refresh_from_db()
    reader = new_page()
    reader.goto(article.get_absolute_url())
    mentions = reader.locator(".mentions")
    for suggestion in offered:
        page = suggestion.entity.get_absolute_url()
        expect(mentions.locator(f'a[href="{page}"]')).to_have_count(1)
    for suggestion in offered:
        reader.goto(suggestion.entity.get_absolute_url())
        expect(reader.get_by_role("link", name=HEADLINE).first).to_be_visible()
