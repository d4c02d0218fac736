"""Stored, GIN-indexed search vectors for people, organisations and events on PostgreSQL.

Search used to build each one's vector on the fly, for every row, on every search: a few
thousand of them cost more than ranking the articles. Like the articles' in 0005, each
vector is a generated column (the name weighted A, the rest B, the 'russian'
configuration), so every write by whatever code path updates what search finds. SQLite
matches these few rows with `icontains` and needs nothing.

A later migration that changes one of the fields a vector reads must drop that column
first and add it back, as 0005 says for articles.
"""

from django.db import migrations

# Table, the name column (weight A), the columns weighted B; the order of
# the search_fields of articles.models.LINK_KINDS.
VECTORS = [
    ("articles_person", "name", ["name_variants", "role_title", "bio"]),
    ("articles_organisation", "name", ["acronym", "aliases", "description"]),
    ("articles_event", "name", ["venue", "description"]),
]


def vector(name, rest):
    rest = " || ' ' || ".join(f"coalesce({column}, '')" for column in rest)
    return (
        f"setweight(to_tsvector('russian'::regconfig, coalesce({name}, '')), 'A')"
        f" || setweight(to_tsvector('russian'::regconfig, {rest}), 'B')"
    )


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, name, rest in VECTORS:
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN search_vector tsvector"
            f" GENERATED ALWAYS AS ({vector(name, rest)}) STORED"
        )
        schema_editor.execute(
            f"CREATE INDEX {table}_search_vector ON {table} USING gin (search_vector)"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, _, _ in VECTORS:
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN search_vector")


class Migration(migrations.Migration):
    dependencies = [("articles", "0008_index_the_newest_of_a_tag")]

    operations = [migrations.RunPython(forwards, backwards)]
