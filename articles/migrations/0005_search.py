"""Full-text search over articles, kept by the database itself.

PostgreSQL gets a generated tsvector column (headline weighted A, standfirst B, body C)
with a GIN index; SQLite gets an FTS5 table kept in step by triggers. Either way every
write to an article row, by whatever code path, updates what search finds; the model
does not declare these, so each database keeps only what it can run.

A later migration that changes headline, standfirst or body must drop the PostgreSQL
column first and add it back (PostgreSQL will not alter a column a generated one reads);
on SQLite, one that rebuilds the article table drops the triggers, which it must create
again. tests/articles/test_search.py fails on either database if they are missing.
"""

from django.db import migrations

# 'russian' stems Cyrillic words with the Russian stemmer and Latin words with the
# English one (PostgreSQL maps asciiword to english_stem in it), so mixed text works.
POSTGRESQL = [
    (
        """
        ALTER TABLE articles_article ADD COLUMN search_vector tsvector
        GENERATED ALWAYS AS (
            setweight(to_tsvector('russian'::regconfig, coalesce(headline, '')), 'A')
            || setweight(to_tsvector('russian'::regconfig, coalesce(standfirst, '')), 'B')
            || setweight(to_tsvector('russian'::regconfig, coalesce(body, '')), 'C')
        ) STORED
        """,
        "ALTER TABLE articles_article DROP COLUMN search_vector",
    ),
    (
        "CREATE INDEX articles_article_search_vector ON articles_article USING gin (search_vector)",
        "DROP INDEX articles_article_search_vector",
    ),
]

SQLITE = [
    (
        """
        CREATE VIRTUAL TABLE articles_article_fts USING fts5(
            headline, standfirst, body,
            content='articles_article', content_rowid='id', tokenize='unicode61'
        )
        """,
        "DROP TABLE articles_article_fts",
    ),
    (
        "INSERT INTO articles_article_fts(rowid, headline, standfirst, body)"
        " SELECT id, headline, standfirst, body FROM articles_article",
        "",
    ),
    (
        """
        CREATE TRIGGER articles_article_fts_insert AFTER INSERT ON articles_article BEGIN
            INSERT INTO articles_article_fts(rowid, headline, standfirst, body)
            VALUES (new.id, new.headline, new.standfirst, new.body);
        END
        """,
        "DROP TRIGGER articles_article_fts_insert",
    ),
    (
        """
        CREATE TRIGGER articles_article_fts_delete AFTER DELETE ON articles_article BEGIN
            INSERT INTO articles_article_fts(articles_article_fts, rowid, headline, standfirst, body)
            VALUES ('delete', old.id, old.headline, old.standfirst, old.body);
        END
        """,
        "DROP TRIGGER articles_article_fts_delete",
    ),
    (
        """
        CREATE TRIGGER articles_article_fts_update
        AFTER UPDATE OF headline, standfirst, body ON articles_article BEGIN
            INSERT INTO articles_article_fts(articles_article_fts, rowid, headline, standfirst, body)
            VALUES ('delete', old.id, old.headline, old.standfirst, old.body);
            INSERT INTO articles_article_fts(rowid, headline, standfirst, body)
            VALUES (new.id, new.headline, new.standfirst, new.body);
        END
        """,
        "DROP TRIGGER articles_article_fts_update",
    ),
]

STATEMENTS = {"postgresql": POSTGRESQL, "sqlite": SQLITE}


def forwards(apps, schema_editor):
    for sql, _ in STATEMENTS.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    for _, sql in reversed(STATEMENTS.get(schema_editor.connection.vendor, [])):
        if sql:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_review_queue_permissions")]

    operations = [migrations.RunPython(forwards, backwards)]
