"""The authority directory (issue 15): aliases of people, organisations, events, regions
and topics, people's dated titles, a revision stamp, each entity's directory key; events
without dates (recurring ones), regions with a description.

On PostgreSQL aliases and titles get stored, GIN-indexed search vectors like the entities'
own (0009), in the same configuration: a search finds a thing by any of its names.
Migration 0025 then moves the old comma-separated name columns into aliases.
"""

import uuid

import django.db.models.deletion
from django.contrib.auth.management import create_permissions

from django.db import migrations, models

# Who edits aliases and titles: whoever edits the people, organisations and events they
# belong to (0002), writers without deleting, as with affiliations.
GRANTS = {
    "Editors": [
        f"{action}_{model}"
        for model in ("alias", "title")
        for action in ("add", "change", "delete", "view")
    ],
    "Writers": [
        f"{action}_{model}" for model in ("alias", "title") for action in ("add", "change", "view")
    ],
}


def grant(apps, schema_editor):
    # Permissions are made after migrations run; make them now so the groups can hold them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)
        )


# Table, the column its search vector reads.
VECTORS = [("articles_alias", "name"), ("articles_title", "title")]


def add_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column in VECTORS:
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS"
            f" (to_tsvector('russian'::regconfig, coalesce({column}, ''))) STORED"
        )
        schema_editor.execute(
            f"CREATE INDEX {table}_search_vector ON {table} USING gin (search_vector)"
        )


def drop_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, _ in VECTORS:
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN search_vector")


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0023_labels_in_every_language'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('auth', '0012_alter_user_first_name_max_length'),
    ]

    operations = [
        migrations.CreateModel(
            name='DirectoryRevision',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('stamp', models.UUIDField(default=uuid.uuid4, verbose_name='stamp')),
            ],
            options={
                'verbose_name': 'directory revision',
                'verbose_name_plural': 'directory revisions',
            },
        ),
        migrations.AlterModelOptions(
            name='event',
            options={'ordering': [models.OrderBy(models.F('start_date'), descending=True, nulls_last=True), 'name'], 'verbose_name': 'event', 'verbose_name_plural': 'events'},
        ),
        migrations.AddField(
            model_name='event',
            name='directory_key',
            field=models.CharField(blank=True, editable=False, max_length=200, null=True, unique=True, verbose_name='directory key'),
        ),
        migrations.AddField(
            model_name='event',
            name='recurring',
            field=models.BooleanField(default=False, help_text='Held again and again (every year...): any edition is this event.', verbose_name='recurring'),
        ),
        migrations.AddField(
            model_name='organisation',
            name='directory_key',
            field=models.CharField(blank=True, editable=False, max_length=200, null=True, unique=True, verbose_name='directory key'),
        ),
        migrations.AddField(
            model_name='person',
            name='directory_key',
            field=models.CharField(blank=True, editable=False, max_length=200, null=True, unique=True, verbose_name='directory key'),
        ),
        migrations.AddField(
            model_name='region',
            name='description',
            field=models.TextField(blank=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='region',
            name='description_ar',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='region',
            name='description_en',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='region',
            name='description_ru',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='region',
            name='directory_key',
            field=models.CharField(blank=True, editable=False, max_length=200, null=True, unique=True, verbose_name='directory key'),
        ),
        migrations.AddField(
            model_name='topic',
            name='directory_key',
            field=models.CharField(blank=True, editable=False, max_length=200, null=True, unique=True, verbose_name='directory key'),
        ),
        migrations.AlterField(
            model_name='event',
            name='start_date',
            field=models.DateField(blank=True, null=True, verbose_name='start date'),
        ),
        migrations.CreateModel(
            name='Alias',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('object_id', models.BigIntegerField(verbose_name='object ID')),
                ('name', models.CharField(max_length=300, verbose_name='name')),
                ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='contenttypes.contenttype', verbose_name='content type')),
            ],
            options={
                'verbose_name': 'alias',
                'verbose_name_plural': 'aliases',
                'ordering': ['pk'],
                'indexes': [models.Index(fields=['content_type', 'object_id'], name='articles_al_content_d7d7ae_idx')],
                'constraints': [models.UniqueConstraint(fields=('content_type', 'object_id', 'name'), name='unique_alias_per_entity')],
            },
        ),
        migrations.CreateModel(
            name='Title',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=300, verbose_name='title')),
                ('start_date', models.DateField(blank=True, null=True, verbose_name='from')),
                ('end_date', models.DateField(blank=True, help_text='Empty while it is held.', null=True, verbose_name='to')),
                ('approximate', models.BooleanField(default=False, help_text='The dates are known only roughly.', verbose_name='approximate dates')),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='titles', to='articles.person', verbose_name='person')),
            ],
            options={
                'verbose_name': 'title',
                'verbose_name_plural': 'titles',
                'ordering': ['start_date', 'pk'],
                'constraints': [models.CheckConstraint(condition=models.Q(('end_date__isnull', True), ('start_date__isnull', True), ('end_date__gte', models.F('start_date')), _connector='OR'), name='title_ends_after_it_starts', violation_error_message='A title cannot end before it starts.')],
            },
        ),
        migrations.RunPython(add_vectors, drop_vectors),
        # Backwards the permissions go with their models.
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
