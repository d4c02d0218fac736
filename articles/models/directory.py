"""The authority directory the linker reads (articles/linking.py; issue 15): every name an
entity goes by, people's dated titles, and the directory's own key for each entity.

People, organisations, events, regions and topics each carry `directory_key`, the
`kind:slug` id of the entry `import_directory` made them from, so that importing again
updates instead of duplicating. Their aliases live in one table for all five kinds.
"""

import uuid

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


def directory_key_field():
    """The `kind:slug` id of the directory entry an entity was imported from, if any."""
    return models.CharField(
        max_length=200,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        verbose_name=_("directory key"),
    )


class Alias(models.Model):
    """Another name an entity goes by: a transliteration, an acronym, a former name, a
    Cyrillic or Arabic form in the nominative, an unambiguous short form."""

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("content type")
    )
    object_id = models.BigIntegerField(verbose_name=_("object ID"))
    entity = GenericForeignKey()
    name = models.CharField(max_length=300, verbose_name=_("name"))

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "name"], name="unique_alias_per_entity"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")

    def __str__(self):
        return self.name


class Title(models.Model):
    """A title a person held over a span of time: "Rais of Tatarstan" names Rustam
    Minnikhanov in an article dated while he held it."""

    person = models.ForeignKey(
        "Person", on_delete=models.CASCADE, related_name="titles", verbose_name=_("person")
    )
    title = models.CharField(max_length=300, verbose_name=_("title"))
    start_date = models.DateField(null=True, blank=True, verbose_name=_("from"))
    end_date = models.DateField(
        null=True, blank=True, help_text=_("Empty while it is held."), verbose_name=_("to")
    )
    approximate = models.BooleanField(
        default=False,
        help_text=_("The dates are known only roughly."),
        verbose_name=_("approximate dates"),
    )

    class Meta:
        ordering = ["start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="title_ends_after_it_starts",
                violation_error_message=_("A title cannot end before it starts."),
            )
        ]
        verbose_name = _("title")
        verbose_name_plural = _("titles")

    def __str__(self):
        return self.title

    def held_on(self, date) -> bool:
        """Whether the title was held on `date`."""
        return (self.start_date is None or self.start_date <= date) and (
            self.end_date is None or date <= self.end_date
        )


class DirectoryRevision(models.Model):
    """One row naming the current state of the names the linker reads: each process keeps
    its automaton while the stamp it was built at is current (articles.linking). A new
    random stamp per change, not a count: a count rolled back with its transaction would
    come round again naming other names."""

    stamp = models.UUIDField(default=uuid.uuid4, verbose_name=_("stamp"))

    class Meta:
        verbose_name = _("directory revision")
        verbose_name_plural = _("directory revisions")

    def __str__(self):
        return str(self.stamp)
