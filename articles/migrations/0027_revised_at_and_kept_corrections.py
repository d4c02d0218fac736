"""Articles say when their text last changed for readers; corrections outlive their story.

A nullable column without a default: SQLite adds it in place, keeping the search
triggers of 0005. Stories corrected before this take their latest correction's time.
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Max, OuterRef, Subquery


def revised_when_corrected(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Correction = apps.get_model("articles", "Correction")
    latest = (
        Correction.objects.filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(at=Max("corrected_at"))
        .values("at")
    )
    Article.objects.filter(corrections__isnull=False).update(revised_at=Subquery(latest))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0026_suggested_links"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="revised_at",
            field=models.DateTimeField(
                blank=True,
                editable=False,
                help_text="When a changed text last went live to readers; empty until then.",
                null=True,
                verbose_name="revised at",
            ),
        ),
        migrations.AlterField(
            model_name="correction",
            name="article",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="corrections",
                to="articles.article",
                verbose_name="article",
            ),
        ),
        migrations.RunPython(revised_when_corrected, migrations.RunPython.noop),
    ]
