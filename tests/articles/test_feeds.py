import datetime

import feedparser
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import (
    PNG,
    make_article,
    make_image,
    make_organisation,
    make_person,
    settle_page_cache,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def coverage(topic, regions, settings, tmp_path):
    """A live article about everything, with a hero image, and hidden ones about the same."""
    settings.MEDIA_ROOT = tmp_path
    person, organisation = make_person(), make_organisation()
    writer = make_person(name="Ivan Petrov", role_title="Correspondent")
    now = timezone.now()
    links = {"topics": [topic], "regions": [regions["kazan"]], "people": [person]}
    live = make_article(
        headline="Lavrov in Kazan",
        published_at=now - datetime.timedelta(hours=3),
        hero_image=make_image(SimpleUploadedFile("kazan.png", PNG, content_type="image/png")),
        **links,
    )
    live.bylines.create(person=writer, position=0)
    pressed = make_article(
        headline="Press release",
        byline="Russian Foreign Ministry",
        published_at=now - datetime.timedelta(hours=5),
        **links,
    )
    hidden = [
        make_article(headline="Draft", status=Article.Status.DRAFT, **links),
        make_article(
            headline="Scheduled", published_at=now + datetime.timedelta(hours=1), **links
        ),
        make_article(headline="Unpublished", status=Article.Status.UNPUBLISHED, **links),
        make_article(
            headline="Expired",
            published_at=now - datetime.timedelta(days=2),
            unpublish_at=now - datetime.timedelta(days=1),
            **links,
        ),
    ]
    for article in [live, pressed, *hidden]:
        article.organisations.set([organisation])
    return {
        "live": [live, pressed],
        "hidden": hidden,
        "urls": {
            "latest": ("feed_latest", {}),
            "topic": ("feed_topic", {"slug": topic.slug}),
            # Russia: the articles are tagged Kazan, inside it.
            "region": ("feed_region", {"slug": regions["russia"].slug}),
            "person": ("feed_person", {"slug": person.slug}),
            "organisation": ("feed_organisation", {"slug": organisation.slug}),
        },
    }


def feed_urls(coverage):
    for name, kwargs in coverage["urls"].values():
        yield reverse(f"articles:{name}", kwargs=kwargs)
        yield reverse(f"articles:{name}_atom", kwargs=kwargs)


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, (url, feed.get("bozo_exception"))
    return response, feed


def test_every_feed_parses_and_lists_exactly_the_published_articles(client, coverage):
    for url in feed_urls(coverage):
        response, feed = parse(client, url)
        expected = "atom10" if url.endswith("/atom/") else "rss20"
        assert feed.version == expected, url
        assert [entry.title for entry in feed.entries] == ["Lavrov in Kazan", "Press release"]


def test_feed_entries_carry_dates_links_ids_authors_and_categories(client, coverage):
    live, pressed = coverage["live"]
    for url in feed_urls(coverage):
        _, feed = parse(client, url)
        entry, press = feed.entries
        canonical = f"http://testserver{live.get_absolute_url()}"
        assert entry.link == canonical
        assert entry.id == canonical
        assert len({e.id for e in feed.entries}) == len(feed.entries)
        published = datetime.datetime(*entry.published_parsed[:6], tzinfo=datetime.UTC)
        assert published == live.published_at.replace(microsecond=0)
        if feed.version == "atom10":
            assert entry.updated_parsed >= entry.published_parsed
        assert entry.author == "Ivan Petrov"
        assert press.author == "Russian Foreign Ministry"
        assert {tag.term for tag in entry.tags} == {"Foreign policy", "Kazan"}


def test_the_hero_image_is_the_enclosure_with_its_length_and_type(client, coverage):
    live = coverage["live"][0]
    for url in feed_urls(coverage):
        _, feed = parse(client, url)
        entry, press = feed.entries
        [enclosure] = entry.enclosures
        assert enclosure.href == f"http://testserver{live.hero_image.file.url}"
        assert enclosure.type == "image/png"
        assert int(enclosure.length) == len(PNG)
        assert press.enclosures == []


def test_a_missing_image_file_leaves_the_entry_without_an_enclosure(client, coverage):
    stored = coverage["live"][0].hero_image.file
    stored.storage.delete(stored.name)
    _, feed = parse(client, reverse("articles:feed_latest"))
    assert feed.entries[0].enclosures == []


def test_a_feed_of_an_unknown_thing_is_not_found(client, db):
    assert (
        client.get(reverse("articles:feed_topic", kwargs={"slug": "nothing"})).status_code == 404
    )


@pytest.mark.parametrize("extra", [0, 4])
def test_each_feed_runs_a_fixed_number_of_queries(client, coverage, topic, regions, extra):
    """Articles, bylines, topics, regions; and the topic, region, person or organisation."""
    person = coverage["live"][0].people.get()
    organisation = coverage["live"][0].organisations.get()
    for i in range(extra):
        article = make_article(
            headline=f"More {i}", topics=[topic], regions=[regions["kazan"]], people=[person]
        )
        article.organisations.set([organisation])
        article.bylines.create(person=make_person(name=f"Writer {i}"))
    settle_page_cache()
    for url in feed_urls(coverage):
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        budget = 4 if "/latest/" in url else 5
        assert len(queries) == budget, (url, [q["sql"] for q in queries.captured_queries])


def test_pages_link_their_feeds(client, coverage):
    front = client.get(reverse("articles:front")).content.decode()
    assert (
        f'type="application/rss+xml" title="Newsroom: latest news (RSS)" href="{reverse("articles:feed_latest")}"'
        in front
    )
    for name, kwargs in coverage["urls"].values():
        if not kwargs:
            continue
        page_name = name.removeprefix("feed_")
        page = client.get(reverse(f"articles:{page_name}", kwargs=kwargs)).content.decode()
        assert f'href="{reverse(f"articles:{name}", kwargs=kwargs)}"' in page, page_name
        assert f'href="{reverse(f"articles:{name}_atom", kwargs=kwargs)}"' in page, page_name


def test_each_editions_feed_lists_its_own_articles_in_its_language(client, topic):
    english = make_article(headline="Lavrov in Kazan", topics=[topic])
    make_article(headline="Лавров в Казани", language="ru", translation_of=english, topics=[topic])
    make_article(headline="Форум открылся", language="ru", topics=[topic])
    feeds = {
        "/feeds/latest/": ("en", ["Lavrov in Kazan"]),
        "/ru/feeds/latest/": ("ru", ["Форум открылся", "Лавров в Казани"]),
        "/ru/feeds/latest/atom/": ("ru", ["Форум открылся", "Лавров в Казани"]),
        f"/ru/feeds/topics/{topic.slug}/": ("ru", ["Форум открылся", "Лавров в Казани"]),
        "/ar/feeds/latest/": ("ar", []),
    }
    prefixes = {"en": "", "ru": "/ru", "ar": "/ar"}
    for url, (language, titles) in feeds.items():
        feed = feedparser.parse(client.get(url).content)
        assert feed.feed.language == language, url
        assert sorted(entry.title for entry in feed.entries) == sorted(titles), url
        for entry in feed.entries:
            assert entry.link.startswith(f"http://testserver{prefixes[language]}/news/"), url
