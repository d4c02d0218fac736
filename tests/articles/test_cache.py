"""The page cache: pages come from it without a query and leave it the moment they change.

Each invalidation test runs on the local-memory cache and on a real Redis (under a key
prefix of its own, removed afterwards), as do the tests of what a hit costs and answers. Workflow steps run their on-commit callbacks
as a committed transaction would: that is where the cache learns of a change.
"""

import datetime
import os
import re
import subprocess
import sys
import uuid

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache, caches
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import cache as page_cache
from articles import workflow
from articles.models import ApiToken, Article, WebhookEndpoint
from tests.factories import (
    PRODUCTION_ENV,
    make_article,
    make_event,
    make_front_page,
    make_image,
    make_organisation,
    make_person,
    make_user,
    submitted_by,
)

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/5")


@pytest.fixture(params=["locmem", "redis"])
def cache_backend(request, settings):
    """Point the default cache at local memory or at Redis, empty either way."""
    if request.param == "locmem":
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
        cache.clear()
        yield request.param
        return
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not reachable at {REDIS_URL}", pytrace=False)
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    prefix = f"newsroom-test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    yield request.param
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)
    client.close()


@pytest.fixture
def cache_calls(cache_backend, monkeypatch):
    """The names of the methods called on the cache, in order, leaving out the calls a
    backend makes to itself (local memory's get_many calls its get)."""
    backend = caches["default"]
    calls, depth = [], []

    def counted(name, method):
        def call(*args, **kwargs):
            if not depth:
                calls.append(name)
            depth.append(name)
            try:
                return method(*args, **kwargs)
            finally:
                depth.pop()

        return call

    for name in ["get", "get_many", "get_or_set", "has_key", "set", "set_many", "add", "incr"]:
        monkeypatch.setattr(backend, name, counted(name, getattr(backend, name)))
    return calls


@pytest.fixture
def desk(db):
    return make_user("author", "Writers"), make_user("editor", "Editors")


@pytest.fixture
def entities(topic, regions):
    return {
        "topic": topic,
        "region": regions["russia"],
        "kazan": regions["kazan"],
        "person": make_person(),
        "organisation": make_organisation(),
        "event": make_event(),
    }


def linked(article, entities):
    article.topics.set([entities["topic"]])
    article.regions.set([entities["kazan"]])
    article.people.set([entities["person"]])
    article.organisations.set([entities["organisation"]])
    article.events.set([entities["event"]])
    return article


def listing_urls(entities):
    """Every page besides its own that shows an article linked to all of `entities`."""
    return [
        reverse("articles:front"),
        reverse("articles:news"),
        *(entities[name].get_absolute_url() for name in ["topic", "region", "person"]),
        entities["organisation"].get_absolute_url(),
        entities["event"].get_absolute_url(),
    ]


def warm(client, urls):
    """Request each page once so that it is cached, and check that it is: no query."""
    pages = {url: client.get(url).content.decode() for url in urls}
    with CaptureQueriesContext(connection) as queries:
        for url in urls:
            assert client.get(url).content.decode() == pages[url]
    assert not queries.captured_queries
    return pages


def test_publishing_puts_an_article_on_every_cached_page_that_lists_it(
    client, cache_backend, desk, entities, django_capture_on_commit_callbacks
):
    author, editor = desk
    make_article(headline="An older story")
    urls = listing_urls(entities)
    before = warm(client, urls)
    assert not any("Fresh statement" in page for page in before.values())

    article = linked(submitted_by(author, headline="Fresh statement"), entities)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(article, by=editor)

    for url in urls:
        assert "Fresh statement" in client.get(url).content.decode(), url
    assert client.get(article.get_absolute_url()).status_code == 200


def test_publishing_a_front_page_layout_shows_on_the_cached_front_page_at_once(
    client, cache_backend, desk, django_capture_on_commit_callbacks
):
    _, editor = desk
    older = make_article(
        headline="Older analysis", published_at=timezone.now() - datetime.timedelta(days=1)
    )
    make_article(headline="Newest brief")
    lead = lambda: client.get("/").content.decode().split("Latest news")[0]  # noqa: E731
    warm(client, ["/"])
    assert "Older analysis" not in lead()

    with django_capture_on_commit_callbacks(execute=True):
        front_page = make_front_page([{"kind": "lead", "article": older}], publish=False)
    assert "Older analysis" not in lead()  # the working layout, unpublished

    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish_front_page(front_page, by=editor)
    assert "Older analysis" in lead()


def test_publishing_a_change_replaces_the_old_text_on_every_cached_page(
    client, cache_backend, desk, entities, django_capture_on_commit_callbacks
):
    author, editor = desk
    with django_capture_on_commit_callbacks(execute=True):
        article = workflow.publish(
            linked(submitted_by(author, headline="First headline"), entities), by=editor
        )
    urls = [article.get_absolute_url(), *listing_urls(entities)]
    warm(client, urls)

    with django_capture_on_commit_callbacks(execute=True):
        article.headline = "Corrected headline"
        workflow.save_edit(article, by=author, editing=article.revision)
        # Saved, not yet published: readers, and the cache, keep the published text.
        for url in urls:
            assert "First headline" in client.get(url).content.decode(), url
        workflow.publish(workflow.submit(article, by=author), by=editor)

    for url in urls:
        page = client.get(url).content.decode()
        assert "Corrected headline" in page and "First headline" not in page, url


def test_unpublishing_takes_an_article_off_every_cached_page_at_once(
    client, cache_backend, desk, entities, django_capture_on_commit_callbacks
):
    author, editor = desk
    with django_capture_on_commit_callbacks(execute=True):
        article = workflow.publish(
            linked(submitted_by(author, headline="Soon withdrawn"), entities), by=editor
        )
    urls = [article.get_absolute_url(), *listing_urls(entities)]
    warm(client, urls)

    with django_capture_on_commit_callbacks(execute=True):
        workflow.unpublish(article, by=editor)

    assert client.get(article.get_absolute_url()).status_code == 404
    for url in urls[1:]:
        assert "Soon withdrawn" not in client.get(url).content.decode(), url


def test_a_change_to_a_person_shows_on_cached_pages_that_name_them(
    client, cache_backend, entities, django_capture_on_commit_callbacks
):
    article = linked(make_article(), entities)
    urls = [article.get_absolute_url(), entities["person"].get_absolute_url()]
    warm(client, urls)

    with django_capture_on_commit_callbacks(execute=True):
        entities["person"].name = "Sergei Lavrov"
        entities["person"].save()

    for url in urls:
        assert "Sergei Lavrov" in client.get(url).content.decode(), url


def test_a_new_credit_or_focal_point_of_a_library_image_shows_on_cached_pages_at_once(
    client, cache_backend, entities, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    image = make_image(credit="City of Kazan")
    article = make_article(hero_image=image)
    entities["person"].portrait = image
    entities["person"].save()
    urls = [article.get_absolute_url(), entities["person"].get_absolute_url(), "/"]
    warm(client, urls)
    before = image.sources("wide")[0]["srcset"]

    with django_capture_on_commit_callbacks(execute=True):
        image.credit, image.focal_x = "Russian Foreign Ministry", 0.1
        image.save()

    after = image.sources("wide")[0]["srcset"]
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Photo: Russian Foreign Ministry" in page and after in page and before not in page
    assert after in client.get("/").content.decode()
    assert image.sources("square")[0]["srcset"] in client.get(urls[1]).content.decode()


def test_a_scheduled_article_appears_on_cached_pages_when_its_time_comes(
    client, cache_backend, desk, entities, time_machine, django_capture_on_commit_callbacks
):
    author, editor = desk
    # Five minutes before: well within the time a page may otherwise stay cached.
    time_machine.move_to(datetime.datetime(2026, 5, 1, 11, 55, tzinfo=datetime.UTC), tick=False)
    article = linked(submitted_by(author, headline="Embargoed programme"), entities)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(
            article, by=editor, at=datetime.datetime(2026, 5, 1, 12, tzinfo=datetime.UTC)
        )
    urls = listing_urls(entities)
    before = warm(client, urls)
    assert not any("Embargoed programme" in page for page in before.values())

    # Nothing is saved at noon: the pages know when they stop being true.
    time_machine.move_to(datetime.datetime(2026, 5, 1, 12, 0, 1, tzinfo=datetime.UTC), tick=False)
    for url in urls:
        assert "Embargoed programme" in client.get(url).content.decode(), url
    assert client.get(article.get_absolute_url()).status_code == 200


def test_an_expiring_article_leaves_cached_pages_when_its_time_comes(
    client, cache_backend, desk, entities, time_machine, django_capture_on_commit_callbacks
):
    author, editor = desk
    time_machine.move_to(datetime.datetime(2026, 5, 1, 9, 25, tzinfo=datetime.UTC), tick=False)
    article = linked(submitted_by(author, headline="Time-limited notice"), entities)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(
            article, by=editor, until=datetime.datetime(2026, 5, 1, 9, 30, tzinfo=datetime.UTC)
        )
    urls = [article.get_absolute_url(), *listing_urls(entities)]
    warm(client, urls)

    time_machine.move_to(datetime.datetime(2026, 5, 1, 9, 30, 1, tzinfo=datetime.UTC), tick=False)
    assert client.get(urls[0]).status_code == 404
    for url in urls[1:]:
        assert "Time-limited notice" not in client.get(url).content.decode(), url


def test_a_cached_page_costs_one_cache_read_and_no_query(
    client, cache_backend, cache_calls, entities, django_assert_num_queries
):
    """The page and the content generation come back together: one Redis round trip."""
    article = linked(make_article(), entities)
    urls = [article.get_absolute_url(), *listing_urls(entities)]
    warm(client, urls)
    cache_calls.clear()
    with django_assert_num_queries(0):
        for url in urls:
            assert client.get(url).status_code == 200
    assert cache_calls == ["get_many"] * len(urls)


def shared_lifetime(cache_control):
    return int(re.search(r"\bs-maxage=(\d+)", cache_control)[1])


def test_a_cached_page_answers_as_the_rendering_it_keeps(client, cache_backend, entities):
    """A hit builds a response from stored values: readers, browsers and proxies must not
    tell it from the miss, headers included (Last-Modified on feeds and sitemaps, the
    robots tag on sitemaps, the type of each, the surrogate keys, and what middleware adds
    to both), but for the shared lifetime, which counts down."""
    article = linked(make_article(), entities)
    urls = [
        article.get_absolute_url(),
        reverse("articles:news"),
        reverse("articles:feed_latest"),
        reverse("articles:sitemap"),
        reverse("articles:sitemap_news"),
        reverse("articles:robots"),
    ]
    misses = {url: client.get(url) for url in urls}
    with CaptureQueriesContext(connection) as queries:
        hits = {url: client.get(url) for url in urls}
    assert not queries.captured_queries
    for url in urls:
        miss, hit = misses[url], hits[url]
        assert (hit.status_code, hit.content) == (miss.status_code, miss.content), url
        hit_headers, miss_headers = dict(hit.items()), dict(miss.items())
        hit_life = shared_lifetime(hit_headers.pop("Cache-Control"))
        miss_life = shared_lifetime(miss_headers.pop("Cache-Control"))
        assert hit_headers == miss_headers, url
        assert 0 < hit_life <= miss_life, url
    assert "Last-Modified" in hits[reverse("articles:feed_latest")]
    assert "X-Robots-Tag" in hits[reverse("articles:sitemap")]


def test_a_page_from_an_older_generation_is_never_served(client, cache_backend, entities):
    """Pages are no longer keyed by generation: the one stored with each must decide."""
    article = make_article(headline="Cached headline")
    url = article.get_absolute_url()
    warm(client, [url])

    # Writes that bypass every signal: only the generation can make the page fresh.
    Article.objects.filter(pk=article.pk).update(headline="Bumped headline")
    page_cache.bump()
    assert "Bumped headline" in client.get(url).content.decode()

    Article.objects.filter(pk=article.pk).update(headline="Headline after a lost generation")
    cache.delete(page_cache.GENERATION_KEY)
    assert "Headline after a lost generation" in client.get(url).content.decode()


def test_a_page_rendered_while_the_generation_moved_on_is_not_served_after(cache_backend, rf):
    """A publish committing while a page renders: the page may show the older content, so
    it is stored under the generation read before rendering, already out of date."""
    renderings = []

    @page_cache.cached_page
    def view(request):
        renderings.append(request)
        if len(renderings) == 1:
            page_cache.bump()
        return HttpResponse(f"rendering {len(renderings)}")

    def get():
        request = rf.get("/racing/")
        request.user = AnonymousUser()
        return view(request).content

    assert get() == b"rendering 1"
    assert get() == b"rendering 2"
    assert get() == b"rendering 2"


def test_staff_see_fresh_pages_and_readers_the_cached_one(client, desk, entities):
    """Only anonymous readers get cached pages: the desk checks its work on live pages."""
    article = make_article(headline="Cached headline")
    url = article.get_absolute_url()
    warm(client, [url])
    # A write that bypasses every signal: only what the cache holds can explain the old text.
    Article.objects.filter(pk=article.pk).update(headline="Fresh headline")

    assert "Cached headline" in client.get(url).content.decode()
    client.force_login(desk[1])
    assert "Fresh headline" in client.get(url).content.decode()


def test_staff_requests_leave_nothing_in_the_cache(client, desk, django_assert_max_num_queries):
    make_article()
    client.force_login(desk[1])
    client.get("/news/")
    client.logout()
    with django_assert_max_num_queries(10) as queries:
        client.get("/news/")
    assert len(queries) > 0  # rendered afresh: the staff page was not stored


def test_unknown_query_parameters_are_not_cached(client, django_assert_max_num_queries):
    """Arbitrary query strings could fill the cache; they are served, not stored."""
    make_article()
    client.get("/news/?utm_source=feed")
    with django_assert_max_num_queries(10) as queries:
        client.get("/news/?utm_source=feed")
    assert len(queries) > 0
    client.get("/news/?page=1")
    with django_assert_max_num_queries(0):
        client.get("/news/?page=1")


def test_previews_are_never_cached(client, desk, django_capture_on_commit_callbacks):
    author, editor = desk
    article = submitted_by(author, headline="Draft under embargo")
    with django_capture_on_commit_callbacks(execute=True):
        link = workflow.share(article, by=author)
    url = reverse("articles:shared_preview", args=[article.pk, link.token])
    assert "Draft under embargo" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.revoke(link, by=author)
    # Revoking a link bumps nothing: only an uncached preview can answer 404 at once.
    assert client.get(url).status_code == 404


def settings_caches(**env):
    """Return the CACHES the settings build in a fresh interpreter with this environment."""
    clean = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DEBUG"}}
    return subprocess.run(
        [sys.executable, "-c", "import newsroom.settings as s; print(s.CACHES)"],
        env={**clean, **PRODUCTION_ENV, **env},
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_the_cache_is_local_memory_unless_redis_url_names_a_redis():
    assert "LocMemCache" in settings_caches()
    redis_caches = settings_caches(REDIS_URL="redis://cache.internal:6379/0")
    assert "RedisCache" in redis_caches and "redis://cache.internal:6379/0" in redis_caches


def test_a_lost_generation_starts_a_new_one_not_an_old_one():
    """If the cache evicts the generation, pages stored under the old one are never served."""
    first = page_cache.generation()
    cache.delete(page_cache.GENERATION_KEY)
    assert page_cache.generation() != first


def test_the_cache_asks_the_database_for_the_next_scheduled_change_once_a_generation(client):
    """One query per content generation, not one per page: a miss costs the page's own."""
    make_article()
    with CaptureQueriesContext(connection) as first:
        client.get("/people/")
    with CaptureQueriesContext(connection) as second:
        client.get("/organisations/")
    # The next change, and the menus (articles.menus), both learnt once a generation.
    assert len(first) == len(second) + 2
    assert any("MIN(" in query["sql"] for query in first.captured_queries)
    assert not any("MIN(" in query["sql"] for query in second.captured_queries)


def test_each_edition_has_its_own_cached_pages(client, topic):
    """Cached by address, /ru/ and / never serve each other's page."""
    make_article(headline="Lavrov in Kazan", topics=[topic])
    make_article(headline="Лавров в Казани", language="ru", topics=[topic])
    paths = ["/", "/news/", topic.get_absolute_url(), "/feeds/latest/"]
    for path in paths:
        for _ in range(2):  # the second from the cache
            english = client.get(path).content.decode()
            russian = client.get(f"/ru{path}").content.decode()
            assert "Lavrov in Kazan" in english and "Лавров в Казани" not in english, path
            assert "Лавров в Казани" in russian and "Lavrov in Kazan" not in russian, path


@pytest.mark.parametrize("first", ["ru", "en"])
def test_an_unprefixed_page_is_english_whatever_the_browser_or_cookie_asks(client, first):
    """The default edition is at unprefixed addresses, for every reader: Accept-Language
    and the language cookie choose nothing there, so the cached page is the same for all
    (LocaleMiddleware still adds Vary: Accept-Language to it)."""
    make_article(headline="Lavrov in Kazan")
    make_article(headline="Лавров в Казани", language="ru")
    asks = {"ru": {"HTTP_ACCEPT_LANGUAGE": "ru"}, "en": {"HTTP_ACCEPT_LANGUAGE": "en"}}
    order = [first, *(code for code in asks if code != first)]
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "ru"
    for code in order * 2:
        response = client.get("/", **asks[code])
        page = response.content.decode()
        assert response.status_code == 200
        assert '<html lang="en"' in page
        assert "Lavrov in Kazan" in page and "Лавров в Казани" not in page
        assert response["Content-Language"] == "en"


def test_registering_a_webhook_or_an_api_token_keeps_every_cached_page(
    django_capture_on_commit_callbacks, editor
):
    """The newsroom's own records of partners are nothing a reader sees."""
    before = page_cache.generation()
    with django_capture_on_commit_callbacks(execute=True):
        WebhookEndpoint.objects.create(
            name="Channel", url="https://hooks.example.org/", events=["article.published"]
        )
        ApiToken(partner="Partner").issue(by=editor)
    assert page_cache.generation() == before
