"""What every kind of content shares: a Unicode slug made from its name, timestamps, and
topic and region tags. A new kind takes them from here (see the README, "How to add a
content kind")."""

from django.db import models
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname, get_language, resolution_order
from taggit.managers import TaggableManager

from articles.slugs import unique_slug
from articles.text import in_default_language

from .tags import TaggedQuerySet, TaggedRegion, TaggedTopic


class UnicodeSlugField(models.SlugField):
    """A unique slug keeping non-Latin letters, made from another field when left empty."""

    def __init__(self, *args, made_from="name", **kwargs):
        self.made_from = made_from
        kwargs.setdefault("unique", True)
        kwargs.setdefault("allow_unicode", True)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        # Migrations see the SlugField they always saw: how a slug is made is no concern
        # of the schema, and a changed path would rebuild SQLite tables and their triggers.
        name, _, args, kwargs = super().deconstruct()
        return name, "django.db.models.SlugField", args, kwargs

    def pre_save(self, model_instance, add):
        if not getattr(model_instance, self.attname):
            # The default language's name, whatever language the editor works in.
            text = in_default_language(model_instance, self.made_from)
            setattr(
                model_instance, self.attname, unique_slug(model_instance, text, field=self.name)
            )
        return super().pre_save(model_instance, add)


class Timestamped(models.Model):
    """When a row was created and last saved."""

    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    class Meta:
        abstract = True


def tags(related_name):
    """Return the topics and regions of a kind, found from a tag as `related_name`.

    A function, not an abstract model: each kind keeps the reverse name queries and
    templates use (`topic.people`), which `%(class)s` cannot spell.
    """
    return (
        TaggableManager(
            _("topics"),
            through=TaggedTopic,
            related_name=related_name,
            blank=True,
            help_text=_("Start typing to pick existing topics."),
        ),
        TaggableManager(
            _("regions"),
            through=TaggedRegion,
            related_name=related_name,
            blank=True,
            help_text=_("Start typing to pick existing regions."),
        ),
    )


def in_language(field, language=None) -> list[str]:
    """The columns of a translated `field` ("name", "person__name") a reader of `language`
    (the active one) is shown, in the order they are tried: that language's, then the
    default language's (articles/translation.py)."""
    return [
        build_localized_fieldname(field, code)
        for code in resolution_order(language or get_language())
    ]


def translated(field, language=None):
    """A translated `field` as a reader of `language` sees it, in SQL: the first of
    `in_language` that is not empty. For queries that read no model (values, JSON)."""
    # Each language's column is a field class of its own (modeltranslation): say the type.
    columns = [
        NullIf(models.F(column), models.Value(""), output_field=models.CharField())
        for column in in_language(field, language)
    ]
    return Coalesce(*columns, output_field=models.CharField()) if len(columns) > 1 else columns[0]


class NamedQuerySet(TaggedQuerySet):
    """A kind whose directory lists it by name: people, organisations."""

    def by_name(self):
        """In the order of the names a reader sees, in the active language: one without a
        name in it sorts by its fallback, not first or last as its empty column would."""
        return self.order_by(translated("name"), "pk")
