import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article, Event, Organisation, Person, Region, Topic
from tests.factories import (
    article_form,
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
