"""Old addresses answering 301 to new ones (`Redirect`, models/redirects.py).

Recorded when a story's address changes as the change goes onto its row (`article_moved`,
called by articles.versions.apply: a live story's row changes only when a version goes
live, so a draft rename records nothing until it is published), and when a topic's,
region's, person's, organisation's or event's slug changes, whatever saves it (signals).
Each edition's address is its own row (/ru/people/... beside /people/...).

`RedirectMiddleware` answers only where no page does: a live page always wins over a
redirect, and a 404 is never cached (articles.cache keeps only 200s), so no stale 404
hides a redirect and no redirect outlives the page coming back.
"""

from django.conf import settings
from django.db.models.signals import post_save, pre_save
from django.http import HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve
from django.utils import translation

from .addresses import address
from .models import Article, Event, Organisation, Person, Redirect, Region, Topic

# The addresses each kind of page has, by URL name: its page, feeds and calendar.
ENTITY_ADDRESSES = {
    Topic: [
        "articles:topic",
        "articles:feed_topic",
        "articles:feed_topic_atom",
        "articles:calendar_topic",
    ],
    Region: [
        "articles:region",
        "articles:feed_region",
        "articles:feed_region_atom",
        "articles:calendar_region",
    ],
    Person: ["articles:person", "articles:feed_person", "articles:feed_person_atom"],
    Organisation: [
        "articles:organisation",
        "articles:feed_organisation",
        "articles:feed_organisation_atom",
    ],
    Event: ["articles:event", "articles:event_calendar"],
}
ENTITY_OF_ADDRESS = {name: model for model, names in ENTITY_ADDRESSES.items() for name in names}


class RedirectMiddleware:
    """Answer a request no page answers (404) with a 301 to where its address moved."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        target = Redirect.objects.target_of(request.path)
        if target is None:
            return response
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)


def _resolved(path):
    """The URL match of a path in the edition its prefix names, or None."""
    language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            return resolve(path)
        except Resolver404:
            return None


def answers_itself(path: str) -> bool:
    """Whether the site answers `path` with a page of its own now (a redirect there would
    never be asked): any address of its URLs but a story's or an entity's whose slug
    nothing has, or has only hidden."""
    match = _resolved(path)
    if match is None:
        return False
    slug = match.kwargs.get("slug")
    if match.view_name == "articles:article":
        # Under any date the story answers: it moves to its own (articles.views).
        return Article.objects.published().filter(slug=slug).exists()
    if match.view_name == "articles:page":
        return Article.objects.published_pages().filter(slug=slug).exists()
    if model := ENTITY_OF_ADDRESS.get(match.view_name):
        return model.objects.filter(slug=slug).exists()
    return True


def story_at(path: str) -> Article | None:
    """The story or page whose address `path` is, whatever its state."""
    match = _resolved(path)
    if match is None or match.view_name not in ("articles:article", "articles:page"):
        return None
    kind = Article.Kind.PAGE if match.view_name == "articles:page" else Article.Kind.STORY
    return Article.objects.filter(slug=match.kwargs["slug"], kind=kind).first()


def article_moved(article: Article, before: tuple | None) -> None:
    """Record a move of `article`'s address from where its row had it (`before`: the
    row's language, dateline and slug, read before a version went onto it), if readers
    may have known that address: it was published or scheduled once."""
    if before is None:
        return
    language, dateline, slug, published_at = before
    if published_at is None:
        return
    Redirect.objects.moved(
        article.address_in(language, dateline, slug),
        article.get_absolute_url(),
        reason=Redirect.Reason.ARTICLE_MOVED,
        article=article,
    )


def _remember_slug(sender, instance, raw=False, **kwargs):
    instance._slug_before = None
    if instance.pk and not raw:
        instance._slug_before = (
            sender.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
        )


def _entity_moved(sender, instance, raw=False, **kwargs):
    old = getattr(instance, "_slug_before", None)
    if raw or not old or old == instance.slug:
        return
    for language, _name in settings.LANGUAGES:
        for name in ENTITY_ADDRESSES[sender]:
            Redirect.objects.moved(
                address(name, language=language, slug=old),
                address(name, language=language, slug=instance.slug),
                reason=Redirect.Reason.ENTITY_MOVED,
            )


def connect_signals() -> None:
    """Keep an entity's old addresses answering when its slug changes, whatever the way
    in: the admin, an import, a script."""
    for model in ENTITY_ADDRESSES:
        pre_save.connect(
            _remember_slug, sender=model, dispatch_uid=f"articles.redirects.{model.__name__}.pre"
        )
        post_save.connect(
            _entity_moved, sender=model, dispatch_uid=f"articles.redirects.{model.__name__}.post"
        )
