"""People, organisations, events, topics and regions through the API."""

import datetime

import pytest

from articles.models import Region, Topic
from tests.factories import make_event, make_organisation, make_person, settle_page_cache

pytestmark = pytest.mark.django_db


def test_an_entity_carries_its_names_in_each_language_ids_and_address(client):
    person = make_person(name_ru="Сергей Лавров", directory_key="person:lavrov")
    found = client.get(f"/api/v1/people/{person.pk}/").json()
    assert found["id"] == person.pk
    assert found["directory_key"] == "person:lavrov"
    assert found["names"] == {"en": "Sergey Lavrov", "ru": "Сергей Лавров"}
    assert found["url"] == f"http://testserver/people/{person.slug}/"


def test_an_event_carries_its_dates_times_place_organisers_and_tags(client, topic, regions):
    oic = make_organisation()
    event = make_event(start_time=datetime.time(10), time_zone="Europe/Moscow")
    event.organisers.set([oic])
    event.topics.set([topic])
    event.regions.set([regions["kazan"]])
    found = client.get(f"/api/v1/events/{event.pk}/").json()
    assert found["start_date"] == event.start_date.isoformat()
    assert (found["start_time"], found["end_time"]) == ("10:00:00", None)
    assert found["time_zone"] == "Europe/Moscow"
    assert found["venue"] == "Kazan Expo"
    assert [link["slug"] for link in found["organisers"]] == [oic.slug]
    assert [link["slug"] for link in found["topics"]] == [topic.slug]
    assert [link["slug"] for link in found["regions"]] == ["kazan"]


def test_a_region_names_its_parent(client, regions):
    found = client.get(f"/api/v1/regions/{regions['kazan'].pk}/").json()
    assert found["parent_id"] == regions["tatarstan"].pk


def test_an_unknown_id_is_not_found(client):
    assert client.get("/api/v1/topics/999999/").status_code == 404
    assert client.get("/api/v1/people/0/").status_code == 422


def test_entities_are_listed_by_id_in_pages(client):
    topics = [Topic.objects.create(name=f"Topic {n}") for n in range(3)]
    first = client.get("/api/v1/topics/", {"limit": 2}).json()
    assert [item["id"] for item in first["results"]] == [topics[0].pk, topics[1].pk]
    second = client.get(first["next"]).json()
    assert [item["id"] for item in second["results"]] == [topics[2].pk]
    assert second["next"] is None


@pytest.mark.parametrize("count", [1, 20])
def test_an_entity_list_is_one_query_however_long(client, count, django_assert_num_queries):
    for n in range(count):
        make_person(name=f"Person {n}")
        Region.objects.create(name=f"Region {n}")
    settle_page_cache()
    for kind in ("people", "regions"):
        with django_assert_num_queries(1):
            assert len(client.get(f"/api/v1/{kind}/").json()["results"]) == count
