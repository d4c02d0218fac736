"""Editors arrange each edition's front page in the admin: slots, preview, publish,
earlier layouts restored."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import FrontPage, Topic
from tests.factories import make_article, make_front_page, make_user

pytestmark = pytest.mark.django_db

FRONT_PAGES = reverse("admin:articles_frontpage_changelist")
ADD_FRONT_PAGE = reverse("admin:articles_frontpage_add")
PREFIX = "slots"


def change_url(front_page):
    return reverse("admin:articles_frontpage_change", args=[front_page.pk])


def slots_form(slots, *, language="en", existing=()):
    """What the form posts: the edition and one inline row per slot (dicts of the row's
    fields); `existing` the slots already saved, kept as they are."""
    rows = [
        {
            "id": slot.pk,
            "kind": slot.kind,
            "article": slot.article_id or "",
            "topic": slot.topic_id or "",
            "count": slot.count or "",
            "position": slot.position,
        }
        for slot in existing
    ] + [
        {"kind": "", "article": "", "topic": "", "count": "", "position": 0, **slot}
        for slot in slots
    ]
    data = {
        "language": language,
        f"{PREFIX}-TOTAL_FORMS": len(rows),
        f"{PREFIX}-INITIAL_FORMS": len(existing),
    }
    for number, row in enumerate(rows):
        data.update({f"{PREFIX}-{number}-{name}": value for name, value in row.items()})
    return data


def test_an_editor_arranges_a_front_page_that_readers_see_once_published(client, editor):
    economy = Topic.objects.create(name="Economy")
    picked = make_article(headline="Picked lead")
    make_article(headline="Economy story", topics=[economy])
    client.force_login(editor)

    response = client.post(
        ADD_FRONT_PAGE,
        slots_form(
            [
                {"kind": "lead", "article": picked.pk},
                {"kind": "section", "topic": economy.pk, "count": 3, "position": 1},
            ]
        ),
    )

    assert response.status_code == 302, response.context["inline_admin_formsets"][0].formset.errors
    front_page = FrontPage.objects.get(language="en")
    assert front_page.live is None
    page = client.get(change_url(front_page)).content.decode()
    preview = reverse("admin:articles_frontpage_preview", args=[front_page.pk])
    publish = reverse("admin:articles_frontpage_publish", args=[front_page.pk])
    assert preview in page and publish in page
    # The publish page shows what goes up, framed.
    assert f'<iframe src="{preview}"' in client.get(publish).content.decode()

    response = client.post(publish)

    assert response.status_code == 302
    front_page.refresh_from_db()
    assert (front_page.live.number, front_page.live.published_by) == (1, editor)
    history = client.get(reverse("admin:articles_frontpage_history", args=[front_page.pk]))
    assert "Published version 1." in history.content.decode()
    client.logout()
    page = client.get("/").content.decode()
    assert "Picked lead" in page.split("Latest news")[0]
    assert "Economy story" in page.split('class="front-section"')[1]


@pytest.mark.parametrize(
    ("slots", "error"),
    [
        ([{"kind": "section", "count": 3}], "Choose the topic whose newest stories"),
        ([{"kind": "section", "topic": "TOPIC"}], "Say how many stories, from 1 to 10."),
        ([{"kind": "latest", "count": 11}], "Say how many stories, from 1 to 10."),
        ([{"kind": "featured", "count": 2}], "A lead or featured slot shows one story"),
        ([{"kind": "lead", "topic": "TOPIC"}], "Only a section shows a topic"),
        ([{"kind": "latest", "count": 3, "article": "STORY"}], "show the newest stories"),
        ([{"kind": "lead"}, {"kind": "lead"}], "A page has one lead story"),
        ([{"kind": "featured"}] * 5, "At most 4 featured stories."),
        (
            [{"kind": "lead", "article": "STORY"}, {"kind": "featured", "article": "STORY"}],
            "“Lavrov meets OIC ambassadors” is picked twice",
        ),
        (
            [
                {"kind": "section", "topic": "TOPIC", "count": 2},
                {"kind": "section", "topic": "TOPIC", "count": 3},
            ],
            "“Economy” has two sections",
        ),
        ([{"kind": "lead", "article": "RUSSIAN"}], "is in Russian: this front page is the"),
    ],
)
def test_a_slot_that_cannot_be_is_refused_with_the_reason(client, editor, slots, error):
    values = {
        "TOPIC": Topic.objects.create(name="Economy").pk,
        "STORY": make_article().pk,
        "RUSSIAN": make_article(headline="Новости", language="ru").pk,
    }
    slots = [{name: values.get(value, value) for name, value in slot.items()} for slot in slots]
    client.force_login(editor)

    response = client.post(ADD_FRONT_PAGE, slots_form(slots))

    assert response.status_code == 200
    assert error in response.content.decode()
    assert not FrontPage.objects.exists()


def test_a_published_layout_can_be_restored_and_published_again(client, editor):
    first = make_article(headline="First lead")
    front_page = make_front_page([{"kind": "lead", "article": first}])
    make_front_page([{"kind": "lead"}])
    client.force_login(editor)
    page = client.get(change_url(front_page)).content.decode()
    restore = reverse("admin:articles_frontpage_restore", args=[front_page.pk, 1])
    assert restore in page
    # The live version offers nothing to restore.
    assert reverse("admin:articles_frontpage_restore", args=[front_page.pk, 2]) not in page

    client.post(restore)

    assert front_page.working_layout()[0]["article"] == first.pk
    client.post(reverse("admin:articles_frontpage_publish", args=[front_page.pk]))
    front_page.refresh_from_db()
    assert front_page.live.number == 3


def test_publishing_nothing_new_is_refused_and_not_offered(client, editor):
    front_page = make_front_page([{"kind": "lead"}])
    publish = reverse("admin:articles_frontpage_publish", args=[front_page.pk])
    client.force_login(editor)

    assert publish not in client.get(change_url(front_page)).content.decode()
    response = client.post(publish, follow=True)

    assert "Readers see this layout already" in response.content.decode()
    assert front_page.versions.count() == 1


def test_writers_neither_arrange_nor_publish_the_front_page(client):
    front_page = make_front_page([{"kind": "lead"}], publish=False)
    client.force_login(make_user("writer", "Writers"))

    assert client.get(FRONT_PAGES).status_code == 403
    assert client.get(change_url(front_page)).status_code == 403
    client.post(reverse("admin:articles_frontpage_publish", args=[front_page.pk]))

    front_page.refresh_from_db()
    assert front_page.live is None


def test_the_article_list_no_longer_offers_pinning(client, editor):
    make_article()
    client.force_login(editor)

    page = client.get(reverse("admin:articles_article_changelist")).content.decode()

    assert "pin_as_lead" not in page and "unpin_lead" not in page


def test_the_front_page_list_runs_a_fixed_number_of_queries(client, editor):
    """The list says, for each edition, what readers see and whether changes wait: the
    same queries for one front page or three."""

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(FRONT_PAGES)
        assert response.status_code == 200
        return len(queries)

    story = make_article()
    client.force_login(editor)
    make_front_page([{"kind": "lead", "article": story}])
    one = count()
    for language in ("ru", "ar"):
        front_page = make_front_page([{"kind": "lead"}], language=language)
        front_page.slots.create(kind="featured", position=1)

    assert count() == one
    page = client.get(FRONT_PAGES).content.decode()
    assert page.count("Unpublished changes") == 2
    assert page.count("Version 1, ") == 3
    assert 'href="/ru/"' in page
