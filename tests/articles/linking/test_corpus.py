"""The corpus itself: a directory the importer's format allows and links drawn up in the
sample's shape, naming entries of the directory with words the releases contain. These
hold whatever the linker does, so that a mistake in the hand-drawn links is caught here
rather than blamed on the linker."""

import datetime
import json

import pytest

from articles.linking import KINDS

from .corpus import DIRECTORY, RELEASES, expected_links, release_segments

DIRECTORY_ENTRIES = json.loads(DIRECTORY.read_text())["entries"]
KIND_OF = {entry["id"]: entry["kind"] for entry in DIRECTORY_ENTRIES}


def test_every_entry_has_a_unique_id_of_its_kind():
    ids = [entry["id"] for entry in DIRECTORY_ENTRIES]
    assert len(ids) == len(set(ids))
    for entry in DIRECTORY_ENTRIES:
        assert entry["kind"] in KINDS
        assert entry["id"].startswith(entry["kind"] + ":")


def test_every_parent_and_seat_is_an_entry_of_the_directory():
    for entry in DIRECTORY_ENTRIES:
        for field in ("parent", "region"):
            if entry.get(field):
                assert entry[field] in KIND_OF, f"{entry['id']}: {field} {entry[field]}"


def test_titles_are_dated_in_iso_and_start_before_they_end():
    for entry in DIRECTORY_ENTRIES:
        for title in entry.get("titles", ()):
            start = datetime.date.fromisoformat(title["from"])
            if title["to"]:
                assert start <= datetime.date.fromisoformat(title["to"]), entry["id"]


@pytest.mark.parametrize("path", RELEASES, ids=lambda path: path.stem)
def test_each_release_has_links_in_the_samples_shape(path):
    links = json.loads(path.with_suffix(".links.json").read_text())
    assert list(links) == [path.name]
    assert list(links[path.name]) == list(KINDS)


@pytest.mark.parametrize("path", RELEASES, ids=lambda path: path.stem)
def test_each_expected_link_names_an_entry_of_its_kind_with_words_of_the_release(path):
    segments, _ = release_segments(path)
    text = "\n".join(segment.text for segment in segments)
    for kind, keys in expected_links(path).items():
        for key, words in keys.items():
            assert KIND_OF.get(key) == kind, key
            assert words and len(words) == len(set(words)), key
            for word in words:
                assert word in text, f"{key}: {word!r}"
