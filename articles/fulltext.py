"""The database's full-text index as querysets use it; no model is imported here.

On PostgreSQL, a table's stored, GIN-indexed `search_vector` column (migrations 0005 and
0009; the articles' kept in the row, 0018). An article's is made with its own language's
text search configuration (`CONFIGS`, migration 0020), and a search in an edition reads
the query with that edition's. People, organisations and events are indexed with
ENTITY_CONFIG. On SQLite, the articles' FTS5 table that migration 0005 keeps by
triggers; FTS5 stems nothing, so each query word is stemmed here, in the edition's
language, and looked for as the start of a word (`terms`).
"""

import os
import re
from typing import NamedTuple

import snowballstemmer
from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db import connection
from django.db.models.expressions import Expression

# Each edition's PostgreSQL text search configuration, which names its Snowball stemmer
# too. Migration 0020 spells the same choice in SQL for the stored vectors.
CONFIGS = {"en": "english", "ru": "russian", "ar": "arabic"}
# 'russian' stems Cyrillic words as Russian and Latin ones as English (migration 0009):
# names of people and places are written in either.
ENTITY_CONFIG = "russian"
# A shorter stem is too wide a prefix ("ес", the EU, would find "если" and "есть"): its
# word is looked for whole.
MIN_PREFIX = 3
MAX_WORDS = 16
WORD = re.compile(r"\w+")

# Search ranks the newest CANDIDATES matches, not every one: a common word matches nearly
# every article, and ranking (and counting) 100,000 of them takes seconds, while the
# newest hundred are found by walking the publish-time index and are what readers of news
# look for. Older articles are a date filter away. The walk costs most for a word in a few
# percent of articles, which it reads a few dozen rows to find each of: at 100,000
# articles "Lavrov" (in 5%) took 17-24 ms for 300 candidates, 7-10 ms for 100.
CANDIDATES = 100
# ... unless the word is in no more than FEW of them, which PostgreSQL reads through the
# search index instead (`ArticleQuerySet.ranked`): walking the publish-time index for a
# word that rare reads thousands of rows for each match.
FEW = 5000


def words_of(query: str) -> list[str]:
    return WORD.findall(query)[:MAX_WORDS]


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


class StoredVector(Expression):
    """A table's `search_vector` column (migrations 0005 and 0009), which no model declares.

    Named through the table's alias, not by RawSQL: it follows the table when the matches
    become a subquery, as `ArticleQuerySet.ranked` makes them.
    """

    output_field = SearchVectorField()

    def __init__(self, alias):
        super().__init__()
        self.alias = alias

    def relabeled_clone(self, change_map):
        return StoredVector(change_map.get(self.alias, self.alias))

    def as_sql(self, compiler, connection):
        return f"{compiler.quote_name(self.alias)}.search_vector", []


def config_of(language: str) -> str:
    """Return the text search configuration of an edition's articles."""
    return CONFIGS.get(language, CONFIGS["en"])


def search_query(query: str, language: str) -> SearchQuery:
    """Return `query` as PostgreSQL reads it in the edition of `language`."""
    return SearchQuery(query, config=config_of(language), search_type="websearch")


def entity_query(query: str) -> SearchQuery:
    return SearchQuery(query, config=ENTITY_CONFIG, search_type="websearch")


class Term(NamedTuple):
    """A query word as SQLite search looks for it: whole, or as the start of a word."""

    text: str
    prefix: bool

    def fts(self) -> str:
        """Quoted, never read as an operator."""
        return f'"{self.text}"*' if self.prefix else f'"{self.text}"'

    def matches(self, word: str) -> bool:
        word = word.lower()
        return word.startswith(self.text) if self.prefix else word == self.text


def terms(query: str, language: str) -> list[Term]:
    """Return the words of `query` as the edition of `language` stems them.

    An inflected form and the text's form share the stem ("Казани", "Казань": "казан"),
    so each word is looked for as what it shares with its stem: a stemmer may also
    rewrite a word's end ("ministry": "ministri") or drop its start (Arabic's article
    ال), which a prefix cannot match.
    """
    words = [word.lower() for word in words_of(query)]
    stems = snowballstemmer.stemmer(config_of(language)).stemWords(words)
    found = []
    for word, stem in zip(words, stems, strict=True):
        shared = os.path.commonprefix([word, stem])
        found.append(Term(shared, True) if len(shared) >= MIN_PREFIX else Term(word, False))
    return found


def fts_match(query: str, language: str) -> str:
    """The FTS5 MATCH expression for `query` in the edition of `language`."""
    return " ".join(term.fts() for term in terms(query, language))
