"""The editorial calendar: a month and a week of what is scheduled, in review and published,
and of the events, each on its day in the newsroom's time zone and linked to its page."""

import datetime
import html
import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from articles import workflow
from articles.admin.calendar import DAY_LIMIT
from articles.models import Event
from tests.factories import draft_by, make_article, make_event, make_user, submitted_by

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
# Thursday 3 December 2026, early afternoon in Moscow (UTC+3), the newsroom's zone here.
NOW = datetime.datetime(2026, 12, 3, 11, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def in_moscow(settings, time_machine):
    settings.TIME_ZONE = "Europe/Moscow"
    time_machine.move_to(NOW, tick=False)


def at(day, hour, minute=0, month=12):
    """A moment of 2026, in UTC."""
    return datetime.datetime(2026, month, day, hour, minute, tzinfo=UTC)


def month(year, number):
    return reverse("admin:articles_article_calendar", args=[year, number])


def week(day):
    return reverse("admin:articles_article_calendar_week", args=[day.year, day.month, day.day])


def calendar(client, user, address, **query):
    client.force_login(user)
    response = client.get(address, query)
    assert response.status_code == 200
    return response.content.decode()


def text(fragment):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def cell(page, day):
    """The month's cell of its `day`th, as HTML."""
    cells = re.findall(r"<td[^>]*>(.*?)</td>", page, re.S)
    [found] = [c for c in cells if re.search(rf'class="calendar-date">{day}\b', c)]
    return found


def day_of_week(page, day):
    """The week's day `day`, as HTML."""
    pattern = rf'<li id="day-{day.isoformat()}"(.*?)(?=<li id="day-|</ol>)'
    return re.search(pattern, page, re.S).group(1)


def admin_page(obj):
    return reverse(f"admin:articles_{obj._meta.model_name}_change", args=[obj.pk])


def links(fragment):
    return re.findall(r'href="([^"]*)"', fragment)


def test_each_kind_is_on_its_day_named_and_linked_to_its_admin_page(
    client, writer, editor, time_machine
):
    time_machine.move_to(at(2, 9), tick=False)
    in_review = submitted_by(writer, headline="Ministers meet in Baku")
    time_machine.move_to(NOW, tick=False)
    scheduled = make_article(headline="Summit opens", published_at=at(8, 7))
    published = make_article(headline="Lavrov meets OIC ambassadors", published_at=at(1, 6))
    event = make_event(name="KazanForum", start_date=datetime.date(2026, 12, 15))

    page = calendar(client, editor, month(2026, 12))

    assert text(cell(page, 8)) == "8 Scheduled 10:00 Summit opens"
    assert links(cell(page, 8)) == [admin_page(scheduled)]
    assert text(cell(page, 2)) == "2 In review 12:00 Ministers meet in Baku"
    assert links(cell(page, 2)) == [admin_page(in_review)]
    assert text(cell(page, 1)).startswith("1 Published 09:00 Lavrov meets OIC ambassadors")
    # Readers see it: its page on the site too, named for who hears the page read out.
    assert links(cell(page, 1)) == [
        admin_page(published),
        published.get_absolute_url(),
    ]
    assert "On the site : Lavrov meets OIC ambassadors" in text(cell(page, 1))
    assert text(cell(page, 15)) == "15 Event KazanForum"
    assert links(cell(page, 15)) == [admin_page(event)]


def test_a_story_is_on_the_day_its_time_falls_on_in_the_newsrooms_time_zone(client, editor):
    """23:30 UTC on 30 November is 02:30 on 1 December in Moscow: December's, not November's."""
    make_article(headline="Late-night statement", published_at=at(30, 23, 30, month=11))
    make_article(headline="Evening briefing", published_at=at(1, 20, 59))

    december = calendar(client, editor, month(2026, 12))
    november = calendar(client, editor, month(2026, 11))

    assert "1 Published 02:30 Late-night statement" in text(cell(december, 1))
    assert "Late-night statement" not in november
    assert "Published 23:59 Evening briefing" in text(cell(december, 1))
    assert "Evening briefing" not in cell(december, 2)
    page = calendar(client, editor, week(datetime.date(2026, 12, 1)))
    assert "Late-night statement" in day_of_week(page, datetime.date(2026, 12, 1))
    assert "Late-night statement" not in day_of_week(page, datetime.date(2026, 11, 30))


def test_only_what_is_in_each_state_counts_as_that_kind(client, writer, editor):
    make_article(headline="Taken down", published_at=at(1, 6), status="unpublished")
    make_article(headline="Expired", published_at=at(1, 6), unpublish_at=at(2, 6))
    draft_by(writer, headline="A draft")

    page = text(calendar(client, editor, month(2026, 12)))

    assert "Taken down" not in page
    assert "Expired" not in page
    assert "A draft" not in page


def test_a_live_storys_changes_in_review_are_in_review_on_the_day_they_were_submitted(
    client, writer, editor
):
    story = make_article(headline="Summit opens", published_at=at(1, 6), created_by=writer)
    story.standfirst = "With the ministers' names."
    workflow.save_edit(story, by=writer, editing=story.revision)
    workflow.submit(story, by=writer)

    page = calendar(client, editor, month(2026, 12))

    assert "Published 09:00 Summit opens" in text(cell(page, 1))
    assert text(cell(page, 3)) == "3 Today In review 14:00 Summit opens"


def test_an_event_is_on_each_of_its_days_with_its_time_status_and_zone(client, editor):
    make_event(
        name="Russia – Islamic World: KazanForum",
        start_date=datetime.date(2026, 12, 14),
        end_date=datetime.date(2026, 12, 16),
        start_time=datetime.time(10, 0),
        time_zone="Europe/Moscow",
    )
    make_event(
        name="OIC summit",
        start_date=datetime.date(2026, 11, 30),
        end_date=datetime.date(2026, 12, 1),
        start_time=datetime.time(9, 30),
        time_zone="Asia/Kuala_Lumpur",
        status=Event.Status.POSTPONED,
    )

    page = calendar(client, editor, month(2026, 12))

    assert text(cell(page, 14)) == "14 Event 10:00 Russia – Islamic World: KazanForum (day 1 of 3)"
    assert text(cell(page, 15)) == "15 Event Russia – Islamic World: KazanForum (day 2 of 3)"
    assert text(cell(page, 16)) == "16 Event Russia – Islamic World: KazanForum (day 3 of 3)"
    assert text(cell(page, 1)) == "1 Event OIC summit (day 2 of 2, Postponed)"
    november = calendar(client, editor, month(2026, 11))
    assert text(cell(november, 30)) == (
        "30 Event 09:30 Asia/Kuala_Lumpur OIC summit (day 1 of 2, Postponed)"
    )


def test_a_week_lists_its_days_from_monday_each_with_everything_or_saying_it_is_empty(
    client, editor
):
    make_article(headline="Summit opens", published_at=at(8, 7))
    make_event(name="KazanForum", start_date=datetime.date(2026, 12, 10))

    page = calendar(client, editor, week(datetime.date(2026, 12, 9)))

    days = re.findall(r'<li id="day-([\d-]+)"', page)
    assert days == [f"2026-12-{day:02}" for day in range(7, 14)]
    assert "<h1>Editorial calendar: week of 7 December 2026</h1>" in page
    assert "Monday, 7 December 2026" in text(day_of_week(page, datetime.date(2026, 12, 7)))
    assert "Scheduled 10:00 Summit opens" in text(day_of_week(page, datetime.date(2026, 12, 8)))
    assert "Event KazanForum" in text(day_of_week(page, datetime.date(2026, 12, 10)))
    assert text(day_of_week(page, datetime.date(2026, 12, 11))).endswith("Nothing on this day.")


def test_the_month_is_a_table_of_weeks_from_monday_with_today_marked(client, editor):
    page = calendar(client, editor, reverse("admin:articles_article_calendar_today"))

    assert "<caption>December 2026</caption>" in page
    head = re.search(r"<thead>(.*?)</thead>", page, re.S).group(1)
    assert text(head) == "Week Monday Tuesday Wednesday Thursday Friday Saturday Sunday"
    rows = re.findall(r"<tr>\s*<th scope=\"row\"", page)
    assert len(rows) == 5  # 30 November to 3 January
    assert re.search(
        r'<td class="calendar-today" aria-current="date">\s*<span class="calendar-date">3 ', page
    )
    # Days of the months beside it are empty cells.
    assert page.count('<td class="calendar-outside"></td>') == 4
    # An empty day shows its date alone.
    assert text(cell(page, 9)) == "9"


def test_a_busy_day_shows_its_first_entries_and_links_to_the_rest_in_its_week(client, editor):
    for hour in range(DAY_LIMIT + 2):
        make_article(headline=f"Story {hour}", published_at=at(1, hour))

    page = calendar(client, editor, month(2026, 12))

    day = cell(page, 1)
    assert day.count('class="calendar-entry"') == DAY_LIMIT
    assert "2 more on 1 December 2026" in text(day)
    assert f'href="{week(datetime.date(2026, 12, 1))}#day-2026-12-01"' in day
    week_page = calendar(client, editor, week(datetime.date(2026, 12, 1)))
    assert day_of_week(week_page, datetime.date(2026, 12, 1)).count("calendar-entry") == (
        DAY_LIMIT + 2
    )


# Navigation and filters.


def test_a_month_links_the_months_before_and_after_today_and_its_weeks(client, editor):
    page = calendar(client, editor, month(2027, 1))

    assert f'href="{month(2026, 12)}" rel="prev">Previous month' in page
    assert f'href="{month(2027, 2)}" rel="next">Next month' in page
    assert f'href="{month(2026, 12)}">Today' in page
    assert f'href="{week(datetime.date(2027, 1, 1))}">Week view' in page
    # The first week begins in December; its link stays in January, to come back here.
    assert f'<a href="{week(datetime.date(2027, 1, 1))}">Week of 28 Dec</a>' in page
    assert f'<a href="{week(datetime.date(2027, 1, 4))}">Week of 4 Jan</a>' in page


def test_a_week_links_the_weeks_before_and_after_today_and_its_month(client, editor):
    page = calendar(client, editor, week(datetime.date(2026, 12, 30)))

    assert f'href="{week(datetime.date(2026, 12, 23))}" rel="prev">Previous week' in page
    assert f'href="{week(datetime.date(2027, 1, 6))}" rel="next">Next week' in page
    assert f'href="{week(datetime.date(2026, 12, 3))}">Today' in page
    assert f'href="{month(2026, 12)}">Month view' in page


def test_the_edition_and_mine_filters_show_only_those_stories_and_stay_on_every_link(
    client, writer, editor
):
    make_article(headline="In English", published_at=at(1, 6), created_by=writer)
    make_article(headline="По-русски", language="ru", slug="po-russki", published_at=at(1, 6))
    make_article(
        headline="Русская заметка автора",
        language="ru",
        slug="zametka",
        published_at=at(1, 7),
        created_by=writer,
    )
    make_event(name="KazanForum", start_date=datetime.date(2026, 12, 1))

    russian = calendar(client, writer, month(2026, 12), language="ru")
    mine = calendar(client, writer, month(2026, 12), language="ru", mine="on")

    assert "In English" not in russian
    assert "По-русски" in russian
    assert "Русская заметка автора" in russian
    assert "По-русски" not in mine
    assert "Русская заметка автора" in mine
    # Events belong to no edition and nobody's: always shown.
    assert "KazanForum" in mine
    assert f'href="{month(2027, 1)}?language=ru&amp;mine=1"' in mine
    assert f'href="{week(datetime.date(2026, 12, 1))}?language=ru&amp;mine=1"' in mine
    assert '<option value="ru" selected>Russian</option>' in mine


def test_an_unknown_edition_is_a_field_error_and_filters_nothing(client, editor):
    make_article(headline="In English", published_at=at(1, 6))

    page = calendar(client, editor, month(2026, 12), language="xx")

    assert "Select a valid choice. xx is not one of the available choices." in page
    assert "In English" in page


def test_an_arabic_headline_is_marked_up_in_its_language_and_direction(client, editor):
    make_article(
        headline="لافروف يلتقي سفراء منظمة التعاون الإسلامي",
        language="ar",
        slug="lavrov-ar",
        published_at=at(1, 6),
    )

    page = calendar(client, editor, month(2026, 12), language="ar")

    assert re.search(r'<a href="[^"]+" lang="ar" dir="auto">لافروف يلتقي', page)


@pytest.mark.parametrize("address", ["2026/13/", "week/2026/2/30/", "9999/12/", "week/0001/1/1/"])
def test_a_day_or_month_no_calendar_has_is_not_found(admin_client, address):
    calendar_address = reverse("admin:articles_article_calendar_today")
    assert admin_client.get(calendar_address + address).status_code == 404


# Who sees it.


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    address = month(2026, 12)

    response = client.get(address)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_staff_who_may_not_view_articles_are_refused(client):
    staff = make_user("receptionist")
    client.force_login(staff)

    assert client.get(month(2026, 12)).status_code == 403
    assert client.get(week(datetime.date(2026, 12, 3))).status_code == 403


def test_who_may_not_view_events_sees_the_stories_alone(client):
    reader = make_user("archivist")
    reader.user_permissions.add(Permission.objects.get(codename="view_article"))
    make_event(name="KazanForum", start_date=datetime.date(2026, 12, 1))
    make_article(headline="Summit opens", published_at=at(1, 6))

    page = calendar(client, reader, month(2026, 12))

    assert "Summit opens" in page
    assert "KazanForum" not in page
    assert "on each day it is held" not in page


def test_the_desk_and_the_admins_navigation_link_the_calendar(client, writer):
    client.force_login(writer)
    address = reverse("admin:articles_article_calendar_today")

    desk = client.get(reverse("admin:index")).content.decode()
    elsewhere = client.get(reverse("admin:articles_event_changelist")).content.decode()

    assert f'<a href="{address}">Editorial calendar</a>:' in desk
    assert re.search(rf'<a href="{address}"[^>]*>Editorial calendar</a>', elsewhere)


def test_the_calendar_is_not_offered_to_who_may_not_view_articles(client):
    staff = make_user("events-desk")
    staff.user_permissions.add(Permission.objects.get(codename="view_event"))
    client.force_login(staff)

    page = client.get(reverse("admin:index")).content.decode()

    assert "Editorial calendar" not in page


def test_the_legend_says_which_date_puts_each_kind_on_a_day(client, editor):
    page = text(calendar(client, editor, month(2026, 12)))

    assert "Days and times are the newsroom’s (Europe/Moscow)." in page
    assert "In review on the day it was submitted for review" in page


# Bounded queries.


def test_a_month_or_week_takes_one_query_per_kind_however_much_it_holds(
    client, writer, editor, django_assert_num_queries
):
    def fill(hours):
        for hour in hours:
            make_article(headline=f"Published {hour}", published_at=at(1, hour))
            make_article(headline=f"Scheduled {hour}", published_at=at(10, hour))
            submitted_by(writer, headline=f"In review {hour}")
            make_event(name=f"Event {hour}", start_date=datetime.date(2026, 12, 20))

    client.force_login(editor)
    fill([0])
    # The session, the user, their own permissions and their groups'; the events, the
    # scheduled, in review and published stories; the review queue's count in the menu.
    with django_assert_num_queries(9):
        client.get(month(2026, 12))
    fill([1, 2, 3])
    with django_assert_num_queries(9):
        response = client.get(month(2026, 12))
    assert response.content.decode().count('class="calendar-entry"') == 16
    with django_assert_num_queries(9):
        client.get(week(datetime.date(2026, 12, 1)))
