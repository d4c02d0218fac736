"""The editorial calendar: what each day holds, a month or a week at a time.

A day holds the events held on it, and the stories scheduled for it, submitted for review
on it and published on it, each on the day its time falls on in the newsroom's time zone
(settings.TIME_ZONE): a story published at 23:30 UTC is on the next day in Moscow. Each
kind is one query for the whole page, whatever the number of days and stories.
"""

import datetime
from calendar import Calendar
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.formats import date_format, get_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import Article, Event
from articles.models.articles import ArticleQuerySet

from .forms import CalendarFilterForm

ONE_DAY = datetime.timedelta(days=1)
# A day of the month view shows this many entries, and links to its week for the rest.
DAY_LIMIT = 6


@dataclass(frozen=True)
class Kind:
    """A kind of entry, and which of its dates puts it on a day."""

    key: str
    label: str
    # Which day an entry is on, as the page's legend says it.
    placed: str
    # Stories: which are of this kind at a time, and the field that dates them.
    stories: Callable[[ArticleQuerySet, datetime.datetime], ArticleQuerySet] | None = None
    time: str = ""
    # Readers see them: an entry links the story's page on the site too.
    on_site: bool = False


EVENT = Kind(
    "event",
    gettext_lazy("Event"),
    gettext_lazy(
        "on each day it is held, by the dates at its venue, with its start time on the first."
    ),
)
STORY_KINDS = [
    Kind(
        "scheduled",
        gettext_lazy("Scheduled"),
        gettext_lazy("on the day it is to go live, at its publish time."),
        stories=lambda stories, now: stories.in_state("scheduled", now),
        time="published_at",
    ),
    # What the review queue holds, a live story's submitted changes too. A submission has
    # no publish time until an editor schedules it (it is then Scheduled): it is dated by
    # when it asked for review.
    Kind(
        "review",
        gettext_lazy("In review"),
        gettext_lazy(
            "on the day it was submitted for review (a story has no publish time until an "
            "editor schedules it)."
        ),
        stories=lambda stories, now: stories.awaiting_review(),
        time="submitted_at",
    ),
    Kind(
        "published",
        gettext_lazy("Published"),
        gettext_lazy("on the day it went live, while readers see it."),
        stories=lambda stories, now: stories.in_state("live", now),
        time="published_at",
        on_site=True,
    ),
]
KINDS = [EVENT, *STORY_KINDS]
# What an entry reads of a story: its headline, its addresses and its lifecycle's times.
STORY_FIELDS = [
    "headline",
    "language",
    "slug",
    "dateline",
    "status",
    "submitted_at",
    "published_at",
    "unpublish_at",
]


@dataclass(frozen=True)
class Entry:
    kind: Kind
    title: str
    # Its page in the admin.
    url: str
    # When on its day: a story's time, an event's start time on its first day.
    when: datetime.datetime | datetime.time | None = None
    # The event's time zone, when its time is not told in the newsroom's.
    zone: str = ""
    # A story's language, which its headline is marked up in.
    language: str = ""
    # A published story's page on the site.
    site_url: str = ""
    note: str = ""

    @property
    def machine_time(self) -> str:
        """`when` for a <time> element's datetime attribute."""
        if isinstance(self.when, datetime.datetime):
            return self.when.isoformat()
        return self.when.strftime("%H:%M") if self.when else ""


@dataclass(frozen=True)
class Day:
    date: datetime.date
    entries: list[Entry]
    today: bool
    # The month view's address of the rest, past DAY_LIMIT.
    more: int = 0
    more_url: str = ""


def entries(first, last, *, user, events, language="", mine=False) -> dict:
    """Return what each day from `first` to `last` holds, by date: the events (when
    `events`), then the stories of each kind by time; only the stories in `language`, and
    only those `user` created when `mine`."""
    now = timezone.now()
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(first, datetime.time.min, zone)
    end = datetime.datetime.combine(last + ONE_DAY, datetime.time.min, zone)
    days = defaultdict(list)
    if events:
        for event in Event.objects.on_days(first, last):
            for day, entry in _event_entries(event, first, last):
                days[day].append(entry)
    stories = Article.objects.only(*STORY_FIELDS)
    if language:
        stories = stories.filter(language=language)
    if mine:
        stories = stories.filter(created_by=user)
    for kind in STORY_KINDS:
        dated = (
            kind.stories(stories, now)
            .filter(**{f"{kind.time}__gte": start, f"{kind.time}__lt": end})
            .order_by(kind.time, "pk")
        )
        for story in dated:
            when = timezone.localtime(getattr(story, kind.time))
            days[when.date()].append(
                Entry(
                    kind,
                    story.headline,
                    reverse("admin:articles_article_change", args=[story.pk]),
                    when=when,
                    language=story.language,
                    site_url=story.get_absolute_url() if kind.on_site else "",
                )
            )
    return days


def _event_entries(event, first, last):
    """The event's entry on each of its days from `first` to `last`."""
    url = reverse("admin:articles_event_change", args=[event.pk])
    length = (event.last_day - event.start_date).days + 1
    status = (
        event.get_status_display()
        if event.status in {Event.Status.POSTPONED, Event.Status.CANCELLED}
        else ""
    )
    newsroom_zone = timezone.get_current_timezone_name()
    day = max(first, event.start_date)
    while day <= min(last, event.last_day):
        first_day = day == event.start_date
        held = (
            _("day %(day)d of %(days)d")
            % {"day": (day - event.start_date).days + 1, "days": length}
            if length > 1
            else ""
        )
        yield (
            day,
            Entry(
                EVENT,
                event.name,
                url,
                when=event.start_time if first_day else None,
                zone=event.time_zone
                if first_day and event.start_time and event.time_zone != newsroom_zone
                else "",
                note=", ".join(part for part in (held, status) if part),
            ),
        )
        day += ONE_DAY


def first_weekday() -> int:
    """The first day of the week in the active language, as Python counts (Monday is 0)."""
    # Django counts from Sunday.
    return (int(get_format("FIRST_DAY_OF_WEEK")) - 1) % 7


def week_of(day: datetime.date) -> list[datetime.date]:
    """The seven days of the week holding `day`."""
    start = day - ONE_DAY * ((day.weekday() - first_weekday()) % 7)
    return [start + ONE_DAY * n for n in range(7)]


def _checked(year, month, day=1) -> datetime.date:
    # A year's margin on each side keeps the neighbours' links and the time zone's offset
    # within Python's dates.
    if not datetime.MINYEAR < year < datetime.MAXYEAR:
        raise Http404
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise Http404 from None


class CalendarPage:
    """A page of the calendar, as one person asks for it: with their filters, the kinds
    they may see, and addresses that keep the filters."""

    def __init__(self, model_admin, request):
        if not model_admin.has_view_permission(request):
            raise PermissionDenied
        self.model_admin, self.request = model_admin, request
        self.filters = CalendarFilterForm(request.GET or None)
        chosen = self.filters.cleaned_data if self.filters.is_valid() else {}
        self.language = chosen.get("language", "")
        self.mine = chosen.get("mine", False)
        query = urlencode({"language": self.language, "mine": "1" if self.mine else ""})
        self.query = f"?{query}" if self.language or self.mine else ""
        self.today = timezone.localdate()
        # Who may not see events sees the stories alone.
        self.events = model_admin.admin_site.get_model_admin(Event).has_view_permission(request)

    def month_url(self, day):
        return reverse("admin:articles_article_calendar", args=[day.year, day.month]) + self.query

    def week_url(self, day):
        args = [day.year, day.month, day.day]
        return reverse("admin:articles_article_calendar_week", args=args) + self.query

    def day(self, day, held, limit=None) -> Day:
        if limit is None or len(held) <= limit:
            return Day(day, held, day == self.today)
        # The week lists them all, the day an anchor in it.
        more_url = f"{self.week_url(day)}#day-{day.isoformat()}"
        return Day(day, held[:limit], day == self.today, len(held) - limit, more_url)

    def held(self, first, last) -> dict:
        """What each day from `first` to `last` holds, that this person may see."""
        return entries(
            first,
            last,
            user=self.request.user,
            events=self.events,
            language=self.language,
            mine=self.mine,
        )

    def render(self, template, title, **context):
        return TemplateResponse(
            self.request,
            f"admin/articles/article/{template}",
            {
                **self.model_admin.admin_site.each_context(self.request),
                "opts": self.model_admin.opts,
                "title": title,
                "filters": self.filters,
                "kinds": KINDS if self.events else STORY_KINDS,
                "time_zone": timezone.get_current_timezone_name(),
                **context,
            },
        )


def month_view(model_admin, request, year=None, month=None):
    page = CalendarPage(model_admin, request)
    first = _checked(year, month) if year else page.today.replace(day=1)
    following = (first + 31 * ONE_DAY).replace(day=1)
    held = page.held(first, following - ONE_DAY)
    weeks = [
        (
            week[0],
            # The week's days in this month, so that its "Month" leads back here.
            page.week_url(max(week[0], first)),
            [
                page.day(day, held.get(day, []), limit=DAY_LIMIT)
                if day.month == first.month
                else None
                for day in week
            ],
        )
        for week in Calendar(first_weekday()).monthdatescalendar(first.year, first.month)
    ]
    month = date_format(first, "YEAR_MONTH_FORMAT")
    this_month = page.today.replace(day=1) == first
    return page.render(
        "calendar_month.html",
        _("Editorial calendar: %(month)s") % {"month": month},
        month=month,
        weekdays=[WEEKDAYS[day % 7] for day in range(first_weekday(), first_weekday() + 7)],
        weeks=weeks,
        previous_url=page.month_url(first - ONE_DAY),
        next_url=page.month_url(following),
        today_url=page.month_url(page.today),
        other_view_url=page.week_url(page.today if this_month else first),
    )


def week_view(model_admin, request, year, month, day):
    page = CalendarPage(model_admin, request)
    shown = _checked(year, month, day)
    days = week_of(shown)
    held = page.held(days[0], days[-1])
    return page.render(
        "calendar_week.html",
        _("Editorial calendar: week of %(day)s") % {"day": date_format(days[0])},
        days=[page.day(day, held.get(day, [])) for day in days],
        previous_url=page.week_url(shown - 7 * ONE_DAY),
        next_url=page.week_url(shown + 7 * ONE_DAY),
        today_url=page.week_url(page.today),
        other_view_url=page.month_url(shown),
    )


def urls(model_admin):
    """The calendar's addresses, among the article admin's."""

    def view(page):
        return model_admin.admin_site.admin_view(
            lambda request, **kwargs: page(model_admin, request, **kwargs)
        )

    return [
        path("calendar/", view(month_view), name="articles_article_calendar_today"),
        path(
            "calendar/<int:year>/<int:month>/",
            view(month_view),
            name="articles_article_calendar",
        ),
        path(
            "calendar/week/<int:year>/<int:month>/<int:day>/",
            view(week_view),
            name="articles_article_calendar_week",
        ),
    ]
