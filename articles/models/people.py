from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.addresses import address
from articles.fields import RichTextField
from articles.text import refuse_taken_name

from .base import NamedQuerySet, Timestamped, UnicodeSlugField, tags
from .directory import Alias, directory_key_field

# What a page may link to: a javascript: or data: address set outside the form never is.
WEB_SCHEMES = ["http", "https"]

# Short rich text (bios, descriptions): paragraphs, emphasis and links only.
SHORT_TEXT_EXTENSIONS = {"Bold": True, "Italic": True, "Link": True}


class PersonQuerySet(NamedQuerySet):
    def of_user(self, user):
        """The person who is this user of the admin (Person.user), or None."""
        return self.filter(user=user).first() if user.pk else None

    def staff_first(self):
        """People with an admin account first: bylines are mostly the newsroom's own."""
        return self.order_by(
            models.ExpressionWrapper(
                models.Q(user__isnull=True), output_field=models.BooleanField()
            ),
            "name",
        )

    def for_page(self):
        """Load what a person's page shows besides coverage: portrait, other names,
        affiliations, topics, regions."""
        return self.select_related("portrait").prefetch_related(
            "aliases",
            models.Prefetch(
                "affiliations", queryset=Affiliation.objects.select_related("organisation")
            ),
            "topics",
            "regions",
        )


class OrganisationQuerySet(NamedQuerySet):
    def for_page(self):
        """Load what an organisation's page shows besides coverage: its other names, its
        parent and children, its current members, the events it organised, topics and
        regions."""
        return self.select_related("parent").prefetch_related(
            "aliases",
            "children",
            models.Prefetch(
                "affiliations",
                queryset=Affiliation.objects.filter(end_date__isnull=True).select_related(
                    "person"
                ),
                to_attr="current_affiliations",
            ),
            "organised_events",
            "topics",
            "regions",
        )


class Person(Timestamped):
    """Somebody the newsroom writes about or who writes for it."""

    name = models.CharField(max_length=200, verbose_name=_("name"))
    slug = UnicodeSlugField(max_length=200, verbose_name=_("slug"))
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        help_text=_(
            "Their admin account, for the newsroom's own staff: a new article they "
            "write has them as its byline, and staff come first among bylines."
        ),
    )
    role_title = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("As a headline would put it: “Foreign Minister”."),
        verbose_name=_("role title"),
    )
    bio = RichTextField(
        extensions=SHORT_TEXT_EXTENSIONS, sanitize=True, blank=True, verbose_name=_("bio")
    )
    # From the library: an image in use cannot be deleted (its admin page says where).
    portrait = models.ForeignKey(
        "Image",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="portrait_of",
        verbose_name=_("portrait"),
    )
    organisations = models.ManyToManyField(
        "Organisation",
        through="Affiliation",
        related_name="members",
        blank=True,
        verbose_name=_("organisations"),
    )
    topics, regions = tags(related_name="people")
    directory_key = directory_key_field()
    aliases = GenericRelation(Alias, related_query_name="person")

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("people")
        verbose_name = _("person")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return address("articles:person", slug=self.slug)

    def clean(self):
        refuse_taken_name(self)


class Organisation(Timestamped):
    """A ministry, an international organisation, a forum, a company..."""

    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("Ministry or government body")
        INTERNATIONAL = "international", _("International organisation")
        RELIGIOUS = "religious", _("Religious association")
        BUSINESS = "business", _("Business")
        FORUM = "forum", _("Forum or dialogue group")
        MEDIA = "media", _("Media")
        NGO = "ngo", _("Non-governmental organisation")
        OTHER = "other", _("Other")

    name = models.CharField(max_length=300, verbose_name=_("name"))
    slug = UnicodeSlugField(max_length=300, verbose_name=_("slug"))
    acronym = models.CharField(
        max_length=30, blank=True, help_text=_("“OIC”."), verbose_name=_("acronym")
    )
    kind = models.CharField(
        max_length=20, choices=Kind, default=Kind.OTHER, verbose_name=_("kind")
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        verbose_name=_("parent"),
    )
    website = models.URLField(
        blank=True, validators=[URLValidator(schemes=WEB_SCHEMES)], verbose_name=_("website")
    )
    description = RichTextField(
        extensions=SHORT_TEXT_EXTENSIONS, sanitize=True, blank=True, verbose_name=_("description")
    )
    topics, regions = tags(related_name="organisations")
    directory_key = directory_key_field()
    aliases = GenericRelation(Alias, related_query_name="organisation")

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        return address("articles:organisation", slug=self.slug)

    def clean(self):
        refuse_taken_name(self)

    @property
    def safe_website(self):
        """The website to link to: only a web address, whatever was stored."""
        if urlsplit(self.website.strip()).scheme.lower() in WEB_SCHEMES:
            return self.website
        return None


class Affiliation(models.Model):
    """A person's place in an organisation over a span of time."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="affiliations", verbose_name=_("person")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="affiliations",
        verbose_name=_("organisation"),
    )
    role = models.CharField(max_length=200, blank=True, verbose_name=_("role"))
    start_date = models.DateField(null=True, blank=True, verbose_name=_("start date"))
    end_date = models.DateField(
        null=True, blank=True, help_text=_("Empty while it lasts."), verbose_name=_("end date")
    )

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="affiliation_ends_after_it_starts",
                violation_error_message=_("An affiliation cannot end before it starts."),
            )
        ]
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")

    def __str__(self):
        return _("%(person)s – %(role)s, %(organisation)s") % {
            "person": self.person,
            "role": self.role or _("member"),
            "organisation": self.organisation,
        }
