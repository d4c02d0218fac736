"""The kinds of thing an article links to, declared once.

Versions, the article form and admin, the article page (`Article.linked`), related
coverage, topic and region pages, search, sitemaps and structured data all iterate
LINK_KINDS; `articles.checks` reports a consumer that does not know a kind, at every
start. Topics, regions and bylines are links too, but not kinds of content of their own.
"""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db import models
from django.utils.translation import gettext_lazy as _

from .events import Event
from .people import Organisation, Person


@dataclass(frozen=True)
class LinkKind:
    # The Article field linking them, and the name every consumer keys them by.
    name: str
    model: type[models.Model]
    # Plural, as the search menu and headings put it.
    label: str
    # The public page of one of them; it takes the slug.
    url_name: str
    # What a link shows, loaded and nothing more (an article page, topic and region pages).
    shown_fields: tuple[str, ...]
    # The order an article page lists them in, over the linked table `t`; {name} is the
    # name in the reader's language.
    page_order: str
    # What SQLite search looks in; PostgreSQL's stored `search_vector` (migration 0009)
    # reads the same fields. Besides these, search looks in every kind's aliases and in
    # people's titles (articles.search).
    search_fields: tuple[str, ...]
    # schema.org: the type, and the NewsArticle property naming the ones an article links.
    schema_type: str
    schema_property: str
    # The article lookups that make an article about one of them (its page, its sitemap).
    about: tuple[str, ...]
    # The date search filters on, if any.
    search_date_field: str | None = None
    # Whether sharing one makes two articles related.
    relates: bool = True

    def articles_about(self, target) -> models.Q:
        """The condition on an article that it is about `target` (an object or OuterRef)."""
        return reduce(or_, (models.Q(**{lookup: target}) for lookup in self.about))


LINK_KINDS = (
    LinkKind(
        name="people",
        model=Person,
        label=_("People"),
        url_name="articles:person",
        shown_fields=("name", "slug", "role_title"),
        page_order="{name}",
        search_fields=("name", "role_title", "bio"),
        schema_type="Person",
        schema_property="about",
        about=("people", "bylines__person"),
    ),
    LinkKind(
        name="organisations",
        model=Organisation,
        label=_("Organisations"),
        url_name="articles:organisation",
        shown_fields=("name", "slug"),
        page_order="{name}",
        search_fields=("name", "acronym", "description"),
        schema_type="Organization",
        schema_property="about",
        about=("organisations",),
    ),
    LinkKind(
        name="events",
        model=Event,
        label=_("Events"),
        url_name="articles:event",
        shown_fields=("name", "slug"),
        page_order="t.start_date DESC NULLS LAST, {name}",
        search_fields=("name", "venue", "description"),
        schema_type="Event",
        schema_property="mentions",
        about=("events",),
        search_date_field="start_date",
        # Related coverage weighs shared people, organisations, topics and regions only.
        relates=False,
    ),
)


def link_kind(model) -> LinkKind | None:
    """Return the kind `model` is, or None."""
    return next((kind for kind in LINK_KINDS if kind.model is model), None)
