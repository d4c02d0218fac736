"""Suggested links (issue 15): the linker reads an article when it is imported or saved,
and offers each entity it mentions that the article does not link yet; an editor accepts
(the article then links it) or dismisses each. Nothing is linked without that click,
but for `import_articles --link`, which accepts every suggestion of a back catalogue.

Accepting is an edit like any other: it is saved as a new version through
`workflow.save_edit`, by the same rules (who may edit the article; an accept made on a
page someone has saved since is refused, as that form's save would be).
"""

import re

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import override

from . import linking, versions, workflow
from .models import Article, ArticleVersion, Suggestion
from .models.suggestions import LINKED_BY

# How much of the text around the words the page shows, on either side.
CONTEXT = 60


def offer_for(article: Article, links: dict | None = None) -> None:
    """Offer what the article mentions and does not link, as it stands in memory (the
    newest version's text); `links` are the ids it links (versions.LINKS), by default
    those of its newest version.

    A dismissed suggestion stays dismissed and an accepted one stays as the record of who
    linked it; an offered one is brought up to date with the text, or dropped once its
    entity is no longer mentioned, or is linked by hand.
    """
    linked = linked_ids(newest_links(article) if links is None else links)
    mentions = linking.mentions_in(article)
    texts = {segment.field: segment.text for segment in linking.segments_of(article)}

    wanted = {}  # (content type id, entity id): mention
    for mention in mentions:
        name, model = LINKED_BY[mention.entry.kind]
        if mention.entry.pk is None or mention.entry.pk in linked[name]:
            continue
        content_type = ContentType.objects.get_for_model(model)
        wanted[content_type.pk, mention.entry.pk] = mention

    known = {(s.content_type_id, s.object_id): s for s in article.suggestions.all()}
    gone = [
        suggestion.pk
        for key, suggestion in known.items()
        if suggestion.state == Suggestion.State.OFFERED and key not in wanted
    ]
    if gone:
        Suggestion.objects.filter(pk__in=gone).delete()
    new, changed = [], []
    for (content_type_id, object_id), mention in wanted.items():
        found = {
            "words": list(mention.words),
            "positions": [list(position) for position in mention.positions],
            "context": context_of(texts, mention.positions),
        }
        suggestion = known.get((content_type_id, object_id))
        if suggestion is None:
            new.append(
                Suggestion(
                    article=article,
                    content_type_id=content_type_id,
                    object_id=object_id,
                    **found,
                )
            )
        elif suggestion.state == Suggestion.State.OFFERED and any(
            getattr(suggestion, field) != value for field, value in found.items()
        ):
            for field, value in found.items():
                setattr(suggestion, field, value)
            changed.append(suggestion)
    if new:
        Suggestion.objects.bulk_create(new)
    if changed:
        Suggestion.objects.bulk_update(changed, ["words", "positions", "context"])


def listed(article: Article) -> list[Suggestion]:
    """The article's offered suggestions as its page lists them, with their entities:
    not one its newest version links meanwhile (a restored version, a translation's
    links), nor one whose entity has been deleted. The next save drops those."""
    linked = linked_ids(newest_links(article))
    return [
        suggestion
        for suggestion in article.suggestions.for_panel()
        if suggestion.entity is not None
        and suggestion.object_id not in linked[suggestion.linked_by]
    ]


def linked_ids(links: dict) -> dict[str, set[int]]:
    """The ids of what `links` (versions.LINKS) link, by the field linking each kind."""
    linked = {name: set(links.get(name, [])) for name, _model in LINKED_BY.values()}
    # A person of the byline is linked already: their page lists the article.
    linked["people"] |= set(links.get("bylines", []))
    return linked


def newest_links(article: Article) -> dict[str, list[int]]:
    """The ids the article's newest version links: a live article's row holds the
    published ones, which may be older."""
    content = (
        article.versions.filter(number=article.revision).values_list("content", flat=True).first()
    )
    if content is None:
        return versions.current_links(article)
    return {name: content.get(name, []) for name in versions.LINKS}


def context_of(texts: dict[str, str], positions) -> dict:
    """The text around the first of `positions` (CONTEXT characters either side, cut at a
    space), with where the words are in it."""
    if not positions:
        return {}
    field, start, end = positions[0]
    text = texts.get(field, "")
    left, right = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
    if left > 0 and (space := text.find(" ", left, start)) != -1:
        left = space + 1
    if right < len(text) and (space := text.rfind(" ", end, right)) != -1:
        right = space
    marks, reached = [], 0
    for mark_field, mark_start, mark_end in sorted(positions):
        if mark_field == field and left + reached <= mark_start and mark_end <= right:
            marks.append([mark_start - left, mark_end - left])
            reached = mark_end - left
    return {
        "field": field,
        "text": text[left:right],
        "marks": marks,
        "cut_before": left > 0,
        "cut_after": right < len(text),
    }


def highlighted(context: dict) -> str:
    """The context as HTML: the words in <mark>, everything escaped, "…" where cut."""
    text, pieces, at = context.get("text", ""), [], 0
    for start, end in context.get("marks", []):
        pieces += [escape(text[at:start]), f"<mark>{escape(text[start:end])}</mark>"]
        at = end
    pieces.append(escape(text[at:]))
    before = "…" if context.get("cut_before") else ""
    after = "…" if context.get("cut_after") else ""
    # Paragraphs apart in the body's text run on in one line of context.
    return mark_safe(before + re.sub(r"\n+", " ", "".join(pieces)) + after)


def _chosen(article: Article, only) -> list[Suggestion]:
    """The offered suggestions of the article among the ids `only` (None: all), with
    their entities, by kind; one whose entity has been deleted since is left out."""
    offered = article.suggestions.offered()
    if only is not None:
        offered = offered.filter(pk__in=list(only))
    chosen = offered.select_related("content_type").prefetch_related("entity")
    # In the order the article's page lists them.
    kinds = list(LINKED_BY)
    return sorted((s for s in chosen if s.entity), key=lambda s: (kinds.index(s.kind), s.pk))


@transaction.atomic
def accept(article: Article, *, by, editing: int, only=None) -> list[Suggestion]:
    """Link the article to the entities of its offered suggestions (those whose ids are
    in `only`, or all), as a new version of the one the editor was looking at
    (`editing`); return the suggestions accepted.

    Refused like a save of the article's form: PermissionDenied or WorkflowError when
    `by` may not edit it, versions.EditConflict when someone saved it since `editing`.
    `by` None is the newsroom itself (`import_articles --link`).
    """
    article = Article.objects.select_for_update().get(pk=article.pk)
    if by is not None:
        workflow.STEPS["save"].check(article, by)
    if article.revision != editing:
        raise versions.EditConflict(article, editing)
    chosen = _chosen(article, only)
    if not chosen:
        return []
    newest = article.versions.filter(number=article.revision).first()
    if newest is not None:
        # A live article's row holds the published text: the edit is of the newest.
        versions.set_content(article, newest.content)
        links = {name: list(newest.content.get(name, [])) for name in versions.LINKS}
    else:
        links = versions.current_links(article)
    # One linked meanwhile (a restored version's links) is accepted as it stands.
    linked = linked_ids(links)
    adding = [s for s in chosen if s.object_id not in linked[s.linked_by]]
    for suggestion in adding:
        name = suggestion.linked_by
        links[name] = sorted({*links[name], suggestion.object_id})
    if adding:
        # Kept with the version, like the workflow's own notes: in the default language.
        with override(settings.LANGUAGE_CODE):
            comment = _("Linked as suggested: %(names)s") % {
                "names": ", ".join(str(suggestion.entity) for suggestion in adding)
            }
        comment = Truncator(comment).chars(ArticleVersion._meta.get_field("comment").max_length)
        workflow.save_edit(article, by=by, editing=editing, links=links, comment=comment)
    _decide(chosen, Suggestion.State.ACCEPTED, by)
    return chosen


@transaction.atomic
def dismiss(article: Article, *, by, only=None) -> list[Suggestion]:
    """Dismiss the article's offered suggestions (those whose ids are in `only`, or
    all): they are not offered again for it. Return them. Only who may edit the article
    may (PermissionDenied, WorkflowError)."""
    article = Article.objects.select_for_update().get(pk=article.pk)
    workflow.STEPS["save"].check(article, by)
    chosen = _chosen(article, only)
    _decide(chosen, Suggestion.State.DISMISSED, by)
    return chosen


def _decide(suggestions, state, by) -> None:
    Suggestion.objects.filter(pk__in=[s.pk for s in suggestions]).update(
        state=state, decided_by=by if getattr(by, "pk", None) else None, decided_at=timezone.now()
    )
