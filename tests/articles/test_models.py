import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import Article, Event, Region
from tests.conftest import make_article, make_event, make_person

pytestmark = pytest.mark.django_db


def test_published_excludes_drafts_and_articles_scheduled_for_later():
    live = make_article(headline="Live")
    make_article(headline="Draft", status=Article.Status.DRAFT)
    make_article(headline="Later", published_at=timezone.now() + datetime.timedelta(hours=1))
    assert list(Article.objects.published()) == [live]


def test_publishing_without_a_time_publishes_now():
    before = timezone.now()
    article = make_article(status=Article.Status.DRAFT)
    article.status = Article.Status.PUBLISHED
    article.save()
    assert article.published_at >= before
    assert article in Article.objects.published()


def test_slugs_are_unique_and_keep_non_latin_letters():
    first = make_article(headline="Лавров встретился с послами")
    second = make_article(headline="Лавров встретился с послами")
    assert first.slug == "лавров-встретился-с-послами"
    assert second.slug == "лавров-встретился-с-послами-2"
    assert make_person(name="رستم مينيخانوف").slug == "رستم-مينيخانوف"


def test_an_editor_may_choose_the_slug():
    assert make_article(headline="Long headline", slug="short").slug == "short"


def test_body_script_and_event_handlers_are_removed_on_every_save():
    article = make_article(
        body='<p onclick="steal()">Hi <script>alert(1)</script>'
        '<a href="javascript:alert(1)">link</a></p>'
    )
    article.refresh_from_db()
    assert "script" not in article.body
    assert "onclick" not in article.body
    assert "javascript:" not in article.body
    assert "Hi" in article.body


def test_region_subtree_reaches_every_level_below(regions):
    subtree = set(Region.objects.subtree(regions["russia"]))
    assert subtree == {regions["russia"], regions["tatarstan"], regions["kazan"]}


def test_region_lineage_runs_from_the_top_down(regions):
    assert regions["kazan"].lineage() == [
        regions["russia"],
        regions["tatarstan"],
        regions["kazan"],
    ]


def test_a_region_cannot_be_placed_inside_its_own_subregion(regions):
    russia = regions["russia"]
    russia.parent = regions["kazan"]
    with pytest.raises(ValidationError, match="inside itself"):
        russia.full_clean()


def test_upcoming_and_past_events_split_on_the_last_day():
    today = timezone.localdate()
    running = make_event(
        name="Running", start_date=today - datetime.timedelta(days=2), end_date=today
    )
    over = make_event(name="Over", start_date=today - datetime.timedelta(days=1))
    assert list(Event.objects.upcoming()) == [running]
    assert list(Event.objects.past()) == [over]


def test_an_event_cannot_end_before_it_starts():
    event = Event(
        name="Backwards",
        start_date=datetime.date(2023, 5, 19),
        end_date=datetime.date(2023, 5, 18),
    )
    with pytest.raises(ValidationError, match="cannot end before it starts"):
        event.full_clean()
