"""The library knows which stories' text shows each of its pictures (BodyPicture), and
refuses to delete a picture a text shows; the texts saved before are read once here.

The reading is the one articles.richtext.pictures_in does today, copied so that this
migration keeps working whatever that module becomes.
"""

import re

import django.db.models.deletion
from django.db import migrations, models

REFERENCE = re.compile(r'<figure((?:\s[\w-]+="[^"]*")+)></figure>')
LISTED = re.compile(r'data-(?:image|gallery)="([^"]*)"')


def pictures_in(html):
    return {
        int(pk)
        for found in REFERENCE.finditer(html)
        for listed in LISTED.findall(found[1])
        for pk in listed.split(",")
        if pk.isdecimal()
    }


def forwards(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    BodyPicture = apps.get_model("articles", "BodyPicture")
    Image = apps.get_model("articles", "Image")
    shown = Article.objects.filter(
        models.Q(body__contains="data-image") | models.Q(body__contains="data-gallery")
    )
    existing = set(Image.objects.values_list("pk", flat=True))
    BodyPicture.objects.bulk_create(
        BodyPicture(article_id=article.pk, image_id=pk)
        for article in shown.only("body").iterator()
        for pk in pictures_in(article.body) & existing
    )


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0037_drop_image_fields"),
    ]

    operations = [
        migrations.CreateModel(
            name="BodyPicture",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("article", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="body_pictures", to="articles.article", verbose_name="article")),
                ("image", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="articles.image", verbose_name="image")),
            ],
            options={
                "verbose_name": "picture in a story's text",
                "verbose_name_plural": "pictures in stories' text",
                "constraints": [models.UniqueConstraint(fields=("article", "image"), name="one_body_picture_per_image")],
            },
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
