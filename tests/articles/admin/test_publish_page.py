"""The publish page: publish now or schedule, in the newsroom's time, looking at what goes up."""

import datetime
import re
import zoneinfo

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse

from articles import workflow
from articles.models import Article
from tests.factories import make_user, submitted_by

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_moscow")]

MOSCOW = zoneinfo.ZoneInfo("Europe/Moscow")
# 11:00 in Moscow on Thursday 3 December 2026.
NOW = datetime.datetime(2026, 12, 3, 8, 0, tzinfo=datetime.UTC)


@pytest.fixture
def in_moscow():
    with override_settings(TIME_ZONE="Europe/Moscow"), time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def desk(client):
    client.force_login(make_user("editor", "Editors"))
    return client


@pytest.fixture
def submitted(db):
    return submitted_by(make_user("writer", "Writers"), headline="Forum opens in Kazan")


def page_url(article):
    return reverse("admin:articles_article_workflow", args=[article.pk, "publish"])


def post(client, article, button, **fields):
    data = {"comment": "", "version": article.revision, button: "1"}
    for name in ["publish_at", "unpublish_at"]:
        if name in fields:
            data[f"{name}_0"], data[f"{name}_1"] = fields[name]
    return client.post(page_url(article), data, follow=True)


def field_errors(page, name):
    """The errors shown in the form row of one field."""
    row = re.search(rf'<div class="form-row field-{name}">(.*?)</div>\s*</div>', page, re.S)
    return row.group(1) if row and "errorlist" in row.group(1) else ""


def test_the_page_offers_publishing_now_and_scheduling_and_names_the_time_zone(desk, submitted):
    page = desk.get(page_url(submitted)).content.decode()

    assert 'name="_publish_now" class="default" value="Publish now"' in page
    assert 'name="_schedule" value="Schedule"' in page
    assert "Times are the newsroom's, in <strong>Europe/Moscow</strong>." in page
    # Beside each time, too.
    assert page.count("Europe/Moscow time.") == 2


def test_publish_now_ignores_a_time_typed_for_scheduling(desk, submitted):
    response = post(desk, submitted, "_publish_now", publish_at=("2026-12-10", "09:00"))

    submitted.refresh_from_db()
    assert submitted.published_at == NOW
    assert list(Article.objects.published()) == [submitted]
    assert "is now published" in response.content.decode()


def test_after_publishing_the_message_links_to_the_live_page(desk, submitted):
    response = post(desk, submitted, "_publish_now")

    submitted.refresh_from_db()
    url = submitted.get_absolute_url()
    assert (
        f'“Forum opens in Kazan” is now published: <a href="{url}">read it on the site</a>.'
        in response.content.decode()
    )
    assert desk.get(url).status_code == 200


def test_scheduling_says_when_in_the_newsrooms_time_zone(desk, submitted):
    response = post(
        desk,
        submitted,
        "_schedule",
        publish_at=("2026-12-04", "09:00"),
        unpublish_at=("2026-12-05", "18:30"),
    )

    submitted.refresh_from_db()
    assert submitted.published_at == datetime.datetime(2026, 12, 4, 9, 0, tzinfo=MOSCOW)
    assert not Article.objects.published().exists()
    assert (
        "“Forum opens in Kazan” is now scheduled for 4 Dec 2026 09:00 (Europe/Moscow), "
        "until 5 Dec 2026 18:30 (Europe/Moscow)." in response.content.decode()
    )


def test_scheduling_without_a_time_is_an_error_on_that_field(desk, submitted):
    response = post(desk, submitted, "_schedule")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Say when it goes up, or choose “Publish now”." in field_errors(page, "publish_at")
    assert not Article.objects.filter(status=Article.Status.PUBLISHED).exists()


def test_scheduling_in_the_past_is_refused_on_the_field(desk, submitted):
    response = post(desk, submitted, "_schedule", publish_at=("2026-12-03", "10:59"))

    errors = field_errors(response.content.decode(), "publish_at")
    assert "3 Dec 2026 10:59 (Europe/Moscow) has passed" in errors
    assert not Article.objects.filter(status=Article.Status.PUBLISHED).exists()


def test_taking_down_before_going_up_is_an_error_on_the_take_down_field(desk, submitted):
    response = post(
        desk,
        submitted,
        "_schedule",
        publish_at=("2026-12-04", "09:00"),
        unpublish_at=("2026-12-04", "08:00"),
    )

    page = response.content.decode()
    assert "It must come down after it goes up." in field_errors(page, "unpublish_at")
    assert not field_errors(page, "publish_at")
    assert not Article.objects.filter(status=Article.Status.PUBLISHED).exists()


def test_the_page_previews_the_version_that_goes_up(desk, submitted):
    page = desk.get(page_url(submitted)).content.decode()

    preview = reverse("admin:articles_article_preview", args=[submitted.pk, submitted.revision])
    assert re.findall(r'<iframe src="([^"]+)"', page) == [preview]

    response = desk.get(preview)
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    # Only the preview may be framed, and only by our own pages.
    assert "frame-ancestors 'none'" in desk.get(page_url(submitted))["Content-Security-Policy"]


@pytest.fixture
def live_with_changes(submitted):
    """The article live as version 2, with version 3 submitted to replace it."""
    writer = submitted.created_by
    article = workflow.publish(submitted, by=make_user("other-editor", "Editors"))
    article.body = "<p>New facts.</p>"
    workflow.save_edit(article, by=writer, editing=article.revision)
    return workflow.submit(article, by=writer)


def test_a_live_article_is_shown_beside_the_version_replacing_it(desk, live_with_changes):
    article = live_with_changes
    page = desk.get(page_url(article)).content.decode()

    frames = re.findall(r'<iframe src="([^"]+)" title="([^"]+)"', page)
    assert frames == [
        (
            reverse("admin:articles_article_preview", args=[article.pk, article.live_revision]),
            f"Version {article.live_revision}, live now",
        ),
        (
            reverse("admin:articles_article_preview", args=[article.pk, article.revision]),
            f"Version {article.revision}, to be published",
        ),
    ]


def test_a_live_article_is_not_offered_scheduling_which_would_take_it_down(
    desk, live_with_changes
):
    article = live_with_changes
    page = desk.get(page_url(article)).content.decode()
    assert 'name="_schedule"' not in page
    assert 'name="_publish_now"' in page

    response = post(desk, article, "_schedule", publish_at=("2026-12-04", "09:00"))
    assert "scheduling would take it off the site until then" in response.content.decode()
    article.refresh_from_db()
    assert article.has_unpublished_changes
    assert Article.objects.published().get() == article


def test_a_version_saved_after_the_page_was_shown_is_not_published_unseen(desk, submitted):
    shown = submitted.revision
    submitted.body = "<p>Changed meanwhile.</p>"
    workflow.save_edit(submitted, by=make_user("other-editor", "Editors"), editing=shown)

    response = desk.post(page_url(submitted), {"version": shown, "_publish_now": "1"})

    page = response.content.decode()
    assert f"Version {shown + 1} was saved after this page showed version {shown}" in page
    assert f'<input type="hidden" name="version" value="{shown + 1}"' in page
    assert not Article.objects.published().exists()


def test_publish_now_brings_a_scheduled_article_forward(desk, submitted):
    editor = make_user("other-editor", "Editors")
    article = workflow.publish(submitted, by=editor, at=NOW + datetime.timedelta(days=2))
    article.body = "<p>Urgent now.</p>"
    workflow.save_edit(article, by=article.created_by, editing=article.revision)
    workflow.submit(article, by=article.created_by)

    page = desk.get(page_url(article)).content.decode()
    assert "Scheduled for 5 Dec 2026 11:00 (Europe/Moscow)." in page

    post(desk, article, "_publish_now")
    article.refresh_from_db()
    assert article.published_at == NOW
    assert Article.objects.published().get() == article


def test_the_publish_page_costs_a_fixed_number_of_queries(
    desk, live_with_changes, django_assert_num_queries
):
    """Session, user, article, permissions (user and group), the queue's count: whether it
    is live is read off the article."""
    with django_assert_num_queries(6):
        assert desk.get(page_url(live_with_changes)).status_code == 200
