"""Related coverage, and an event's coverage in time."""

import datetime

import pytest
from django.utils import timezone

from articles import workflow
from articles.models import Topic
from tests.factories import make_article, make_event, make_organisation, make_person, make_staff

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def days_ago(days):
    return NOW - datetime.timedelta(days=days)


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
