"""The library: pictures and documents uploaded once and used by any story or person.

An Image carries what every use of it shares (its text alternative, caption, credit and
focal point) and the renditions made of it on upload (articles.images), each crop cut
around that focal point. Pages ask it for the <source> sets and the fallback of a crop
(`sources()`, `fallback()`), which articles/jinja2/articles/includes/picture.html
renders. A Document is a file readers download from the story it is attached to.

Stored names are random, as for every upload: a picture or a document of a draft cannot
be found from its story or the name it was uploaded under.
"""

import posixpath

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles import documents, images, richtext


def fraction(**kwargs):
    """A position across a picture, 0 at its left or top edge and 1 at the other."""
    return models.FloatField(
        default=0.5, validators=[MinValueValidator(0), MaxValueValidator(1)], **kwargs
    )


class ImageQuerySet(models.QuerySet):
    def with_use(self):
        """Annotate `in_use`: whether any story or person shows it."""
        from .articles import Article
        from .people import Person

        return self.annotate(
            in_use=models.Exists(Article.objects.filter(hero_image=models.OuterRef("pk")))
            | models.Exists(Article.objects.filter(social_image=models.OuterRef("pk")))
            | models.Exists(BodyPicture.objects.filter(image=models.OuterRef("pk")))
            | models.Exists(Person.objects.filter(portrait=models.OuterRef("pk")))
        )


class DocumentQuerySet(models.QuerySet):
    def with_use(self):
        """Annotate `in_use`: whether any story lists it."""
        return self.annotate(
            in_use=models.Exists(ArticleDocument.objects.filter(document=models.OuterRef("pk")))
        )


class Uploaded(models.Model):
    """What the library keeps of everything in it: who uploaded it and when; the newest
    first."""

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(auto_now_add=True, verbose_name=_("uploaded at"))

    class Meta:
        abstract = True
        ordering = ["-uploaded_at", "-pk"]


class Image(Uploaded):
    """A picture in the library, with what readers are told about it wherever it shows."""

    file = models.ImageField(
        upload_to=images.RandomName("images"),
        width_field="width",
        height_field="height",
        validators=[images.check_upload],
        help_text=_("A JPEG, PNG or WebP of at most 10 MB and 40 megapixels."),
        verbose_name=_("file"),
    )
    width = models.PositiveIntegerField(null=True, editable=False, verbose_name=_("width"))
    height = models.PositiveIntegerField(null=True, editable=False, verbose_name=_("height"))
    # Made on upload and when the focal point moves; pages read this, never the file.
    renditions = models.JSONField(
        null=True, blank=True, editable=False, verbose_name=_("renditions")
    )
    title = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("How editors find it in the library; readers do not see it."),
        verbose_name=_("title"),
    )
    alt = models.CharField(
        _("text alternative"),
        max_length=300,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    caption = models.CharField(max_length=500, blank=True, verbose_name=_("caption"))
    credit = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Who took or owns it: “Russian Foreign Ministry”."),
        verbose_name=_("credit"),
    )
    focal_x = fraction(
        help_text=_("Across, from 0 (left edge) to 1 (right edge): every crop keeps it."),
        verbose_name=_("focal point across"),
    )
    focal_y = fraction(
        help_text=_("Down, from 0 (top edge) to 1 (bottom edge): every crop keeps it."),
        verbose_name=_("focal point down"),
    )

    objects = ImageQuerySet.as_manager()

    class Meta(Uploaded.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self):
        return self.title or self.alt or posixpath.basename(self.file.name)

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or {"file", "focal_x", "focal_y"} & set(update_fields):
            images.commit_upload(self, "file", "renditions", self.focal)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "renditions"}
        super().save(*args, **kwargs)

    @property
    def focal(self) -> tuple[float, float]:
        return (self.focal_x, self.focal_y)

    def sources(self, crop: str = "original") -> list[dict]:
        """The <source> elements of a crop (articles.images.CROPS): [{"type", "srcset"}]."""
        return images.sources(self.renditions, crop)

    def fallback(self, crop: str = "original") -> dict:
        """The <img> of a crop: {"url", "width", "height"}, the size reserving its shape.

        The original file for its own shape; for another crop, its WebP rendition nearest
        960 pixels wide (every browser that shows <picture> reads WebP); the original
        file while that crop has no renditions (they failed, or are still to be made).
        """
        made = images.of_crop(self.renditions, crop) if crop != "original" else []
        if not made:
            return {"url": self.file.url, "width": self.width, "height": self.height}
        best = min(made, key=lambda i: (i["type"] != "image/webp", abs(i["width"] - 960)))
        return {
            "url": default_storage.url(best["name"]),
            "width": best["width"],
            "height": best["height"],
        }

    def used_by(self) -> list:
        """The stories and people that show it, for editors: stories first, newest first."""
        from .articles import Article

        stories = Article.objects.filter(
            models.Q(hero_image=self)
            | models.Q(social_image=self)
            | models.Q(pk__in=BodyPicture.objects.filter(image=self).values("article"))
        ).order_by("-updated_at")
        return [*stories.only("headline"), *self.portrait_of.all()]


class Document(Uploaded):
    """A file readers download from a story: a speech, a communiqué, a report."""

    title = models.CharField(
        max_length=200,
        help_text=_("What readers see in the list of downloads, and the file's name."),
        verbose_name=_("title"),
    )
    file = models.FileField(
        upload_to=images.RandomName("documents"),
        validators=[documents.check_upload],
        help_text=documents.HELP,
        verbose_name=_("file"),
    )
    size = models.PositiveBigIntegerField(default=0, editable=False, verbose_name=_("size"))
    content_type = models.CharField(max_length=100, editable=False, verbose_name=_("content type"))

    objects = DocumentQuerySet.as_manager()

    class Meta(Uploaded.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:
            kind = documents.check_upload.check(self.file.file, self.file.name)
            self.size = self.file.size
            self.content_type = documents.KINDS[kind]
            self.file.save(f"upload.{kind}", self.file.file, save=False)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:document", kwargs={"name": self.stored_name})

    @property
    def stored_name(self) -> str:
        """The random name it is stored under, which its address carries."""
        return posixpath.basename(self.file.name)

    @property
    def extension(self) -> str:
        return posixpath.splitext(self.file.name)[1].lstrip(".")

    @property
    def kind_label(self) -> str:
        """What kind of file it is, as the list of downloads names it: "PDF", "Word"."""
        return str(documents.LABELS.get(self.extension, self.extension.upper()))

    @property
    def download_name(self) -> str:
        """The name a reader's browser saves it under: its title, with its extension."""
        return f"{self.title}.{self.extension}"

    def used_by(self) -> list:
        """The stories that list it, newest first."""
        return list(self.articles.order_by("-updated_at").only("headline"))


class ArticleDocument(models.Model):
    """A document attached to a story, in the order the story lists its downloads."""

    article = models.ForeignKey(
        "Article", on_delete=models.CASCADE, related_name="attachments", verbose_name=_("article")
    )
    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, related_name="+", verbose_name=_("document")
    )
    position = models.PositiveSmallIntegerField(default=0, verbose_name=_("position"))

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "document"], name="one_attachment_per_document"
            )
        ]
        verbose_name = _("attached document")
        verbose_name_plural = _("attached documents")

    def __str__(self):
        return str(self.document)


class BodyPicture(models.Model):
    """A library picture a story's text shows (articles.body), kept beside the text each
    time it is saved: the library lists the story as using it, and refuses to delete it
    while the text shows it, as it does a hero image."""

    article = models.ForeignKey(
        "Article",
        on_delete=models.CASCADE,
        related_name="body_pictures",
        verbose_name=_("article"),
    )
    image = models.ForeignKey(
        Image, on_delete=models.PROTECT, related_name="+", verbose_name=_("image")
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "image"], name="one_body_picture_per_image")
        ]
        verbose_name = _("picture in a story's text")
        verbose_name_plural = _("pictures in stories' text")

    def __str__(self):
        return str(self.article)

    @classmethod
    def index(cls, article) -> None:
        """Record the pictures `article`'s body shows now, in place of those it showed."""
        shown = Image.objects.filter(pk__in=richtext.pictures_in(article.body))
        cls.objects.filter(article=article).exclude(image__in=shown).delete()
        cls.objects.bulk_create(
            [cls(article=article, image=image) for image in shown], ignore_conflicts=True
        )
