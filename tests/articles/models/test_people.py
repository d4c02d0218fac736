import pytest

from articles.models import Event, Organisation, Person, Topic
from tests.factories import make_event, make_organisation, make_person

pytestmark = pytest.mark.django_db


def test_people_organisations_and_events_in_a_region_include_its_subregions_once(regions):
    for make, model in [
        (make_person, Person),
        (make_organisation, Organisation),
        (make_event, Event),
    ]:
        in_kazan = make(name="In Kazan")
        in_kazan.regions.set([regions["kazan"], regions["tatarstan"]])
        in_malaysia = make(name="In Malaysia")
        in_malaysia.regions.set([regions["malaysia"]])

        assert list(model.objects.in_region(regions["russia"])) == [in_kazan]
        assert list(model.objects.about(regions["kazan"])) == [in_kazan]
        assert list(model.objects.about(regions["malaysia"])) == [in_malaysia]


def test_people_on_a_topic_are_those_tagged_with_it(topic):
    minister = make_person(name="Minister")
    minister.topics.set([topic])
    make_person(name="Economist").topics.set([Topic.objects.create(name="Economy")])

    assert list(Person.objects.tagged(topic)) == [minister]
    assert list(Person.objects.about(topic)) == [minister]


def test_a_person_is_not_about_a_person():
    with pytest.raises(TypeError):
        Person.objects.about(make_person())
