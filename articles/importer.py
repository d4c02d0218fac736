"""Read plain-text press releases and save them as draft articles, all or nothing.

The format, as in `articles/samples/`:

    Headline on the first non-blank line

    06 March 2023

    Paragraphs, separated by blank lines; the lines of one paragraph are joined.

    GSV "Russia - Islamic world"

    Photo: Russian Foreign Ministry

The last non-blank line is the photo credit when it starts with "Photo:". Before it, the
last paragraph is the byline when it is a single line shorter than BYLINE_MAX_LENGTH that
does not end a sentence: ignoring closing quotes and brackets, it does not end in
. ! ? … or : (a closing quote alone is not enough: the sample's byline ends in one).
A lone paragraph is always body, never a byline.
"""

import datetime
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from os import PathLike
from pathlib import Path

from django.db import transaction
from django.utils.html import format_html_join

from . import workflow
from .models import Article

BYLINE_MAX_LENGTH = 80
PROGRESS_EVERY = 100
DATELINE_EXAMPLE = "06 March 2023"

# Spelled out rather than taken from strftime("%B"), which follows the process locale.
MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
DATELINE = re.compile(r"(\d{1,2})\s+([^\W\d_]+)\s+(\d{4})")
PHOTO_CREDIT = re.compile(r"photo:\s*(.*)", re.IGNORECASE)
SENTENCE_END = tuple(".!?…:")
CLOSING_MARKS = "\"'”’»)]"


class PressReleaseError(Exception):
    """A file that cannot be imported."""

    def __init__(self, file, message):
        self.file = str(file)
        self.message = message
        super().__init__(f"{self.file}: {message}")


class MalformedPressRelease(PressReleaseError):
    """A file that is not a press release in the expected format, with the line at fault."""

    def __init__(self, file, line, message):
        super().__init__(file, message)
        self.line = line
        self.args = (f"{self.file}, line {line}: {message}",)


@dataclass(frozen=True)
class PressRelease:
    headline: str
    dateline: datetime.date
    paragraphs: tuple[str, ...]
    byline: str = ""
    hero_credit: str = ""
    source_digest: str = ""

    def body_html(self) -> str:
        """Return the paragraphs as escaped <p> elements."""
        return format_html_join("\n", "<p>{}</p>", ((text,) for text in self.paragraphs))

    def as_article(self) -> Article:
        """Return an unsaved draft article holding this press release."""
        return Article(
            headline=self.headline,
            dateline=self.dateline,
            body=self.body_html(),
            byline=self.byline,
            hero_credit=self.hero_credit,
            source_digest=self.source_digest or None,
        )


@dataclass
class ImportResult:
    """What a run did: (file name, article) pairs, in the order the files were given."""

    imported: list[tuple[str, Article]]
    skipped: list[tuple[str, Article]]


def decode(data: bytes, name: str) -> str:
    """Return the text of a UTF-8 file (a BOM allowed) with Unix line endings."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise MalformedPressRelease(
            name, line, f"is not UTF-8 text (byte 0x{data[exc.start]:02x})"
        ) from exc
    if "\x00" in text:
        # UTF-16 text without a BOM decodes as UTF-8 full of NULs, which databases refuse.
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise MalformedPressRelease(name, line, "contains NUL characters; is it UTF-16?")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_dateline(text: str, name: str, line: int) -> datetime.date:
    """Return the date of a dateline like "06 March 2023"."""
    match = DATELINE.fullmatch(text)
    if match:
        day, month, year = match.groups()
        if month.lower() in MONTHS:
            try:
                return datetime.date(int(year), MONTHS[month.lower()], int(day))
            except ValueError:
                pass
    raise MalformedPressRelease(name, line, f'"{text}" is not a date like "{DATELINE_EXAMPLE}"')


def is_byline(text: str) -> bool:
    """Say whether a one-line final paragraph is a credit rather than a sentence."""
    return len(text) < BYLINE_MAX_LENGTH and not text.rstrip(CLOSING_MARKS).endswith(SENTENCE_END)


def parse_press_release(text: str, name: str = "<text>") -> PressRelease:
    """Return the press release in text; raise MalformedPressRelease naming the line at fault."""
    lines = [line.strip() for line in text.split("\n")]
    filled = [(number, line) for number, line in enumerate(lines, start=1) if line]
    if not filled:
        raise MalformedPressRelease(name, 1, "the file is empty; expected a headline")

    (headline_line, headline), *rest = filled
    check_length(name, headline_line, headline, "headline")
    if not rest:
        raise MalformedPressRelease(
            name, headline_line + 1, f'expected a dateline like "{DATELINE_EXAMPLE}"'
        )
    dateline_line, dateline_text = rest[0]
    dateline = parse_dateline(dateline_text, name, dateline_line)

    hero_credit = ""
    body_end = len(lines)
    last_line, last = filled[-1]
    photo = PHOTO_CREDIT.fullmatch(last) if last_line > dateline_line else None
    if photo:
        hero_credit = photo.group(1)
        if not hero_credit:
            raise MalformedPressRelease(name, last_line, '"Photo:" names no one')
        check_length(name, last_line, hero_credit, "hero_credit")
        body_end = last_line - 1

    blocks = paragraphs(lines[dateline_line:body_end])
    byline = ""
    if len(blocks) > 1 and len(blocks[-1]) == 1 and is_byline(blocks[-1][0]):
        byline = blocks.pop()[0]
    if not blocks:
        raise MalformedPressRelease(name, dateline_line + 1, "no body after the dateline")
    return PressRelease(
        headline=headline,
        dateline=dateline,
        paragraphs=tuple(" ".join(block) for block in blocks),
        byline=byline,
        hero_credit=hero_credit,
    )


def paragraphs(lines: list[str]) -> list[list[str]]:
    """Return the runs of non-blank lines."""
    blocks, current = [], []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def check_length(name: str, line: int, text: str, field: str) -> None:
    """Refuse text longer than the article field that will hold it."""
    limit = Article._meta.get_field(field).max_length
    if len(text) > limit:
        label = Article._meta.get_field(field).verbose_name
        raise MalformedPressRelease(
            name, line, f"the {label} is {len(text)} characters long; at most {limit} fit"
        )


def read_press_release(path: str | PathLike) -> PressRelease:
    """Return the press release in the file at path, with the digest of its bytes."""
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError as exc:
        raise PressReleaseError(path, f"cannot be read ({exc.strerror})") from exc
    release = parse_press_release(decode(data, str(path)), str(path))
    return replace(release, source_digest=hashlib.sha256(data).hexdigest())


def import_press_releases(
    paths: Iterable[str | PathLike],
    *,
    progress: Callable[[str, int, int], None] | None = None,
) -> ImportResult:
    """Save every file as a draft article, skipping those already imported; all or nothing."""
    paths = list(paths)
    # Parse everything before saving anything, so that a malformed file leaves no trace.
    # progress("read" or "saved", done, total) is called every PROGRESS_EVERY files.
    releases = []
    for done, path in enumerate(paths, start=1):
        releases.append((str(path), read_press_release(path)))
        if progress and done % PROGRESS_EVERY == 0:
            progress("read", done, len(paths))

    result = ImportResult(imported=[], skipped=[])
    with transaction.atomic():
        known = existing_articles(release.source_digest for _, release in releases)
        to_save = len({release.source_digest for _, release in releases} - known.keys())
        for name, release in releases:
            if release.source_digest in known:
                result.skipped.append((name, known[release.source_digest]))
                continue
            article = release.as_article()
            workflow.create_draft(article, comment=f"Imported from {Path(name).name}")
            # The same file given twice in one run is skipped the second time.
            known[release.source_digest] = article
            result.imported.append((name, article))
            if progress and len(result.imported) % PROGRESS_EVERY == 0:
                progress("saved", len(result.imported), to_save)
    return result


def existing_articles(digests: Iterable[str], batch_size: int = 500) -> dict[str, Article]:
    """Return the articles already imported from files with these digests, by digest."""
    digests = sorted(set(digests))
    found = {}
    # In batches, so that a large run stays within the database's limit on query parameters.
    for start in range(0, len(digests), batch_size):
        batch = digests[start : start + batch_size]
        found.update(
            (article.source_digest, article)
            for article in Article.objects.filter(source_digest__in=batch)
        )
    return found
