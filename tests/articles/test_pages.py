"""The front page's lead and sections, related coverage, and an event's coverage in time."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import Article, Topic
from tests.factories import make_article, make_event, make_organisation, make_person, make_staff

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def days_ago(days):
    return NOW - datetime.timedelta(days=days)


def lead_of(client):
    return client.get("/").content.decode().split("Latest news")[0]


@pytest.fixture
def editor(db):
    return make_staff("editor", "Editors")


def test_a_pinned_article_leads_the_front_page_over_newer_ones(client, editor):
    pinned = make_article(headline="Pinned analysis", published_at=days_ago(3))
    make_article(headline="Newest brief")
    workflow.pin(pinned, by=editor)

    lead = lead_of(client)
    assert "Pinned analysis" in lead and "Newest brief" not in lead
    assert "Newest brief" in client.get("/").content.decode()


def test_pinning_another_article_replaces_the_lead(client, editor):
    first = make_article(headline="First pick", published_at=days_ago(2))
    second = make_article(headline="Second pick", published_at=days_ago(3))
    workflow.pin(first, by=editor)
    workflow.pin(second, by=editor)

    assert Article.objects.filter(pinned_at__isnull=False).get() == second
    assert "Second pick" in lead_of(client)
    # Who chose the lead, and when, is on each article's record.
    assert list(first.log.order_by("pk").values_list("action", "user")) == [
        ("pinned", editor.pk),
        ("unpinned", editor.pk),
    ]
    assert list(second.log.values_list("action", flat=True)) == ["pinned"]


@pytest.mark.parametrize("how", ["unpublished", "expired"])
def test_a_pinned_article_readers_cannot_see_never_leads(client, editor, how, time_machine):
    pinned = make_article(headline="Withdrawn pick", published_at=days_ago(3))
    make_article(headline="Newest brief", published_at=days_ago(1))
    workflow.pin(pinned, by=editor)
    if how == "unpublished":
        workflow.unpublish(pinned, by=editor)
    else:
        Article.objects.filter(pk=pinned.pk).update(unpublish_at=NOW + datetime.timedelta(hours=1))
        time_machine.move_to(NOW + datetime.timedelta(hours=2))

    page = client.get("/").content.decode()
    assert "Newest brief" in page.split("Latest news")[0]
    assert "Withdrawn pick" not in page


def test_only_a_live_article_can_be_pinned_and_only_by_an_editor(editor):
    draft = make_article(headline="Draft", status=Article.Status.DRAFT)
    with pytest.raises(workflow.WorkflowError):
        workflow.pin(draft, by=editor)
    writer = make_staff("writer", "Writers")
    with pytest.raises(PermissionDenied):
        workflow.pin(make_article(), by=writer)


def test_pinning_is_an_editors_action_in_the_admin(client, editor):
    article = make_article(headline="Pick me")
    url = reverse("admin:articles_article_changelist")
    client.force_login(make_staff("writer", "Writers"))
    assert "pin_as_lead" not in client.get(url).content.decode()

    client.force_login(editor)
    assert "pin_as_lead" in client.get(url).content.decode()
    client.post(url, {"action": "pin_as_lead", "_selected_action": [article.pk]})
    assert Article.objects.get(pk=article.pk).pinned_at is not None
    client.post(url, {"action": "unpin_lead", "_selected_action": [article.pk]})
    assert Article.objects.get(pk=article.pk).pinned_at is None


def test_the_front_page_has_sections_of_the_freshest_topics(client):
    topics = [Topic.objects.create(name=f"Subject {i}") for i in range(6)]
    for i, topic in enumerate(topics):
        for n in range(4):
            make_article(
                headline=f"{topic.name} story {n}",
                published_at=days_ago(i * 10 + n),
                topics=[topic],
            )
    make_article(headline="Hidden story", status=Article.Status.DRAFT, topics=[topics[5]])
    # The lead is on the page already: its topic's section does not repeat it.
    make_article(headline="Lead brief", topics=[topics[0]], published_at=NOW)

    page = client.get("/").content.decode()
    sections = page.split('class="front-section"')[1:]
    assert len(sections) == 4
    for section, topic in zip(sections, topics[:4], strict=True):
        assert topic.name in section
        # The three newest of its stories, newest first; the fourth waits on the topic page.
        positions = [section.find(f"{topic.name} story {n}") for n in range(3)]
        assert -1 < positions[0] < positions[1] < positions[2]
        assert f"{topic.name} story 3" not in section
    assert "Subject 5" not in "".join(sections)
    assert "Lead brief" in lead_of(client) and "Lead brief" not in "".join(sections)


def test_an_article_shows_related_coverage_weighted_by_what_it_shares_and_recency(client):
    person, organisation = make_person(), make_organisation()
    topic = Topic.objects.create(name="Foreign policy")
    article = make_article(headline="Main story", topics=[topic], people=[person])
    article.organisations.set([organisation])

    shares_two = make_article(
        headline="Shares two, a week old",
        topics=[topic],
        people=[person],
        published_at=days_ago(7),
    )
    make_article(headline="Shares one, today", topics=[topic])
    make_article(headline="Shares one, a year old", people=[person], published_at=days_ago(365))
    make_article(headline="Shares nothing")
    hidden = make_article(headline="Shares all, unpublished", topics=[topic], people=[person])
    workflow.unpublish(hidden, by=make_staff("editor", "Editors"))
    shares_two.organisations.set([organisation])

    page = client.get(article.get_absolute_url()).content.decode()
    related = page.split('id="related-heading"')[1]

    assert related.index("Shares two, a week old") < related.index("Shares one, today")
    assert related.index("Shares one, today") < related.index("Shares one, a year old")
    assert "Shares nothing" not in related
    assert "Shares all, unpublished" not in related
    assert "Main story" not in related


def test_a_story_sharing_a_person_stays_related_however_busy_their_topic(client, settings):
    """Related links count the newest links of each topic, not all of them: an older
    story sharing the person still ranks."""
    from articles.models import articles

    person = make_person()
    topic = Topic.objects.create(name="Foreign policy")
    make_article(headline="Same minister, last month", people=[person], published_at=days_ago(30))
    for number in range(articles.LINK_SAMPLE + 5):
        make_article(headline=f"Busy topic {number}", topics=[topic], published_at=days_ago(40))
    article = make_article(headline="Main story", topics=[topic], people=[person])

    related = client.get(article.get_absolute_url()).content.decode()
    related = related.split('id="related-heading"')[1].split("</section>")[0]

    assert related.index("Same minister, last month") < related.index("Busy topic")
    assert related.count("<li>") == articles.RELATED_COUNT


def test_an_event_page_shows_coverage_before_and_after_the_event(client):
    event = make_event(name="KazanForum", start_date=timezone.localdate() - datetime.timedelta(5))
    for headline, days in [("Preview of the forum", 9), ("Forum opens", 5), ("Forum sums up", 2)]:
        article = make_article(
            headline=headline, dateline=timezone.localdate() - datetime.timedelta(days)
        )
        article.events.set([event])

    page = client.get(event.get_absolute_url()).content.decode()
    after, before = page.split("Before the event")
    assert "During and after the event" in after
    assert "Forum opens" in after and "Forum sums up" in after
    assert "Preview of the forum" in before
