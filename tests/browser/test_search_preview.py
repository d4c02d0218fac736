"""The article form's search-result and shared-card previews follow what the editor types,
in Chromium, under the admin's CSP."""

import pytest
from playwright.sync_api import expect

from articles.admin.previews import truncated
from tests.browser.test_csp import watch_for_violations
from tests.factories import make_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_previews_follow_what_the_editor_types(log_in):
    page = log_in("editor", "Editors")
    violations = watch_for_violations(page)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto("/admin/articles/article/add/")
    page.get_by_label("Headline").fill("Lavrov meets OIC ambassadors")
    page.get_by_text("Search and social", exact=True).click()

    previews = page.locator(".search-social-previews")
    title = previews.locator('[data-preview="title"]')
    expect(title).to_have_text("Lavrov meets OIC ambassadors · Newsroom")
    # The slug follows the headline, and the address in the result with it.
    expect(previews.locator('[data-preview="breadcrumb"]')).to_contain_text(
        "› lavrov-meets-oic-ambassadors"
    )

    page.get_by_label("Search title").fill(
        "Lavrov and the OIC: a long talk in Kazan about the forum"
    )
    expect(title).to_have_text("Lavrov and the OIC: a long talk in Kazan about the forum")
    expect(previews.locator('[data-preview="card-title"]')).to_have_text(
        "Lavrov and the OIC: a long talk in Kazan about the forum"
    )
    expect(page.locator(".field-meta_title .char-count")).to_have_text("56 / 60")

    page.get_by_label("Search title").fill(
        "Lavrov and the OIC: a long talk in Kazan about the forum today"
    )
    expect(title).to_have_text(
        truncated("Lavrov and the OIC: a long talk in Kazan about the forum today", 60)
    )
    expect(page.locator(".field-meta_title .char-count")).to_have_class(
        "char-count help char-count-over"
    )

    page.get_by_label("Search description").fill("Russia and the OIC agree. " * 10)
    description = previews.locator('[data-preview="description"]')
    # Cut by the script as the server cuts it.
    expect(description).to_have_text(truncated("Russia and the OIC agree. " * 10, 160))
    expect(previews.locator('[data-preview="card-description"]')).to_contain_text("Russia")
    assert violations == [] and errors == [], violations + errors


def test_a_published_storys_preview_keeps_its_edition(log_in):
    """Its language is fixed once published (no field): the address stays in its edition."""
    story = make_article(headline="Лавров в Казани", slug="лавров-в-казани", language="ru")
    page = log_in("editor", "Editors")
    page.goto(f"/admin/articles/article/{story.pk}/change/")
    page.get_by_text("Search and social", exact=True).click()
    page.get_by_label("Slug").fill("лавров-и-оис")
    expect(page.locator('[data-preview="breadcrumb"]')).to_contain_text("› ru › news › ")
    expect(page.locator('[data-preview="breadcrumb"]')).to_contain_text("› лавров-и-оис")
