"""What an article's body may hold besides text, as the sanitiser sees it.

django-prose-editor makes a field's nh3 allowlist from the extensions the field enables,
each through a processor named in DJANGO_PROSE_EDITOR_EXTENSIONS: these are ours. They
allow the markup of pull quotes, embeds (articles.embeds) and references to the library's
pictures (articles.body), and no more: a figure's classes from a fixed list, ids and sizes
as references, an <iframe> only at an allowed provider's frame address and only with the
attributes embeds emit, which nh3 sets whatever was stored.
`without_stray_frames` finishes the work after nh3, which cannot drop an element.
"""

import re

from django.conf import settings
from django_prose_editor.config import add_allowed_classes, add_tags_and_attributes

from articles import embeds

# A pull quote: <figure class="pull-quote"><blockquote><p>…</p></blockquote>
# <figcaption>who said it</figcaption></figure>.
PULL_QUOTE_TAGS = ["figure", "blockquote", "p", "figcaption"]
# An embed: <figure class="embed" data-embed="<provider>"> with the provider's <iframe>
# (or a <blockquote> of the post's words) and a <figcaption> linking to the original.
EMBED_TAGS = ["figure", "iframe", "blockquote", "p", "figcaption", "a"]
EMBED_ATTRIBUTES = {
    "figure": ["data-embed"],
    "iframe": ["src", "title", "width", "height"],
    "a": ["href"],
}


# A picture of the library, <figure data-image="<id>" data-size="inline|wide|full">, or
# several, <figure data-gallery="<id>,<id>,…">: references that pages expand
# (articles.body, which says how each size is shown), so the body holds no file's address.
IMAGE_SIZES = {"inline", "wide", "full"}
IDS = re.compile(r"\d{1,10}(?:,\d{1,10}){0,49}")
# A reference as nh3 writes it: an empty figure whose every attribute value is
# double-quoted.
REFERENCE = re.compile(r'<figure((?:\s[\w-]+="[^"]*")+)></figure>')
ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')


def attributes(reference: re.Match) -> dict[str, str]:
    return dict(ATTRIBUTE.findall(reference[1]))


def picture_ids(attributes: dict) -> list[int]:
    """The ids of the pictures a figure refers to, in its order."""
    listed = attributes.get("data-image") or attributes.get("data-gallery") or ""
    return [int(pk) for pk in listed.split(",") if pk.isdecimal()]


def pictures_in(html: str) -> set[int]:
    """The ids of every library picture a body refers to."""
    return {pk for found in REFERENCE.finditer(html) for pk in picture_ids(attributes(found))}


def allow_library_images(config, allowlist):
    add_tags_and_attributes(allowlist, ["figure"], {"figure": ["data-image", "data-size"]})
    allowlist["attribute_filter"] = checked_attribute


def allow_galleries(config, allowlist):
    add_tags_and_attributes(allowlist, ["figure"], {"figure": ["data-gallery"]})
    allowlist["attribute_filter"] = checked_attribute


def allow_pull_quotes(config, allowlist):
    add_tags_and_attributes(allowlist, PULL_QUOTE_TAGS, None)
    add_allowed_classes(allowlist, {"figure": ["pull-quote"]})


def allow_embeds(config, allowlist):
    add_tags_and_attributes(allowlist, EMBED_TAGS, EMBED_ATTRIBUTES)
    add_allowed_classes(allowlist, {"figure": ["embed"]})
    allowlist.setdefault("set_tag_attribute_values", {})["iframe"] = embeds.FRAME_ATTRIBUTES
    allowlist["attribute_filter"] = checked_attribute


def checked_attribute(tag: str, attribute: str, value: str) -> str | None:
    """Return an attribute's value if it is one the body may hold, else None (nh3 drops it)."""
    if tag == "iframe":
        if attribute == "src":
            return value if embeds.is_frame(value) else None
        if attribute in ("width", "height"):
            return value if value.isdecimal() and len(value) <= 4 else None
    if tag == "figure":
        if attribute == "data-embed":
            return value if value in settings.NEWSROOM_EMBED_PROVIDERS else None
        if attribute == "data-image":
            return value if value.isdecimal() and len(value) <= 10 else None
        if attribute == "data-size":
            return value if value in IMAGE_SIZES else None
        if attribute == "data-gallery":
            return value if IDS.fullmatch(value) else None
    return value


# An <iframe> as nh3 writes it: every attribute value double-quoted, with any quotation mark
# in it escaped, and whatever was inside it kept as raw text up to the first </iframe>.
FRAME = re.compile(r'<iframe((?:\s[^\s="]+(?:="[^"]*")?)*)>.*?</iframe>', re.S)
SOURCE = re.compile(r'\ssrc="')


def without_stray_frames(html: str) -> str:
    """Drop the frames nh3 leaves without an address (it had one that was refused), and
    empty the others: what is inside a frame is never shown, and may be another frame."""
    return FRAME.sub(
        lambda frame: f"<iframe{frame[1]}></iframe>" if SOURCE.search(frame[1]) else "", html
    )
