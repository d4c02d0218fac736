"""Read plain-text press releases and save them as draft articles, all or nothing.

The format, as in `articles/samples/`:

    Headline on the first non-blank line

    06 March 2023          (or 06 марта 2023, or 6 مارس 2023: see MONTHS)

    Paragraphs, separated by blank lines; the lines of one paragraph are joined.

    GSV "Russia - Islamic world"

    Photo: Russian Foreign Ministry

The last non-blank line is the photo credit when it starts with "Photo:": it is read off
the text, and not kept, for a release comes with no photo to credit (a credit belongs to
a picture in the library, chosen in the admin). Before it, the
last paragraph is the byline when it is a single line shorter than BYLINE_MAX_LENGTH that
does not end a sentence: ignoring closing quotes and brackets, it does not end in
. ! ? … or : (a closing quote alone is not enough: the sample's byline ends in one).
A lone paragraph is always body, never a byline.

A file's language is the script most of its headline and body is written in (`SCRIPTS`),
unless the run names one; either way it must be one of the site's editions
(settings.LANGUAGES). A run may import translations of one original article, named by
the file it was imported from or by its slug.
"""

import datetime
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from os import PathLike
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models.functions import Coalesce
from django.utils.html import format_html_join
from django.utils.translation import get_language_info

from . import suggestions, workflow
from .models import Article

BYLINE_MAX_LENGTH = 80
PROGRESS_EVERY = 100
DATELINE_EXAMPLES = {"en": "06 March 2023", "ru": "06 марта 2023", "ar": "06 مارس 2023"}
ALEFS = str.maketrans("أإآ", "ااا")


def month_numbers(*years: str) -> dict[str, int]:
    """Map each month name to its number, from lists of twelve months separated by commas,
    a month's spellings by slashes."""
    return {
        normal_month(name): number
        for year in years
        for number, names in enumerate(year.split(","), start=1)
        for name in names.split("/")
    }


def normal_month(name: str) -> str:
    """Return a month name as looked up: lower case, one space between words, and the
    alef carrying a hamza or madda written plain, as Arabic is often typed (أبريل, ابريل)."""
    return " ".join(name.lower().split()).translate(ALEFS)


# Each language's month names, spelled out rather than taken from strftime("%B"), which
# follows the process locale. Russian datelines use the genitive (06 марта 2023), the
# nominative is taken too; Arabic has the names of Egypt and the Gulf and those of the
# Levant and Iraq (آذار for March), with the spellings of June and July both in use.
MONTHS = {
    "en": month_numbers(
        "january,february,march,april,may,june,july,august,september,october,november,december"
    ),
    "ru": month_numbers(
        "января,февраля,марта,апреля,мая,июня,июля,августа,сентября,октября,ноября,декабря",
        "январь,февраль,март,апрель,май,июнь,июль,август,сентябрь,октябрь,ноябрь,декабрь",
    ),
    "ar": month_numbers(
        "يناير,فبراير,مارس,أبريل,مايو,يونيو/يونية,يوليو/يولية/يوليه,أغسطس,سبتمبر,أكتوبر,نوفمبر,ديسمبر",
        "كانون الثاني,شباط,آذار,نيسان,أيار,حزيران,تموز,آب,أيلول,تشرين الأول,تشرين الثاني,كانون الأول",
    ),
}
# Python's \d takes Arabic-Indic digits too (٦ مارس ٢٠٢٣), and int() reads them.
DATELINE = re.compile(r"(\d{1,2})\s+([^\W\d_]+(?:\s+[^\W\d_]+)?)\s+(\d{4})")
# The letters of each script whose language an edition can be in; Latin is English.
# English first: a text with no letters of any (digits only) is taken as English.
SCRIPTS = {
    "en": re.compile(r"[a-zA-Z\u00c0-\u024f]"),
    "ru": re.compile(r"[\u0400-\u04ff]"),
    "ar": re.compile(r"[\u0600-\u06ff]"),
}
PHOTO_CREDIT = re.compile(r"photo:\s*(.*)", re.IGNORECASE)
SENTENCE_END = tuple(".!?…:")
CLOSING_MARKS = "\"'”’»)]"


class ImportRefused(Exception):
    """A run that cannot be imported: nothing is saved."""


class PressReleaseError(ImportRefused):
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
    language: str = ""
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
            source_digest=self.source_digest or None,
            language=self.language,
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


def editions() -> list[str]:
    return [code for code, _ in settings.LANGUAGES]


def language_name(code: str) -> str:
    return get_language_info(code)["name"]


def parse_dateline(text: str, name: str, line: int) -> datetime.date:
    """Return the date of a dateline like "06 March 2023", its month named in English or
    in the language of an edition."""
    match = DATELINE.fullmatch(text)
    if match:
        day, month, year = match.groups()
        month = normal_month(month)
        for language, months in MONTHS.items():
            if month not in months:
                continue
            if language != "en" and language not in editions():
                raise MalformedPressRelease(
                    name,
                    line,
                    f'"{text}" names its month in {language_name(language)}, which is not '
                    "one of this site's languages (settings.LANGUAGES)",
                )
            try:
                return datetime.date(int(year), months[month], int(day))
            except ValueError:
                break
    raise MalformedPressRelease(name, line, f'"{text}" is not a date like {dateline_examples()}')


def dateline_examples() -> str:
    return " or ".join(
        f'"{DATELINE_EXAMPLES[language]}"' for language in dict.fromkeys(["en", *editions()])
    )


def language_of(release: PressRelease) -> str:
    """Return the language of the script most letters of the headline and body are in."""
    text = " ".join([release.headline, *release.paragraphs])
    return max(SCRIPTS, key=lambda language: len(SCRIPTS[language].findall(text)))


def is_byline(text: str) -> bool:
    """Say whether a one-line final paragraph is a credit rather than a sentence."""
    return len(text) < BYLINE_MAX_LENGTH and not text.rstrip(CLOSING_MARKS).endswith(SENTENCE_END)


def parse_press_release(text: str, name: str = "<text>", language: str = "") -> PressRelease:
    """Return the press release in text, in `language` or the one its script says; raise
    MalformedPressRelease naming the line at fault."""
    lines = [line.strip() for line in text.split("\n")]
    filled = [(number, line) for number, line in enumerate(lines, start=1) if line]
    if not filled:
        raise MalformedPressRelease(name, 1, "the file is empty; expected a headline")

    (headline_line, headline), *rest = filled
    check_length(name, headline_line, headline, "headline")
    if not rest:
        raise MalformedPressRelease(
            name, headline_line + 1, f"expected a dateline like {dateline_examples()}"
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
        body_end = last_line - 1

    blocks = paragraphs(lines[dateline_line:body_end])
    byline = ""
    if len(blocks) > 1 and len(blocks[-1]) == 1 and is_byline(blocks[-1][0]):
        byline = blocks.pop()[0]
    if not blocks:
        raise MalformedPressRelease(name, dateline_line + 1, "no body after the dateline")
    release = PressRelease(
        headline=headline,
        dateline=dateline,
        paragraphs=tuple(" ".join(block) for block in blocks),
        byline=byline,
        hero_credit=hero_credit,
    )
    release = replace(release, language=language or language_of(release))
    if release.language not in editions():
        raise PressReleaseError(
            name,
            f"is written in {language_name(release.language)}, which is not one of this "
            "site's languages (settings.LANGUAGES); --language names the one it is in",
        )
    return release


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


def read_bytes(path: str | PathLike) -> bytes:
    try:
        with open(path, "rb") as file:
            return file.read()
    except OSError as exc:
        raise PressReleaseError(path, f"cannot be read ({exc.strerror})") from exc


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_press_release(path: str | PathLike, language: str = "") -> PressRelease:
    """Return the press release in the file at path, with the digest of its bytes."""
    data = read_bytes(path)
    release = parse_press_release(decode(data, str(path)), str(path), language)
    return replace(release, source_digest=digest(data))


def original_named(given: str | PathLike) -> Article:
    """Return the original of the article imported from the file `given`, or of the one
    whose slug it is: that article, or the one it translates."""
    if Path(given).is_file():
        article = Article.objects.filter(source_digest=digest(read_bytes(given))).first()
        if article is None:
            raise PressReleaseError(given, "no article was imported from it; import it first")
        return article.translation_of or article
    stories = set(
        Article.objects.filter(slug=given)
        .annotate(story=Coalesce("translation_of", "pk"))
        .values_list("story", flat=True)
    )
    if not stories:
        raise ImportRefused(f'"{given}": no such file, and no article has that slug')
    if len(stories) > 1:
        raise ImportRefused(
            f'"{given}" is the slug of {len(stories)} stories; name the original\'s file instead'
        )
    return Article.objects.get(pk=stories.pop())


def check_translation(name: str, release: PressRelease, original: Article) -> None:
    """Refuse a translation into the original's language, or into one it has already."""
    language = language_name(release.language)
    if release.language == original.language:
        raise PressReleaseError(name, f"is in {language}, as is its original “{original}”")
    existing = original.translations.filter(language=release.language).first()
    if existing:
        raise PressReleaseError(
            name, f"“{original}” has a translation into {language} already: “{existing}”"
        )


def import_press_releases(
    paths: Iterable[str | PathLike],
    *,
    language: str = "",
    translation_of: str | PathLike | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    link: bool = False,
) -> ImportResult:
    """Save every file as a draft article, skipping those already imported; all or nothing.

    Each is offered the links the linker suggests (articles.suggestions); with `link`, it
    links them all at once, for a back catalogue no editor will go through.

    Each is in `language`, or the one its script says. With `translation_of` (the file
    an article was imported from, or its slug), each is a translation of that article's
    original, made from its live revision.
    """
    if language and language not in editions():
        raise ImportRefused(
            f'"{language}" is not one of this site\'s languages: '
            f"{', '.join(editions())} (settings.LANGUAGES)"
        )
    paths = list(paths)
    # Parse everything before saving anything, so that a malformed file leaves no trace.
    # progress("read" or "saved", done, total) is called every PROGRESS_EVERY files.
    releases = []
    for done, path in enumerate(paths, start=1):
        releases.append((str(path), read_press_release(path, language)))
        if progress and done % PROGRESS_EVERY == 0:
            progress("read", done, len(paths))

    result = ImportResult(imported=[], skipped=[])
    with transaction.atomic():
        original = original_named(translation_of) if translation_of else None
        known = existing_articles(release.source_digest for _, release in releases)
        to_save = len({release.source_digest for _, release in releases} - known.keys())
        for name, release in releases:
            if release.source_digest in known:
                result.skipped.append((name, known[release.source_digest]))
                continue
            article = release.as_article()
            if original:
                check_translation(name, release, original)
                article.translation_of = original
                article.translated_revision = original.live_revision
            workflow.create_draft(article, comment=f"Imported from {Path(name).name}")
            suggestions.offer_for(article, links={})
            if link:
                suggestions.accept(article, by=None, editing=article.revision)
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
