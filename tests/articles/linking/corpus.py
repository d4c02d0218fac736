"""The linker's test corpus: a directory in LINKING.md's format read into `Entry` objects
without a database, and press releases read into the segments the linker is given, with
the links drawn up for them by hand."""

import datetime
import json
from pathlib import Path

import articles
from articles.importer import parse_press_release
from articles.linking import Entry, Segment

HERE = Path(__file__).parent
DIRECTORY = HERE / "directory.json"
# The shared sample's own directory, on which its expected links were drawn up; the app
# ships it (`import_directory articles/samples/directory.json`).
SAMPLE_DIRECTORY = Path(articles.__file__).with_name("samples") / "directory.json"
RELEASES = sorted((HERE / "releases").glob("*.txt"))
SAMPLE = HERE / "releases" / "000_9ec0c75d61527fda.txt"


def day(text):
    return datetime.date.fromisoformat(text) if text else None


def load_entries(path=DIRECTORY):
    """Return the entries of a directory file as the linker takes them."""
    return [
        Entry(
            kind=entry["kind"],
            key=entry["id"],
            names=(entry["name"], *entry["aliases"]),
            titles=tuple(
                (title["title"], day(title.get("from")), day(title.get("to")))
                for title in entry.get("titles", ())
            ),
        )
        for entry in json.loads(Path(path).read_text())["entries"]
    ]


def release_segments(path):
    """Return the segments of a press-release file, as the importer reads it, and its
    dateline. The dateline is a date the linker is given, never text it reads."""
    release = parse_press_release(Path(path).read_text(), str(path))
    segments = [
        Segment("headline", release.headline),
        Segment("body", "\n\n".join(release.paragraphs)),
        Segment("byline", release.byline),
        Segment("hero_credit", release.hero_credit),
    ]
    return [segment for segment in segments if segment.text], release.dateline


def expected_links(path):
    """Return the links drawn up by hand for a release: {kind: {key: [words]}}."""
    links = Path(path).with_suffix(".links.json")
    return json.loads(links.read_text())[Path(path).name]
