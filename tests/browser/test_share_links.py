"""Share links in Chromium: an editor makes one that follows the newest version, copies
its address with the Copy button, and an outsider opens it."""

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from tests.factories import draft_by

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_copies_a_share_link_and_an_outsider_reads_the_draft(
    log_in, new_page, live_server
):
    page = log_in("editor", "Editors")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    article = draft_by(User.objects.get(username="editor"), headline="Embargoed interview")

    page.goto(f"/admin/articles/article/{article.pk}/change/")
    page.get_by_label("Follow the newest version").check()
    page.get_by_role("button", name="Make a share link to version 1").click()
    link = page.locator(".share-link")
    expect(link).to_contain_text("Active — follows the newest version (made at version 1)")
    link.get_by_role("button", name="Copy").click()

    expect(link.get_by_role("status")).to_have_text("Copied")
    address = link.get_by_label("Address of the share link").input_value()
    assert page.evaluate("navigator.clipboard.readText()") == address
    outsider = new_page()
    outsider.goto(address)
    expect(outsider.get_by_role("heading", level=1)).to_have_text("Embargoed interview")
