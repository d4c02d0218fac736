"""Events in readers' calendars: one event's .ics, and the upcoming events of all, of a
topic and of a region, as calendar applications import and subscribe to them."""

import datetime
import zoneinfo

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from articles.models import Event
from tests.factories import make_event, settle_page_cache

pytestmark = pytest.mark.django_db

MOSCOW = zoneinfo.ZoneInfo("Europe/Moscow")


def in_days(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def fetch(client, url):
    """The calendar at `url`, parsed as a calendar application parses it."""
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def summaries(calendar):
    return sorted(str(event["SUMMARY"]) for event in calendar.events)


@pytest.fixture
def forum(topic, regions):
    """A timed forum in Kazan, in Moscow time."""
    event = make_event(
        name="KazanForum",
        start_date=in_days(30),
        end_date=in_days(32),
        start_time=datetime.time(10),
        end_time=datetime.time(18, 30),
        time_zone="Europe/Moscow",
        description="<p>A forum &amp; <strong>fair</strong></p>",
    )
    event.topics.set([topic])
    event.regions.set([regions["kazan"]])
    return Event.objects.get(pk=event.pk)


def test_an_event_imported_from_its_ics_has_its_start_end_time_zone_and_page(client, forum):
    response = client.get(reverse("articles:event_calendar", kwargs={"slug": forum.slug}))
    assert response["Content-Disposition"] == 'attachment; filename="kazanforum.ics"'
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar["METHOD"] == "PUBLISH" and calendar["VERSION"] == "2.0"
    assert calendar["X-WR-CALNAME"] == "KazanForum"
    [event] = calendar.events
    assert event.start == datetime.datetime.combine(in_days(30), datetime.time(10), MOSCOW)
    assert event.end == datetime.datetime.combine(in_days(32), datetime.time(18, 30), MOSCOW)
    assert event["DTSTART"].params["TZID"] == "Europe/Moscow"
    assert [zone.tz_name for zone in calendar.timezones] == ["Europe/Moscow"]
    assert event["URL"] == f"http://testserver{forum.get_absolute_url()}"
    assert event["UID"] == f"event-{forum.pk}@127.0.0.1"
    assert event["SUMMARY"] == "KazanForum"
    assert event["DESCRIPTION"] == "A forum & fair"
    assert event["LOCATION"] == "Kazan Expo, Kazan"
    assert event["STATUS"] == "CONFIRMED"
    assert event.categories == ["Foreign policy"]


def test_an_event_without_times_takes_whole_days_ending_the_day_after_its_last(client):
    event = make_event(start_date=in_days(3), end_date=in_days(4))
    [entry] = fetch(client, reverse("articles:event_calendar", kwargs={"slug": event.slug})).events
    assert entry["DTSTART"].params["VALUE"] == "DATE"
    assert (entry.start, entry.end) == (in_days(3), in_days(5))


def test_an_event_with_a_start_time_only_lasts_until_its_last_day_is_over(client):
    event = make_event(start_date=in_days(3), start_time=datetime.time(9), time_zone="Asia/Dubai")
    [entry] = fetch(client, reverse("articles:event_calendar", kwargs={"slug": event.slug})).events
    dubai = zoneinfo.ZoneInfo("Asia/Dubai")
    assert entry.start == datetime.datetime.combine(in_days(3), datetime.time(9), dubai)
    assert entry.end == datetime.datetime.combine(in_days(4), datetime.time(), dubai)


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (Event.Status.CANCELLED, "CANCELLED"),
        (Event.Status.POSTPONED, "TENTATIVE"),
        (Event.Status.SCHEDULED, "CONFIRMED"),
    ],
)
def test_a_calendar_says_whether_an_event_takes_place(client, status, expected):
    make_event(status=status)
    [entry] = fetch(client, reverse("articles:calendar")).events
    assert entry["STATUS"] == expected


def test_every_calendar_parses(client, forum, topic, regions):
    urls = [
        reverse("articles:event_calendar", kwargs={"slug": forum.slug}),
        reverse("articles:calendar"),
        reverse("articles:calendar_topic", kwargs={"slug": topic.slug}),
        reverse("articles:calendar_region", kwargs={"slug": regions["russia"].slug}),
    ]
    for url in urls:
        assert summaries(fetch(client, url)) == ["KazanForum"], url


def test_topic_and_region_calendars_list_only_their_upcoming_events(client, forum, regions):
    other = make_event(name="Malaysia summit")
    other.regions.set([regions["malaysia"]])
    make_event(name="Untagged fair")
    past = make_event(name="Past forum", start_date=in_days(-10))
    past.regions.set([regions["kazan"]])

    def listed(name, slug):
        return summaries(fetch(client, reverse(name, kwargs={"slug": slug})))

    assert listed("articles:calendar_topic", forum.topics.get().slug) == ["KazanForum"]
    # Kazan is in Tatarstan, in Russia: a region's calendar has its sub-regions' events.
    assert listed("articles:calendar_region", regions["russia"].slug) == ["KazanForum"]
    assert listed("articles:calendar_region", regions["malaysia"].slug) == ["Malaysia summit"]
    assert summaries(fetch(client, reverse("articles:calendar"))) == [
        "KazanForum",
        "Malaysia summit",
        "Untagged fair",
    ]


def test_a_recurring_event_without_dates_is_in_no_calendar(client):
    event = make_event(name="KazanForum", start_date=None, recurring=True)
    make_event(name="Dated forum")
    assert summaries(fetch(client, reverse("articles:calendar"))) == ["Dated forum"]
    url = reverse("articles:event_calendar", kwargs={"slug": event.slug})
    assert client.get(url).status_code == 404
    assert url not in client.get(event.get_absolute_url()).content.decode()


def test_the_russian_edition_gives_the_russian_names(client, forum, topic):
    Event.objects.filter(pk=forum.pk).update(name_ru="Форум «Россия — исламский мир»")
    topic.name_ru = "Внешняя политика"
    topic.save()
    with override("ru"):
        url = reverse("articles:calendar")
        page = reverse("articles:event", kwargs={"slug": forum.slug})
    calendar = fetch(client, url)
    assert url.startswith("/ru/")
    [event] = calendar.events
    assert event["SUMMARY"] == "Форум «Россия — исламский мир»"
    assert event.categories == ["Внешняя политика"]
    assert event["URL"] == f"http://testserver{page}"
    assert calendar["X-WR-CALNAME"] == "Newsroom: ближайшие события"


def test_a_changed_event_is_in_its_calendars_at_once(
    client, forum, django_capture_on_commit_callbacks
):
    urls = [
        reverse("articles:event_calendar", kwargs={"slug": forum.slug}),
        reverse("articles:calendar"),
    ]
    for url in urls:
        [event] = fetch(client, url).events
        assert event["STATUS"] == "CONFIRMED"
    with django_capture_on_commit_callbacks(execute=True):
        forum.status = Event.Status.CANCELLED
        forum.start_time = datetime.time(12)
        forum.save()
    for url in urls:
        [event] = fetch(client, url).events
        assert event["STATUS"] == "CANCELLED", url
        assert event.start.time() == datetime.time(12), url


@pytest.mark.parametrize("count", [1, 6])
def test_a_calendar_runs_the_same_queries_however_many_events_it_lists(
    client, topic, regions, count, django_assert_num_queries
):
    for n in range(count):
        event = make_event(name=f"Forum {n}", start_time=datetime.time(9 + n))
        event.topics.set([topic])
        event.regions.set([regions["kazan"]])
    settle_page_cache()
    # The events, their topics and their regions; the topic or region itself before them.
    budgets = {
        reverse("articles:calendar"): 3,
        reverse("articles:calendar_topic", kwargs={"slug": topic.slug}): 4,
        reverse("articles:calendar_region", kwargs={"slug": regions["russia"].slug}): 4,
        reverse("articles:event_calendar", kwargs={"slug": event.slug}): 3,
    }
    for url, queries in budgets.items():
        with django_assert_num_queries(queries):
            client.get(url)


def test_event_list_topic_and_region_pages_offer_their_calendars(client, forum, topic, regions):
    pages = {
        reverse("articles:events"): reverse("articles:calendar"),
        topic.get_absolute_url(): reverse("articles:calendar_topic", kwargs={"slug": topic.slug}),
        regions["kazan"].get_absolute_url(): reverse(
            "articles:calendar_region", kwargs={"slug": regions["kazan"].slug}
        ),
        forum.get_absolute_url(): reverse("articles:event_calendar", kwargs={"slug": forum.slug}),
    }
    for page, calendar in pages.items():
        html = client.get(page).content.decode()
        assert 'type="text/calendar" title=' in html and f'href="{calendar}">' in html, page
        assert f'<a href="{calendar}" type="text/calendar"' in html, page
    assert "Add to calendar" in client.get(forum.get_absolute_url()).content.decode()


def test_an_event_page_shows_its_times_and_time_zone(client, forum):
    html = client.get(forum.get_absolute_url()).content.decode()
    starts = datetime.datetime.combine(in_days(30), datetime.time(10), MOSCOW).isoformat()
    assert f'<time datetime="{starts}">' in html
    assert ", 10:00</time>" in html and ", 18:30</time> (Europe/Moscow)" in html
