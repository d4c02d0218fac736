"""Schema.org JSON-LD for articles, events, people and organisations.

The JSON is escaped like Django's json_script (<, > and & as \\u escapes), so no text an
editor typed can close the data block; it is data, not script, so CSP leaves it alone.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from jinja2 import pass_context

from articles.models import LINK_KINDS, Article, Event, Organisation, Person, link_kind
from articles.search import plain_text

JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
EVENT_STATUS = {
    Event.Status.SCHEDULED: "https://schema.org/EventScheduled",
    Event.Status.POSTPONED: "https://schema.org/EventPostponed",
    Event.Status.CANCELLED: "https://schema.org/EventCancelled",
    Event.Status.HELD: "https://schema.org/EventScheduled",
}


@pass_context
def json_ld(context, obj):
    """Return a <script type="application/ld+json"> block describing `obj`, the page's
    own object; an article's links are read from the page's context."""
    request = context["request"]
    describe = DESCRIBE[type(obj)]
    data = {"@context": "https://schema.org", **describe(obj, request.build_absolute_uri, context)}
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def publisher(url):
    return {"@type": "Organization", "name": "Newsroom", "url": url("/")}


def reference(obj, url):
    """A short description of a thing of one of LINK_KINDS another object points to."""
    kind = link_kind(type(obj))
    return {"@type": kind.schema_type, "name": obj.name, "url": url(obj.get_absolute_url())}


def article_data(article, url, context):
    authors = [reference(person, url) for person in article.authors_in_order]
    if not authors:
        authors = [{"@type": "Organization", "name": article.byline}] if article.byline else []
    data = {
        "@type": "NewsArticle",
        "headline": article.headline,
        "description": article.standfirst,
        "url": url(article.get_absolute_url()),
        "mainEntityOfPage": url(article.get_absolute_url()),
        "inLanguage": article.language,
        "datePublished": article.published_at,
        # What readers saw change, not draft saves they never saw (`updated_at`).
        "dateModified": article.revised_at or article.published_at,
        "author": authors or [publisher(url)],
        "publisher": publisher(url),
        "about": [],
        "mentions": [],
        "keywords": [
            tag.name for tag in [*context.get("topics", []), *context.get("regions", [])]
        ],
    }
    for kind in LINK_KINDS:
        linked = context.get(kind.name, [])
        data[kind.schema_property] += [reference(entity, url) for entity in linked]
    if article.hero_image:
        data["image"] = [url(article.hero_image.file.url)]
    corrections = context.get("corrections", [])
    if corrections:
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "text": correction.note,
                "datePublished": correction.corrected_at,
                "url": url(f"{article.get_absolute_url()}#{correction.anchor}"),
            }
            for correction in corrections
        ]
    return data


def event_data(event, url, context):
    data = {
        "@type": "Event",
        "name": event.name,
        "url": url(event.get_absolute_url()),
        "eventStatus": EVENT_STATUS[event.status],
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "description": plain_text(event.description),
        "organizer": [reference(organisation, url) for organisation in event.organisers.all()],
    }
    # A recurring event known without its dates has none to give.
    if event.start_date:
        data["startDate"] = event.starts
        data["endDate"] = event.ends
    if event.venue:
        data["location"] = {"@type": "Place", "name": event.venue, "address": event.venue}
    return data


def person_data(person, url, context):
    data = {
        "@type": "Person",
        "name": person.name,
        "url": url(person.get_absolute_url()),
        "jobTitle": person.role_title,
        "alternateName": [alias.name for alias in person.aliases.all()],
        "description": plain_text(person.bio),
        "affiliation": [
            reference(affiliation.organisation, url)
            for affiliation in person.affiliations.all()
            if affiliation.end_date is None
        ],
    }
    if person.portrait:
        data["image"] = url(person.portrait.file.url)
    return data


def organisation_data(organisation, url, context):
    data = {
        "@type": "Organization",
        "name": organisation.name,
        "url": url(organisation.get_absolute_url()),
        "alternateName": [alias.name for alias in organisation.aliases.all()]
        + ([organisation.acronym] if organisation.acronym else []),
        "description": plain_text(organisation.description),
    }
    if organisation.safe_website:
        data["sameAs"] = [organisation.safe_website]
    if organisation.parent:
        data["parentOrganization"] = reference(organisation.parent, url)
    return data


# How each page's object describes itself; every one of LINK_KINDS has a page of its own.
DESCRIBE = {
    Article: article_data,
    Event: event_data,
    Person: person_data,
    Organisation: organisation_data,
}
