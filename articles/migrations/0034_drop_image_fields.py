from django.db import migrations


class Migration(migrations.Migration):
    """The pictures live in the library now (0033 moved them)."""

    dependencies = [
        ("articles", "0033_images_into_library"),
    ]

    operations = [
        migrations.RemoveField("article", "hero_file"),
        migrations.RemoveField("article", "hero_renditions"),
        migrations.RemoveField("article", "hero_width"),
        migrations.RemoveField("article", "hero_height"),
        migrations.RemoveField("article", "hero_alt"),
        migrations.RemoveField("article", "hero_caption"),
        migrations.RemoveField("article", "hero_credit"),
        migrations.RemoveField("person", "portrait_file"),
        migrations.RemoveField("person", "portrait_renditions"),
        migrations.RemoveField("person", "portrait_width"),
        migrations.RemoveField("person", "portrait_height"),
    ]
