import importlib

import django.db.models.deletion
from django.db import migrations, models

search = importlib.import_module("articles.migrations.0005_search")


def restore_search_triggers(apps, schema_editor):
    """Backwards, SQLite rebuilds the article table to drop its foreign keys, and the
    triggers that keep its search index (0005) go with the old table: make them again."""
    if schema_editor.connection.vendor != "sqlite":
        return
    for sql, _ in search.SQLITE:
        if "CREATE TRIGGER" in sql:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    """Hero images and portraits become library images: the files move aside (hero_file,
    portrait_file) for 0033 to turn into Image rows, and 0034 drops them."""

    dependencies = [
        ("articles", "0031_media_library"),
    ]

    operations = [
        # Run last when going backwards.
        migrations.RunPython(migrations.RunPython.noop, restore_search_triggers),
        migrations.RenameField("article", "hero_image", "hero_file"),
        migrations.RenameField("person", "portrait", "portrait_file"),
        migrations.AddField(
            model_name="article",
            name="hero_image",
            field=models.ForeignKey(
                blank=True,
                help_text="The picture at the top of the story, and on its teasers.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="hero_of",
                to="articles.image",
                verbose_name="hero image",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="social_image",
            field=models.ForeignKey(
                blank=True,
                help_text="Shown where the story is shared; the hero image if none is chosen.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="social_of",
                to="articles.image",
                verbose_name="social image",
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="portrait",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="portrait_of",
                to="articles.image",
                verbose_name="portrait",
            ),
        ),
    ]
