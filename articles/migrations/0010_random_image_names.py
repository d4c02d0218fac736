import articles.images
from django.db import migrations, models


class Migration(migrations.Migration):
    """Uploads get random names. upload_to is no column, but SQLite would rebuild the article
    table for it and lose the search triggers of 0005: change the state only."""

    dependencies = [
        ('articles', '0009_entity_search'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='article',
                    name='hero_image',
                    field=models.ImageField(blank=True, height_field='hero_height', help_text='A JPEG, PNG or WebP of at most 10 MB and 40 megapixels.', upload_to=articles.images.RandomName('articles'), validators=[articles.images.UploadCheck()], width_field='hero_width'),
                ),
                migrations.AlterField(
                    model_name='person',
                    name='portrait',
                    field=models.ImageField(blank=True, height_field='portrait_height', help_text='A JPEG, PNG or WebP of at most 10 MB and 40 megapixels.', upload_to=articles.images.RandomName('people'), validators=[articles.images.UploadCheck()], width_field='portrait_width'),
                ),
            ],
        ),
    ]
