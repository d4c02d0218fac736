"""Surrogate keys: every public page names what it shows, and every change purges the
HTTP cache in front of exactly the pages it changes, once its transaction commits
(articles.surrogates, articles.cache, articles.purgers).

Purges go to `Recorder`, a purger that keeps the keys it is given, or to the local fake
of Fastly's API (tests/cdn.py). On-commit callbacks run as a committed transaction's
would (`committed`); the real Varnish is tested in tests/stack/test_http_cache.py.
"""

import datetime
import functools
import logging

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles import cache as page_cache
from articles import surrogates, versions, workflow
from articles.models import Article, Menu, MenuItem, Topic
from articles.purgers import Purger, get_purger
from tests.cdn import FakeFastly
from tests.factories import (
    make_article,
    make_event,
    make_image,
    make_organisation,
    make_person,
    submitted_by,
)
from tests.webhooks import run_worker

pytestmark = pytest.mark.django_db

NOON = datetime.datetime(2026, 5, 1, 12, tzinfo=datetime.UTC)


class Recorder(Purger):
    """A cache that keeps every batch of keys it is told to purge."""

    def __init__(self):
        self.batches = []

    def purge_batch(self, keys):
        self.batches.append(set(keys))

    def take(self) -> set[str]:
        """Every key purged since the last call."""
        keys = set().union(*self.batches)
        self.batches.clear()
        return keys


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` runs the block, then its on-commit callbacks, as a commit would."""
    return functools.partial(django_capture_on_commit_callbacks, execute=True)


@pytest.fixture
def settle(committed):
    """`settle()`: commit what the test has made so far, purging its keys now rather than
    with the change under test. Keys of changes not yet committed (the fixtures', and
    those earlier tests rolled back) wait on the connection for the next commit
    (articles.cache._Changes)."""

    def settle():
        with committed():
            page_cache.content_changed()

    return settle


@pytest.fixture
def use_purger(settings, settle):
    """Configure the purger the site purges through (`use_purger(config)`: the instance),
    after purging what earlier tests left waiting to no cache."""
    settings.NEWSROOM_PURGER = None
    get_purger.cache_clear()
    settle()

    def use(config):
        settings.NEWSROOM_PURGER = config
        get_purger.cache_clear()
        return get_purger()

    yield use
    get_purger.cache_clear()


@pytest.fixture
def recorder(use_purger):
    return use_purger({"BACKEND": f"{__name__}.Recorder"})


@pytest.fixture
def fastly(use_purger, settings):
    """The fake Fastly, purged through its API; a refused purge is retried after 5 s."""
    fake = FakeFastly()
    settings.NEWSROOM_PURGE_BACKOFF = 5
    use_purger(
        {
            "BACKEND": "articles.purgers.Fastly",
            "OPTIONS": {
                "service_id": fake.service_id,
                "api_token": fake.api_token,
                "api_url": fake.url,
            },
        }
    )
    yield fake
    fake.stop()


def labels(response) -> set[str]:
    return set(response["Surrogate-Key"].split())


def key(kind, obj) -> str:
    return f"{kind}-{obj.pk}"


def about(article, *, person=None, topic=None, region=None):
    """Link a draft to what it is about, as an editor's form would."""
    if person:
        article.people.set([person])
    if topic:
        article.topics.set([topic])
    if region:
        article.regions.set([region])
    return article


def directives(response) -> dict[str, str]:
    """The response's Cache-Control directives, each with its value ("" for none)."""
    return {
        name.strip(): value
        for name, _, value in (
            part.partition("=") for part in response.get("Cache-Control", "").split(",")
        )
        if name.strip()
    }


# What a page names.


def test_an_article_page_names_what_it_shows_and_no_other_story(
    client, topic, regions, settings, tmp_path
):
    """The page shows Kazan alone, not the regions it is in: those regions' pages, which
    list the story, are purged with it (test_a_new_story_in_kazan_...)."""
    settings.MEDIA_ROOT = tmp_path
    person, organisation, event = make_person(), make_organisation(), make_event()
    byline = make_person(name="Maria Zakharova")
    hero = make_image()
    article = make_article(
        people=[person],
        organisations=[organisation],
        events=[event],
        topics=[topic],
        regions=[regions["kazan"]],
        bylines=[byline],
        hero_image=hero,
    )
    related = make_article(headline="Earlier talks on the OIC", topics=[topic])
    unrelated = make_article(headline="Elections in Malaysia", regions=[regions["malaysia"]])

    response = client.get(article.get_absolute_url())

    assert "Earlier talks on the OIC" in response.content.decode()
    assert labels(response) >= {
        key("article", article),
        key("person", person),
        key("person", byline),
        key("organisation", organisation),
        key("event", event),
        key("topic", topic),
        key("region", regions["kazan"]),
        key("image", hero),
        key("article", related),
        "site",
    }
    assert key("article", unrelated) not in labels(response)
    assert key("region", regions["malaysia"]) not in labels(response)


def test_the_news_list_names_the_list_its_stories_and_their_bylines_and_topics(client, topic):
    byline = make_person(name="Maria Zakharova")
    stories = [make_article(headline=f"Story {n}", bylines=[byline], topics=[topic]) for n in "ab"]
    draft = make_article(headline="Not yet out", status=Article.Status.DRAFT)

    keys = labels(client.get(reverse("articles:news")))

    assert keys >= {
        "article-list",
        *(key("article", story) for story in stories),
        key("person", byline),
        key("topic", topic),
        "site",
    }
    assert key("article", draft) not in keys
    assert "front-page" not in keys


def test_the_front_page_adds_its_own_key_to_the_lists(client):
    story = make_article()

    keys = labels(client.get(reverse("articles:front")))

    assert keys >= {"front-page", "article-list", key("article", story), "site"}


def test_the_people_index_names_the_people_list_and_each_person(client):
    people = [make_person(name="Sergey Lavrov"), make_person(name="Maria Zakharova")]

    keys = labels(client.get(reverse("articles:people")))

    assert keys >= {"person-list", *(key("person", person) for person in people)}
    assert "article-list" not in keys


def test_a_topic_page_names_the_topic_its_stories_and_the_lists_of_whom_it_names(client, topic):
    story = make_article(topics=[topic])
    other = Topic.objects.create(name="Economy")

    keys = labels(client.get(topic.get_absolute_url()))

    assert keys >= {
        key("topic", topic),
        key("article", story),
        "person-list",
        "organisation-list",
        "event-list",
    }
    assert key("topic", other) not in keys


# What a change purges.


def test_a_new_story_purges_its_key_the_lists_and_what_it_is_about_only(
    client, recorder, committed, settle, writer, editor, topic
):
    person = make_person()
    bystander = make_person(name="Maria Zakharova")
    article = about(submitted_by(writer, headline="Lavrov in Kazan"), person=person, topic=topic)
    urls = [reverse("articles:news"), person.get_absolute_url(), topic.get_absolute_url()]
    before = {url: labels(client.get(url)) for url in urls}
    settle()
    recorder.take()

    with committed():
        workflow.publish(article, by=editor)

    purged = recorder.take()
    assert purged == {
        key("article", article),
        "article-list",
        key("person", person),
        key("topic", topic),
    }
    assert key("person", bystander) not in purged
    # Every page that shows the new story was labelled, before it, with a key purged.
    for url in urls:
        assert "Lavrov in Kazan" in client.get(url).content.decode(), url
        assert before[url] & purged, url


def test_a_new_story_in_kazan_purges_the_pages_of_kazan_tatarstan_and_russia(
    client, recorder, committed, settle, writer, editor, regions
):
    article = about(submitted_by(writer), region=regions["kazan"])
    russia = labels(client.get(regions["russia"].get_absolute_url()))
    settle()
    recorder.take()

    with committed():
        workflow.publish(article, by=editor)

    purged = recorder.take()
    assert {key("region", regions[name]) for name in ("kazan", "tatarstan", "russia")} <= purged
    assert key("region", regions["malaysia"]) not in purged
    assert russia & purged


def test_publishing_a_text_change_with_the_same_links_purges_only_the_story(
    recorder, committed, settle, writer, editor, topic
):
    article = workflow.publish(about(submitted_by(writer), topic=topic), by=editor)
    article.headline = "Lavrov meets OIC ambassadors in Kazan"
    workflow.save_edit(article, by=writer, editing=article.revision)
    workflow.submit(article, by=writer)
    settle()
    recorder.take()

    with committed():
        workflow.publish(article, by=editor)

    assert recorder.take() == {key("article", article)}


def test_a_change_adding_a_topic_purges_the_story_and_that_topic_only(
    recorder, committed, settle, writer, editor, topic
):
    economy = Topic.objects.create(name="Economy")
    article = workflow.publish(about(submitted_by(writer), topic=topic), by=editor)
    links = versions.current_links(article)
    links["topics"].append(economy.pk)
    workflow.save_edit(article, by=writer, editing=article.revision, links=links)
    workflow.submit(article, by=writer)
    settle()
    recorder.take()

    with committed():
        workflow.publish(article, by=editor)

    assert recorder.take() == {key("article", article), key("topic", economy)}


def test_unpublishing_purges_the_story_the_lists_and_what_it_was_about(
    recorder, committed, settle, writer, editor, topic
):
    person = make_person()
    article = workflow.publish(about(submitted_by(writer), person=person, topic=topic), by=editor)
    settle()
    recorder.take()

    with committed():
        workflow.unpublish(article, by=editor)

    assert recorder.take() == {
        key("article", article),
        "article-list",
        key("person", person),
        key("topic", topic),
    }


def test_scheduling_a_story_purges_the_lists_which_must_learn_when_it_comes(
    client, recorder, committed, settle, writer, editor, time_machine
):
    time_machine.move_to(NOON, tick=False)
    article = submitted_by(writer)
    before = client.get(reverse("articles:news"))
    settle()
    recorder.take()

    with committed():
        workflow.publish(article, by=editor, at=NOON + datetime.timedelta(minutes=2))

    assert "article-list" in recorder.take() and "article-list" in labels(before)
    # Kept ten minutes before; fetched again, until the story appears.
    assert int(directives(before)["s-maxage"]) > 120
    assert int(directives(client.get(reverse("articles:news")))["s-maxage"]) <= 120


def test_publishing_a_page_purges_every_page_only_when_a_menu_links_it(
    recorder, committed, settle, writer, editor
):
    linked = submitted_by(writer, headline="Contacts", kind=Article.Kind.PAGE)
    unlinked = submitted_by(writer, headline="Imprint", kind=Article.Kind.PAGE)
    menu = Menu.objects.create(place=Menu.Place.FOOTER, language="en")
    MenuItem.objects.create(menu=menu, page_id=linked.pk)
    settle()
    recorder.take()

    with committed():
        workflow.publish(unlinked, by=editor)
    assert "site" not in recorder.take()

    with committed():
        workflow.publish(linked, by=editor)
    assert "site" in recorder.take()


def test_renaming_a_person_purges_their_pages_and_the_people_index(recorder, committed, settle):
    person = make_person()
    settle()
    recorder.take()

    with committed():
        person.name = "Sergei Lavrov"
        person.save()

    assert recorder.take() == {key("person", person), "person-list"}


def test_saving_a_menu_purges_every_page(recorder, committed):
    with committed():
        Menu.objects.create(place=Menu.Place.HEADER, language="en")

    assert recorder.take() == {"site"}


def test_a_correction_purges_the_story_and_the_corrections_list(
    recorder, committed, settle, writer, editor
):
    article = workflow.publish(submitted_by(writer, headline="Lavrov in Kazn"), by=editor)
    article.headline = "Lavrov in Kazan"
    workflow.save_edit(article, by=editor, editing=article.revision)
    settle()
    recorder.take()

    with committed():
        correction = workflow.correct(article, by=editor, comment="The city's name.")

    assert recorder.take() == {
        key("article", article),
        key("correction", correction),
        "correction-list",
    }


def test_publishing_a_translation_purges_the_original_page_which_now_links_it(
    client, recorder, committed, settle, writer, editor
):
    original = make_article(headline="Lavrov in Kazan")
    before = labels(client.get(original.get_absolute_url()))
    translation = workflow.translate(original, "ru", by=writer)
    translation.headline = "Лавров в Казани"
    workflow.save_edit(translation, by=writer, editing=translation.revision)
    workflow.submit(translation, by=writer)
    settle()
    recorder.take()

    with committed():
        workflow.publish(translation, by=editor)

    page = client.get(original.get_absolute_url()).content.decode()
    assert translation.get_absolute_url() in page
    assert before & recorder.take()


# When it purges.


def test_ten_people_saved_in_one_transaction_make_one_purge(recorder, committed):
    with committed(), transaction.atomic():
        people = [make_person(name=f"Person {n}") for n in range(10)]

    assert recorder.batches == [{*(key("person", person) for person in people), "person-list"}]


def test_nothing_is_purged_before_the_transaction_commits(
    recorder, committed, settle, writer, editor
):
    article = submitted_by(writer)
    settle()
    recorder.take()

    with committed():
        with transaction.atomic():
            workflow.publish(article, by=editor)
            assert recorder.batches == []
        assert recorder.batches == []
    assert key("article", article) in recorder.take()


def test_a_publish_rolled_back_purges_nothing(recorder, committed, settle, writer, editor):
    class RolledBack(Exception):
        pass

    article = submitted_by(writer)
    settle()
    recorder.take()

    with committed(), pytest.raises(RolledBack), transaction.atomic():
        workflow.publish(article, by=editor)
        raise RolledBack

    assert recorder.batches == []
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT


# A cache that refuses.


def test_a_refused_purge_is_logged_and_the_worker_gets_it_through(
    fastly, committed, settle, writer, editor, topic, caplog, monkeypatch, time_machine
):
    time_machine.move_to(NOON, tick=False)
    article = about(submitted_by(writer), topic=topic)
    settle()
    fastly.purges.clear()
    fastly.requests.clear()
    fastly.fail(times=1, status=503)

    with caplog.at_level(logging.WARNING, logger="articles.purgers"), committed():
        workflow.publish(article, by=editor)

    assert fastly.purged() == {}
    [warning] = [r for r in caplog.records if r.name == "articles.purgers"]
    assert warning.levelno == logging.WARNING and key("article", article) in warning.message
    run_worker(monkeypatch)  # not due yet
    assert fastly.purged() == {}

    time_machine.move_to(NOON + datetime.timedelta(seconds=6), tick=False)
    run_worker(monkeypatch)

    assert set(fastly.purged()) == {key("article", article), "article-list", key("topic", topic)}
    assert not DBTaskResult.objects.ready().exists()


def test_a_purge_refused_every_time_is_given_up_once_the_pages_have_expired(
    fastly, committed, settle, writer, editor, caplog, monkeypatch, time_machine
):
    time_machine.move_to(NOON, tick=False)
    article = submitted_by(writer)
    settle()
    fastly.purges.clear()
    fastly.requests.clear()
    fastly.fail(times=100, status=503)

    with caplog.at_level(logging.WARNING, logger="articles.purgers"):
        with committed():
            workflow.publish(article, by=editor)
        tries = [timezone.now()]
        for _ in range(20):
            waiting = DBTaskResult.objects.filter(status="READY").order_by("run_after").first()
            if waiting is None:
                break
            time_machine.move_to(waiting.run_after + datetime.timedelta(seconds=1), tick=False)
            run_worker(monkeypatch)
            tries.append(timezone.now())

    assert len(fastly.requests) == len(tries) > 2
    assert all(at - NOON < datetime.timedelta(seconds=page_cache.PAGE_SECONDS) for at in tries)
    assert fastly.purged() == {}
    assert not DBTaskResult.objects.filter(status="READY").exists()
    records = [r for r in caplog.records if r.name == "articles.purgers"]
    assert [r.levelno for r in records] == [logging.WARNING] * (len(tries) - 1) + [logging.ERROR]
    assert key("article", article) in records[-1].message


# How long a shared cache may keep a page.


def test_a_page_may_be_kept_by_a_shared_cache_no_longer_than_ours_then_served_stale(
    client, time_machine
):
    time_machine.move_to(NOON, tick=False)
    article = make_article()

    # The rendering, then the page cache's copy of it.
    for response in [
        client.get(article.get_absolute_url()),
        client.get(article.get_absolute_url()),
    ]:
        control = directives(response)
        assert "public" in control
        assert 0 < int(control["s-maxage"]) <= page_cache.PAGE_SECONDS
        assert control["stale-while-revalidate"] == str(page_cache.STALE_SECONDS)


def test_a_page_ends_with_the_next_scheduled_story_and_is_never_served_stale_past_it(
    client, writer, editor, committed, time_machine
):
    time_machine.move_to(NOON, tick=False)
    make_article()
    with committed():
        workflow.publish(submitted_by(writer), by=editor, at=NOON + datetime.timedelta(minutes=2))

    control = directives(client.get(reverse("articles:news")))

    assert 0 < int(control["s-maxage"]) <= 120
    assert "stale-while-revalidate" not in control


def test_a_preview_and_search_results_are_not_labelled_for_a_shared_cache(
    client, writer, committed
):
    make_article(headline="Lavrov in Kazan")
    with committed():
        article = submitted_by(writer, headline="Draft under embargo")
        link = workflow.share(article, by=writer)

    preview = client.get(reverse("articles:shared_preview", args=[article.pk, link.token]))
    search = client.get(reverse("articles:search"), {"q": "Kazan"})

    assert "Draft under embargo" in preview.content.decode()
    assert "Lavrov in Kazan" in search.content.decode()
    for response in (preview, search):
        assert "s-maxage" not in directives(response)
        assert "Surrogate-Key" not in response


def test_a_response_not_labelled_for_a_shared_cache_tells_it_not_to_keep_it(
    client, writer, editor, committed, time_machine
):
    time_machine.move_to(NOON, tick=False)
    make_article(headline="Lavrov in Kazan")
    with committed():
        scheduled = workflow.publish(
            submitted_by(writer), by=editor, at=NOON + datetime.timedelta(minutes=2)
        )

    responses = [
        client.get(scheduled.get_absolute_url()),
        client.get(reverse("articles:search"), {"q": "Kazan"}),
        client.get(reverse("articles:news"), {"utm_source": "feed"}),
    ]

    assert responses[0].status_code == 404
    for response in responses:
        control = directives(response)
        assert "Surrogate-Key" not in response and "s-maxage" not in control
        assert {"private", "no-store", "no-cache"} & set(control), response.request["PATH_INFO"]


def test_an_editors_copy_of_a_public_page_is_private(client, editor):
    article = make_article()
    client.force_login(editor)

    response = client.get(article.get_absolute_url())

    assert "private" in directives(response)
    assert "public" not in directives(response) and "s-maxage" not in directives(response)


# The header.


def test_a_sitemap_sized_set_of_keys_is_cut_to_its_lists_under_8_kb():
    lists = {*surrogates.EVERY_LIST, "site"}
    articles = {f"article-{n}" for n in range(1, 5001)}

    kept = surrogates.bounded(articles | lists)

    assert len(" ".join(kept).encode()) < 8 * 1024
    assert kept >= lists
    few = {"article-1", "person-2", "site"}
    assert surrogates.bounded(few) == few


@pytest.mark.parametrize(
    ("backend", "options", "header", "separator"),
    [
        ("Cloudflare", {"zone_id": "z", "api_token": "t"}, "Cache-Tag", ","),
        ("Varnish", {"urls": ["http://varnish"]}, "xkey", " "),
        ("Fastly", {"service_id": "s", "api_token": "t"}, None, None),
    ],
)
def test_a_page_also_names_its_keys_in_the_header_the_engine_reads(
    client, use_purger, backend, options, header, separator, topic
):
    use_purger({"BACKEND": f"articles.purgers.{backend}", "OPTIONS": options})
    article = make_article(topics=[topic])

    response = client.get(article.get_absolute_url())

    keys = labels(response)
    assert {key("article", article), key("topic", topic)} <= keys
    others = {"Cache-Tag", "xkey"}
    if header:
        assert set(response[header].split(separator)) == keys
    assert not any(name in response for name in others - {header})
