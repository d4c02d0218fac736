import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import views
from articles.models import Article, Correction, Event, Region, Topic
from tests.factories import (
    make_article,
    make_event,
    make_front_page,
    make_organisation,
    make_person,
    settle_page_cache,
)
from tests.pages import headings, headlines, links

pytestmark = pytest.mark.django_db

# An article and a person sharing this id: tag rows of both then carry the same object id.
NAMESAKE_ID = 1_000_000


def build_newsroom(width, stories=None):
    """Make articles and entities that each carry `width` tags and links: `stories`
    articles (width + 2 unless given), every one on every list."""
    topics = [Topic.objects.create(name=f"Topic {i}") for i in range(width)]
    root = Region.objects.create(name="Russia")
    regions = [Region.objects.create(name=f"Region {i}", parent=root) for i in range(width)]
    people = [make_person(name=f"Person {i}") for i in range(width)]
    organisations = [make_organisation(name=f"Organisation {i}") for i in range(width)]
    events = [make_event(name=f"Event {i}") for i in range(width)]
    for entity in [*people, *organisations, *events]:
        entity.topics.set(topics)
        entity.regions.set(regions)
    for position, person in enumerate(people):
        person.affiliations.create(organisation=organisations[0], role="Member")
        organisations[0].children.add(organisations[position]) if position else None
    make_event(name="Last year's forum", start_date=timezone.localdate().replace(year=2025))
    events[0].organisers.set(organisations)
    events[0].participants.set(people)
    articles = []
    for i in range(width + 2 if stories is None else stories):
        article = make_article(
            headline=f"Story {i}", topics=topics, regions=regions, people=people
        )
        article.organisations.set(organisations)
        article.events.set(events)
        for position, person in enumerate(people):
            article.bylines.create(person=person, position=position)
        # Every story on the corrections record; the first corrected `width` times.
        for n in range(width if i == 0 else 1):
            Correction.objects.create(
                article=article, version=article.versions.get(), note=f"Fix {n} to story {i}."
            )
        articles.append(article)
    return {
        "article": articles[0],
        "topic": topics[0],
        "region": root,
        "person": people[0],
        "organisation": organisations[0],
        "event": events[0],
    }


# Queries each page type runs uncached, whatever the number of tags and links on it and
# of stories it lists: one per list. Article lists count nothing: they read one row past
# the page to know whether an older page follows.
QUERY_BUDGETS = {
    # the layout, the lead and the latest stories, upcoming events (with sections,
    # tests/articles/test_front_page.py counts two more, however many)
    "front": (lambda n: reverse("articles:front"), 3),
    "news": (lambda n: reverse("articles:news"), 1),
    # the article with its pictures; everything it links, its documents, corrections and
    # related coverage
    "article": (lambda n: n["article"].get_absolute_url(), 2),
    # the corrections with their stories (one row past the page, as the news)
    "corrections": (lambda n: reverse("articles:corrections"), 1),
    # the topic, its articles, the people, organisations and events about it
    "topic": (lambda n: n["topic"].get_absolute_url(), 5),
    # the region, its lineage and subregions, then as a topic
    "region": (lambda n: n["region"].get_absolute_url(), 7),
    # the person, aliases, affiliations, topics, regions, articles
    "person": (lambda n: n["person"].get_absolute_url(), 6),
    # the organisation and its parent, aliases, children, members, events, topics, regions,
    # articles
    "organisation": (lambda n: n["organisation"].get_absolute_url(), 8),
    # the event, organisers, participants, topics, regions, articles
    "event": (lambda n: n["event"].get_absolute_url(), 6),
    # every topic, then the count of stories on each
    "topics": (lambda n: reverse("articles:topics"), 2),
    # every region, then the count of stories in each
    "regions": (lambda n: reverse("articles:regions"), 2),
    "people": (lambda n: reverse("articles:people"), 2),
    "organisations": (lambda n: reverse("articles:organisations"), 2),
    "events": (lambda n: reverse("articles:events"), 3),
}


@pytest.mark.parametrize(("width", "stories"), [(1, 1), (5, 50)])
@pytest.mark.parametrize("page", QUERY_BUDGETS)
def test_every_page_type_runs_a_fixed_number_of_queries(client, monkeypatch, page, width, stories):
    """A page's query count does not grow with the tags and links it shows, nor with the
    stories it lists: fifty on a page of fifty."""
    monkeypatch.setattr(views.ArticleListView, "paginate_by", stories)
    monkeypatch.setattr(views.CoverageView, "paginate_by", stories)
    newsroom = build_newsroom(width, stories)
    url_for, budget = QUERY_BUDGETS[page]
    url = url_for(newsroom)
    settle_page_cache()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert len(queries) == budget, "\n".join(q["sql"] for q in queries.captured_queries)
    if page in {"news", "topic", "region", "person", "organisation"}:
        assert len(headlines(response, class_="teaser")) == stories
    if page == "corrections":
        assert response.content.decode().count('id="correction-') == min(
            stories + width - 1, views.PAGE_SIZE
        )


@pytest.mark.parametrize("page", QUERY_BUDGETS)
def test_every_page_type_is_served_from_the_cache_without_a_query(
    client, page, django_assert_num_queries
):
    """Once a page is cached, an anonymous reader gets it with no SQL query at all."""
    newsroom = build_newsroom(2)
    url = QUERY_BUDGETS[page][0](newsroom)
    first = client.get(url)
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.status_code == 200
    assert second.content == first.content


def test_article_page_links_everything_it_mentions_and_each_links_back(client, regions):
    topic = Topic.objects.create(name="Interfaith dialogue")
    person = make_person()
    organisation = make_organisation()
    event = make_event()
    article = make_article(topics=[topic], regions=[regions["kazan"]], people=[person])
    article.organisations.set([organisation])
    article.events.set([event])

    page = client.get(article.get_absolute_url()).content.decode()

    for linked in [person, organisation, event, topic, regions["kazan"]]:
        assert f'href="{linked.get_absolute_url()}"' in page
        back = client.get(linked.get_absolute_url()).content.decode()
        assert f'href="{article.get_absolute_url()}"' in back


def test_a_draft_answers_404_and_appears_in_no_list(client, topic, regions):
    person = make_person()
    organisation = make_organisation()
    event = make_event()
    draft = make_article(
        headline="Unreleased statement",
        status=Article.Status.DRAFT,
        topics=[topic],
        regions=[regions["kazan"]],
        people=[person],
    )
    draft.organisations.set([organisation])
    draft.events.set([event])

    assert client.get(draft.get_absolute_url()).status_code == 404
    for url in [
        "/",
        "/news/",
        topic.get_absolute_url(),
        regions["russia"].get_absolute_url(),
        person.get_absolute_url(),
        organisation.get_absolute_url(),
        event.get_absolute_url(),
    ]:
        response = client.get(url)
        assert response.status_code == 200
        assert "Unreleased statement" not in response.content.decode(), url


def test_an_article_scheduled_for_later_stays_hidden_until_its_time(client, time_machine):
    time_machine.move_to(datetime.datetime(2026, 5, 1, 9, tzinfo=datetime.UTC), tick=False)
    article = make_article(
        headline="Embargoed forum programme",
        published_at=datetime.datetime(2026, 5, 1, 12, tzinfo=datetime.UTC),
    )
    assert client.get(article.get_absolute_url()).status_code == 404
    assert "Embargoed forum programme" not in client.get("/news/").content.decode()

    time_machine.move_to(datetime.datetime(2026, 5, 1, 12, 1, tzinfo=datetime.UTC), tick=False)
    assert client.get(article.get_absolute_url()).status_code == 200
    assert "Embargoed forum programme" in client.get("/news/").content.decode()


def test_an_article_under_another_date_redirects_to_its_canonical_address(client):
    article = make_article(dateline=datetime.date(2023, 3, 6))
    response = client.get(f"/news/2023/03/07/{article.slug}/")
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()
    assert article.get_absolute_url().startswith("/news/2023/03/06/")


def test_cyrillic_and_arabic_names_give_working_addresses(client):
    article = make_article(headline="Лавров: Россия поддерживает отношения с исламским миром")
    person = make_person(name="رستم مينيخانوف", role_title="")
    topic = Topic.objects.create(name="Межконфессиональный диалог")
    article.people.set([person])
    article.topics.set([topic])

    assert article.slug.startswith("лавров-россия")
    for url in [article.get_absolute_url(), person.get_absolute_url(), topic.get_absolute_url()]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Лавров: Россия" in response.content.decode()


def test_a_region_page_rolls_up_its_subregions_but_not_its_neighbours(client, regions):
    make_article(headline="Kazan hosts the forum", regions=[regions["kazan"]])
    make_article(headline="Kuala Lumpur summit", regions=[regions["malaysia"]])

    russia = client.get(regions["russia"].get_absolute_url()).content.decode()
    kazan = client.get(regions["kazan"].get_absolute_url()).content.decode()

    assert "Kazan hosts the forum" in russia
    assert "Kuala Lumpur summit" not in russia
    assert 'href="/regions/tatarstan/"' in kazan  # where Kazan is, from the top down


def test_an_article_tagged_with_a_region_and_its_parent_is_listed_once(client, regions):
    make_article(headline="Tatarstan and Kazan", regions=[regions["tatarstan"], regions["kazan"]])
    page = client.get(regions["russia"].get_absolute_url()).content.decode()
    assert page.count("Tatarstan and Kazan") == 1


def test_news_is_newest_first_and_paginated(client, settings):
    now = timezone.now()
    for day in range(21):
        make_article(
            headline=f"Day {day} briefing", published_at=now - datetime.timedelta(days=day)
        )

    first = client.get("/news/").content.decode()
    second = client.get("/news/?page=2").content.decode()

    assert first.index("Day 0 briefing") < first.index("Day 1 briefing")
    assert "Day 19 briefing" in first and "Day 20 briefing" not in first
    assert "Day 20 briefing" in second
    assert 'rel="next" href="?page=2"' in first and 'rel="prev"' not in first
    assert 'rel="prev" href="?page=1"' in second and 'rel="next"' not in second
    assert client.get("/news/?page=9").status_code == 404


def test_a_full_last_page_offers_no_older_page(client, topic):
    for n in range(20):
        make_article(headline=f"Briefing {n}", topics=[topic])
    for url in ["/news/", topic.get_absolute_url()]:
        page = client.get(url).content.decode()
        assert page.count('class="teaser"') == 20, url
        assert 'rel="next"' not in page, url
        assert client.get(f"{url}?page=2").status_code == 404, url


def test_events_directory_splits_upcoming_from_past(client):
    today = timezone.localdate()
    make_event(name="Next month's forum", start_date=today + datetime.timedelta(days=30))
    make_event(
        name="Forum under way",
        start_date=today - datetime.timedelta(days=1),
        end_date=today + datetime.timedelta(days=1),
    )
    make_event(
        name="Last year's forum",
        start_date=today - datetime.timedelta(days=365),
        status=Event.Status.HELD,
    )

    page = client.get("/events/")

    upcoming = links(page, aria_labelledby="upcoming-heading")
    assert set(upcoming) == {"Next month's forum", "Forum under way"}
    assert links(page, aria_labelledby="past-heading") == ["Last year's forum"]


def test_front_page_leads_with_the_newest_story_and_lists_upcoming_events(client):
    make_article(headline="Older story", published_at=timezone.now() - datetime.timedelta(days=2))
    make_article(headline="Newest story")
    make_event(name="KazanForum 2027")

    page = client.get("/").content.decode()

    lead, rest = page.split("Latest news")
    assert "Newest story" in lead and "Older story" in rest
    assert "KazanForum 2027" in page


def test_missing_page_answers_with_the_site_404(client):
    response = client.get("/news/2023/03/06/no-such-story/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert 'href="/news/"' in response.content.decode()


def test_server_error_page_needs_no_database(client, django_assert_num_queries):
    from django.template.loader import render_to_string

    with django_assert_num_queries(0):
        page = render_to_string("500.html")
    assert "Something went wrong" in page


def test_an_event_moves_from_upcoming_to_past_when_its_last_day_is_over(client, time_machine):
    time_machine.move_to(datetime.datetime(2027, 5, 18, 9, tzinfo=datetime.UTC), tick=False)
    make_event(
        name="KazanForum 2027",
        start_date=datetime.date(2027, 5, 18),
        end_date=datetime.date(2027, 5, 19),
    )
    upcoming = client.get("/events/").content.decode().split('id="past-heading"')[0]
    assert "KazanForum 2027" in upcoming

    time_machine.move_to(datetime.datetime(2027, 5, 20, 9, tzinfo=datetime.UTC), tick=False)
    past = client.get("/events/").content.decode().split('id="past-heading"')[1]
    assert "KazanForum 2027" in past


def test_the_front_page_lists_the_ten_latest_stories_under_the_lead(client):
    for n in range(12):
        make_article(
            headline=f"Story {n}", published_at=timezone.now() - datetime.timedelta(hours=n)
        )

    page = client.get("/")

    assert headlines(page, class_="lead") == ["Story 0"]
    assert headlines(page, aria_labelledby="latest-heading") == [
        f"Story {n}" for n in range(1, 11)
    ]


def test_the_front_page_shows_the_five_soonest_upcoming_events(client):
    today = timezone.localdate()
    for n in range(6):
        make_event(name=f"Forum {n}", start_date=today + datetime.timedelta(days=n + 1))

    events = links(client.get("/"), class_="front-events")

    assert events == [*(f"Forum {n}" for n in range(5)), "All events"]


def test_a_topic_page_names_twelve_of_the_people_tagged_with_it(client, topic):
    for n in range(13):
        make_person(name=f"Person {n:02}").topics.set([topic])

    people = links(client.get(topic.get_absolute_url()), class_="entities")

    assert people == [f"Person {n:02}" for n in range(12)]


def test_an_article_shows_its_four_most_related_stories(client, topic):
    article = make_article(headline="Main", topics=[topic])
    for n in range(5):
        make_article(
            headline=f"Related {n}",
            topics=[topic],
            published_at=timezone.now() - datetime.timedelta(days=n + 1),
        )

    related = links(client.get(article.get_absolute_url()), class_="related")

    assert related == [f"Related {n}" for n in range(4)]


def test_the_people_and_organisation_directories_show_forty_a_page(client):
    for n in range(41):
        make_person(name=f"Person {n:02}")
        make_organisation(name=f"Organisation {n:02}", acronym="")

    for url in ("/people/", "/organisations/"):
        page = client.get(url)
        assert len(links(page, class_="directory")) == 40, url
        assert links(page, class_="pagination") == ["Older"], url


def test_upcoming_events_are_listed_on_the_first_page_of_the_directory_only(client):
    today = timezone.localdate()
    make_event(name="Next month's forum", start_date=today + datetime.timedelta(days=30))
    for n in range(21):
        make_event(name=f"Past forum {n}", start_date=today - datetime.timedelta(days=n + 1))

    assert links(client.get("/events/"), aria_labelledby="upcoming-heading") == [
        "Next month's forum"
    ]
    assert headings(client.get("/events/?page=2"), class_="wrap") == ["Events", "Past"]


def test_an_organisation_page_lists_only_its_current_members(client):
    organisation = make_organisation()
    current, former = make_person(name="Current"), make_person(name="Former")
    current.affiliations.create(organisation=organisation, role="Secretary-General")
    former.affiliations.create(
        organisation=organisation,
        role="Secretary-General",
        start_date=datetime.date(2016, 1, 1),
        end_date=datetime.date(2020, 11, 1),
    )

    members = links(client.get(organisation.get_absolute_url()), class_="entities")
    assert members == ["Current"]


def test_an_event_pages_coverage_from_its_first_day_counts_as_during_the_event(client):
    event = make_event(start_date=datetime.date(2026, 5, 18))
    for headline, day in [("Eve", 17), ("Opening", 18)]:
        make_article(headline=headline, dateline=datetime.date(2026, 5, day)).events.set([event])

    coverage = headings(client.get(event.get_absolute_url()), class_="coverage-articles")

    assert coverage == ["Coverage", "During and after the event", "Opening"] + [
        "Before the event",
        "Eve",
    ]


def test_an_event_without_dates_has_its_page_its_coverage_and_no_place_in_the_lists(client):
    today = timezone.localdate()
    recurring = make_event(name="KazanForum", start_date=None, recurring=True)
    make_event(name="Next month's forum", start_date=today + datetime.timedelta(days=30))
    past = make_event(name="Last year's forum", start_date=today - datetime.timedelta(days=365))
    story = make_article(headline="KazanForum opens")
    story.events.set([recurring, past])

    page = client.get(recurring.get_absolute_url())
    listing = client.get("/events/")

    assert page.status_code == 200
    assert headings(page, class_="coverage-articles") == ["Coverage", "KazanForum opens"]
    assert "Recurring event" in page.content.decode()
    assert links(listing, aria_labelledby="upcoming-heading") == ["Next month's forum"]
    assert links(listing, aria_labelledby="past-heading") == ["Last year's forum"]
    assert links(client.get("/"), class_="event-list") == ["Next month's forum"]
    # An article lists the events it links newest first, one without dates last.
    assert links(client.get(story.get_absolute_url()), class_="entities") == [
        "Last year's forum",
        "KazanForum",
    ]


def test_a_topic_whose_only_story_was_taken_down_has_no_front_page_section(client):
    economy, scandal = Topic.objects.create(name="Economy"), Topic.objects.create(name="Scandal")
    make_front_page(
        [
            {"kind": "lead"},
            {"kind": "section", "topic": scandal, "count": 3},
            {"kind": "section", "topic": economy, "count": 3},
        ]
    )
    make_article(headline="Lead", topics=[economy])
    make_article(
        headline="Older",
        topics=[economy],
        published_at=timezone.now() - datetime.timedelta(days=1),
    )
    make_article(
        headline="Withdrawn",
        topics=[scandal],
        status=Article.Status.UNPUBLISHED,
        published_at=timezone.now(),
    )

    sections = headlines(client.get("/"), class_="front-section")

    assert sections == ["Economy", "Older"]


def test_a_related_story_a_month_old_counts_half_as_much_as_one_from_today(client, topic):
    """Two shared links 45 days old (0.4 each) weigh less than one shared today."""
    person = make_person()
    article = make_article(headline="Main", topics=[topic], people=[person])
    make_article(
        headline="Shares two, 45 days old",
        topics=[topic],
        people=[person],
        published_at=timezone.now() - datetime.timedelta(days=45),
    )
    make_article(headline="Shares one, today", topics=[topic])

    related = links(client.get(article.get_absolute_url()), class_="related")

    assert related == ["Shares one, today", "Shares two, 45 days old"]


def test_related_stories_share_a_tag_with_the_article_not_with_a_namesake_person(
    client, topic, regions
):
    """Tag rows of people and of articles sit in one table; only the articles' count."""
    article = make_article(headline="Main", topics=[topic], regions=[regions["kazan"]])
    make_article(headline="Unrelated", pk=NAMESAKE_ID)
    namesake = make_person(pk=NAMESAKE_ID)
    namesake.topics.set([topic])
    namesake.regions.set([regions["kazan"]])

    assert links(client.get(article.get_absolute_url()), class_="related") == []


def test_a_search_for_everything_names_five_of_each_other_kind(client):
    for n in range(6):
        make_person(name=f"Kazan person {n}")

    people = links(client.get("/search/", {"q": "Kazan"}), aria_labelledby="people-heading")

    assert people == [f"Kazan person {n}" for n in range(5)] + ["All people for “Kazan”"]


def test_a_topic_page_lists_only_what_is_tagged_with_that_topic(client, topic):
    other_topic = Topic.objects.create(name="Economy")
    make_article(headline="Tagged", topics=[topic])
    make_article(headline="Other topic", topics=[other_topic])
    make_article(headline="Untagged namesake", pk=NAMESAKE_ID)
    make_person(name="Tagged person").topics.set([topic])
    make_person(name="Other person").topics.set([other_topic])
    make_person(name="Person namesake", pk=NAMESAKE_ID).topics.set([topic])

    page = client.get(topic.get_absolute_url())

    assert headlines(page, class_="coverage-articles") == ["Tagged"]
    assert set(links(page, class_="entities")) == {"Tagged person", "Person namesake"}


def test_a_region_page_lists_articles_tagged_there_not_namesake_people(client, regions):
    kazan = regions["kazan"]
    make_article(headline="Tagged", regions=[kazan])
    make_article(headline="Untagged namesake", pk=NAMESAKE_ID)
    make_person(name="Person namesake", pk=NAMESAKE_ID).regions.set([kazan])

    articles = headlines(client.get(kazan.get_absolute_url()), class_="coverage-articles")

    assert articles == ["Tagged"]


def test_a_search_of_one_kind_shows_no_other_kinds(client):
    make_person(name="Kazan person")
    make_article(headline="Kazan story")

    page = client.get("/search/", {"q": "Kazan", "type": "people"})

    assert links(page, class_="search-results") == ["Kazan person"]
    assert links(page, class_="entities") == []


def test_person_organisation_and_event_pages_list_only_their_own_coverage(client):
    person, organisation, event = make_person(), make_organisation(), make_event()
    make_article(headline="About the person", people=[person])
    make_article(headline="By the person").bylines.create(person=person)
    make_article(headline="About the organisation").organisations.set([organisation])
    make_article(headline="About the event").events.set([event])
    make_article(headline="About nobody")

    def coverage(entity):
        page = client.get(entity.get_absolute_url())
        return set(headlines(page, aria_labelledby="articles-heading"))

    assert coverage(person) == {"About the person", "By the person"}
    assert coverage(organisation) == {"About the organisation"}
    assert coverage(event) == {"About the event"}


def test_every_story_on_the_front_page_names_its_topics(client):
    diplomacy, faith = Topic.objects.create(name="Diplomacy"), Topic.objects.create(name="Faith")
    make_article(headline="Lead", topics=[diplomacy])
    make_article(
        headline="Second",
        topics=[faith],
        published_at=timezone.now() - datetime.timedelta(hours=1),
    )

    page = client.get("/")

    assert links(page, class_="lead") == ["Lead", "Diplomacy"]
    assert "Faith" in links(page, aria_labelledby="latest-heading")


@pytest.mark.parametrize("page_cache", ["on", "off"])
def test_a_renamed_person_and_topic_show_by_their_new_names_on_every_list(
    client, settings, django_capture_on_commit_callbacks, page_cache
):
    """Teasers read the names of the people and topics they link as they are now: a
    rename shows on every list at once, cached pages included."""
    if page_cache == "off":
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    topic = Topic.objects.create(name="Energy")
    region = Region.objects.create(name="Tatarstan")
    person = make_person(name="Rustam Minnikhanov")
    organisation, event = make_organisation(), make_event()
    for headline in ["Kazan forum opens", "Kazan forum closes"]:
        make_article(
            headline=headline,
            topics=[topic],
            regions=[region],
            people=[person],
            bylines=[person],
            organisations=[organisation],
            events=[event],
        )
    lists = {
        "front": reverse("articles:front"),
        "news": reverse("articles:news"),
        "topic": topic.get_absolute_url(),
        "region": region.get_absolute_url(),
        "person": person.get_absolute_url(),
        "organisation": organisation.get_absolute_url(),
        "event": event.get_absolute_url(),
        "search": reverse("articles:search") + "?q=Kazan",
    }
    for url in lists.values():
        assert "Rustam Minnikhanov" in client.get(url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        person.name = "Ilshat Gainutdin"
        person.save()
        topic.name = "Energy policy"
        topic.save()

    for page, url in lists.items():
        response = client.get(url)
        teasers = links(response, class_="teaser")
        assert "Ilshat Gainutdin" in teasers, page
        if page != "search":  # search results name no topics
            assert "Energy policy" in teasers, page
        html = response.content.decode()
        assert "Rustam Minnikhanov" not in html, page
        assert ">Energy<" not in html, page
