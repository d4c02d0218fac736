"""Versions of an article: what a save keeps, how two compare, how one comes back.

A version's content holds the article's own fields as strings (as serialisers write
them), the library images it shows by id, and its links as lists of ids; bylines and
documents keep their printed order.
"""

import dataclasses
import difflib
import re
from html import unescape

from django.db import transaction
from django.db.models import F
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from . import redirects
from .models import (
    LINK_KINDS,
    Article,
    ArticleAuthor,
    ArticleDocument,
    ArticleVersion,
    Document,
    Image,
    Person,
    Region,
    Topic,
)

CONTENT_FIELDS = [
    "headline",
    "slug",
    "standfirst",
    "body",
    "dateline",
    "byline",
    "hero_image",
    "social_image",
    "meta_title",
    "meta_description",
    "noindex",
    "canonical_url",
]
# The library images among them, kept as ids (or None).
IMAGE_FIELDS = ["hero_image", "social_image"]
LINKS = {
    **{kind.name: kind.model for kind in LINK_KINDS},
    "topics": Topic,
    "regions": Region,
    "bylines": Person,
    "documents": Document,
}
# Links in an order of their own: (the rows that hold it, the column of the thing linked).
ORDERED = {"bylines": (ArticleAuthor, "person"), "documents": (ArticleDocument, "document")}


class EditConflict(Exception):
    """Someone saved the article after this edit began."""

    def __init__(self, article, expected):
        self.article = article
        self.expected = expected
        super().__init__(
            _("%(article)s was saved as version %(saved)s while you edited version %(edited)s.")
            % {"article": article, "saved": article.revision, "edited": expected}
        )


def current_links(article: Article) -> dict[str, list[int]]:
    """Return the ids the article links to now, as stored on the article itself."""
    links = {
        name: sorted(getattr(article, name).values_list("pk", flat=True))
        for name in LINKS
        if name not in ORDERED
    }
    for name, (rows, column) in ORDERED.items():
        links[name] = list(
            rows.objects.filter(article=article)
            .order_by("position", "pk")
            .values_list(f"{column}_id", flat=True)
        )
    return links


def snapshot(article: Article, links: dict[str, list[int]] | None = None) -> dict:
    """Return the article's content as a version keeps it; links default to the stored ones."""
    content = {
        name: Article._meta.get_field(name).value_to_string(article)
        for name in CONTENT_FIELDS
        if name not in IMAGE_FIELDS
    }
    content.update({name: getattr(article, f"{name}_id") for name in IMAGE_FIELDS})
    content.update(current_links(article) if links is None else links)
    return content


def slug_holder(slug: str, article: Article | None = None, *, pending=True) -> Article | None:
    """Return another article that has `slug`, on its row or (with `pending`) in the
    working copy waiting to go live on it; None when the slug is free."""
    others = Article.objects.exclude(pk=getattr(article, "pk", None))
    holder = others.filter(slug=slug).only("headline").first()
    if holder is None and pending:
        waiting = ArticleVersion.objects.filter(
            article__in=others.filter(revision__gt=F("live_revision")),
            number=F("article__revision"),
            content__slug=slug,
        )
        holder = Article.objects.filter(versions__in=waiting).only("headline").first()
    return holder


def record(article: Article, *, by, number: int, comment="", content=None) -> ArticleVersion:
    """Keep the article's content as version `number`, claimed by the lifecycle."""
    content = dict(content if content is not None else snapshot(article))
    # Whatever it came from (a form, the importer, an older version restored), a version
    # holds the body as saving the row would: previews and comparisons show what is safe.
    content["body"] = Article._meta.get_field("body").sanitize(content.get("body") or "")
    return ArticleVersion.objects.create(
        article=article,
        number=number,
        content=content,
        created_by=by if getattr(by, "pk", None) else None,
        comment=comment,
    )


def set_content(article: Article, content: dict) -> None:
    """Put a version's field values on an article in memory."""
    for name in CONTENT_FIELDS:
        field = Article._meta.get_field(name)
        if name in IMAGE_FIELDS:
            setattr(article, field.attname, content.get(name))
        else:
            # A version saved before a field existed has none: the field's default.
            value = field.to_python(content[name]) if name in content else field.get_default()
            setattr(article, field.attname, value)


@transaction.atomic
def apply(article: Article, version: ArticleVersion) -> None:
    """Write a version's content onto the article row and its links."""
    content = version.content
    # Where readers may have known it, before this version moves it.
    before = (
        Article.objects.filter(pk=article.pk)
        .values_list("language", "dateline", "slug", "published_at")
        .first()
    )
    set_content(article, content)
    # An image deleted from the library since the version was saved is shown no more.
    shown = [getattr(article, f"{name}_id") for name in IMAGE_FIELDS]
    kept = set(Image.objects.filter(pk__in=shown).values_list("pk", flat=True))
    for name in IMAGE_FIELDS:
        if getattr(article, f"{name}_id") not in kept:
            setattr(article, f"{name}_id", None)
    article.save(update_fields=[*CONTENT_FIELDS, "updated_at"])
    for name, model in LINKS.items():
        if name in ORDERED:
            continue
        getattr(article, name).set(model.objects.filter(pk__in=content.get(name, [])))
    for name, (rows, column) in ORDERED.items():
        rows.objects.filter(article=article).delete()
        existing = set(
            LINKS[name].objects.filter(pk__in=content.get(name, [])).values_list("pk", flat=True)
        )
        rows.objects.bulk_create(
            rows(article=article, position=position, **{f"{column}_id": pk})
            for position, pk in enumerate(pk for pk in content.get(name, []) if pk in existing)
        )
    redirects.article_moved(article, before)


@dataclasses.dataclass
class Passage:
    """A stretch of a compared field: its words marked where they changed (`diff`), or
    paragraphs that did not change, shown folded (`unchanged`)."""

    diff: str = ""
    unchanged: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Change:
    field: str
    label: str
    old: str
    new: str

    @property
    def old_text(self):
        return _readable(self.old) if self.field == "body" else self.old

    @property
    def new_text(self):
        return _readable(self.new) if self.field == "body" else self.new

    def inline_diff(self):
        """Return the new text with removed words struck out and added words marked."""
        return word_diff(self.old_text, self.new_text)

    def passages(self) -> list[Passage]:
        """Return the change a paragraph at a time, runs of unchanged paragraphs apart."""
        before, after = self.old_text.split("\n"), self.new_text.split("\n")
        result = []
        matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
        for op, a1, a2, b1, b2 in matcher.get_opcodes():
            if op == "equal":
                result.append(Passage(unchanged=before[a1:a2]))
                continue
            for old, new in _paired(before[a1:a2], after[b1:b2]):
                result.append(Passage(diff=word_diff(old, new)))
        return result


def _paired(old: list[str], new: list[str]):
    """Pair each rewritten paragraph with what it was, in order, so that it is compared
    word by word; a paragraph with no likely former self was added ("" its old text),
    one left over was removed ("" its new text)."""

    def likeness(a, b):
        return difflib.SequenceMatcher(a=a.split(), b=b.split(), autojunk=False).ratio()

    start = 0
    for text in new:
        candidates = range(start, len(old))
        best = max(candidates, key=lambda k: likeness(old[k], text), default=None)
        if best is None or likeness(old[best], text) < 0.5:
            yield "", text
            continue
        yield from ((removed, "") for removed in old[start:best])
        yield old[best], text
        start = best + 1
    yield from ((removed, "") for removed in old[start:])


def word_diff(old: str, new: str) -> str:
    """Return `new` with the words removed since `old` in <del> and those added in <ins>;
    everything else escaped."""
    before, after = re.findall(r"\S+|\s+", old), re.findall(r"\S+|\s+", new)
    pieces = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op in ("replace", "delete"):
            pieces.append(f"<del>{escape(''.join(before[a1:a2]))}</del>")
        if op in ("replace", "insert"):
            pieces.append(f"<ins>{escape(''.join(after[b1:b2]))}</ins>")
        if op == "equal":
            pieces.append(escape("".join(before[a1:a2])))
    return mark_safe("".join(pieces))


def _readable(html):
    """Return rich text as plain text, a paragraph a line, its entities decoded."""
    flowing = re.sub(r"\s+", " ", html)
    blocks = re.sub(r"</(p|h[1-6]|li|blockquote|pre|figcaption)>|<br\s*/?>", "\n", flowing)
    lines = unescape(strip_tags(blocks)).splitlines()
    return "\n".join(line.strip() for line in lines if line.strip())


def _label(name):
    if name == "bylines":
        return name
    return str(Article._meta.get_field(name).verbose_name)


def changed_labels(old: dict, new: dict) -> list[str]:
    """Return the names of the fields that differ between two versions' content."""
    return [_label(name) for name in [*CONTENT_FIELDS, *LINKS] if old.get(name) != new.get(name)]


def changes(old: dict, new: dict) -> list[Change]:
    """Return the fields that differ between two versions' content, names resolved."""
    names = {}
    for name, model in LINKS.items():
        ids = set(old.get(name, [])) | set(new.get(name, []))
        label = "title" if model is Document else "name"
        names[name] = dict(model.objects.filter(pk__in=ids).values_list("pk", label))
    shown = {old.get(name) for name in IMAGE_FIELDS} | {new.get(name) for name in IMAGE_FIELDS}
    pictures = {image.pk: str(image) for image in Image.objects.filter(pk__in=shown - {None})}
    result = []
    for name in [*CONTENT_FIELDS, *LINKS]:
        empty = [] if name in LINKS else None if name in IMAGE_FIELDS else ""
        before, after = old.get(name, empty), new.get(name, empty)
        if before == after:
            continue
        if name in IMAGE_FIELDS:
            before, after = (pictures.get(pk, f"#{pk}") if pk else "" for pk in (before, after))
        elif name in LINKS:
            before = ", ".join(names[name].get(pk, f"#{pk}") for pk in before or [])
            after = ", ".join(names[name].get(pk, f"#{pk}") for pk in after or [])
        result.append(Change(name, _label(name), str(before), str(after)))
    return result


def preview_article(version: ArticleVersion) -> tuple[Article, dict]:
    """Return an unsaved article holding a version's content, and its links as objects."""
    article = Article(
        pk=version.article_id,
        kind=version.article.kind,
        language=version.article.language,
        status=version.article.status,
    )
    set_content(article, version.content)
    links = {}
    for name, model in LINKS.items():
        ids = version.content.get(name, [])
        found = model.objects.in_bulk(ids)
        links[name] = [found[pk] for pk in ids if pk in found]
    return article, links
