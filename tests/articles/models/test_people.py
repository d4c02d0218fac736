import pytest
from django.core.exceptions import ValidationError

from articles.models import Event, Organisation, Person, Topic
from tests.factories import make_event, make_organisation, make_person, make_user

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


NOT_WEB = [
    "javascript:alert(document.cookie)",
    " JavaScript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "ftp://files.example.org/",
]


@pytest.mark.parametrize("website", NOT_WEB)
def test_an_organisation_s_website_must_be_a_web_address(website):
    organisation = make_organisation()
    organisation.website = website

    with pytest.raises(ValidationError) as error:
        organisation.full_clean()

    assert "website" in error.value.message_dict


@pytest.mark.parametrize("website", NOT_WEB)
def test_a_website_set_outside_the_form_never_reaches_a_page_unless_it_is_http(client, website):
    organisation = make_organisation(website=website)

    page = client.get(organisation.get_absolute_url()).content.decode()

    assert "script:" not in page.lower().replace("\t", "")
    assert "data:text" not in page
    assert ">Website</a>" not in page


@pytest.mark.parametrize("website", ["https://www.oic-oci.org/", "HTTP://mid.ru/en/"])
def test_an_organisation_s_web_address_is_linked_on_its_page(client, website):
    organisation = make_organisation(website=website)
    organisation.full_clean()

    page = client.get(organisation.get_absolute_url()).content.decode()

    assert f'<a href="{website}" rel="nofollow">Website</a>' in page


def test_a_user_is_the_person_linked_to_their_account_and_staff_come_first():
    writer, colleague = make_user("aisylu", "Writers"), make_user("rustem", "Writers")
    outsider = make_person(name="Aisylu Abdullina")
    staff = make_person(name="Rustem Sharipov", user=colleague)

    assert Person.objects.of_user(colleague) == staff
    assert Person.objects.of_user(writer) is None
    assert list(Person.objects.staff_first()) == [staff, outsider]
