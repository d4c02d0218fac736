import datetime

import pytest

from articles.linking import Linker, Segment, by_kind

from .corpus import load_entries


@pytest.fixture(scope="session")
def entries():
    return load_entries()


@pytest.fixture(scope="session")
def linker(entries):
    return Linker(entries)


@pytest.fixture(scope="session")
def linked(linker):
    """Link a text (the body, unless another field is named) on a dateline and return
    {key: [words]} over every kind."""

    def linked(text, on=datetime.date(2024, 5, 16), field="body"):
        mentions = linker.link([Segment(field, text)], on)
        return {key: words for kind in by_kind(mentions).values() for key, words in kind.items()}

    return linked
