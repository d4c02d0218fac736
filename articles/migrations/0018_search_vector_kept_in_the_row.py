"""Keep the articles' search vector in the table row on PostgreSQL, not in its TOAST table.

Search walks the publish-time index from the newest article and tests each row's vector
until it has its candidates (`ArticleQuerySet.ranked`); for a name in a few percent of
articles that is thousands of rows. Stored out of line, as PostgreSQL stores a row's
largest values by default, each test read four pages (the row, the TOAST index, the
TOAST row): 60 ms for "Lavrov" at 100,000 articles. Kept in the row (storage MAIN), the
body goes out of line instead, which only an article page and a search snippet read,
and the test reads one page: 17 ms.

A new storage applies to rows written after it; VACUUM FULL writes every row again now
(seconds at 100,000 articles, with the table locked meanwhile), which it cannot do
inside a transaction. A later migration that drops and adds back the column (see 0005)
must set its storage again; tests/articles/test_search.py fails if it is missing.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE articles_article ALTER COLUMN search_vector SET STORAGE MAIN")
    schema_editor.execute("VACUUM FULL articles_article")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE articles_article ALTER COLUMN search_vector SET STORAGE EXTENDED"
    )


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("articles", "0017_tagged_object_ids_as_wide_as_the_ids_they_name")]

    operations = [migrations.RunPython(forwards, backwards)]
