"""The front page editors arrange: a lead, featured stories, the latest news and topic
sections, picked by hand or the newest, never one story twice; changed by publishing."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import Article, FrontPage, Topic
from tests.factories import make_article, make_front_page, make_user, settle_page_cache
from tests.pages import headlines

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def hours_ago(hours):
    return NOW - datetime.timedelta(hours=hours)


def stories_on(response):
    """Every story's headline on the page, in its order: the lead, then each teaser."""
    return headlines(response, class_="lead") + headlines(response, class_="teaser")


def lead_of(response):
    return headlines(response, class_="lead")


def featured_on(response):
    return headlines(response, class_="front-featured")


def latest_on(response):
    return headlines(response, aria_labelledby="latest-heading")


def sections_on(response):
    """Each section's topic and its stories' headlines."""
    sections = response.content.decode().split('class="front-section"')[1:]
    return [
        (heading, stories)
        for heading, *stories in (
            re.findall(r"<h[23][^>]*><a [^>]*>([^<]*)</a>", part.split("</section>")[0])
            for part in sections
        )
    ]


@pytest.fixture
def topics(db):
    return [Topic.objects.create(name=name) for name in ("Diplomacy", "Economy", "Faith")]


@pytest.fixture
def editor(db):
    return make_user("editor", "Editors")


LEAD = {"kind": "lead"}
FEATURED = {"kind": "featured"}


def latest(count):
    return {"kind": "latest", "count": count}


def section(topic, count):
    return {"kind": "section", "topic": topic, "count": count}


def test_a_story_in_every_section_shows_once_where_it_was_picked(client, topics):
    """One story tagged with every topic, picked as the lead and the newest of all, is
    the lead and nowhere else: not featured, not in the latest news, in no section."""
    everywhere = make_article(headline="Everywhere", topics=topics, published_at=hours_ago(0))
    for n, topic in enumerate(topics):
        for m in range(3):
            make_article(
                headline=f"{topic.name} {m}", topics=[topic], published_at=hours_ago(n * 3 + m + 1)
            )
    make_front_page(
        [
            {**LEAD, "article": everywhere},
            FEATURED,
            FEATURED,
            latest(2),
            *(section(topic, 2) for topic in topics),
        ]
    )

    response = client.get("/")

    shown = stories_on(response)
    assert lead_of(response) == ["Everywhere"]
    assert shown.count("Everywhere") == 1
    assert len(shown) == len(set(shown)), shown
    # The newest others fill the automatic slots in the page's order, then the sections.
    assert featured_on(response) == ["Diplomacy 0", "Diplomacy 1"]
    assert latest_on(response) == ["Diplomacy 2", "Economy 0"]
    assert sections_on(response) == [
        ("Economy", ["Economy 1", "Economy 2"]),
        ("Faith", ["Faith 0", "Faith 1"]),
    ]


def test_a_story_in_every_section_left_to_the_newest_shows_once_too(client, topics):
    make_article(headline="Everywhere", topics=topics, published_at=hours_ago(0))
    make_article(headline="Economy brief", topics=[topics[1]], published_at=hours_ago(1))
    make_front_page([LEAD, latest(5), *(section(topic, 3) for topic in topics)])

    response = client.get("/")

    assert lead_of(response) == ["Everywhere"]
    assert latest_on(response) == ["Economy brief"]
    # Nothing is left for a section: none is shown, none empty.
    assert sections_on(response) == []
    assert stories_on(response).count("Everywhere") == 1


def test_a_story_picked_by_hand_wins_its_place_over_the_automatic_slots(client):
    newest = make_article(headline="Newest", published_at=hours_ago(0))
    make_article(headline="Second", published_at=hours_ago(1))
    old = make_article(headline="Old analysis", published_at=hours_ago(48))
    make_article(headline="Third", published_at=hours_ago(2))
    make_front_page(
        [LEAD, FEATURED, {**FEATURED, "article": newest}, {**FEATURED, "article": old}]
    )

    response = client.get("/")

    # The newest is featured where it was picked: the automatic lead takes the next.
    assert lead_of(response) == ["Second"]
    assert featured_on(response) == ["Third", "Newest", "Old analysis"]


def test_featured_slots_follow_their_positions_whatever_order_they_were_added_in(client):
    first = make_article(headline="First pick", published_at=hours_ago(5))
    second = make_article(headline="Second pick", published_at=hours_ago(6))
    front_page = make_front_page([LEAD], publish=False)
    front_page.slots.create(kind="featured", article=second, position=9)
    front_page.slots.create(kind="featured", article=first, position=3)
    workflow.mark_layout_live(front_page)

    assert featured_on(client.get("/")) == ["First pick", "Second pick"]


@pytest.mark.parametrize("how", ["draft", "unpublished", "expired", "scheduled"])
def test_a_hidden_story_picked_by_hand_is_skipped_and_its_slot_filled(client, how, time_machine):
    hidden = make_article(
        headline="Withdrawn pick",
        **{
            "draft": {"status": Article.Status.DRAFT},
            "unpublished": {"status": Article.Status.UNPUBLISHED},
            "expired": {"unpublish_at": NOW + datetime.timedelta(hours=1)},
            "scheduled": {"published_at": NOW + datetime.timedelta(hours=5)},
        }[how],
    )
    make_article(headline="Newest brief", published_at=hours_ago(1))
    make_article(headline="Older brief", published_at=hours_ago(2))
    make_front_page([{**LEAD, "article": hidden}, {**FEATURED, "article": hidden}, latest(5)])
    if how == "expired":
        time_machine.move_to(NOW + datetime.timedelta(hours=2))

    response = client.get("/")

    assert lead_of(response) == ["Newest brief"]
    assert featured_on(response) == ["Older brief"]
    page = response.content.decode()
    assert "Withdrawn pick" not in page and hidden.get_absolute_url() not in page


def test_a_section_shows_the_newest_of_its_topic_and_none_from_another_edition(client, topics):
    diplomacy = topics[0]
    for n in range(4):
        make_article(headline=f"Talks {n}", topics=[diplomacy], published_at=hours_ago(n + 1))
    make_article(headline="Переговоры", language="ru", topics=[diplomacy], published_at=NOW)
    make_article(headline="Draft talks", topics=[diplomacy], status=Article.Status.DRAFT)
    make_article(headline="Untagged", published_at=hours_ago(0))
    make_front_page([LEAD, section(diplomacy, 3)])

    response = client.get("/")

    assert lead_of(response) == ["Untagged"]
    assert sections_on(response) == [("Diplomacy", ["Talks 0", "Talks 1", "Talks 2"])]


def test_an_edition_with_no_published_layout_leads_with_its_newest_then_the_latest(client):
    make_article(headline="Newest", published_at=hours_ago(0))
    make_article(headline="Older", published_at=hours_ago(1))
    make_front_page([{**LEAD, "article": Article.objects.get(headline="Older")}], publish=False)

    response = client.get("/")

    assert lead_of(response) == ["Newest"]
    assert latest_on(response) == ["Older"]


def test_each_edition_shows_its_own_layout(client):
    english = make_article(headline="English pick", published_at=hours_ago(5))
    russian = make_article(headline="Выбор редакции", language="ru", published_at=hours_ago(5))
    make_article(headline="English newest")
    make_article(headline="Русские новости", language="ru")
    make_front_page([{**LEAD, "article": english}])
    make_front_page([{**LEAD, "article": russian}], language="ru")

    assert lead_of(client.get("/")) == ["English pick"]
    assert lead_of(client.get("/ru/")) == ["Выбор редакции"]


def test_working_changes_are_unseen_until_published_and_publishing_clears_the_cache(
    client, editor, django_capture_on_commit_callbacks
):
    first = make_article(headline="First lead", published_at=hours_ago(5))
    second = make_article(headline="Second lead", published_at=hours_ago(6))
    make_article(headline="Newest")
    front_page = make_front_page([{**LEAD, "article": first}])
    assert lead_of(client.get("/")) == ["First lead"]  # and cached

    with django_capture_on_commit_callbacks(execute=True):
        front_page.slots.update(article=second)
    assert lead_of(client.get("/")) == ["First lead"]
    assert front_page.has_unpublished_changes()

    with django_capture_on_commit_callbacks(execute=True):
        version = workflow.publish_front_page(front_page, by=editor)

    assert lead_of(client.get("/")) == ["Second lead"]
    assert (version.number, version.published_by) == (2, editor)
    assert not FrontPage.objects.get(pk=front_page.pk).has_unpublished_changes()


def test_taking_a_picked_story_down_shows_on_the_cached_front_page_at_once(
    client, editor, django_capture_on_commit_callbacks
):
    picked = make_article(headline="Picked lead", published_at=hours_ago(5))
    make_article(headline="Newest")
    make_front_page([{**LEAD, "article": picked}])
    assert lead_of(client.get("/")) == ["Picked lead"]

    with django_capture_on_commit_callbacks(execute=True):
        workflow.unpublish(picked, by=editor)

    assert lead_of(client.get("/")) == ["Newest"]


def test_only_an_editor_publishes_and_only_a_change(editor):
    front_page = make_front_page([LEAD])
    writer = make_user("writer", "Writers")
    with pytest.raises(PermissionDenied):
        workflow.publish_front_page(front_page, by=writer)
    with pytest.raises(workflow.WorkflowError, match="Readers see this layout already"):
        workflow.publish_front_page(front_page, by=editor)
    front_page.slots.all().delete()
    with pytest.raises(workflow.WorkflowError, match="The layout is empty"):
        workflow.publish_front_page(front_page, by=editor)


def test_an_earlier_layout_restored_is_the_working_one_until_published(
    client, editor, django_capture_on_commit_callbacks
):
    picked = make_article(headline="Earlier pick", published_at=hours_ago(5))
    gone = make_article(headline="Deleted since", published_at=hours_ago(6))
    make_article(headline="Newest")
    front_page = make_front_page([{**LEAD, "article": picked}, {**FEATURED, "article": gone}])
    first = front_page.live
    make_front_page([LEAD])
    gone.delete()

    workflow.restore_front_page(first, by=editor)

    front_page.refresh_from_db()
    assert front_page.working_layout() == [
        {"kind": "lead", "article": picked.pk, "topic": None, "count": None},
        {"kind": "featured", "article": None, "topic": None, "count": None},
    ]
    assert lead_of(client.get("/")) == ["Newest"]
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish_front_page(front_page, by=editor)
    assert lead_of(client.get("/")) == ["Earlier pick"]
    assert list(front_page.versions.values_list("number", flat=True)) == [3, 2, 1]


@pytest.mark.parametrize("sections", [1, 6])
def test_the_front_page_runs_the_same_queries_however_many_sections(client, topics, sections):
    """The layout, the stories picked with the newest, the sections' topics, their
    stories, the upcoming events: five queries for one section or six."""
    every = [*topics, *(Topic.objects.create(name=f"Topic {n}") for n in range(3))]
    for n, topic in enumerate(every):
        for m in range(3):
            # The last topic's the newest: the latest news takes one of its three.
            make_article(
                headline=f"{topic.name} {m}", topics=[topic], published_at=hours_ago(9 - n)
            )
    picked = make_article(headline="Picked", published_at=hours_ago(30))
    make_front_page(
        [
            {**LEAD, "article": picked},
            latest(1),
            *(section(topic, 2) for topic in every[:sections]),
        ]
    )
    settle_page_cache()

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")

    assert len(queries) == 5, "\n".join(q["sql"] for q in queries.captured_queries)
    assert len(sections_on(response)) == sections


def test_a_preview_shows_the_working_layout_to_staff_only_and_is_never_cached(client, editor):
    picked = make_article(headline="Working pick", published_at=hours_ago(5))
    make_article(headline="Newest")
    front_page = make_front_page([LEAD])
    front_page.slots.update(article=picked)
    url = reverse("admin:articles_frontpage_preview", args=[front_page.pk])

    assert client.get(url).status_code == 302  # to the login
    client.force_login(make_user("writer", "Writers"))
    assert client.get(url).status_code == 403
    client.force_login(editor)
    preview = client.get(url)

    assert lead_of(preview) == ["Working pick"]
    assert "no-cache" in preview["Cache-Control"] and "private" in preview["Cache-Control"]
    assert preview["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in preview.content.decode()
    assert "Readers do not see this page" in preview.content.decode()
    client.logout()
    assert lead_of(client.get("/")) == ["Newest"]


def test_a_preview_of_another_edition_is_in_its_language(client, editor):
    make_article(headline="Новости", language="ru")
    make_article(headline="English news")
    front_page = make_front_page([LEAD], language="ru", publish=False)
    client.force_login(editor)

    preview = client.get(reverse("admin:articles_frontpage_preview", args=[front_page.pk]))

    assert lead_of(preview) == ["Новости"]
    assert '<html lang="ru"' in preview.content.decode()
