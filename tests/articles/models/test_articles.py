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


def test_slugs_are_unique_and_keep_non_latin_letters():
    first = make_article(headline="Лавров встретился с послами")
    second = make_article(headline="Лавров встретился с послами")
    assert first.slug == "лавров-встретился-с-послами"
    assert second.slug == "лавров-встретился-с-послами-2"
    assert make_person(name="رستم مينيخانوف").slug == "رستم-مينيخانوف"


def test_an_editor_may_choose_the_slug():
    assert make_article(headline="Long headline", slug="short").slug == "short"
