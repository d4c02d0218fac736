"""The front page editors arrange, one per edition.

Its slots (`FrontPageSlot`) are the working layout editors change in the admin; readers
see only the layout last published, kept as a `FrontPageVersion` (every published one is
kept, to be restored). A layout is a list of plain slots, `{"kind", "article", "topic",
"count"}`, as a version stores it; `ArticleQuerySet.arranged` lays the stories out from it.
"""

from typing import NamedTuple

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from articles.addresses import address

from .articles import default_edition, editions, language_name

# Most featured slots and sections a layout holds, and most stories a section or the
# latest news list shows: bounded, so that a page is too.
MAX_FEATURED = 4
MAX_SECTIONS = 8
MAX_COUNT = 10


class SlotKind(models.TextChoices):
    LEAD = "lead", _("Lead story")
    FEATURED = "featured", _("Featured story")
    LATEST = "latest", _("Latest news")
    SECTION = "section", _("Topic section")


# The kinds that show one story, picked by hand or the newest; the others show `count`.
ONE_STORY = {SlotKind.LEAD, SlotKind.FEATURED}

# What an edition shows before an editor has published a layout for it.
DEFAULT_LAYOUT = [
    {"kind": SlotKind.LEAD, "article": None, "topic": None, "count": None},
    {"kind": SlotKind.LATEST, "article": None, "topic": None, "count": 10},
]


class FrontPageQuerySet(models.QuerySet):
    def published_layout(self, language=None) -> list[dict]:
        """The layout readers of the edition of `language` (by default the active
        language's) see, `DEFAULT_LAYOUT` until one is published: one query."""
        layout = (
            self.filter(language=language or get_language())
            .values_list("live__layout", flat=True)
            .first()
        )
        return DEFAULT_LAYOUT if layout is None else layout


class FrontPage(models.Model):
    """The front page of one edition: its working layout and the one readers see."""

    language = models.CharField(
        max_length=8,
        choices=editions,
        default=default_edition,
        unique=True,
        help_text=_("The edition whose front page this is."),
        verbose_name=_("edition"),
    )
    live = models.OneToOneField(
        "FrontPageVersion",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The layout readers see; empty until one is published."),
        verbose_name=_("published layout"),
    )

    objects = FrontPageQuerySet.as_manager()

    class Meta:
        ordering = ["language"]
        verbose_name = _("front page")
        verbose_name_plural = _("front pages")

    def __str__(self):
        return str(_("Front page, %(edition)s") % {"edition": language_name(self.language)})

    def get_absolute_url(self):
        return address("articles:front", language=self.language)

    def working_layout(self) -> list[dict]:
        """The layout the slots hold now, as a version would keep it."""
        return [slot.as_layout() for slot in self.slots.all()]

    def has_unpublished_changes(self) -> bool:
        return self.working_layout() != (self.live.layout if self.live else [])


class FrontPageSlot(models.Model):
    """One place on a front page's working layout."""

    front_page = models.ForeignKey(
        FrontPage, on_delete=models.CASCADE, related_name="slots", verbose_name=_("front page")
    )
    position = models.PositiveSmallIntegerField(
        default=0,
        help_text=_("Where it comes among slots of its kind, smallest first."),
        verbose_name=_("position"),
    )
    kind = models.CharField(max_length=10, choices=SlotKind, verbose_name=_("kind"))
    article = models.ForeignKey(
        "Article",
        null=True,
        blank=True,
        # Deleted, the slot shows the newest story instead.
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "For a lead or featured story: empty shows the newest story not shown above it."
        ),
        verbose_name=_("story"),
    )
    topic = models.ForeignKey(
        "Topic",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("For a section: the newest stories of this topic not shown above."),
        verbose_name=_("topic"),
    )
    count = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text=_("For a section or the latest news: how many stories."),
        verbose_name=_("stories"),
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("slot")
        verbose_name_plural = _("slots")

    def __str__(self):
        return str(self.get_kind_display())

    def as_layout(self) -> dict:
        return {
            "kind": self.kind,
            "article": self.article_id,
            "topic": self.topic_id,
            "count": self.count,
        }


class FrontPageVersion(models.Model):
    """A layout as it was published: who published it, and when."""

    front_page = models.ForeignKey(
        FrontPage, on_delete=models.CASCADE, related_name="versions", verbose_name=_("front page")
    )
    number = models.PositiveIntegerField(verbose_name=_("number"))
    layout = models.JSONField(verbose_name=_("layout"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("published by"),
    )
    published_at = models.DateTimeField(verbose_name=_("published at"))

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["front_page", "number"], name="one_front_page_version_per_number"
            )
        ]
        verbose_name = _("front page version")
        verbose_name_plural = _("front page versions")

    def __str__(self):
        return str(
            _("%(page)s, version %(number)s") % {"page": self.front_page, "number": self.number}
        )


class FrontPageStories(NamedTuple):
    """The stories a layout shows: its lead, the featured ones, the latest news and the
    sections, each a topic's `Link` with its stories."""

    lead: object
    featured: list
    latest: list
    sections: list


# The order the page shows the kinds in, whatever their positions.
PAGE_ORDER = [SlotKind.LEAD, SlotKind.FEATURED, SlotKind.LATEST, SlotKind.SECTION]


def in_page_order(layout: list[dict]) -> list[dict]:
    """The slots of `layout` in the order the page shows them: by kind, then position."""
    return sorted(layout, key=lambda slot: PAGE_ORDER.index(slot["kind"]))
