"""What the API answers, as typed schemas: the OpenAPI schema is generated from these.

Each reads a model instance; addresses are absolute, in the edition of the thing named
(an article's own language, entities' in the default edition).
"""

import datetime

from django.conf import settings
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname
from ninja import Field, Schema

from articles import body


def absolute(context, path: str) -> str:
    return context["request"].build_absolute_uri(path)


def names(obj, field="name") -> dict[str, str]:
    """A translated field in every language it is written in."""
    values = {
        code: getattr(obj, build_localized_fieldname(field, code), "")
        for code in settings.SUPPORTED_LANGUAGES
    }
    return {code: value for code, value in values.items() if value}


class Link(Schema):
    """Something named and linked: a person, organisation or event."""

    id: int
    slug: str
    name: str
    url: str

    @staticmethod
    def resolve_url(obj, context) -> str:
        return absolute(context, obj.get_absolute_url())


class Entity(Link):
    """What every person, organisation, event, topic and region carries."""

    directory_key: str | None = Field(
        description="The id of the authority directory entry it came from, if any."
    )
    names: dict[str, str] = Field(description="The name in each language it is written in.")

    @staticmethod
    def resolve_names(obj) -> dict[str, str]:
        return names(obj)


class Tag(Entity):
    description: str


class Topic(Tag):
    pass


class Region(Tag):
    parent_id: int | None


class Person(Entity):
    role_title: str
    updated_at: datetime.datetime


class PersonDetail(Person):
    bio: str = Field(description="Sanitised HTML.")
    topics: list[Link]
    regions: list[Link]


class Organisation(Entity):
    acronym: str
    updated_at: datetime.datetime
    kind: str
    parent_id: int | None


class OrganisationDetail(Organisation):
    website: str
    description: str = Field(description="Sanitised HTML.")
    topics: list[Link]
    regions: list[Link]


class Event(Entity):
    updated_at: datetime.datetime
    start_date: datetime.date | None
    end_date: datetime.date | None
    start_time: datetime.time | None = Field(
        description="Local time at the venue; null for an event taking whole days."
    )
    end_time: datetime.time | None = Field(description="On the last day, local time.")
    time_zone: str = Field(description="The venue's time zone (IANA), of the times.")
    venue: str
    status: str
    recurring: bool


class EventDetail(Event):
    description: str = Field(description="Sanitised HTML.")
    organisers: list[Link]
    participants: list[Link]
    topics: list[Link]
    regions: list[Link]


class Article(Schema):
    """An article as lists show it."""

    id: int
    url: str
    language: str
    headline: str
    standfirst: str
    dateline: datetime.date
    byline: str = Field(description="The credit as printed, when no author is named.")
    authors: list[Link]
    topics: list[Link]
    regions: list[Link]
    published_at: datetime.datetime
    updated_at: datetime.datetime = Field(
        description="When its text last changed for readers; its publication time until then."
    )

    @staticmethod
    def resolve_url(obj, context) -> str:
        return absolute(context, obj.get_absolute_url())

    @staticmethod
    def resolve_authors(obj) -> list:
        return obj.authors_in_order

    @staticmethod
    def resolve_topics(obj) -> list:
        return obj.topics.all()

    @staticmethod
    def resolve_regions(obj) -> list:
        return obj.regions.all()

    @staticmethod
    def resolve_updated_at(obj) -> datetime.datetime:
        # As the feeds and the structured data put it.
        return obj.revised_at or obj.published_at


class HeroImage(Schema):
    url: str
    alt: str
    caption: str
    credit: str
    width: int | None
    height: int | None


class Translation(Schema):
    """Another language version of the story that readers can see."""

    id: int
    language: str
    url: str

    @staticmethod
    def resolve_url(obj, context) -> str:
        return absolute(context, obj.get_absolute_url())


class Correction(Schema):
    corrected_at: datetime.datetime
    note: str


class ArticleDetail(Article):
    """An article whole; what it links comes from `Article.linked` in one query, kept by
    the view in `links` with its translations and corrections."""

    body: str = Field(
        description="Sanitised HTML; the library's pictures in it as <img> at absolute addresses."
    )
    hero_image: HeroImage | None
    people: list[Link]
    organisations: list[Link]
    events: list[Link]
    translations: list[Translation]
    corrections: list[Correction]

    @staticmethod
    def resolve_authors(obj) -> list:
        return obj.links["bylines"]

    @staticmethod
    def resolve_body(obj, context) -> str:
        # What readers of the story's edition are told about its pictures.
        with translation.override(obj.language):
            return body.expand(obj.body, absolute=context["request"].build_absolute_uri)

    @staticmethod
    def resolve_topics(obj) -> list:
        return obj.links["topics"]

    @staticmethod
    def resolve_regions(obj) -> list:
        return obj.links["regions"]

    @staticmethod
    def resolve_people(obj) -> list:
        return obj.links["people"]

    @staticmethod
    def resolve_organisations(obj) -> list:
        return obj.links["organisations"]

    @staticmethod
    def resolve_events(obj) -> list:
        return obj.links["events"]

    @staticmethod
    def resolve_translations(obj) -> list:
        return obj.links["translations"]

    @staticmethod
    def resolve_corrections(obj) -> list:
        return obj.links["corrections"]

    @staticmethod
    def resolve_hero_image(obj, context) -> dict | None:
        image = obj.hero_image
        if image is None:
            return None
        # What readers of the story's edition are told about it.
        with translation.override(obj.language):
            return {
                "url": absolute(context, image.file.url),
                "alt": image.alt,
                "caption": image.caption,
                "credit": image.credit,
                "width": image.width,
                "height": image.height,
            }


class Error(Schema):
    detail: str | list = Field(description="What was wrong with the request.")
