import datetime

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_person

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


def test_an_article_is_visible_from_its_publication_time_until_its_take_down_time(
    time_machine,
):
    now = timezone.now()
    time_machine.move_to(now, tick=False)
    hour = datetime.timedelta(hours=1)
    going_up = make_article(headline="Going up now", published_at=now)
    make_article(headline="Coming down now", published_at=now - hour, unpublish_at=now)
    staying = make_article(
        headline="Coming down later",
        published_at=now - hour,
        unpublish_at=now + datetime.timedelta(seconds=1),
    )

    assert set(Article.objects.published()) == {going_up, staying}


def test_an_unpublished_article_is_hidden_though_its_time_has_come():
    make_article(
        status=Article.Status.UNPUBLISHED,
        published_at=timezone.now() - datetime.timedelta(days=1),
    )
    assert not Article.objects.published().exists()


def test_the_review_queue_holds_submissions_oldest_first():
    now = timezone.now()
    newer = make_article(headline="Newer", submitted_at=now)
    older = make_article(headline="Older", submitted_at=now - datetime.timedelta(hours=1))
    make_article(headline="Not submitted")

    assert list(Article.objects.awaiting_review()) == [older, newer]
