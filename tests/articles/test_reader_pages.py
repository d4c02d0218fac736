"""What readers see of a story's picture on lists, and the indexes of
topics and regions the navigation leads to."""

import pytest
from django.urls import reverse

from articles.models import Region, Topic
from tests.factories import make_article, make_image, picture, settle_page_cache
from tests.pages import elements, links

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_a_teaser_shows_its_storys_picture_lazily_with_its_space_kept(
    client, media, django_assert_num_queries
):
    hall = make_image(picture(size=(1600, 900)), alt="A hall")
    make_article(headline="Kazan hosts the forum", hero_image=hall)
    make_article(headline="No picture here")
    settle_page_cache()

    with django_assert_num_queries(2):  # the teasers, then their pictures at once
        response = client.get(reverse("articles:news"))

    [image] = elements(response, "img", alt="A hall")
    # The wide crop's 16:9 at its largest rendition: the space it takes before it loads.
    assert (image["width"], image["height"]) == ("960", "540")
    assert image["loading"] == "lazy"
    sources = elements(response, "source")
    assert sources and all("480w" in source["srcset"] for source in sources)
    assert response.content.decode().count("<picture>") == 1


def test_every_page_links_the_topic_and_region_indexes(client, db):
    for url in [reverse("articles:front"), reverse("articles:news"), reverse("articles:people")]:
        nav = links(client.get(url), aria_label="Sections")
        assert nav[:3] == ["News", "Topics", "Regions"], url


def test_the_topic_index_counts_each_topics_published_stories_in_the_edition(client, topic):
    quiet = Topic.objects.create(name="Education")
    make_article(topics=[topic])
    make_article(topics=[topic])
    make_article(topics=[topic], status="draft")
    make_article(topics=[topic], language="ru", headline="Лавров в Казани")

    response = client.get(reverse("articles:topics"))

    assert links(response, class_="directory") == ["Education", "Foreign policy"]
    page = response.content.decode()
    assert (
        f'href="{topic.get_absolute_url()}">Foreign policy</a> <span class="count">2 stories'
        in page
    )
    assert f'href="{quiet.get_absolute_url()}">Education</a> <span class="count">0 stories' in page


def test_the_region_index_nests_regions_and_counts_a_story_once_in_each(client, regions):
    make_article(regions=[regions["tatarstan"], regions["kazan"]])
    make_article(regions=[regions["kazan"]])
    make_article(regions=[regions["malaysia"]])
    make_article(regions=[regions["russia"]], status="unpublished")

    page = client.get(reverse("articles:regions")).content.decode()

    counts = {
        name: page.split(f">{name}</a>")[1].split("</span>")[0]
        for name in ["Russia", "Tatarstan", "Kazan", "Malaysia"]
    }
    # As each region's page lists them: its own stories and those of the regions inside it.
    assert counts == {
        "Russia": ' <span class="count">2 stories',
        "Tatarstan": ' <span class="count">2 stories',
        "Kazan": ' <span class="count">2 stories',
        "Malaysia": ' <span class="count">1 story',
    }
    assert page.index(">Russia<") < page.index(">Tatarstan<") < page.index(">Kazan<")
    assert page.index("<ul><li>") < page.index(">Tatarstan<")  # inside Russia's item


@pytest.mark.parametrize(
    ("index", "model", "name"),
    [("articles:topics", Topic, "Islamic finance"), ("articles:regions", Region, "Bashkortostan")],
)
def test_an_index_cached_shows_a_new_topic_or_region_at_once(
    client, db, index, model, name, django_capture_on_commit_callbacks
):
    client.get(reverse(index))
    with django_capture_on_commit_callbacks(execute=True):
        model.objects.create(name=name)
    assert name in client.get(reverse(index)).content.decode()
