"""The linker on whole press releases, against links drawn up by hand from LINKING.md: the
way issue 15 is judged, by precision and recall over (article, kind, entity) triples."""

import pytest

from articles.linking import Linker, by_kind

from .corpus import (
    RELEASES,
    SAMPLE,
    SAMPLE_DIRECTORY,
    expected_links,
    load_entries,
    release_segments,
)

# The bar the linker is judged at on press releases it has never seen.
PRECISION = 0.99
RECALL = 0.98


def linked_release(linker, path):
    segments, dateline = release_segments(path)
    return by_kind(linker.link(segments, dateline))


def triples(path, links):
    return {(path.name, kind, key) for kind, keys in links.items() for key in keys}


def differences(expected, found):
    missing = "".join(f"\n  missing {triple}" for triple in sorted(expected - found))
    extra = "".join(f"\n  extra   {triple}" for triple in sorted(found - expected))
    return missing + extra


@pytest.mark.parametrize("path", RELEASES, ids=lambda path: path.stem)
def test_the_linker_finds_what_each_release_mentions(linker, path):
    expected = triples(path, expected_links(path))
    found = triples(path, linked_release(linker, path))
    assert found == expected, differences(expected, found)


def test_precision_and_recall_over_the_corpus_meet_the_judged_bar(linker):
    expected, found = set(), set()
    for path in RELEASES:
        expected |= triples(path, expected_links(path))
        found |= triples(path, linked_release(linker, path))
    right = len(expected & found)
    precision = right / len(found) if found else 0.0
    recall = right / len(expected)
    print(
        f"\n{len(RELEASES)} releases: precision {precision:.4f} ({right}/{len(found)}), "
        f"recall {recall:.4f} ({right}/{len(expected)})"
    )
    assert precision >= PRECISION and recall >= RECALL, differences(expected, found)


@pytest.mark.parametrize(
    "directory", [SAMPLE_DIRECTORY, None], ids=["sample-directory", "test-directory"]
)
def test_the_sample_is_linked_word_for_word_as_in_the_example(directory):
    """The shared example, words included, with its own directory and with ours, which
    adds only entries and forms the sample does not contain."""
    linker = Linker(load_entries(directory) if directory else load_entries())
    assert linked_release(linker, SAMPLE) == expected_links(SAMPLE)
