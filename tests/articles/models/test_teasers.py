"""Articles as lists read them (articles/models/teasers.py): one query of plain rows."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Article, Topic
from tests.factories import PNG, make_article, make_person

pytestmark = pytest.mark.django_db


def test_a_teaser_names_its_byline_in_print_order_and_its_topics_by_name(
    django_assert_num_queries,
):
    second, first = make_person(name="Zarina Saidova"), make_person(name="Anna Orlova")
    topics = [Topic.objects.create(name=name) for name in ["Trade", "Energy", "Culture"]]
    article = make_article(bylines=[second, first], topics=topics)
    article.bylines.filter(person=first).update(position=0)
    article.bylines.filter(person=second).update(position=1)
    make_article(headline="Unsigned", byline="Press service")

    with django_assert_num_queries(1):
        unsigned, teaser = Article.objects.published().order_by("pk").reverse().teasers()

    assert [person.name for person in teaser.authors_in_order] == ["Anna Orlova", "Zarina Saidova"]
    assert teaser.authors_in_order[0].get_absolute_url() == first.get_absolute_url()
    assert [topic.name for topic in teaser.topic_list] == ["Culture", "Energy", "Trade"]
    assert teaser.topic_list[0].get_absolute_url() == topics[2].get_absolute_url()
    assert teaser.get_absolute_url() == article.get_absolute_url()
    assert (unsigned.byline, unsigned.authors_in_order, unsigned.topic_list) == (
        "Press service",
        [],
        [],
    )


def test_a_lead_storys_picture_reads_as_the_articles_own():
    article = make_article(
        hero_image=SimpleUploadedFile("kazan.png", PNG, content_type="image/png"),
        hero_alt="The forum hall",
    )

    (lead,) = Article.objects.published().teasers("hero_image", "hero_alt")

    assert lead.hero_image.url == article.hero_image.url
    assert lead.hero_alt == "The forum hall"
