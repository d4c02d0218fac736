"""The database's full-text index as querysets use it; no model is imported here.

On PostgreSQL, a table's stored, GIN-indexed `search_vector` column (migrations 0005 and
0009; the articles' kept in the row, 0018) with the 'russian' configuration: Cyrillic
words get the Russian stemmer, Latin words the English one, other scripts (Arabic) are
kept whole. On SQLite, the articles'
FTS5 table that migration 0005 keeps by triggers.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db import connection
from django.db.models.expressions import Expression

SEARCH_CONFIG = "russian"
MAX_WORDS = 16
WORD = re.compile(r"\w+")

# Search ranks the newest CANDIDATES matches, not every one: a common word matches nearly
# every article, and ranking (and counting) 100,000 of them takes seconds, while the
# newest hundred are found by walking the publish-time index and are what readers of news
# look for. Older articles are a date filter away. The walk costs most for a word in a few
# percent of articles, which it reads a few dozen rows to find each of: at 100,000
# articles "Lavrov" (in 5%) took 17-24 ms for 300 candidates, 7-10 ms for 100.
CANDIDATES = 100


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


def search_query(query: str) -> SearchQuery:
    return SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")


def fts_match(query: str) -> str:
    """The FTS5 MATCH expression for `query`: each word quoted, never read as an operator."""
    return " ".join('"{}"'.format(word.replace('"', "")) for word in words_of(query))
