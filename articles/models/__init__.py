"""The newsroom's content model.

tags (Topic, Region and their through models) depends on nothing else here;
people (Person, Organisation, Affiliation) and events (Event) carry those tags;
articles (Article, ArticleAuthor) link to all of them.
"""

from .articles import Article, ArticleAuthor, ArticleQuerySet
from .events import Event, EventQuerySet
from .people import Affiliation, Organisation, Person
from .tags import Region, TaggedRegion, TaggedTopic, Topic

__all__ = [
    "Affiliation",
    "Article",
    "ArticleAuthor",
    "ArticleQuerySet",
    "Event",
    "EventQuerySet",
    "Organisation",
    "Person",
    "Region",
    "TaggedRegion",
    "TaggedTopic",
    "Topic",
]
