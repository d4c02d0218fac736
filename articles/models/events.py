import datetime
import functools
import zoneinfo

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.addresses import address
from articles.fields import RichTextField

from .base import Timestamped, UnicodeSlugField, tags, translated
from .directory import Alias, directory_key_field
from .people import SHORT_TEXT_EXTENSIONS
from .tags import TaggedQuerySet


@functools.cache
def time_zones() -> list[str]:
    """The IANA time zone names this machine knows, sorted: what an event may be in."""
    return sorted(zoneinfo.available_timezones())


def validate_time_zone(value):
    if value not in time_zones():
        raise ValidationError(
            _("“%(value)s” is not a time zone name such as Europe/Moscow."),
            code="invalid_time_zone",
            params={"value": value},
        )


def newsroom_time_zone():
    # A callable, not the setting's value: a migration would freeze the value it met.
    return settings.TIME_ZONE


class EventQuerySet(TaggedQuerySet):
    def upcoming(self):
        """Events not yet over, soonest first."""
        return self.filter(last_day__gte=timezone.localdate()).order_by(
            "start_date", translated("name")
        )

    def past(self):
        """Events that are over, most recent first."""
        return self.filter(last_day__lt=timezone.localdate()).order_by(
            "-start_date", translated("name")
        )

    def on_days(self, first, last):
        """Events held on any day from `first` to `last`, the earliest first: the
        editorial calendar's."""
        return self.filter(start_date__lte=last, last_day__gte=first).order_by(
            "start_date", F("start_time").asc(nulls_first=True), translated("name")
        )

    def for_page(self):
        """Load what an event's page shows besides coverage."""
        return self.prefetch_related("organisers", "participants", "topics", "regions")


class Event(Timestamped):
    """A forum, a summit, a visit: something with dates that coverage is about."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        POSTPONED = "postponed", _("Postponed")
        CANCELLED = "cancelled", _("Cancelled")
        HELD = "held", _("Held")

    name = models.CharField(max_length=300, verbose_name=_("name"))
    slug = UnicodeSlugField(max_length=300, verbose_name=_("slug"))
    # Empty for an event known only as recurring (KazanForum): it has a page, but is in
    # neither the upcoming nor the past events.
    start_date = models.DateField(null=True, blank=True, verbose_name=_("start date"))
    end_date = models.DateField(
        null=True,
        blank=True,
        help_text=_("Empty for a one-day event."),
        verbose_name=_("end date"),
    )
    # Local times at the venue; without them the event fills its days, as in an all-day
    # calendar entry.
    start_time = models.TimeField(
        null=True,
        blank=True,
        help_text=_("Local time at the venue. Empty for an event taking whole days."),
        verbose_name=_("start time"),
    )
    end_time = models.TimeField(
        null=True,
        blank=True,
        help_text=_("On the last day. Empty if only the start time is known."),
        verbose_name=_("end time"),
    )
    time_zone = models.CharField(
        max_length=64,
        default=newsroom_time_zone,
        validators=[validate_time_zone],
        help_text=_("Where the start and end times are told: the venue's time zone."),
        verbose_name=_("time zone"),
    )
    # No label of its own: no form shows it, and on SQLite altering a generated column,
    # even its label, rebuilds the table.
    last_day = models.GeneratedField(
        expression=Coalesce("end_date", "start_date"),
        output_field=models.DateField(),
        db_persist=True,
        db_index=True,
    )
    venue = models.CharField(max_length=300, blank=True, verbose_name=_("venue"))
    status = models.CharField(
        max_length=20, choices=Status, default=Status.SCHEDULED, verbose_name=_("status")
    )
    description = RichTextField(
        extensions=SHORT_TEXT_EXTENSIONS, sanitize=True, blank=True, verbose_name=_("description")
    )
    organisers = models.ManyToManyField(
        "Organisation", related_name="organised_events", blank=True, verbose_name=_("organisers")
    )
    participants = models.ManyToManyField(
        "Person", related_name="events", blank=True, verbose_name=_("participants")
    )
    recurring = models.BooleanField(
        default=False,
        help_text=_("Held again and again (every year...): any edition is this event."),
        verbose_name=_("recurring"),
    )
    topics, regions = tags(related_name="events")
    directory_key = directory_key_field()
    aliases = GenericRelation(Alias, related_query_name="event")

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = [models.F("start_date").desc(nulls_last=True), "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="event_ends_after_it_starts",
                violation_error_message=_("An event cannot end before it starts."),
            )
        ]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.start_time is not None and self.start_date is None:
            raise ValidationError({"start_time": _("A start time needs a start date.")})
        if self.end_time is not None and self.start_time is None:
            raise ValidationError({"start_time": _("Give the start time with the end time.")})
        if (
            self.end_time is not None
            and self.end_date in (None, self.start_date)
            and self.end_time <= self.start_time
        ):
            raise ValidationError({"end_time": _("An event cannot end before it starts.")})

    def get_absolute_url(self):
        return address("articles:event", slug=self.slug)

    @property
    def starts(self) -> datetime.date | datetime.datetime | None:
        """When the event starts: its first day, or the moment when the time is known."""
        if self.start_date is None or self.start_time is None:
            return self.start_date
        return datetime.datetime.combine(
            self.start_date, self.start_time, zoneinfo.ZoneInfo(self.time_zone)
        )

    @property
    def ends(self) -> datetime.date | datetime.datetime | None:
        """When the event ends: its last day, or the moment when the time is known."""
        last_day = self.end_date or self.start_date
        if last_day is None or self.start_time is None or self.end_time is None:
            return last_day
        return datetime.datetime.combine(
            last_day, self.end_time, zoneinfo.ZoneInfo(self.time_zone)
        )

    @property
    def is_upcoming(self):
        last_day = self.end_date or self.start_date
        return last_day is not None and last_day >= timezone.localdate()
