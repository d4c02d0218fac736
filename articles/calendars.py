"""Events as iCalendar files (RFC 5545): one event's, for "Add to calendar", and the
upcoming events', of all and per topic and region, for subscribing. A subscriber's
calendar application fetches them again now and then: an event moved, timed or cancelled
changes in their calendar, found by its UID. Each calendar runs a fixed number of
queries whatever its length."""

import datetime
import zoneinfo
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .models import Event, Region, Topic
from .search import plain_text

CONTENT_TYPE = "text/calendar; charset=utf-8"
# How often a subscribed calendar application is asked to fetch the calendar again.
REFRESH = datetime.timedelta(hours=6)

STATUS = {
    Event.Status.CANCELLED: "CANCELLED",
    Event.Status.POSTPONED: "TENTATIVE",
}


def event_end(event) -> datetime.date | datetime.datetime:
    """DTEND, which is exclusive: without an end time, the end of the last day."""
    ends = event.ends
    if isinstance(ends, datetime.datetime):
        return ends
    next_day = ends + datetime.timedelta(days=1)
    if event.start_time is None:
        return next_day  # an all-day entry
    return datetime.datetime.combine(next_day, datetime.time(), zoneinfo.ZoneInfo(event.time_zone))


def vevent(event, url, host) -> icalendar.Event:
    """One event as a VEVENT, its page at `url` (absolute)."""
    places = [event.venue, *(region.name for region in event.regions.all())]
    return icalendar.Event.new(
        uid=f"event-{event.pk}@{host}",
        # The moment this description of the event was made, not the moment it was sent:
        # the same event gives the same bytes until it changes.
        stamp=event.updated_at,
        last_modified=event.updated_at,
        # Grows with every save: a calendar application replaces its copy with a newer one.
        sequence=int((event.updated_at - event.created_at).total_seconds()),
        start=event.starts,
        end=event_end(event),
        summary=event.name,
        description=plain_text(event.description) or None,
        location=", ".join(place for place in places if place) or None,
        url=url,
        status=STATUS.get(event.status, "CONFIRMED"),
        categories=[topic.name for topic in event.topics.all()],
    )


def calendar_response(request, events, name, filename=None) -> HttpResponse:
    """Return `events` (with their topics and regions loaded) as a calendar called `name`."""
    host = urlsplit(settings.NEWSROOM_BASE_URL).hostname
    calendar = icalendar.Calendar.new(
        prodid=f"-//Newsroom//Events//{get_language().upper()}",
        uid=request.build_absolute_uri(),
        name=name,
        method="PUBLISH",
        refresh_interval=REFRESH,
        subcomponents=[
            vevent(event, request.build_absolute_uri(event.get_absolute_url()), host)
            for event in events
        ],
    )
    # The zone of the calendar's dates without one of their own (all-day events).
    calendar["X-WR-TIMEZONE"] = settings.TIME_ZONE
    calendar["X-PUBLISHED-TTL"] = icalendar.vDuration(REFRESH)
    calendar.add_missing_timezones()
    response = HttpResponse(calendar.to_ical(), content_type=CONTENT_TYPE)
    if filename:
        response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def upcoming(events):
    return events.upcoming().prefetch_related("topics", "regions")


def event_calendar(request, slug):
    """One event, for a reader's own calendar. An event without dates has no entry to give."""
    event = get_object_or_404(Event.objects.prefetch_related("topics", "regions"), slug=slug)
    if event.start_date is None:
        raise Http404("An event without dates is in no calendar.")
    return calendar_response(request, [event], event.name, filename=f"{event.slug}.ics")


def upcoming_calendar(request):
    """Every upcoming event."""
    return calendar_response(request, upcoming(Event.objects), _("Newsroom: upcoming events"))


def topic_calendar(request, slug):
    """The upcoming events on a topic."""
    topic = get_object_or_404(Topic, slug=slug)
    name = _("Newsroom: events on %(name)s") % {"name": topic.name}
    return calendar_response(request, upcoming(Event.objects.about(topic)), name)


def region_calendar(request, slug):
    """The upcoming events in a region or any region inside it."""
    region = get_object_or_404(Region, slug=slug)
    name = _("Newsroom: events in %(name)s") % {"name": region.name}
    return calendar_response(request, upcoming(Event.objects.about(region)), name)
