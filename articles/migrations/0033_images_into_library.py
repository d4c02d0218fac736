"""Every stored hero image and portrait becomes one library image.

A file several rows use (a story and its translations share their picture) becomes one
image, with each language's text alternative, caption and credit taken from the story in
that language; the default language's, which the others fall back to, from the first
found when no story of the default language has it. Versions name their picture by the
image's id from now on. The renditions move with the files; `manage.py make_renditions`
then makes their crops.

Writers and editors upload to the library and describe what is in it; editors alone
delete from it (and cannot delete what a story or a person uses).
"""

from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.db.models import signals

LIBRARY = [
    f"{action}_{model}"
    for model in ("image", "document")
    for action in ("add", "change", "view")
]
GRANTS = {"Writers": LIBRARY, "Editors": [*LIBRARY, "delete_image", "delete_document"]}
TEXTS = ("alt", "caption", "credit")
HERO = {"alt": "hero_alt", "caption": "hero_caption", "credit": "hero_credit"}


def unmeasured(model, name):
    """Stop instances of `model` from opening their file `name` to read its size when
    they are made: a file named in an old version may be long gone."""
    field = model._meta.get_field(name)
    signals.post_init.disconnect(field.update_dimension_fields, sender=model)
    return model


def forwards(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    ArticleVersion = apps.get_model("articles", "ArticleVersion")
    Person = apps.get_model("articles", "Person")
    Image = unmeasured(apps.get_model("articles", "Image"), "file")
    default = settings.LANGUAGE_CODE
    languages = tuple(settings.MODELTRANSLATION_LANGUAGES)
    found = {}  # file name: {"width", "height", "renditions", "texts": {language: {...}}}

    def note(name, language, texts, **stored):
        entry = found.setdefault(name, {"texts": {}})
        for key, value in stored.items():
            if value and not entry.get(key):
                entry[key] = value
        entry["texts"].setdefault(language, texts)

    articles = Article.objects.exclude(hero_file="").values(
        "pk", "language", "hero_file", "hero_width", "hero_height", "hero_renditions", *HERO.values()
    )
    for row in articles:
        texts = {text: row[column] for text, column in HERO.items()}
        note(
            row["hero_file"],
            row["language"],
            texts,
            width=row["hero_width"],
            height=row["hero_height"],
            renditions=row["hero_renditions"],
        )
    versions = list(ArticleVersion.objects.values("pk", "content", "article__language"))
    for row in versions:
        name = row["content"].get("hero_image")
        if name:
            texts = {text: row["content"].get(column, "") for text, column in HERO.items()}
            note(name, row["article__language"], texts)
    people = Person.objects.exclude(portrait_file="").values(
        "pk",
        "portrait_file",
        "portrait_width",
        "portrait_height",
        "portrait_renditions",
        *(f"name_{language}" for language in languages),
    )
    for row in people:
        for language in languages:
            if row[f"name_{language}"]:
                note(
                    row["portrait_file"],
                    language,
                    {"alt": row[f"name_{language}"], "caption": "", "credit": ""},
                    width=row["portrait_width"],
                    height=row["portrait_height"],
                    renditions=row["portrait_renditions"],
                )

    ids = {}
    for name, entry in found.items():
        texts = entry["texts"]
        first = texts.get(default) or next(iter(texts.values()))
        fields = {text: first[text] or "" for text in TEXTS}
        for language in languages:
            chosen = texts.get(language) or (first if language == default else None)
            for text in TEXTS:
                fields[f"{text}_{language}"] = (chosen or {}).get(text) or (
                    "" if chosen else None
                )
        image = Image.objects.create(
            file=name,
            width=entry.get("width"),
            height=entry.get("height"),
            renditions=entry.get("renditions"),
            **fields,
        )
        ids[name] = image.pk
    for row in articles:
        Article.objects.filter(pk=row["pk"]).update(hero_image=ids[row["hero_file"]])
    for row in people:
        Person.objects.filter(pk=row["pk"]).update(portrait=ids[row["portrait_file"]])
    for row in versions:
        content = dict(row["content"])
        name = content.pop("hero_image", "")
        for column in [*HERO.values(), "hero_renditions"]:
            content.pop(column, None)
        content["hero_image"] = ids.get(name)
        ArticleVersion.objects.filter(pk=row["pk"]).update(content=content)


def backwards(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    ArticleVersion = apps.get_model("articles", "ArticleVersion")
    Person = apps.get_model("articles", "Person")
    Image = unmeasured(apps.get_model("articles", "Image"), "file")
    images = Image.objects.in_bulk()

    def texts(image, language):
        return {
            column: getattr(image, f"{text}_{language}", None) or getattr(image, text) or ""
            for text, column in HERO.items()
        }

    for article in Article.objects.filter(hero_image__isnull=False).values(
        "pk", "language", "hero_image"
    ):
        image = images[article["hero_image"]]
        Article.objects.filter(pk=article["pk"]).update(
            hero_file=image.file.name,
            hero_width=image.width,
            hero_height=image.height,
            hero_renditions=image.renditions,
            **texts(image, article["language"]),
        )
    for person in Person.objects.filter(portrait__isnull=False).values("pk", "portrait"):
        image = images[person["portrait"]]
        Person.objects.filter(pk=person["pk"]).update(
            portrait_file=image.file.name,
            portrait_width=image.width,
            portrait_height=image.height,
            portrait_renditions=image.renditions,
        )
    for row in ArticleVersion.objects.values("pk", "content", "article__language"):
        content = dict(row["content"])
        content.pop("social_image", None)
        image = images.get(content.pop("hero_image", None))
        if image is None:
            content.update(hero_image="", hero_renditions={}, **dict.fromkeys(HERO.values(), ""))
        else:
            content.update(
                hero_image=image.file.name,
                hero_renditions=image.renditions or {},
                **texts(image, row["article__language"]),
            )
        ArticleVersion.objects.filter(pk=row["pk"]).update(content=content)


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


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        for group in Group.objects.filter(name=name):
            group.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label="articles", codename__in=codenames
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0032_library_images"),
    ]

    operations = [migrations.RunPython(forwards, backwards), migrations.RunPython(grant, revoke)]
