"""Surrogate keys: what a public page shows, named so that the HTTP cache in front of the
site (Varnish, Fastly, Cloudflare: articles.purgers) drops exactly the pages a change
affects, and keeps every other.

A page's keys:
- `<kind>-<id>` (`article-12`, `person-3`, `topic-5`, `image-9`...) for each thing it
  shows, and for the thing whose coverage it lists: a person's page lists the stories
  about them, and an article's page its related coverage, chosen by the people,
  organisations, topics and regions it shares. So a story going live purges the keys of
  everything it is about, and its own; a person renamed purges theirs.
- `<kind>-list` for a list of a whole kind in no one's name: the newest stories (the
  front page, news, feeds, sitemaps, the topic and region counts), the people, the
  upcoming events... A story that enters or leaves lists purges `article-list`.
- `front-page` for the edition's arranged front page, and `site` for every page: the
  header and footer menus every page shows, and the changes nothing narrower names.

They are collected while the page renders (`collecting`): every instance of a kind in
KINDS read from the database, every teaser of a list, and what a view names (`show`).
The lifecycle (articles.workflow) and the signals (articles.cache) say what a change
affects (`of_article`, `of_change`).
"""

import contextlib
from contextvars import ContextVar

from django.apps import apps
from django.db.models.signals import post_init

ARTICLE_LIST = "article-list"
PERSON_LIST = "person-list"
ORGANISATION_LIST = "organisation-list"
EVENT_LIST = "event-list"
TOPIC_LIST = "topic-list"
REGION_LIST = "region-list"
CORRECTION_LIST = "correction-list"
# The lists of every kind: a sitemap's sections.
EVERY_LIST = (
    ARTICLE_LIST,
    PERSON_LIST,
    ORGANISATION_LIST,
    EVENT_LIST,
    TOPIC_LIST,
    REGION_LIST,
)
FRONT_PAGE = "front-page"
SITE = "site"

# The keys of the page being rendered; None outside a public page's rendering.
_shown: ContextVar[set[str] | None] = ContextVar("newsroom_shown", default=None)


def key(obj) -> str:
    """The key of one thing: its kind (a proxy's concrete one: a page is an article) and id."""
    return f"{obj._meta.concrete_model._meta.model_name}-{obj.pk}"


def key_of(model, pk) -> str:
    return f"{model._meta.concrete_model._meta.model_name}-{pk}"


def story(article) -> str:
    """The key of an article's story, its original's: every language version's page
    links the others (the edition switcher, hreflang), so names it, and a version going
    live or away purges it."""
    return key_of(article, article.translation_of_id or article.pk)


def list_key(model) -> str:
    """The key of the lists of a whole kind: `person-list`."""
    return f"{model._meta.concrete_model._meta.model_name}-list"


def show(*keys: str) -> None:
    """Add keys to the page being rendered, if one is."""
    shown = _shown.get()
    if shown is not None:
        shown.update(keys)


@contextlib.contextmanager
def collecting(keys=()):
    """Collect the keys of what is read while the block runs (a page renders), after
    `keys`."""
    shown = {SITE, *keys}
    token = _shown.set(shown)
    try:
        yield shown
    finally:
        _shown.reset(token)


@contextlib.contextmanager
def unseen():
    """Read without adding keys: what every page shows is named `site` instead."""
    token = _shown.set(None)
    try:
        yield
    finally:
        _shown.reset(token)


# Fastly and Cloudflare read no more than 16 KB of keys a page, and ignore those past it.
HEADER_BYTES = 8 * 1024


def bounded(keys) -> set[str]:
    """The keys, or for a page naming more than HEADER_BYTES of them (a sitemap of
    thousands of stories) its lists' keys and `site` only: what it lists is then purged
    when a list changes, and its lifetime bounds how long it shows an old headline."""
    if sum(len(k) + 1 for k in keys) <= HEADER_BYTES:
        return set(keys)
    return {k for k in keys if not k.split("-")[-1].isdigit()}


# The kinds whose instances are named on the pages that read them.
KINDS = (
    "article",
    "person",
    "organisation",
    "event",
    "topic",
    "region",
    "image",
    "document",
    "correction",
)


def _read(sender, instance, **kwargs):
    shown = _shown.get()
    if shown is not None and instance.pk is not None:
        shown.add(key(instance))


def connect_signals() -> None:
    """Name every instance of KINDS a page reads (a proxy, Page, is its own sender)."""
    for model in apps.get_app_config("articles").get_models():
        if model._meta.concrete_model._meta.model_name in KINDS:
            post_init.connect(_read, sender=model, dispatch_uid=f"surrogates-{model.__name__}")


# What a change affects.


def about(article) -> set[str]:
    """The keys of everything `article`, as its row stands, is about: the pages listing
    their coverage (and related coverage) list it. A region's includes those it is in."""
    links = article.linked()
    keys = {key(thing) for things in links.values() for thing in things}
    for region in links["regions"]:
        keys.update(key(outer) for outer in region.lineage())
    return keys


def of_article(article, before: set[str], after: set[str], *, moved: bool) -> set[str]:
    """The keys a change of `article` affects, from what it was about (`before`) and is
    about now (`after`): its own, which every page showing it carries; all of both when it
    entered, left or moved in the lists (`moved`), and `article-list` with them, else only
    those it joined or left; and its story's, for the pages of its other language
    versions. A page in a menu is on every page."""
    from articles.models import MenuItem

    keys = {key(article), story(article)}
    keys |= before | after | {ARTICLE_LIST} if moved else before ^ after
    if MenuItem.objects.filter(page=article.pk).exists():
        keys.add(SITE)
    return keys


def of_change(instance, *, model=None) -> set[str]:
    """The keys a save or delete of `instance` (or a change of its links to `model`)
    affects, for every kind but articles, whose lifecycle says its own; empty when
    readers see none of it."""
    name = instance._meta.concrete_model._meta.model_name
    if name in UNSEEN:
        return set()
    if name in ("person", "organisation", "event", "topic", "region"):
        keys = {key(instance), list_key(instance)}
        if model is not None:
            keys.add(list_key(model))
        # A topic or region may be a menu's link, on every page.
        return keys | ({SITE} if name in ("topic", "region") else set())
    if name in ("image", "document"):
        return {key(instance)}
    if name == "correction":
        return {key(instance), list_key(instance), key_of(instance.article, instance.article_id)}
    if name == "alias":
        return {f"{instance.content_type.model}-{instance.object_id}"}
    if name == "title":
        return {key_of(instance.person, instance.person_id), list_key(instance.person)}
    if name == "affiliation":
        return {
            key_of(instance.person, instance.person_id),
            key_of(instance.organisation, instance.organisation_id),
        }
    if name in ("menu", "menuitem"):
        return {SITE}
    # A kind nobody has said anything of: every page, rather than a stale one.
    return {SITE}


# Saving these changes nothing a page shows, or the lifecycle says what it changes:
# versions and autosaves wait; an article's own rows and links go live with it
# (articles.workflow); the log, share links, tokens and webhooks are the newsroom's own;
# redirects answer beside the cache.
UNSEEN = {
    "article",
    "articleauthor",
    "articledocument",
    "bodypicture",
    "taggedtopic",
    "taggedregion",
    "article_people",
    "article_organisations",
    "article_events",
    "frontpage",
    "frontpageslot",
    "frontpageversion",
    "articleversion",
    "articlelogentry",
    "autosave",
    "suggestion",
    "directoryrevision",
    "sharelink",
    "apitoken",
    "embargoread",
    "webhookendpoint",
    "webhookdelivery",
    "webhookattempt",
    "redirect",
}
