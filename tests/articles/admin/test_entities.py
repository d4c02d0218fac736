import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.directory import directory_revision
from articles.models import Article, Event, Organisation, Person, Region, Topic
from tests.factories import (
    ALIASES,
    article_form,
    empty_inlines,
    make_article,
    make_event,
    make_organisation,
    make_person,
    make_staff,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = make_staff("editor", "Editors")
    client.force_login(user)
    return user


@pytest.fixture
def writer(client):
    user = make_staff("writer", "Writers")
    client.force_login(user)
    return user


def build_rows(count, width, batch):
    topics = [Topic.objects.create(name=f"Topic {batch}.{i}") for i in range(width)]
    regions = [Region.objects.create(name=f"Region {batch}.{i}") for i in range(width)]
    parent = make_organisation(name=f"Parent {batch}")
    for i in range(count):
        make_article(headline=f"Story {batch}.{i}", topics=topics, regions=regions)
        person = make_person(name=f"Person {batch}.{i}")
        person.topics.set(topics)
        make_organisation(name=f"Organisation {batch}.{i}", parent=parent)
        make_event(name=f"Event {batch}.{i}")
        regions[0].children.add(Region.objects.create(name=f"Place {batch}.{i}"))


CHANGELISTS = ["article", "person", "organisation", "event", "topic", "region"]


@pytest.mark.parametrize("model", CHANGELISTS)
def test_changelists_run_no_query_per_row(client, editor, model):
    """A list of 3 rows and a list of 12 rows with more tags cost the same queries."""
    url = reverse(f"admin:articles_{model}_changelist")
    counts = []
    for batch, (rows, width) in enumerate([(3, 1), (9, 4)]):
        build_rows(rows, width, batch)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_editor_creates_a_tagged_article_picking_existing_topics_and_regions(client, editor):
    topic = Topic.objects.create(name="Interfaith dialogue")
    region = Region.objects.create(name="Kazan")
    person = make_person()

    response = client.post(
        reverse("admin:articles_article_add"),
        article_form(topics=[topic.pk], regions=[region.pk], people=[person.pk]),
    )

    assert response.status_code == 302
    article = Article.objects.get()
    assert list(article.topics.all()) == [topic]
    assert list(article.regions.all()) == [region]
    assert list(article.people.all()) == [person]
    assert article.created_by == editor
    assert article.slug == "lavrov-meets-oic-ambassadors"


def test_topic_entry_offers_existing_topics_by_autocomplete(client, writer):
    Topic.objects.create(name="Interfaith dialogue")
    Topic.objects.create(name="Foreign policy")

    form = client.get(reverse("admin:articles_article_add")).content.decode()
    assert 'class="admin-autocomplete"' in form and 'data-field-name="topics"' in form

    response = client.get(
        reverse("admin:autocomplete"),
        {
            "term": "inter",
            "app_label": "articles",
            "model_name": "article",
            "field_name": "topics",
        },
    )
    assert [r["text"] for r in response.json()["results"]] == ["Interfaith dialogue"]


def test_article_form_shows_field_errors_and_keeps_what_was_typed(client, editor):
    response = client.post(
        reverse("admin:articles_article_add"),
        article_form(headline="", dateline="6 Marchember", standfirst="Kept standfirst"),
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "headline" in errors and "dateline" in errors
    assert "Kept standfirst" in response.content.decode()
    assert not Article.objects.exists()


def test_change_form_links_to_the_article_on_the_site(client, editor):
    article = make_article()
    form = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert "View on site" in form.content.decode()


@pytest.mark.parametrize(
    "model, search",
    [(Person, "Lavrov"), (Organisation, "OIC"), (Event, "Kazan"), (Article, "Lavrov")],
)
def test_admin_search_finds_by_name(client, editor, model, search):
    make_person()
    make_organisation()
    make_event()
    make_article()
    url = reverse(f"admin:articles_{model._meta.model_name}_changelist")
    response = client.get(url, {"q": search})
    assert response.context["cl"].result_count == 1


def test_only_those_who_may_add_topics_get_the_add_button_beside_them(client, writer):
    form = client.get(reverse("admin:articles_article_add")).content.decode()
    assert 'id="add_id_topics"' not in form

    client.force_login(make_staff("desk-editor", "Editors"))
    form = client.get(reverse("admin:articles_article_add")).content.decode()
    assert 'id="add_id_topics"' in form


def test_the_article_list_counts_the_table_at_most_once(client, editor):
    """No second full-table COUNT for "x of y selected"; large tables use the estimate."""
    for n in range(3):
        make_article(headline=f"Story {n}")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("admin:articles_article_changelist"))
    assert response.status_code == 200
    # Unfiltered counts only: the review queue's count of submissions is small and indexed.
    counts = [
        q["sql"] for q in queries if "COUNT(" in q["sql"].upper() and "WHERE" not in q["sql"]
    ]
    assert len(counts) <= 1, counts
    assert "3 articles" in response.content.decode()


def test_staff_come_first_among_bylines_and_only_account_managers_link_them(client):
    writer = make_user("aisylu", "Writers")
    outsider = make_person(name="Aisylu Abdullina")
    staff = make_person(name="Aisylu Sharipova", user=writer)
    client.force_login(make_user("desk", "Editors"))
    found = client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Aisylu",
            "app_label": "articles",
            "model_name": "articleauthor",
            "field_name": "person",
        },
    ).json()["results"]
    assert [row["text"] for row in found] == [staff.name, outsider.name]

    page = client.get(reverse("admin:articles_person_change", args=[outsider.pk]))
    assert 'name="user"' not in page.content.decode()
    client.force_login(make_user("chief", is_superuser=True))
    page = client.get(reverse("admin:articles_person_change", args=[outsider.pk]))
    assert 'name="user"' in page.content.decode()


# --- the directory beside each entity -------------------------------------------------------


def entity_form(model_name, obj, aliases=(), titles=()):
    """What the admin's change form of `obj` posts: its names, and rows of aliases and
    (people) titles after the ones it has."""
    data = {"name_en": obj.name_en, "slug": obj.slug, **empty_inlines(model_name)}
    if model_name == "event":
        data["status"] = obj.status
        data["time_zone"] = obj.time_zone
    if model_name == "organisation":
        data["kind"] = obj.kind
    existing = list(obj.aliases.all())
    data[f"{ALIASES}-TOTAL_FORMS"] = len(existing) + len(aliases)
    data[f"{ALIASES}-INITIAL_FORMS"] = len(existing)
    for n, alias in enumerate(existing):
        data[f"{ALIASES}-{n}-id"] = alias.pk
        data[f"{ALIASES}-{n}-name"] = alias.name
    for n, name in enumerate(aliases, start=len(existing)):
        data[f"{ALIASES}-{n}-name"] = name
    data["titles-TOTAL_FORMS"] = len(titles) if model_name == "person" else 0
    for n, (title, start, end) in enumerate(titles):
        data.update(
            {
                f"titles-{n}-title": title,
                f"titles-{n}-start_date": start,
                f"titles-{n}-end_date": end,
            }
        )
    return data


DIRECTORY_KINDS = {
    "person": make_person,
    "organisation": make_organisation,
    "event": make_event,
    "topic": lambda: Topic.objects.create(name="Interfaith dialogue"),
    "region": lambda: Region.objects.create(name="Kazan"),
}


@pytest.mark.parametrize("model_name", DIRECTORY_KINDS)
def test_aliases_are_saved_beside_the_entity_and_bump_the_revision(client, editor, model_name):
    obj = DIRECTORY_KINDS[model_name]()
    obj.aliases.create(name="First alias")
    before = directory_revision()

    response = client.post(
        reverse(f"admin:articles_{model_name}_change", args=[obj.pk]),
        entity_form(model_name, obj, aliases=["Second alias", "Второй"]),
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert list(obj.aliases.values_list("name", flat=True)) == [
        "First alias",
        "Second alias",
        "Второй",
    ]
    assert directory_revision() != before


def test_a_persons_titles_are_saved_with_their_dates(client, editor):
    person = make_person(name="Rustam Minnikhanov")
    before = directory_revision()

    response = client.post(
        reverse("admin:articles_person_change", args=[person.pk]),
        entity_form(
            "person",
            person,
            titles=[("Rais of Tatarstan", "2022-12-23", ""), ("President", "2010-03-25", "")],
        ),
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    titles = person.titles.values_list("title", "start_date", "end_date")
    assert [(t, s.isoformat(), e) for t, s, e in titles] == [
        ("President", "2010-03-25", None),
        ("Rais of Tatarstan", "2022-12-23", None),
    ]
    assert directory_revision() != before


def test_a_title_ending_before_it_starts_is_refused(client, editor):
    person = make_person()
    response = client.post(
        reverse("admin:articles_person_change", args=[person.pk]),
        entity_form("person", person, titles=[("Minister", "2004-03-09", "2004-03-01")]),
    )
    assert response.status_code == 200
    assert "A title cannot end before it starts." in response.content.decode()
    assert not person.titles.exists()


def test_an_alias_typed_twice_is_refused_not_a_server_error(client, editor):
    organisation = make_organisation(aliases=["OIC"])
    response = client.post(
        reverse("admin:articles_organisation_change", args=[organisation.pk]),
        entity_form("organisation", organisation, aliases=["ОИС", "ОИС", "OIC"]),
    )
    assert response.status_code == 200
    assert list(organisation.aliases.values_list("name", flat=True)) == ["OIC"]


@pytest.mark.parametrize(
    "model_name, search", [("person", "Лавров"), ("person", "Rais"), ("region", "Qazan")]
)
def test_the_change_list_finds_an_entity_by_an_alias_or_a_title(
    client, editor, model_name, search
):
    lavrov = make_person(aliases=["Сергей Лавров"])
    lavrov.titles.create(title="Rais of Foreign Affairs")
    make_person(name="Vladimir Putin")
    kazan = Region.objects.create(name="Kazan")
    kazan.aliases.create(name="Qazan")
    Region.objects.create(name="Moscow")

    response = client.get(reverse(f"admin:articles_{model_name}_changelist"), {"q": search})

    assert [str(obj) for obj in response.context["cl"].result_list] == [
        "Sergey Lavrov" if model_name == "person" else "Kazan"
    ]


def test_an_event_without_dates_is_listed_and_edited_in_the_admin(client, editor):
    event = make_event(start_date=None, recurring=True)
    listing = client.get(reverse("admin:articles_event_changelist"))
    assert listing.status_code == 200 and listing.context["cl"].result_count == 1
    response = client.post(
        reverse("admin:articles_event_change", args=[event.pk]),
        {**entity_form("event", event), "start_date": "", "recurring": "on"},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    event.refresh_from_db()
    assert event.start_date is None and event.recurring


def test_a_writer_adds_aliases_and_titles_to_a_person(client, writer):
    person = make_person()
    response = client.post(
        reverse("admin:articles_person_change", args=[person.pk]),
        entity_form("person", person, aliases=["Sergei Lavrov"], titles=[("Minister", "", "")]),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert person.aliases.get().name == "Sergei Lavrov"
    assert person.titles.get().title == "Minister"


def test_an_editor_gives_an_event_its_times_in_a_time_zone_picked_from_a_list(client, editor):
    event = make_event()
    url = reverse("admin:articles_event_change", args=[event.pk])
    form = client.get(url).context["adminform"].form
    assert ("Europe/Moscow", "Europe/Moscow") in form.fields["time_zone"].widget.choices
    response = client.post(
        url,
        {
            **entity_form("event", event),
            "start_date": event.start_date.isoformat(),
            "start_time": "10:00",
            "end_time": "18:30",
            "time_zone": "Europe/Moscow",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    event.refresh_from_db()
    assert (event.start_time.hour, event.end_time.minute, event.time_zone) == (
        10,
        30,
        "Europe/Moscow",
    )


@pytest.mark.parametrize(
    ("given", "field", "message"),
    [
        ({"time_zone": "Mars/Olympus_Mons"}, "time_zone", "is not a time zone name"),
        ({"start_time": "10:00", "end_time": "09:00"}, "end_time", "cannot end before it starts"),
        ({"end_time": "09:00"}, "start_time", "Give the start time with the end time"),
        ({"start_date": "", "start_time": "10:00"}, "start_time", "needs a start date"),
    ],
)
def test_event_times_that_cannot_be_are_refused_with_a_reason(
    client, editor, given, field, message
):
    event = make_event()
    response = client.post(
        reverse("admin:articles_event_change", args=[event.pk]),
        {**entity_form("event", event), "start_date": event.start_date.isoformat(), **given},
    )
    assert response.status_code == 200
    assert message in str(response.context["adminform"].form.errors[field])
    refused = Event.objects.get(pk=event.pk)
    assert (refused.start_time, refused.time_zone) == (None, event.time_zone)
