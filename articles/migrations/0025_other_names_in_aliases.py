"""The aliases table becomes the one home of other names: people's comma-separated
`name_variants` and organisations' `aliases` move into Alias rows, and the two columns go.

On PostgreSQL the stored search vectors of 0022 read those columns: they are made again
without them before the columns are dropped (a search still finds the names, through the
aliases' own vectors of 0024). Backwards, the columns come back first, the vectors read
them again, and the aliases of people and organisations are joined back into their
columns (the aliases of other kinds stay, having had no column).
"""

from django.db import migrations

LANGUAGES = ("en", "ru", "ar")

# Model, its old column of other names, that column's length.
OLD_COLUMNS = [("person", "name_variants", 500), ("organisation", "aliases", 500)]

# Table, its untranslated columns weighted B with or without the old columns, its
# translated ones (B); the name in every language is weighted A (0022).
VECTORS = [
    ("articles_person", ["name_variants"], [], ["role_title", "bio"]),
    ("articles_organisation", ["acronym", "aliases"], ["acronym"], ["description"]),
]


def vector(weight, columns):
    text = " || ' ' || ".join(f"coalesce({column}, '')" for column in columns)
    return f"setweight(to_tsvector('russian'::regconfig, {text}), '{weight}')"


def remake_vectors(schema_editor, with_old_columns):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, with_old, without_old, translated in VECTORS:
        untranslated = with_old if with_old_columns else without_old
        rest = untranslated + [f"{field}_{code}" for field in translated for code in LANGUAGES]
        expression = (
            vector("A", [f"name_{code}" for code in LANGUAGES]) + " || " + vector("B", rest)
        )
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN search_vector")
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN search_vector tsvector"
            f" GENERATED ALWAYS AS ({expression}) STORED"
        )
        schema_editor.execute(
            f"CREATE INDEX {table}_search_vector ON {table} USING gin (search_vector)"
        )


def split(names):
    """The distinct names of a comma-separated list, in order, empty ones left out."""
    return list(dict.fromkeys(name.strip() for name in names.split(",") if name.strip()))


def into_aliases(apps, schema_editor):
    Alias = apps.get_model("articles", "Alias")
    ContentType = apps.get_model("contenttypes", "ContentType")
    aliases = []
    for model_name, column, _ in OLD_COLUMNS:
        rows = apps.get_model("articles", model_name).objects.exclude(**{column: ""})
        if not rows.exists():
            continue
        # Made here on a database the post_migrate signal has not filled yet.
        content_type, _ = ContentType.objects.get_or_create(
            app_label="articles", model=model_name
        )
        for pk, names in rows.values_list("pk", column):
            aliases += [
                Alias(content_type=content_type, object_id=pk, name=name[:300])
                for name in split(names)
            ]
    Alias.objects.bulk_create(aliases, batch_size=500)


def out_of_aliases(apps, schema_editor):
    Alias = apps.get_model("articles", "Alias")
    for model_name, column, length in OLD_COLUMNS:
        model = apps.get_model("articles", model_name)
        names = {}
        rows = Alias.objects.filter(
            content_type__app_label="articles", content_type__model=model_name
        )
        for object_id, name in rows.order_by("pk").values_list("object_id", "name"):
            joined = names.get(object_id)
            joined = name if joined is None else f"{joined}, {name}"
            # Whole names that fit the old column; the rest are lost going back.
            if len(joined) <= length:
                names[object_id] = joined
        for pk, joined in names.items():
            model.objects.filter(pk=pk).update(**{column: joined})
        # Moved, not copied: forwards again makes them anew.
        rows.delete()


def vectors_without_old_columns(apps, schema_editor):
    remake_vectors(schema_editor, with_old_columns=False)


def vectors_with_old_columns(apps, schema_editor):
    remake_vectors(schema_editor, with_old_columns=True)


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0024_directory"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(into_aliases, out_of_aliases),
        migrations.RunPython(vectors_without_old_columns, vectors_with_old_columns),
        migrations.RemoveField(model_name="organisation", name="aliases"),
        migrations.RemoveField(model_name="person", name="name_variants"),
    ]
