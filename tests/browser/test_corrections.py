"""Breaking news: an editor corrects a live story at once, and a colleague reviews it after."""

import pytest
from playwright.sync_api import expect

from articles import workflow
from tests.browser.steps import Clicks
from tests.factories import make_user, submitted_by

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_corrects_a_live_story_in_four_clicks_and_a_colleague_sees_it_to_review(
    new_page, log_in
):
    page = log_in("editor", "Editors")
    writer, desk = make_user("writer", "Writers"), make_user("desk", "Editors")
    story = workflow.publish(
        submitted_by(writer, headline="Minister opens the forum in Kazna"), by=desk
    )
    click = Clicks()

    page.goto(f"/admin/articles/article/{story.pk}/change/")
    page.get_by_label("Headline").fill("Minister opens the forum in Kazan")
    click(page.get_by_role("button", name="Save and continue editing"))
    click(page.locator(".workflow-panel").get_by_role("link", name="Publish as a correction"))
    page.get_by_label("What the correction fixes").fill("Kazan was misspelt.")
    click(page.get_by_role("button", name="Publish as a correction"))

    expect(page.locator(".messagelist")).to_contain_text("is now published")
    assert click.count <= 4
    reader = new_page()
    reader.goto(story.get_absolute_url())
    expect(reader.get_by_role("heading", level=1)).to_have_text(
        "Minister opens the forum in Kazan"
    )
    # Readers are told what changed, below the story.
    expect(reader.get_by_role("region", name="Corrections")).to_contain_text("Kazan was misspelt.")
    expect(reader.locator(".story .meta")).to_contain_text("Updated")

    colleague = log_in("second-editor", "Editors")
    colleague.get_by_role("link", name="Corrections").click()
    row = colleague.locator("#result_list tr", has_text="Kazan was misspelt.")
    expect(row).to_contain_text("Awaiting review")
    expect(row.get_by_role("link", name="compare")).to_be_visible()
