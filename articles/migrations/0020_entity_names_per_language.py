"""Names, bios and descriptions per language for people, organisations, events, topics and
regions (articles/translation.py; issue 14).

modeltranslation adds a nullable column per supported language, so SQLite adds them in
place (topics' and regions' unique names rebuild those two tables, which have no
triggers). Every existing name, bio and description is the default language's: it is
copied into that language's column, which the others fall back to.

On PostgreSQL the stored search vectors of 0009 read the name column only; they are
dropped and made again over every language's name (weight A), bio or description (B),
so that a search finds a person by any name they have.
"""

from django.conf import settings
from django.db import migrations, models
from django.db.models import F

LANGUAGES = ("en", "ru", "ar")

# Model, its translated fields.
TRANSLATED = {
    "person": ("name", "role_title", "bio"),
    "organisation": ("name", "description"),
    "event": ("name", "description"),
    "topic": ("name", "description"),
    "region": ("name",),
}

# Table, its name column (weight A), its untranslated and translated columns (B): 0009's.
VECTORS = [
    ("articles_person", ["name_variants"], ["role_title", "bio"]),
    ("articles_organisation", ["acronym", "aliases"], ["description"]),
    ("articles_event", ["venue"], ["description"]),
]


def vector(weight, columns):
    text = " || ' ' || ".join(f"coalesce({column}, '')" for column in columns)
    return f"setweight(to_tsvector('russian'::regconfig, {text}), '{weight}')"


def remake_vectors(schema_editor, columns):
    """Make each search vector again, over what `columns` makes of a translated column."""
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, untranslated, translated in VECTORS:
        expression = (
            vector("A", columns("name"))
            + " || "
            + vector("B", untranslated + [c for field in translated for c in columns(field)])
        )
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN search_vector")
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN search_vector tsvector"
            f" GENERATED ALWAYS AS ({expression}) STORED"
        )
        schema_editor.execute(
            f"CREATE INDEX {table}_search_vector ON {table} USING gin (search_vector)"
        )


def copy_into_default_language(apps, schema_editor):
    language = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    for model_name, fields in TRANSLATED.items():
        apps.get_model("articles", model_name).objects.update(
            **{f"{field}_{language}": F(field) for field in fields}
        )


def vectors_in_every_language(apps, schema_editor):
    remake_vectors(schema_editor, lambda field: [f"{field}_{code}" for code in LANGUAGES])


def vectors_of_the_original_columns(apps, schema_editor):
    remake_vectors(schema_editor, lambda field: [field])


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0019_editions_articles_per_language'),
    ]

    operations = [
        migrations.AddField(
            model_name='event',
            name='description_ar',
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='event',
            name='description_en',
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='event',
            name='description_ru',
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='event',
            name='name_ar',
            field=models.CharField(max_length=300, null=True),
        ),
        migrations.AddField(
            model_name='event',
            name='name_en',
            field=models.CharField(max_length=300, null=True),
        ),
        migrations.AddField(
            model_name='event',
            name='name_ru',
            field=models.CharField(max_length=300, null=True),
        ),
        migrations.AddField(
            model_name='organisation',
            name='description_ar',
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='organisation',
            name='description_en',
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='organisation',
            name='description_ru',
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='organisation',
            name='name_ar',
            field=models.CharField(max_length=300, null=True),
        ),
        migrations.AddField(
            model_name='organisation',
            name='name_en',
            field=models.CharField(max_length=300, null=True),
        ),
        migrations.AddField(
            model_name='organisation',
            name='name_ru',
            field=models.CharField(max_length=300, null=True),
        ),
        migrations.AddField(
            model_name='person',
            name='bio_ar',
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='person',
            name='bio_en',
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='person',
            name='bio_ru',
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='person',
            name='name_ar',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='person',
            name='name_en',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='person',
            name='name_ru',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='person',
            name='role_title_ar',
            field=models.CharField(blank=True, help_text='As a headline would put it: “Foreign Minister”.', max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='person',
            name='role_title_en',
            field=models.CharField(blank=True, help_text='As a headline would put it: “Foreign Minister”.', max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='person',
            name='role_title_ru',
            field=models.CharField(blank=True, help_text='As a headline would put it: “Foreign Minister”.', max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='region',
            name='name_ar',
            field=models.CharField(max_length=100, null=True, unique=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='region',
            name='name_en',
            field=models.CharField(max_length=100, null=True, unique=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='region',
            name='name_ru',
            field=models.CharField(max_length=100, null=True, unique=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='topic',
            name='description_ar',
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='topic',
            name='description_en',
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='topic',
            name='description_ru',
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='topic',
            name='name_ar',
            field=models.CharField(max_length=100, null=True, unique=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='topic',
            name='name_en',
            field=models.CharField(max_length=100, null=True, unique=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='topic',
            name='name_ru',
            field=models.CharField(max_length=100, null=True, unique=True, verbose_name='name'),
        ),
        migrations.RunPython(copy_into_default_language, migrations.RunPython.noop),
        migrations.RunPython(vectors_in_every_language, vectors_of_the_original_columns),
    ]
