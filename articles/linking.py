"""The linker: which people, organisations, events, regions and topics of the directory an
article mentions, by the house rules of LINKING.md (issue 15). INTERFACE SKETCH: the
implementation is being written; the names and shapes below are the contract.
"""

import datetime
from dataclasses import dataclass, field

# The directory's kinds, in the order `suggest_links` prints them.
KINDS = ("person", "organisation", "event", "region", "topic")


@dataclass(frozen=True)
class Entry:
    """What the linker knows of one entity of the directory."""

    kind: str  # one of KINDS
    key: str  # the directory's id ("person:sergey-lavrov"); "<kind>:<slug>" for others
    names: tuple[str, ...]  # its name in every language, aliases, an acronym
    # People only: (title, from, to), either date None when open.
    titles: tuple[tuple[str, datetime.date | None, datetime.date | None], ...] = ()
    pk: int | None = None  # the entity's primary key, None outside the database


@dataclass(frozen=True)
class Segment:
    """A part of an article the linker reads: "headline", "body", "byline", "hero_credit"."""

    field: str
    text: str


@dataclass
class Mention:
    """An entry an article mentions, with the words that show it and where they are."""

    entry: Entry
    words: list[str] = field(default_factory=list)  # distinct, as written, names first
    positions: list[tuple[str, int, int]] = field(default_factory=list)  # (field, start, end)


class Linker:
    """An automaton over every name of `entries`, built once."""

    def __init__(self, entries):
        raise NotImplementedError

    def link(self, segments, dateline: datetime.date) -> list[Mention]:
        """The entries the segments mention, in the order of their first mention."""
        raise NotImplementedError


def by_kind(mentions) -> dict[str, dict[str, list[str]]]:
    """`suggest_links --json`'s shape: {kind: {key: [words]}} for every kind."""
    result = {kind: {} for kind in KINDS}
    for mention in mentions:
        result[mention.entry.kind][mention.entry.key] = list(mention.words)
    return result


def mentions_in(article) -> list[Mention]:
    """What a saved or unsaved article mentions of the database's directory: its headline,
    body (as text, paragraphs apart), byline and photo credit, on its dateline. Positions
    are offsets in `segments_of(article)`'s texts. The automaton is built once per process
    and rebuilt when the directory has changed (articles.directory.directory_revision)."""
    raise NotImplementedError


def segments_of(article) -> list[Segment]:
    """The parts of `article` the linker reads, as plain text."""
    raise NotImplementedError
