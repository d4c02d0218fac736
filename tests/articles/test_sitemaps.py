import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from articles.models import Article, Topic
from tests.factories import (
    make_article,
    make_event,
    make_organisation,
    make_page,
    make_person,
    settle_page_cache,
)

pytestmark = pytest.mark.django_db

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}
HOST = "http://testserver"


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)


def locations(root):
    return [loc.text for loc in root.iterfind(".//sm:loc", NS)]


def section(name):
    return reverse("articles:sitemap_section", kwargs={"section": name})


@pytest.fixture
def newsroom(topic, regions):
    now = timezone.now()
    person, organisation, event = make_person(), make_organisation(), make_event()
    unmentioned = {
        "person": make_person(name="Nobody"),
        "organisation": make_organisation(name="Unknown body", acronym=""),
        "event": make_event(name="Unreported forum"),
        "topic": Topic.objects.create(name="Only in drafts"),
    }

    def about_everything(article, topics=(topic,)):
        article.topics.set(topics)
        article.regions.set([regions["kazan"]])
        article.people.set([person])
        article.organisations.set([organisation])
        article.events.set([event])
        return article

    fresh = about_everything(make_article(headline="Fresh", published_at=now))
    old = about_everything(
        make_article(headline="Old", published_at=now - datetime.timedelta(days=10))
    )
    hidden_topics = (topic, unmentioned["topic"])
    hidden = [
        about_everything(make_article(headline="Draft", status="draft"), hidden_topics),
        about_everything(
            make_article(headline="Scheduled", published_at=now + datetime.timedelta(hours=1)),
            hidden_topics,
        ),
        about_everything(
            make_article(headline="Unpublished", status="unpublished"), hidden_topics
        ),
        about_everything(
            make_article(
                headline="Expired",
                published_at=now - datetime.timedelta(days=1),
                unpublish_at=now - datetime.timedelta(minutes=1),
            ),
            hidden_topics,
        ),
    ]
    return {
        "fresh": fresh,
        "old": old,
        "hidden": hidden,
        "entities": {
            "topics": topic,
            "regions": regions["kazan"],
            "people": person,
            "organisations": organisation,
            "events": event,
        },
        "unmentioned": unmentioned,
    }


def test_the_index_lists_one_sitemap_per_content_type_and_the_news(client, newsroom):
    root = fetch(client, reverse("articles:sitemap"))
    assert root.tag == f"{{{NS['sm']}}}sitemapindex"
    expected = [
        f"{HOST}{section(name)}"
        for name in [
            "articles",
            "topics",
            "regions",
            "people",
            "organisations",
            "events",
            "indexes",
        ]
    ]
    assert locations(root) == [*expected, f"{HOST}{reverse('articles:sitemap_news')}"]
    for lastmod in root.iterfind(".//sm:lastmod", NS):
        assert parse_datetime(lastmod.text) is not None


def test_the_article_sitemap_lists_exactly_the_published_articles(client, newsroom):
    root = fetch(client, section("articles"))
    assert sorted(locations(root)) == sorted(
        f"{HOST}{article.get_absolute_url()}" for article in [newsroom["fresh"], newsroom["old"]]
    )


def test_article_lastmod_is_when_it_last_changed(client, newsroom):
    old = newsroom["old"]
    Article.objects.filter(pk=old.pk).update(updated_at=timezone.now())
    old.refresh_from_db()
    root = fetch(client, section("articles"))
    for url in root.iterfind("sm:url", NS):
        if url.find("sm:loc", NS).text.endswith(old.get_absolute_url()):
            lastmod = parse_datetime(url.find("sm:lastmod", NS).text)
            assert lastmod == old.updated_at.replace(microsecond=0)


def test_entity_sitemaps_list_what_published_articles_are_about(client, newsroom):
    """Each in every edition: its page is in every one."""
    for name, entity in newsroom["entities"].items():
        root = fetch(client, section(name))
        path = entity.get_absolute_url()
        assert locations(root) == [f"{HOST}{path}", f"{HOST}/ru{path}", f"{HOST}/ar{path}"], name
        lastmod = parse_datetime(root.find(".//sm:lastmod", NS).text)
        newest = max(
            newsroom["fresh"].published_at,
            getattr(entity, "updated_at", newsroom["fresh"].published_at),
        )
        assert lastmod == newest.replace(microsecond=0), name


def test_the_indexes_of_topics_and_regions_are_listed_in_every_edition(client, db):
    root = fetch(client, section("indexes"))
    assert locations(root) == [
        f"{HOST}{prefix}{path}"
        for path in ["/topics/", "/regions/"]
        for prefix in ["", "/ru", "/ar"]
    ]


def test_the_news_sitemap_has_the_last_two_days_in_the_news_namespace(client, newsroom):
    root = fetch(client, reverse("articles:sitemap_news"))
    fresh = newsroom["fresh"]
    assert locations(root) == [f"{HOST}{fresh.get_absolute_url()}"]
    news = root.find("sm:url/news:news", NS)
    assert news.findtext("news:publication/news:name", namespaces=NS) == "Newsroom"
    assert news.findtext("news:publication/news:language", namespaces=NS) == "en"
    assert news.findtext("news:title", namespaces=NS) == "Fresh"
    published = parse_datetime(news.findtext("news:publication_date", namespaces=NS))
    assert published == fresh.published_at.replace(microsecond=0)


def test_a_russian_article_is_announced_in_russian(client, db):
    """Whatever script its headline is in: the article's language says."""
    make_article(headline="Lavrov in Kazan", language="ru")
    root = fetch(client, reverse("articles:sitemap_news"))
    assert root.findtext(".//news:language", namespaces=NS) == "ru"


def test_an_empty_news_sitemap_is_left_out_of_the_index(client, db):
    """The sitemap schema wants at least one <url>: nothing in two days, no news sitemap."""
    make_article(published_at=timezone.now() - datetime.timedelta(days=3))

    listed = locations(fetch(client, reverse("articles:sitemap")))
    assert listed == [f"{HOST}{section('articles')}", f"{HOST}{section('indexes')}"]
    for url in listed:
        assert fetch(client, url).find("sm:url", NS) is not None, url


def test_robots_txt_names_the_sitemaps_and_keeps_crawlers_out_of_admin_and_previews(client, db):
    """Only the index: it names the news sitemap whenever that has something to list.
    Previews and searches stay out in every edition."""
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    for prefix in ("/", "/ru/", "/ar/"):
        assert f"Disallow: {prefix}preview/" in lines
        assert f"Disallow: {prefix}search/" in lines
    assert [line for line in lines if line.startswith("Sitemap:")] == [
        f"Sitemap: {HOST}/sitemap.xml"
    ]


@pytest.mark.parametrize("extra", [0, 5])
def test_sitemaps_run_a_fixed_number_of_queries(client, newsroom, extra):
    """Each section one query and a count (an entity's, listed in every edition, one
    query for the list); the index two queries a section."""
    make_page()
    for i in range(extra):
        make_article(headline=f"More {i}").topics.set([Topic.objects.create(name=f"T{i}")])
        make_page(headline=f"Page {i}", slug=f"page-{i}")
    budgets = {reverse("articles:sitemap"): 18, reverse("articles:sitemap_news"): 2}
    budgets |= {section(name): 1 for name in newsroom["entities"]}
    budgets[section("articles")] = budgets[section("pages")] = 2
    budgets[section("indexes")] = 1  # the newest publication
    settle_page_cache()
    for url, budget in budgets.items():
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        assert len(queries) == budget, (url, [q["sql"] for q in queries.captured_queries])


XHTML = "{http://www.w3.org/1999/xhtml}link"


def alternates(url):
    return {link.get("hreflang"): link.get("href") for link in url.iter(XHTML)}


def test_each_article_names_its_published_translations_and_x_default(client, db):
    english = make_article(headline="Lavrov in Kazan")
    russian = make_article(headline="Лавров в Казани", language="ru", translation_of=english)
    make_article(headline="Draft", language="ar", translation_of=english, status="draft")
    alone = make_article(headline="Только по-русски", language="ru")
    root = fetch(client, section("articles"))
    urls = {url.findtext("sm:loc", namespaces=NS): url for url in root.iterfind("sm:url", NS)}
    story = {
        "en": f"{HOST}{english.get_absolute_url()}",
        "ru": f"{HOST}{russian.get_absolute_url()}",
        "x-default": f"{HOST}{english.get_absolute_url()}",
    }
    assert alternates(urls[story["en"]]) == story
    assert alternates(urls[story["ru"]]) == story
    own = f"{HOST}{alone.get_absolute_url()}"
    assert own.startswith(f"{HOST}/ru/news/")
    assert alternates(urls[own]) == {"ru": own, "x-default": own}
    assert len(urls) == 3  # the draft is nowhere


def test_each_things_page_is_listed_in_every_edition_with_its_alternates(client, topic):
    make_article(topics=[topic])
    root = fetch(client, section("topics"))
    path = topic.get_absolute_url()
    expected = {
        "en": f"{HOST}{path}",
        "ru": f"{HOST}/ru{path}",
        "ar": f"{HOST}/ar{path}",
        "x-default": f"{HOST}{path}",
    }
    for url in root.iterfind("sm:url", NS):
        assert alternates(url) == expected
