"""Articles as lists show them: plain rows, one query per list.

A list of twenty articles read as ORM objects with their bylines and topics prefetched
costs three queries and thousands of Python objects; the page spends more building them
than the database spends answering. `ArticleQuerySet.teasers` reads the same in one
query instead: the article's columns, and its bylines and topics each aggregated into a
JSON array by a correlated subquery, on PostgreSQL and SQLite alike. Each row becomes a
`Teaser`, which the teaser templates read as they would read an article.

No row or HTML is kept between requests (only the subquery expressions are built once
per process): every list reads the current names of the people and topics it shows, so
a rename shows on every list at once.
"""

from operator import itemgetter
from typing import NamedTuple

from django.db.models import Aggregate, JSONField
from django.db.models.query import ValuesIterable

from articles import surrogates
from articles.addresses import address


class JSONArrayAgg(Aggregate):
    """The values aggregated into a JSON array, in no set order (SQLite before 3.44
    cannot order an aggregate's input): `Teaser` orders the few each row holds."""

    function = "JSONB_AGG"
    output_field = JSONField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="JSON_GROUP_ARRAY", **extra_context)


class Link(NamedTuple):
    """Something a teaser links to: a name, and the address of its page."""

    name: str
    url: str

    def get_absolute_url(self):
        return self.url


class Teaser:
    """One article of a list, from a row of `ArticleQuerySet.teasers`: its columns as
    attributes, its byline people in print order (`authors_in_order`) and its topics by
    name (`topic_list`), each a `Link`."""

    def __init__(self, row):
        bylines = sorted(row.pop("byline_rows") or (), key=itemgetter("position"))
        topics = sorted(row.pop("topic_rows") or (), key=itemgetter("name"))
        self.__dict__.update(row)
        self.authors_in_order = [
            Link(byline["name"], address("articles:person", slug=byline["slug"]))
            for byline in bylines
        ]
        self.topic_list = [
            Link(topic["name"], address("articles:topic", slug=topic["slug"])) for topic in topics
        ]
        surrogates.show(
            f"article-{self.pk}",
            *(f"person-{byline['id']}" for byline in bylines),
            *(f"topic-{topic['id']}" for topic in topics),
        )

    def __repr__(self):
        return f"<Teaser {self.pk}: {self.headline}>"

    def get_absolute_url(self):
        date = self.dateline
        return address(
            "articles:article", year=date.year, month=date.month, day=date.day, slug=self.slug
        )


class TeaserIterable(ValuesIterable):
    """Yield a `Teaser` for each row of values, its library images (a lead story's
    picture) as objects, read in one query for the whole list when any row has one."""

    def __iter__(self):
        model = self.queryset.model
        pictures = [
            field.name
            for field in model._meta.concrete_fields
            if field.is_relation and field.related_model._meta.label == "articles.Image"
        ]
        rows = list(super().__iter__())
        wanted = {row[name] for row in rows for name in pictures if row.get(name)}
        if wanted:
            image = model._meta.get_field(pictures[0]).related_model
            found = image.objects.in_bulk(wanted)
            for row in rows:
                for name in pictures:
                    if name in row:
                        row[name] = found.get(row[name])
        for row in rows:
            yield Teaser(row)
