from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.functional import cached_property
from taggit.managers import TaggableManager

from articles import images
from articles.addresses import address
from articles.fields import RichTextField
from articles.slugs import unique_slug
from articles.text import clean_names

from .tags import TaggedRegion, TaggedTopic

# What an editor may put in an article body; the sanitiser allows exactly this.
BODY_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "Link": True,
    "HardBreak": True,
}


# What a teaser shows, and the ordering columns every list of articles sorts by.
TEASER_FIELDS = ["headline", "slug", "standfirst", "dateline", "byline", "published_at"]


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles a reader may see: published, their time come and not yet gone."""
        now = timezone.now()
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=now).filter(
            models.Q(unpublish_at__isnull=True) | models.Q(unpublish_at__gt=now)
        )

    def awaiting_review(self):
        """Submissions an editor has to decide on, oldest first."""
        return self.filter(submitted_at__isnull=False).order_by("submitted_at")

    def for_listing(self, *also):
        """Load what a teaser shows (its columns, bylines and topics) in three queries, and
        the other fields named.

        The related rows go into plain lists (`to_attr`): Django then builds no related
        manager and queryset per article, which cost more than the queries themselves.
        """
        return self.only(*TEASER_FIELDS, *also).prefetch_related(
            Prefetch(
                "bylines",
                queryset=ArticleAuthor.objects.select_related("person").only(
                    "article_id", "position", "person__name", "person__slug"
                ),
                to_attr="prefetched_bylines",
            ),
            Prefetch("topics", to_attr="topic_list"),
        )


class Article(models.Model):
    """A story: what readers read and editors publish."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        UNPUBLISHED = "unpublished", "Unpublished"

    headline = models.CharField(max_length=300)
    slug = models.SlugField(
        max_length=300,
        unique=True,
        allow_unicode=True,
        blank=True,
        help_text="The last part of the article's address; made from the headline if empty.",
    )
    standfirst = models.TextField(blank=True, help_text="The summary under the headline.")
    body = RichTextField(extensions=BODY_EXTENSIONS, sanitize=True, blank=True)
    dateline = models.DateField(
        default=timezone.localdate, help_text="The date the story carries; it is in its address."
    )
    byline = models.CharField(
        max_length=200,
        blank=True,
        help_text="The credit as printed, e.g. a press service, when no author is named below.",
    )
    authors = models.ManyToManyField(
        "Person", through="ArticleAuthor", related_name="authored_articles", blank=True
    )
    hero_image = models.ImageField(
        upload_to="articles/%Y/%m/",
        blank=True,
        width_field="hero_width",
        height_field="hero_height",
        validators=[images.check_upload],
        help_text="A JPEG, PNG or WebP of at most 10 MB and 40 megapixels.",
    )
    # Made on upload (articles.images); pages read this, never the image itself. Nullable:
    # SQLite then adds the column in place instead of rebuilding the table and its triggers.
    hero_renditions = models.JSONField(null=True, blank=True, editable=False)
    hero_width = models.PositiveIntegerField(null=True, editable=False)
    hero_height = models.PositiveIntegerField(null=True, editable=False)
    hero_alt = models.CharField(
        "hero image text alternative",
        max_length=300,
        blank=True,
        help_text="What the image shows, for readers who cannot see it.",
    )
    hero_caption = models.CharField(max_length=500, blank=True)
    hero_credit = models.CharField(
        max_length=200, blank=True, help_text="Who took or owns it: “Russian Foreign Ministry”."
    )
    people = models.ManyToManyField(
        "Person", related_name="articles", blank=True, help_text="People the story mentions."
    )
    organisations = models.ManyToManyField("Organisation", related_name="articles", blank=True)
    events = models.ManyToManyField("Event", related_name="articles", blank=True)
    topics = TaggableManager(
        "topics",
        through=TaggedTopic,
        related_name="articles",
        blank=True,
        help_text="Start typing to pick existing topics.",
    )
    regions = TaggableManager(
        "regions",
        through=TaggedRegion,
        related_name="articles",
        blank=True,
        help_text="Start typing to pick existing regions.",
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.DRAFT)
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        db_index=True,
        help_text="When readers first see it; a later time schedules it.",
    )
    unpublish_at = models.DateTimeField(
        null=True, blank=True, help_text="When readers stop seeing it; empty for never."
    )
    # While the row is live it holds the published text; edits go to newer versions.
    pinned_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When an editor made it the front page's lead; empty when not pinned.",
    )
    live_revision = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # The number of the newest version; every save checks and bumps it in one UPDATE.
    revision = models.PositiveIntegerField(default=0, editable=False)
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The editor asked to review it.",
    )
    source_digest = models.CharField(
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text="SHA-256 of the imported file, so that importing it again adds nothing.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        indexes = [
            models.Index(fields=["status", "-published_at"]),
            models.Index(fields=["submitted_at"]),
            # Few articles are ever pinned: the front page finds its lead without a scan.
            models.Index(
                fields=["-pinned_at"],
                condition=models.Q(pinned_at__isnull=False),
                name="article_pinned",
            ),
        ]
        permissions = [("publish_article", "Can publish and unpublish articles")]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.headline)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "hero_image" in update_fields:
            images.commit_upload(self, "hero_image", "hero_renditions")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "hero_renditions"}
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        date = self.dateline
        return address(
            "articles:article", year=date.year, month=date.month, day=date.day, slug=self.slug
        )

    def clean(self):
        clean_names(self)  # before the version this form saves takes the headline
        if self.hero_image and not self.hero_alt.strip():
            raise ValidationError(
                {"hero_alt": "Describe what the image shows for readers who cannot see it."}
            )

    def linked(self) -> dict[str, list]:
        """Return the people, organisations, events, topics and regions the article links,
        and the people of its byline, each in the order its page shows them: one query.

        Six prefetches cost an article page more in building querysets than the database
        spends answering them. The objects carry their name, slug and a person's role
        title; anything else is loaded if asked for.
        """
        from django.contrib.contenttypes.models import ContentType

        quote = connection.ops.quote_name
        kinds = {}  # kind: (linked model, link table, article column, target column, order)
        for name in ("people", "organisations", "events"):
            field = self._meta.get_field(name)
            kinds[name] = (
                field.related_model,
                field.remote_field.through,
                field.m2m_column_name(),
                field.m2m_reverse_name(),
                "t.start_date DESC, t.name" if name == "events" else "t.name",
            )
        for name, through in (("topics", TaggedTopic), ("regions", TaggedRegion)):
            kinds[name] = (through.tag_model(), through, "object_id", "tag_id", "t.name")
        person = kinds["people"][0]
        kinds["bylines"] = (person, ArticleAuthor, "article_id", "person_id", "l.position")

        parts, params = [], []
        for name, (model, through, source, target, order) in kinds.items():
            where = f"l.{quote(source)} = %s"
            params.append(self.pk)
            if through in (TaggedTopic, TaggedRegion):
                where += " AND l.content_type_id = %s"
                params.append(ContentType.objects.get_for_model(Article).pk)
            detail = "t.role_title" if model is person else "NULL"
            parts.append(
                f"SELECT '{name}', ROW_NUMBER() OVER (ORDER BY {order}), t.id, t.name,"
                f" t.slug, {detail} FROM {quote(model._meta.db_table)} t"
                f" JOIN {quote(through._meta.db_table)} l ON l.{quote(target)} = t.id"
                f" WHERE {where}"
            )
        linked = {name: [] for name in kinds}
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts) + " ORDER BY 2", params)
            for name, _, *values in cursor.fetchall():
                model = kinds[name][0]
                fields = ["id", "name", "slug", "role_title"][: 4 if model is person else 3]
                linked[name].append(model.from_db(connection.alias, fields, values[: len(fields)]))
        return linked

    @cached_property
    def authors_in_order(self):
        """The people in the byline, in print order (a preview sets them by hand)."""
        bylines = getattr(self, "prefetched_bylines", None)
        if bylines is None:
            bylines = self.bylines.all()
        return [byline.person for byline in bylines]

    @property
    def in_review(self):
        return self.submitted_at is not None

    @property
    def state(self):
        """Say where the article stands, in the words of the desk."""
        if self.status == self.Status.PUBLISHED:
            now = timezone.now()
            if self.unpublish_at and self.unpublish_at <= now:
                state = "Expired"
            elif self.published_at and self.published_at > now:
                state = "Scheduled"
            else:
                state = "Published"
            if self.in_review:
                return f"{state}, changes in review"
            if self.has_unpublished_changes:
                return f"{state}, unpublished changes"
            return state
        if self.in_review:
            return "In review"
        return self.get_status_display()

    @property
    def has_unpublished_changes(self):
        return self.live_revision is not None and self.revision > self.live_revision

    @cached_property
    def working_copy(self):
        """The newest version while it differs from what readers see, else None.

        Read once per instance: the article form and its byline rows both edit it.
        """
        if self.pk and self.has_unpublished_changes:
            return self.versions.get(number=self.revision)
        return None


class ArticleAuthor(models.Model):
    """One byline of an article, in the order it is printed."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    person = models.ForeignKey("Person", on_delete=models.CASCADE, related_name="bylines")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = "byline"
        constraints = [models.UniqueConstraint(fields=["article", "person"], name="unique_byline")]

    def __str__(self):
        return f"{self.person} on {self.article}"


class Submission(Article):
    """An article awaiting review, as the review queue lists it."""

    class Meta:
        proxy = True
        verbose_name = "submission"
        verbose_name_plural = "review queue"
