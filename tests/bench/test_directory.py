"""The linking bench's made-up directory and article (bench/directory.py): the sizes it
promises, the kinds of names a real directory holds, and an article that mentions what it
was built to mention. Nothing here is timed."""

import json
import re
from collections import Counter

import pytest

from articles.linking import Linker
from bench import directory

CYRILLIC = re.compile("[А-Яа-яЁё]")
ARABIC = re.compile("[\u0600-\u06ff]")


@pytest.fixture(scope="module")
def small():
    return directory.directory(500, 2000)


def names_of(entry):
    return [entry["name"], *entry["aliases"]]


def test_a_small_directory_has_the_entries_and_names_asked_for_in_realistic_shares(small):
    assert len(small) == 500
    assert sum(len(names_of(entry)) for entry in small) == 2000
    assert Counter(entry["kind"] for entry in small) == {
        "person": 300,
        "organisation": 140,
        "region": 40,
        "event": 15,
        "topic": 5,
    }
    assert len({entry["id"] for entry in small}) == 500


def test_the_full_size_directory_has_50000_entries_and_200000_names():
    entries = directory.directory()

    assert len(entries) == 50_000
    assert sum(len(names_of(entry)) for entry in entries) == 200_000
    assert Counter(entry["kind"] for entry in entries)["region"] == 4000


def test_the_directory_is_the_same_for_the_same_seed_and_holds_the_sample(small):
    assert directory.directory(500, 2000) == small
    assert directory.directory(500, 2000, seed=16) != small
    sample = json.loads(directory.SAMPLE_DIRECTORY.read_text())["entries"]
    assert all(entry in small for entry in sample)


def test_the_directory_holds_every_kind_of_name_a_real_one_does(small):
    names = [name for entry in small for name in names_of(entry)]
    people = [entry for entry in small if entry["kind"] == "person"]

    assert sum(bool(CYRILLIC.search(name)) for name in names) > len(names) / 5
    assert any(ARABIC.search(name) for name in names)
    acronyms = [name for name in names if re.fullmatch(r"[A-Z]{2,6}", name)]
    assert len(acronyms) > 10
    assert sum(bool(person["titles"]) for person in people) > len(people) / 10
    assert all(title["from"] for person in people for title in person["titles"])


def test_a_surname_alone_names_only_the_one_person_who_bears_it(small):
    names = Counter(name.casefold() for entry in small for name in names_of(entry))
    alone = [
        alias
        for entry in small
        if entry["kind"] == "person"
        for alias in entry["aliases"]
        if " " not in alias and "." not in alias
    ]

    assert len(alone) > 10
    assert all(names[surname.casefold()] == 1 for surname in alone)


def test_the_article_has_1500_words_and_mentions_every_entry_it_was_built_to(small):
    article = directory.article(small)
    found = Linker(directory.linker_entries(small)).link(article.segments(), article.dateline)

    assert 1500 <= article.words <= 1550
    assert CYRILLIC.search(article.body)
    assert len(article.mentioned) >= 30
    assert article.mentioned <= {mention.entry.key for mention in found}


def test_russian_names_are_inflected_in_the_article():
    assert directory.inflect("Сергей Соколов", "gent") == "Сергея Соколова"
    assert directory.inflect("Северная энергетическая компания", "gent") == (
        "Северной энергетической компании"
    )
