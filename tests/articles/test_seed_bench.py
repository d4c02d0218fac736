import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from articles.models import Article, Region, TaggedRegion, TaggedTopic
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def seed(**options):
    """Seed inside a savepoint that is rolled back; return what a reader would see."""
    with transaction.atomic():
        call_command("seed_bench", verbosity=0, **options)
        seen = {
            "headlines": list(Article.objects.order_by("slug").values_list("headline", flat=True)),
            "published": Article.objects.published().count(),
            "topic_tags": TaggedTopic.objects.count(),
            "region_tags": TaggedRegion.objects.count(),
            "articles_in_russia": Article.objects.published()
            .filter(regions__in=Region.objects.subtree(Region.objects.get(name="Russia")))
            .distinct()
            .count(),
            "article_urls": [a.get_absolute_url() for a in Article.objects.published()[:5]],
        }
        transaction.set_rollback(True)
    return seen


def test_seed_bench_makes_a_browsable_newsroom_and_repeats_with_a_seed(client):
    first = seed(articles=60, seed=7)
    assert len(first["headlines"]) == 60
    assert first["published"] > 50
    assert first["topic_tags"] >= 60 and first["region_tags"] >= 60
    # Regions form a tree: a country's page gathers its provinces' and cities' articles.
    assert first["articles_in_russia"] > 0
    assert seed(articles=60, seed=7)["headlines"] == first["headlines"]
    assert seed(articles=60, seed=8)["headlines"] != first["headlines"]


def test_seeded_pages_answer(client):
    call_command("seed_bench", articles=30, seed=1, verbosity=0)
    article = Article.objects.published().first()
    for url in ["/", "/news/", article.get_absolute_url(), "/regions/russia/", "/topics/trade/"]:
        assert client.get(url).status_code == 200, url


def test_an_editor_can_add_an_article_to_a_seeded_newsroom():
    """The seeder gives its articles their keys: the database's next key follows them."""
    call_command("seed_bench", articles=30, seed=1, verbosity=0)
    article = make_article(headline="Written after the seed")
    assert Article.objects.count() == 31
    assert Article.objects.get(pk=article.pk).headline == "Written after the seed"


def test_seed_bench_refuses_a_database_that_holds_articles():
    make_article(headline="A real story")
    with pytest.raises(CommandError, match="already holds articles"):
        call_command("seed_bench", articles=10, verbosity=0)
    assert list(Article.objects.values_list("headline", flat=True)) == ["A real story"]
