import datetime

import pytest
from django.utils import timezone

from articles.models import Article, Topic
from tests.factories import make_article, make_event, make_organisation, make_person

pytestmark = pytest.mark.django_db


def test_published_excludes_drafts_and_articles_scheduled_for_later():
    live = make_article(headline="Live")
    make_article(headline="Draft", status=Article.Status.DRAFT)
    make_article(headline="Later", published_at=timezone.now() + datetime.timedelta(hours=1))
    assert list(Article.objects.published()) == [live]


def test_slugs_are_unique_and_keep_non_latin_letters():
    first = make_article(headline="Лавров встретился с послами")
    second = make_article(headline="Лавров встретился с послами")
    assert first.slug == "лавров-встретился-с-послами"
    assert second.slug == "лавров-встретился-с-послами-2"
    assert make_person(name="رستم مينيخانوف").slug == "رستم-مينيخانوف"


def test_an_editor_may_choose_the_slug():
    assert make_article(headline="Long headline", slug="short").slug == "short"


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def headlines(articles):
    return [article.headline for article in articles]


def test_articles_about_a_person_are_those_naming_them_or_under_their_byline_each_once():
    person = make_person()
    make_article(headline="Named", people=[person], published_at=days_ago(3))
    by_them = make_article(headline="By them", published_at=days_ago(2))
    by_them.bylines.create(person=person)
    both = make_article(headline="Named and by them", people=[person], published_at=days_ago(1))
    both.bylines.create(person=person)
    # Two bylines of others: a join over both link tables would list it twice.
    by_others = make_article(
        headline="Named, by others", people=[person], published_at=days_ago(4)
    )
    for position, name in enumerate(["Correspondent", "Photographer"]):
        by_others.bylines.create(person=make_person(name=name), position=position)
    make_article(headline="Draft naming them", people=[person], status=Article.Status.DRAFT)
    make_article(headline="Naming someone else", people=[make_person(name="Someone else")])

    about = Article.objects.published().about(person)

    assert headlines(about) == ["Named and by them", "By them", "Named", "Named, by others"]


def test_articles_about_an_organisation_or_an_event_are_the_published_ones_linking_it():
    organisation, event = make_organisation(), make_event()
    older = make_article(headline="Older", published_at=days_ago(2))
    newer = make_article(headline="Newer", published_at=days_ago(1))
    hidden = make_article(headline="Hidden", status=Article.Status.DRAFT)
    for article in (older, newer, hidden):
        article.organisations.set([organisation])
        article.events.set([event])
    make_article(headline="Unlinked")

    assert headlines(Article.objects.published().about(organisation)) == ["Newer", "Older"]
    assert headlines(Article.objects.published().about(event)) == ["Newer", "Older"]


def test_articles_on_a_topic_are_the_published_ones_tagged_with_it_newest_first(topic):
    make_article(headline="Older", topics=[topic], published_at=days_ago(2))
    make_article(headline="Newer", topics=[topic], published_at=days_ago(1))
    make_article(headline="Scheduled", topics=[topic], published_at=days_ago(-1))
    make_article(headline="Other topic", topics=[Topic.objects.create(name="Economy")])

    assert headlines(Article.objects.published().tagged(topic)) == ["Newer", "Older"]
    assert headlines(Article.objects.published().about(topic)) == ["Newer", "Older"]


def test_articles_in_a_region_include_its_subregions_once_but_not_its_neighbours(regions):
    make_article(headline="Kazan", regions=[regions["kazan"]], published_at=days_ago(3))
    make_article(
        headline="Kazan and Tatarstan",
        regions=[regions["kazan"], regions["tatarstan"]],
        published_at=days_ago(2),
    )
    make_article(headline="Russia", regions=[regions["russia"]], published_at=days_ago(1))
    make_article(headline="Malaysia", regions=[regions["malaysia"]])
    make_article(headline="Draft in Kazan", regions=[regions["kazan"]], status="draft")

    in_russia = Article.objects.published().in_region(regions["russia"])
    in_tatarstan = Article.objects.published().about(regions["tatarstan"])

    assert headlines(in_russia) == ["Russia", "Kazan and Tatarstan", "Kazan"]
    assert headlines(in_tatarstan) == ["Kazan and Tatarstan", "Kazan"]


def test_an_arrangement_of_no_articles_is_an_empty_page():
    topic = Topic.objects.create(name="Subject")
    make_article(headline="Published", topics=[topic])
    layout = [
        {"kind": "lead", "article": None, "topic": None, "count": None},
        {"kind": "latest", "article": None, "topic": None, "count": 10},
        {"kind": "section", "article": None, "topic": topic.pk, "count": 3},
    ]

    assert Article.objects.none().arranged(layout) == (None, [], [], [])


def test_an_arrangement_lays_the_newest_out_in_the_pages_order_whatever_the_slots_order():
    for number in range(4):
        make_article(headline=f"Story {number}", published_at=days_ago(10 - number))
    layout = [
        {"kind": "latest", "article": None, "topic": None, "count": 2},
        {"kind": "featured", "article": None, "topic": None, "count": None},
        {"kind": "lead", "article": None, "topic": None, "count": None},
    ]

    lead, featured, latest, sections = Article.objects.published().arranged(layout)

    assert (lead.headline, headlines(featured), headlines(latest)) == (
        "Story 3",
        ["Story 2"],
        ["Story 1", "Story 0"],
    )
    assert sections == []


def test_related_coverage_ranks_what_shares_most_and_is_newest_and_leaves_out_hidden(topic):
    from articles.models.articles import RELATED_COUNT

    person, organisation = make_person(), make_organisation()
    article = make_article(headline="Main story", topics=[topic], people=[person])
    article.organisations.set([organisation])
    shares_two = make_article(
        headline="Shares two, a week old",
        topics=[topic],
        people=[person],
        published_at=days_ago(7),
    )
    shares_two.organisations.set([organisation])
    make_article(headline="Shares one, today", topics=[topic])
    make_article(headline="Shares one, a year old", people=[person], published_at=days_ago(365))
    make_article(headline="Shares nothing")
    make_article(headline="Draft sharing all", topics=[topic], people=[person], status="draft")
    make_article(headline="On the topic, older", topics=[topic], published_at=days_ago(900))
    make_article(headline="On the topic, oldest", topics=[topic], published_at=days_ago(1000))

    related = Article.objects.published().related_to(article)

    assert headlines(related) == [
        "Shares two, a week old",
        "Shares one, today",
        "Shares one, a year old",
        "On the topic, older",
    ]
    assert len(related) == RELATED_COUNT
    assert related[0].get_absolute_url() == shares_two.get_absolute_url()


def test_an_article_linking_nothing_has_no_related_coverage():
    make_article(headline="Another")
    assert Article.objects.published().related_to(make_article(headline="Alone")) == []


def test_a_search_finds_published_matches_and_ranks_a_headline_match_first():
    make_article(headline="Talks in Malaysia", body="<p>The delegation went on to Kazan.</p>")
    make_article(headline="Kazan hosts the forum", body="<p>Delegations arrive.</p>")
    make_article(headline="Draft about Kazan", status=Article.Status.DRAFT)
    make_article(headline="Nothing to do with it")

    found = Article.objects.published().matching("Kazan").ranked("Kazan")

    assert headlines(found) == ["Kazan hosts the forum", "Talks in Malaysia"]
    assert list(Article.objects.published().matching("!!")) == []


def test_an_article_is_visible_from_its_publication_time_until_its_take_down_time(
    time_machine,
):
    now = timezone.now()
    time_machine.move_to(now, tick=False)
    hour = datetime.timedelta(hours=1)
    going_up = make_article(headline="Going up now", published_at=now)
    make_article(headline="Coming down now", published_at=now - hour, unpublish_at=now)
    staying = make_article(
        headline="Coming down later",
        published_at=now - hour,
        unpublish_at=now + datetime.timedelta(seconds=1),
    )

    assert set(Article.objects.published()) == {going_up, staying}


def test_an_unpublished_article_is_hidden_though_its_time_has_come():
    make_article(
        status=Article.Status.UNPUBLISHED,
        published_at=timezone.now() - datetime.timedelta(days=1),
    )
    assert not Article.objects.published().exists()


def test_the_review_queue_holds_submissions_oldest_first():
    now = timezone.now()
    newer = make_article(headline="Newer", submitted_at=now)
    older = make_article(headline="Older", submitted_at=now - datetime.timedelta(hours=1))
    make_article(headline="Not submitted")

    assert list(Article.objects.awaiting_review()) == [older, newer]
