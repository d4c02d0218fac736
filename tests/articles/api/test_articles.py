"""The API's articles: what a list and a page carry, filters, cursors, bad input."""

import base64
import datetime

import pytest
from django.utils import timezone

from articles import workflow
from articles.models import Article, Region, Topic
from tests.factories import (
    make_article,
    make_event,
    make_organisation,
    make_person,
    settle_page_cache,
    submitted_by,
)

pytestmark = pytest.mark.django_db

LIST = "/api/v1/articles/"


def headlines(response):
    assert response.status_code == 200, response.content
    return [item["headline"] for item in response.json()["results"]]


def test_a_list_carries_summaries_newest_first_with_canonical_addresses(client, regions):
    older = make_article(
        headline="Older", published_at=timezone.now() - datetime.timedelta(hours=2)
    )
    russian = make_article(
        headline="Новее", language="ru", slug="novee", regions=[regions["kazan"]]
    )
    items = client.get(LIST).json()["results"]
    assert [item["id"] for item in items] == [russian.pk, older.pk]
    assert items[0]["language"] == "ru"
    assert items[0]["url"] == f"http://testserver{russian.get_absolute_url()}"
    assert items[0]["url"].startswith("http://testserver/ru/news/")
    assert items[0]["regions"] == [
        {
            "id": regions["kazan"].pk,
            "slug": "kazan",
            "name": "Kazan",
            "url": "http://testserver/regions/kazan/",
        }
    ]
    assert "body" not in items[0]


def test_an_article_carries_its_text_links_visible_translations_and_corrections(
    client, writer, editor, second_editor, topic
):
    person, organisation, event = make_person(), make_organisation(), make_event()
    original = workflow.publish(submitted_by(writer, headline="Forum in Kazna"), by=second_editor)
    original.topics.set([topic])
    original.people.set([person])
    original.organisations.set([organisation])
    original.events.set([event])
    original.headline = "Forum in Kazan"
    workflow.save_edit(original, by=editor, editing=original.revision)
    workflow.correct(original, by=editor, comment="Kazan was misspelt.")
    translation = workflow.publish(
        submitted_by(writer, headline="Форум в Казани", language="ru", translation_of=original),
        by=editor,
    )
    make_article(headline="Secret draft", language="ar", translation_of=original, status="draft")

    found = client.get(f"{LIST}{original.pk}/").json()
    assert found["headline"] == "Forum in Kazan"
    assert found["body"] == Article.objects.get(pk=original.pk).body
    assert [link["slug"] for link in found["people"]] == [person.slug]
    assert [link["slug"] for link in found["organisations"]] == [organisation.slug]
    assert [link["slug"] for link in found["events"]] == [event.slug]
    assert [link["slug"] for link in found["topics"]] == [topic.slug]
    assert found["translations"] == [
        {
            "id": translation.pk,
            "language": "ru",
            "url": f"http://testserver{translation.get_absolute_url()}",
        }
    ]
    assert [c["note"] for c in found["corrections"]] == ["Kazan was misspelt."]
    assert found["updated_at"] > found["published_at"]


@pytest.mark.parametrize("state", ["draft", "unpublished", "scheduled", "expired"])
def test_a_hidden_article_is_not_found(client, content, state):
    assert client.get(f"{LIST}{content['hidden'][state].pk}/").status_code == 404


def test_filters_by_topic_region_and_its_subregions_person_in_the_byline_and_so_on(
    client, topic, regions
):
    lavrov, oic, forum = make_person(), make_organisation(), make_event()
    make_article(headline="About Kazan", regions=[regions["kazan"]], topics=[topic])
    make_article(headline="About Malaysia", regions=[regions["malaysia"]])
    bylined = make_article(headline="By Lavrov")
    bylined.bylines.create(person=lavrov)
    make_article(headline="OIC at the forum", organisations=[oic], events=[forum])
    make_article(headline="По-русски", language="ru", slug="po-russki")

    assert headlines(client.get(LIST, {"topic": topic.slug})) == ["About Kazan"]
    assert headlines(client.get(LIST, {"region": "russia"})) == ["About Kazan"]
    assert headlines(client.get(LIST, {"person": lavrov.slug})) == ["By Lavrov"]
    assert headlines(client.get(LIST, {"organisation": oic.slug, "event": forum.slug})) == [
        "OIC at the forum"
    ]
    assert headlines(client.get(LIST, {"language": "ru"})) == ["По-русски"]
    assert headlines(client.get(LIST, {"topic": "no-such-topic"})) == []


def test_filters_by_publication_and_update_time(
    client, writer, editor, second_editor, django_capture_on_commit_callbacks
):
    now = timezone.now()
    make_article(headline="Last week", published_at=now - datetime.timedelta(days=7))
    make_article(headline="Yesterday", published_at=now - datetime.timedelta(days=1))
    two_days_ago = (now - datetime.timedelta(days=2)).isoformat()
    assert headlines(client.get(LIST, {"since": two_days_ago})) == ["Yesterday"]
    assert headlines(client.get(LIST, {"until": two_days_ago})) == ["Last week"]
    assert headlines(client.get(LIST, {"updated_since": two_days_ago})) == ["Yesterday"]

    corrected = workflow.publish(
        submitted_by(writer, headline="Corrected later"),
        by=second_editor,
        at=now - datetime.timedelta(days=5),
    )
    corrected.headline = "Corrected today"
    workflow.save_edit(corrected, by=editor, editing=corrected.revision)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.correct(corrected, by=editor, comment="The headline was wrong.")
    assert headlines(client.get(LIST, {"updated_since": two_days_ago})) == [
        "Yesterday",
        "Corrected today",
    ]
    found = client.get(LIST, {"updated_since": two_days_ago}).json()["results"][1]
    assert found["updated_at"] > found["published_at"]


@pytest.mark.parametrize(
    "query",
    [
        {"topic": "\x00"},
        {"region": "two words"},
        {"limit": "0"},
        {"limit": "101"},
        {"since": "yesterday"},
        {"until": "0001-01-01T00:00:00+05:00"},
        {"cursor": "not-a-cursor"},
        {"cursor": base64.urlsafe_b64encode(b'["2026-01-01T00:00:00", 1]').decode()},
        {"cursor": base64.urlsafe_b64encode(b"[99999999999999999999999]").decode()},
        {"language": "xx"},
    ],
)
def test_bad_input_is_a_clear_client_error(client, query):
    response = client.get(LIST, query)
    assert 400 <= response.status_code < 500
    assert response.json()["detail"]


def test_a_next_page_is_the_same_whatever_is_published_meanwhile(client):
    now = timezone.now()
    for hours in range(1, 6):
        make_article(
            headline=f"{hours} hours ago", published_at=now - datetime.timedelta(hours=hours)
        )
    first = client.get(LIST, {"limit": 2}).json()
    assert [item["headline"] for item in first["results"]] == ["1 hours ago", "2 hours ago"]
    make_article(headline="Just in")
    second = client.get(first["next"]).json()
    assert [item["headline"] for item in second["results"]] == ["3 hours ago", "4 hours ago"]
    last = client.get(second["next"]).json()
    assert [item["headline"] for item in last["results"]] == ["5 hours ago"]
    assert last["next"] is None


@pytest.mark.parametrize("count", [1, 20])
def test_a_list_costs_the_same_queries_however_long(
    client, count, topic, django_assert_num_queries
):
    region, person = Region.objects.create(name="Russia"), make_person()
    for n in range(count):
        article = make_article(headline=f"Story {n}", slug=f"story-{n}", topics=[topic])
        article.regions.set([region])
        article.bylines.create(person=person)
    settle_page_cache()
    # The page, then its bylines, topics and regions.
    with django_assert_num_queries(4):
        assert len(headlines(client.get(LIST))) == count


def test_an_article_page_costs_a_fixed_number_of_queries(
    client, content, django_assert_num_queries
):
    settle_page_cache()
    Topic.objects.first()  # the content type of articles, which Django then remembers
    # The article, what it links, its translations, its corrections.
    with django_assert_num_queries(4):
        assert client.get(f"{LIST}{content['live'].pk}/").status_code == 200
