"""Comparing versions in Chromium: the address a comparison gets, and how it reads."""

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from articles import workflow
from tests.factories import draft_by, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KEPT = [f"<p>Paragraph {n} stays as it was.</p>" for n in range(4)]


def test_an_editor_compares_two_versions_and_the_address_holds_no_token(log_in):
    writer = make_user("writer", "Writers")
    article = draft_by(writer, body="".join([*KEPT, "<p>Talks were held in Kazan.</p>"]))
    article.body = "".join([*KEPT, "<p>Talks were held in Moscow.</p>"])
    workflow.save_edit(article, by=writer, editing=article.revision)
    page = log_in("editor", "Editors")
    page.goto(f"/admin/articles/article/{article.pk}/versions/")

    page.get_by_role("button", name="Compare selected versions").click()

    assert parse_qs(urlsplit(page.url).query) == {"a": ["1"], "b": ["2"]}
    removed, added = page.locator(".diff del"), page.locator(".diff ins")
    expect(removed).to_have_text("Kazan.")
    expect(added).to_have_text("Moscow.")
    colours = [
        locator.evaluate("e => getComputedStyle(e).backgroundColor")
        for locator in (removed, added)
    ]
    assert len(set(colours)) == 2 and "rgba(0, 0, 0, 0)" not in colours
    unchanged = page.locator(".diff details")
    expect(unchanged.locator("summary")).to_have_text("4 unchanged paragraphs")
    expect(unchanged.get_by_text("Paragraph 0 stays as it was.")).to_be_hidden()
    unchanged.locator("summary").click()
    expect(unchanged.get_by_text("Paragraph 0 stays as it was.")).to_be_visible()
