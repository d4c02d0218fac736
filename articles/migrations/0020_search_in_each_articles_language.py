"""Index each article on PostgreSQL with its own language's text search configuration.

Until now every article was read with 'russian', which stems Cyrillic words as Russian
and Latin ones as English: an English edition's words in Cyrillic, or any Arabic, were
not stemmed as their language. The generated column now picks the configuration from
the row's `language` (`articles.fulltext.CONFIGS` names the same), a CASE over constant
configurations that PostgreSQL accepts as immutable.

PostgreSQL 15 cannot change a generated column's expression: the column is dropped,
with its GIN index, and added back, which computes every row's vector; then it is kept
in the row again (0018), and VACUUM FULL writes the rows so.
"""

from django.db import migrations

VECTOR = """
    ALTER TABLE articles_article ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (
        setweight(to_tsvector({config}, coalesce(headline, '')), 'A')
        || setweight(to_tsvector({config}, coalesce(standfirst, '')), 'B')
        || setweight(to_tsvector({config}, coalesce(body, '')), 'C')
    ) STORED
"""
EACH_LANGUAGE = (
    "CASE language WHEN 'ru' THEN 'russian'::regconfig WHEN 'ar' THEN 'arabic'::regconfig"
    " ELSE 'english'::regconfig END"
)
RUSSIAN = "'russian'::regconfig"


def index_with(config):
    def rebuild(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("ALTER TABLE articles_article DROP COLUMN search_vector")
        schema_editor.execute(VECTOR.format(config=config))
        schema_editor.execute(
            "ALTER TABLE articles_article ALTER COLUMN search_vector SET STORAGE MAIN"
        )
        schema_editor.execute(
            "CREATE INDEX articles_article_search_vector ON articles_article"
            " USING gin (search_vector)"
        )

    return rebuild


def keep_in_the_row(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("VACUUM FULL articles_article")


class Migration(migrations.Migration):
    # VACUUM FULL cannot run inside a transaction; the rebuild runs in one of its own.
    atomic = False

    dependencies = [("articles", "0019_editions_articles_per_language")]

    # Either way, the rows are written again after the column is rebuilt.
    operations = [
        migrations.RunPython(migrations.RunPython.noop, keep_in_the_row),
        migrations.RunPython(index_with(EACH_LANGUAGE), index_with(RUSSIAN), atomic=True),
        migrations.RunPython(keep_in_the_row, migrations.RunPython.noop),
    ]
