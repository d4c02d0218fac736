from django.contrib.auth.management import create_permissions
from django.db import migrations

# Writers draft; Editors moderate and publish. Superusers need no group.
ROLES = {
    "Writers": {
        "article": ["add", "change", "view"],
        "articleauthor": ["add", "change", "delete", "view"],
        "person": ["add", "change", "view"],
        "affiliation": ["add", "change", "view"],
        "organisation": ["add", "change", "view"],
        "event": ["add", "change", "view"],
        "topic": ["view"],
        "region": ["view"],
    },
    "Editors": {
        model: ["add", "change", "delete", "view"]
        for model in [
            "article",
            "articleauthor",
            "person",
            "affiliation",
            "organisation",
            "event",
            "topic",
            "region",
        ]
    },
}
EXTRA = {"Editors": ["publish_article"]}


def create_roles(apps, schema_editor):
    # Permissions are made after migrations run; make them now so the groups can hold them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, models in ROLES.items():
        codenames = [
            f"{action}_{model}" for model, actions in models.items() for action in actions
        ]
        codenames += EXTRA.get(name, [])
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(
            Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)
        )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial_content_model"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
