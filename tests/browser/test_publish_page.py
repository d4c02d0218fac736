"""The publish page in Chromium: pickers drawn and placed under the CSP, the newsroom's time
zone, and the version going up framed beside the live one."""

import datetime
import zoneinfo

import pytest
from django.test import override_settings
from django.utils import timezone
from playwright.sync_api import expect

from articles import workflow
from articles.models import Article
from tests.browser.steps import open_from_review_queue
from tests.browser.test_csp import watch_for_violations
from tests.factories import make_user, submitted_by

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADLINE = "KazanForum opens with a session on Islamic finance"
MOSCOW = zoneinfo.ZoneInfo("Europe/Moscow")


def box(locator):
    """Return where an element is drawn, after checking that it is drawn at all."""
    expect(locator).to_be_visible()
    found = locator.bounding_box()
    assert found["width"] > 0 and found["height"] > 0
    return found


@pytest.fixture
def in_moscow():
    """Run the newsroom, live server included, in Moscow's time, the browser staying in UTC."""
    with override_settings(TIME_ZONE="Europe/Moscow"):
        yield


def test_an_editor_schedules_a_story_with_the_pickers_in_the_newsrooms_time(log_in, in_moscow):
    submitted_by(make_user("writer", "Writers"), headline=HEADLINE)
    page = log_in("editor", "Editors")
    violations = watch_for_violations(page)
    page.set_viewport_size({"width": 1400, "height": 1000})
    open_from_review_queue(page, HEADLINE)
    page.locator(".workflow-panel").get_by_role("link", name="Publish", exact=True).click()

    expect(page.locator(".timezone-note")).to_have_text(
        "Times are the newsroom's, in Europe/Moscow."
    )
    expect(page.locator("#id_publish_at_helptext")).to_contain_text("Europe/Moscow time.")
    # What goes up is on the page: its preview, framed.
    preview = page.frame_locator("iframe[title$='to be published']")
    expect(preview.get_by_role("heading", level=1)).to_have_text(HEADLINE)

    # The calendar's button is an icon that is drawn, and opens a calendar beside it.
    calendar_button = page.locator(".field-publish_at").get_by_role("button", name="Choose a Date")
    button = box(calendar_button)
    icon = calendar_button.locator(".date-icon")
    assert "icon-calendar.svg" in icon.evaluate("e => getComputedStyle(e).backgroundImage")
    calendar_button.click()
    calendar = page.locator("#calendarbox0")
    opened = box(calendar)
    assert abs(opened["y"] - button["y"]) < 150 and abs(opened["x"] - button["x"]) < 100
    calendar.get_by_role("button", name="Tomorrow").click()
    expect(calendar).to_be_hidden()

    clock_button = page.locator(".field-publish_at").get_by_role("button", name="Choose a Time")
    box(clock_button)
    clock_button.click()
    page.locator("#clockbox0").get_by_role("button", name="6 a.m.").click()

    page.get_by_role("button", name="Schedule", exact=True).click()

    tomorrow = timezone.localdate(timezone=MOSCOW) + datetime.timedelta(days=1)
    at = datetime.datetime.combine(tomorrow, datetime.time(6), tzinfo=MOSCOW)
    expect(page.locator(".messagelist")).to_contain_text(
        f"“{HEADLINE}” is now scheduled for {at:%-d %b %Y} 06:00 (Europe/Moscow)."
    )
    article = Article.objects.get(headline=HEADLINE)
    assert article.published_at == at
    assert not Article.objects.published().exists()
    assert violations == [], "\n".join(violations)


def test_the_publish_page_of_a_live_article_shows_both_versions_accessibly(log_in):
    """Live and replacement side by side, both drawn (framing allowed), and axe finds nothing
    serious in what the page adds to the admin."""
    from axe_playwright_python.sync_playwright import Axe

    writer = make_user("writer", "Writers")
    article = submitted_by(writer, headline=HEADLINE, body="<p>The forum opened.</p>")
    article = workflow.publish(article, by=make_user("other-editor", "Editors"))
    article.body = "<p>The forum opened with four thousand guests.</p>"
    workflow.save_edit(article, by=writer, editing=article.revision)
    workflow.submit(article, by=writer)
    page = log_in("editor", "Editors")
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"/admin/articles/article/{article.pk}/workflow/publish/")

    live = page.frame_locator("iframe[title$='live now']")
    replacement = page.frame_locator("iframe[title$='to be published']")
    expect(live.get_by_text("The forum opened.")).to_be_visible()
    expect(replacement.get_by_text("four thousand guests")).to_be_visible()
    left, right = box(page.locator("iframe").first), box(page.locator("iframe").last)
    assert left["x"] + left["width"] <= right["x"] and left["y"] == right["y"]
    expect(page.get_by_role("button", name="Schedule")).to_have_count(0)

    results = Axe().run(page, context="#content-main").response
    serious = [
        f"{violation['id']} {[node['target'] for node in violation['nodes']]}"
        for violation in results["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]
    assert not serious, "\n".join(serious)
