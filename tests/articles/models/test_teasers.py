"""Articles as lists read them (articles/models/teasers.py): one query of plain rows."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Article, Topic
from tests.factories import PNG, make_article, make_image, make_person

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


def test_teasers_carry_their_library_images_read_in_one_more_query(
    settings, tmp_path, django_assert_num_queries
):
    settings.MEDIA_ROOT = tmp_path
    for number in range(3):
        make_article(
            slug=f"pictured-{number}",
            hero_image=make_image(
                SimpleUploadedFile("kazan.png", PNG, content_type="image/png"),
                alt=f"The forum hall {number}",
            ),
        )
    make_article(slug="unpictured")

    with django_assert_num_queries(2):
        teasers = list(Article.objects.published().order_by("slug").teasers("hero_image"))

    assert [t.hero_image and t.hero_image.alt for t in teasers] == [
        "The forum hall 0",
        "The forum hall 1",
        "The forum hall 2",
        None,
    ]
    assert teasers[0].hero_image.sources("wide")
