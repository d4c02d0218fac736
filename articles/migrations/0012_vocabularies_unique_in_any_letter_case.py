from django.db import migrations, models

from articles.text import clean_name, name_key


def fill_keys(apps, schema_editor):
    """Clean the names of existing topics and regions and key them; two that clash stop
    the migration, to be merged by hand first."""
    for model_name in ["Topic", "Region"]:
        model = apps.get_model("articles", model_name)
        for tag in model.objects.all():
            tag.name = clean_name(tag.name)
            tag.name_key = name_key(tag.name)
            tag.save(update_fields=["name", "name_key"])


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0011_organisation_website_is_a_web_address"),
    ]

    operations = [
        migrations.AddField(
            model_name="region",
            name="name_key",
            field=models.CharField(default="", editable=False, max_length=300),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="topic",
            name="name_key",
            field=models.CharField(default="", editable=False, max_length=300),
            preserve_default=False,
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="region",
            name="name_key",
            field=models.CharField(editable=False, max_length=300, unique=True),
        ),
        migrations.AlterField(
            model_name="topic",
            name="name_key",
            field=models.CharField(editable=False, max_length=300, unique=True),
        ),
    ]
