import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import Event
from tests.factories import make_article, make_event

pytestmark = pytest.mark.django_db


def test_body_script_and_event_handlers_are_removed_on_every_save():
    article = make_article(
        body='<p onclick="steal()">Hi <script>alert(1)</script>'
        '<a href="javascript:alert(1)">link</a></p>'
    )
    article.refresh_from_db()
    assert "script" not in article.body
    assert "onclick" not in article.body
    assert "javascript:" not in article.body
    assert "Hi" in article.body


def test_upcoming_and_past_events_split_on_the_last_day():
    today = timezone.localdate()
    running = make_event(
        name="Running", start_date=today - datetime.timedelta(days=2), end_date=today
    )
    over = make_event(name="Over", start_date=today - datetime.timedelta(days=1))
    assert list(Event.objects.upcoming()) == [running]
    assert list(Event.objects.past()) == [over]


def test_an_event_cannot_end_before_it_starts():
    event = Event(
        name="Backwards",
        start_date=datetime.date(2023, 5, 19),
        end_date=datetime.date(2023, 5, 18),
    )
    with pytest.raises(ValidationError, match="cannot end before it starts"):
        event.full_clean()


def test_an_event_is_upcoming_until_its_last_day_is_over():
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    assert make_event(name="Today", start_date=today).is_upcoming
    assert not make_event(name="Yesterday", start_date=today - day).is_upcoming
    assert make_event(name="Running", start_date=today - day, end_date=today + day).is_upcoming
    assert not make_event(
        name="Over", start_date=today - 2 * day, end_date=today - day
    ).is_upcoming


def test_an_event_without_dates_is_neither_upcoming_nor_past():
    """A recurring event known only as such (KazanForum) has no place in time."""
    recurring = make_event(name="KazanForum", start_date=None, recurring=True)
    assert Event.objects.get().last_day is None
    assert not recurring.is_upcoming
    assert list(Event.objects.upcoming()) == []
    assert list(Event.objects.past()) == []
    recurring.full_clean()
