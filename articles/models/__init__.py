"""The newsroom's content model.

directory (Alias, Title, DirectoryRevision) depends on nothing else here: every other
name of the kinds below, people's dated titles, which the linker reads (articles.directory);
tags (Topic, Region and their through models) depends on it alone; base (UnicodeSlugField,
Timestamped, tags()) gives every kind below its slug, timestamps and tags; people (Person,
Organisation, Affiliation) and events (Event) carry those tags;
links (LINK_KINDS) names the kinds an article links to, read by every consumer of those
links; articles (Article, ArticleAuthor) link to all of them; versions (ArticleVersion,
ShareLink) and log (ArticleLogEntry, Correction) record what happens to an article;
front_page (FrontPage, FrontPageSlot, FrontPageVersion) lays articles and topics out
on each edition's front page, as editors arrange and publish it; autosaves (Autosave)
keep what one user typed into its form and has not saved yet; menus (Menu, MenuItem)
link pages, sections, topics and regions in each edition's header and footer;
suggestions (Suggestion) hold what the linker found in an article for an editor to decide;
webhooks (WebhookEndpoint, WebhookDelivery, WebhookAttempt) depend on nothing here: the
receivers told of what happens, and how each delivery went; api (ApiToken, EmbargoRead):
partners' keys to the content API, and their embargoed reads; redirects (Redirect): old
addresses of stories and entities that moved, answering 301; media (Image, Document,
ArticleDocument): the library of pictures and files that articles and people use.
"""

from .api import ApiToken, EmbargoRead
from .articles import Article, ArticleAuthor, ArticleQuerySet, Page, Submission
from .autosaves import Autosave
from .directory import Alias, DirectoryRevision, Title
from .events import Event, EventQuerySet
from .front_page import FrontPage, FrontPageSlot, FrontPageVersion
from .links import LINK_KINDS, LinkKind, link_kind
from .log import ArticleLogEntry, Correction
from .media import ArticleDocument, BodyPicture, Document, Image
from .menus import Menu, MenuItem
from .people import Affiliation, Organisation, Person
from .redirects import Redirect
from .suggestions import Suggestion
from .tags import Region, TaggedRegion, TaggedTopic, Topic
from .versions import ArticleVersion, ShareLink
from .webhooks import WebhookAttempt, WebhookDelivery, WebhookEndpoint

__all__ = [
    "Affiliation",
    "Alias",
    "Article",
    "ArticleAuthor",
    "ArticleDocument",
    "BodyPicture",
    "ArticleLogEntry",
    "ArticleQuerySet",
    "ArticleVersion",
    "ApiToken",
    "Autosave",
    "Correction",
    "DirectoryRevision",
    "Document",
    "EmbargoRead",
    "Event",
    "EventQuerySet",
    "FrontPage",
    "FrontPageSlot",
    "FrontPageVersion",
    "Image",
    "LINK_KINDS",
    "LinkKind",
    "Menu",
    "MenuItem",
    "Organisation",
    "Page",
    "Person",
    "Redirect",
    "Region",
    "ShareLink",
    "Submission",
    "Suggestion",
    "TaggedRegion",
    "TaggedTopic",
    "Title",
    "Topic",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookEndpoint",
    "link_kind",
]
