"""What the linker found in an article and an editor has yet to decide on, or has
decided (issue 15): nothing is linked without an editor's click.

articles.suggestions offers them when an article is imported or saved, and takes an
editor's decision; this module holds the rows and what each kind of entity is linked by.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from .events import Event
from .people import Organisation, Person
from .tags import Region, Topic

# Each of the linker's kinds (articles.linking.KINDS): the Article field that links one,
# and its model, in the order the admin lists them.
LINKED_BY = {
    "person": ("people", Person),
    "organisation": ("organisations", Organisation),
    "event": ("events", Event),
    "region": ("regions", Region),
    "topic": ("topics", Topic),
}


def kind_of(model) -> str:
    """The linker's kind of entity `model` holds."""
    return next(kind for kind, (_, linked) in LINKED_BY.items() if linked is model)


class SuggestionQuerySet(models.QuerySet):
    def offered(self):
        return self.filter(state=Suggestion.State.OFFERED)

    def for_panel(self):
        """The offered ones as the article's page lists them, each with its entity: one
        query for the suggestions and one per kind of entity among them."""
        return self.offered().select_related("content_type").prefetch_related("entity")


class Suggestion(models.Model):
    """An entity the linker found in an article, with the words that show it: offered to
    the editors until one accepts it (the article then links it) or dismisses it (it is
    not offered again for this article)."""

    class State(models.TextChoices):
        OFFERED = "offered", _("Offered")
        ACCEPTED = "accepted", _("Accepted")
        DISMISSED = "dismissed", _("Dismissed")

    article = models.ForeignKey(
        "Article", on_delete=models.CASCADE, related_name="suggestions", verbose_name=_("article")
    )
    # A person, organisation or event (linked by the article's people, organisations,
    # events) or a topic or region (its tags): LINKED_BY.
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("content type")
    )
    object_id = models.BigIntegerField(verbose_name=_("object ID"))
    entity = GenericForeignKey()
    # Distinct, as written in the article.
    words = models.JSONField(default=list, verbose_name=_("words"))
    # [field, start, end] in the text the linker read (articles.linking.segments_of).
    positions = models.JSONField(default=list, verbose_name=_("positions"))
    # The words in their sentence, as the linker read them when offering: the page shows
    # it as it was, whatever has changed since ({"text", "marks": [[start, end], ...]}).
    context = models.JSONField(default=dict, verbose_name=_("context"))
    state = models.CharField(
        max_length=10, choices=State, default=State.OFFERED, verbose_name=_("state")
    )
    offered_at = models.DateTimeField(auto_now_add=True, verbose_name=_("offered at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(null=True, blank=True, verbose_name=_("decided at"))

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "content_type", "object_id"],
                name="one_suggestion_per_article_and_entity",
            )
        ]
        verbose_name = _("suggested link")
        verbose_name_plural = _("suggested links")

    def __str__(self):
        return _("%(entity)s in %(article)s") % {"entity": self.entity, "article": self.article}

    @property
    def kind(self) -> str:
        return kind_of(self.content_type.model_class())

    @property
    def linked_by(self) -> str:
        """The Article field that links the entity."""
        return LINKED_BY[self.kind][0]
