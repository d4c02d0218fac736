from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.addresses import address

from .articles import Article, default_edition, editions, language_name
from .tags import Region, Topic


class Menu(models.Model):
    """The header's or the footer's links in one edition, in the order an editor set."""

    class Place(models.TextChoices):
        HEADER = "header", _("Header")
        FOOTER = "footer", _("Footer")

    place = models.CharField(max_length=10, choices=Place, verbose_name=_("place"))
    language = models.CharField(
        max_length=8,
        choices=editions,
        default=default_edition,
        help_text=_("The edition whose pages show it."),
        verbose_name=_("language"),
    )

    class Meta:
        ordering = ["language", "place"]
        constraints = [
            models.UniqueConstraint(fields=["place", "language"], name="one_menu_per_place")
        ]
        verbose_name = _("menu")
        verbose_name_plural = _("menus")

    def __str__(self):
        return _("%(place)s, %(language)s") % {
            "place": self.get_place_display(),
            "language": language_name(self.language),
        }


class MenuItem(models.Model):
    """One link of a menu: to a page, a section, a topic, a region, or an address."""

    class Section(models.TextChoices):
        NEWS = "news", _("News")
        TOPICS = "topics", _("Topics")
        REGIONS = "regions", _("Regions")
        PEOPLE = "people", _("People")
        ORGANISATIONS = "organisations", _("Organisations")
        EVENTS = "events", _("Events")
        CORRECTIONS = "corrections", _("Corrections")
        SEARCH = "search", _("Search")

    menu = models.ForeignKey(
        Menu, on_delete=models.CASCADE, related_name="items", verbose_name=_("menu")
    )
    position = models.PositiveSmallIntegerField(default=0, verbose_name=_("position"))
    label = models.CharField(
        max_length=100,
        blank=True,
        help_text=_("What the link says; empty for the name of what it leads to."),
        verbose_name=_("label"),
    )
    # To the proxy: the admin picks among pages, through the pages' admin.
    page = models.ForeignKey(
        "Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        limit_choices_to={"kind": Article.Kind.PAGE},
        related_name="menu_items",
        help_text=_("Shown only while readers can see the page."),
        verbose_name=_("page"),
    )
    section = models.CharField(
        max_length=20, blank=True, choices=Section, verbose_name=_("section")
    )
    topic = models.ForeignKey(
        Topic,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="menu_items",
        verbose_name=_("topic"),
    )
    region = models.ForeignKey(
        Region,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="menu_items",
        verbose_name=_("region"),
    )
    url = models.CharField(
        max_length=500,
        blank=True,
        help_text=_("A web address (https://…) or a path on this site (/ru/news/)."),
        verbose_name=_("address"),
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("menu item")
        verbose_name_plural = _("menu items")

    def __str__(self):
        return self.label or self.target_name()

    # The fields naming what an item leads to: exactly one is set.
    TARGETS = ("page", "section", "topic", "region", "url")

    def clean(self):
        chosen = [
            name
            for name in self.TARGETS
            if getattr(self, f"{name}_id", None)
            or (name in ("section", "url") and getattr(self, name))
        ]
        if len(chosen) != 1:
            raise ValidationError(
                _(
                    "Choose one thing to link to: a page, a section, a topic, a region or an address."
                )
            )
        if self.url:
            self.url = self.url.strip()
            if not self.url.startswith("/") or self.url.startswith("//"):
                try:
                    URLValidator(schemes=["http", "https"])(self.url)
                except ValidationError:
                    raise ValidationError(
                        {
                            "url": _(
                                "Give a web address beginning with https:// or a path on "
                                "this site beginning with /."
                            )
                        }
                    ) from None
            if not self.label.strip():
                raise ValidationError({"label": _("Say what a link to an address says.")})
        menu = getattr(self, "menu", None)
        if self.page_id and menu is not None and self.page.language != menu.language:
            raise ValidationError(
                {
                    "page": _("Choose a page of this menu's edition (%(language)s).")
                    % {"language": language_name(menu.language)}
                }
            )

    def target_name(self) -> str:
        """The name of what the item leads to, in the active language."""
        if self.page_id:
            return self.page.headline
        if self.section:
            return self.get_section_display()
        if self.topic_id:
            return self.topic.name
        if self.region_id:
            return self.region.name
        return self.url

    def target_url(self) -> str:
        """Where the item leads, in the active edition."""
        if self.page_id:
            return self.page.get_absolute_url()
        if self.section:
            return address(f"articles:{self.section}")
        if self.topic_id:
            return self.topic.get_absolute_url()
        if self.region_id:
            return self.region.get_absolute_url()
        return self.url
