"""The sample newsroom: stories in English and Russian, published, and everything they
mention, named in each language.

Loading is idempotent: a topic, region, person, organisation or event is found by its
English name, a story by its slug (the press release by its file's digest), and each is
brought back to the values in articles.samples.directory and articles.samples.stories;
running it twice adds nothing.
"""

import datetime
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone, translation

from articles import versions, workflow
from articles.importer import import_press_releases
from articles.models import (
    Affiliation,
    Article,
    Event,
    Image,
    Organisation,
    Person,
    Region,
    Topic,
)

from . import directory
from .pictures import star_pattern
from .stories import PRESS_RELEASE_SLUG, STORIES

SAMPLE_PRESS_RELEASE = Path(__file__).with_name("000_9ec0c75d61527fda.txt")

# An original goes live at noon on its dateline, its translation a little later.
ORIGINAL_HOUR, TRANSLATION_HOUR = 12, 14

# Well known on purpose: they exist only with DEBUG on, for a local demo.
DEMO_USERS = [
    {"username": "admin", "password": "admin-demo", "superuser": True, "group": None},
    {"username": "editor", "password": "editor-demo", "superuser": False, "group": "Editors"},
    {"username": "writer", "password": "writer-demo", "superuser": False, "group": "Writers"},
]

# What a story gives besides its content and its links.
STORY_KEYS = {"slug", "language", "translation_of", "picture", "picture_alt", "picture_credit"}


def set_value(obj, field: str, value) -> None:
    """Set a field; a value per language ({"en": ..., "ru": ...}) sets that language's
    column of a translated field (articles/translation.py: `name_ru`...)."""
    if isinstance(value, dict):
        for language, text in value.items():
            setattr(obj, f"{field}_{language}", text)
    else:
        setattr(obj, field, value)


def put(model, name: str, values: dict, tags: dict | None = None):
    """Find the `model` named `name` in English, or make one, and bring it to `values`,
    its aliases to those `values` lists; tag it with the topics and regions `values`
    names, if the model has them."""
    values = dict(values)
    topic_names, region_names = values.pop("topics", None), values.pop("regions", None)
    aliases = values.pop("aliases", [])
    obj = model.objects.filter(name_en=name).first() or model()
    for field, value in values.items():
        set_value(obj, field, value)
    obj.save()
    obj.aliases.exclude(name__in=aliases).delete()
    kept = set(obj.aliases.values_list("name", flat=True))
    for alias in aliases:
        if alias not in kept:
            obj.aliases.create(name=alias)
    if topic_names is not None:
        obj.topics.set([tags["topics"][topic] for topic in topic_names])
        obj.regions.set([tags["regions"][region] for region in region_names])
    return obj


def load_directory() -> dict[str, dict]:
    """Load the directory; return its records by kind and English name."""
    found = {"topics": {}, "regions": {}, "people": {}, "organisations": {}, "events": {}}
    for name, values in directory.TOPICS.items():
        found["topics"][name] = put(Topic, name, values)
    for name, values in directory.REGIONS.items():
        parent = found["regions"].get(values["parent"])
        found["regions"][name] = put(Region, name, {**values, "parent": parent})
    for name, values in directory.PEOPLE.items():
        found["people"][name] = put(Person, name, values, found)
    for name, values in directory.ORGANISATIONS.items():
        found["organisations"][name] = put(Organisation, name, values, found)
    for values in directory.AFFILIATIONS:
        values = dict(values)
        Affiliation.objects.update_or_create(
            person=found["people"][values.pop("person")],
            organisation=found["organisations"][values.pop("organisation")],
            defaults=values,
        )
    for name, values in directory.EVENTS.items():
        values = dict(values)
        organisers, participants = values.pop("organisers"), values.pop("participants")
        event = found["events"][name] = put(Event, name, values, found)
        event.organisers.set([found["organisations"][o] for o in organisers])
        event.participants.set([found["people"][p] for p in participants])
    return found


def links_of(story: dict, found: dict) -> dict[str, list[int]]:
    """The ids a story links, for every kind a version keeps (versions.LINKS)."""
    return {
        kind: sorted(found[kind][name].pk for name in story.get(kind, [])) if kind in found else []
        for kind in versions.LINKS
    }


def sample_article(story: dict) -> Article:
    """The story's article as stored, the press release imported if need be; an unsaved
    one for a story not loaded yet."""
    if story["slug"] == PRESS_RELEASE_SLUG:
        result = import_press_releases([SAMPLE_PRESS_RELEASE])
        [(_, article)] = result.imported or result.skipped
        return article
    return Article.objects.filter(slug=story["slug"]).first() or Article(slug=story["slug"])


def sample_picture(story: dict) -> Image:
    """The library image of a story's drawn picture, shared by the story's editions, with
    what readers of this story's language are told about it. Drawn once: loading again
    keeps the stored picture."""
    title = "Sample stars " + " ".join(story["picture"])
    image = Image.objects.filter(title=title).first() or Image(
        title=title, file=star_pattern(*story["picture"])
    )
    with translation.override(story["language"]):
        changed = (image.alt, image.credit) != (story["picture_alt"], story["picture_credit"])
        image.alt, image.credit = story["picture_alt"], story["picture_credit"]
    # What other languages fall back to is never empty (MODELTRANSLATION_AUTO_POPULATE).
    for text in ("alt", "credit"):
        default = f"{text}_{settings.LANGUAGE_CODE.replace('-', '_')}"
        if not getattr(image, default):
            setattr(image, default, story[f"picture_{text}"])
    if changed or image.pk is None:
        image.save()
    return image


def put_story(story: dict, found: dict, loaded: dict[str, Article]) -> Article:
    """Load one story, published through the lifecycle, linked to its original."""
    article = sample_article(story)
    original = loaded.get(story.get("translation_of"))
    article.language = story["language"]
    for field, value in story.items():
        if field not in STORY_KEYS and field not in versions.LINKS:
            setattr(article, field, value)
    if story.get("picture"):
        article.hero_image = sample_picture(story)
    # As saving would: the version it is compared with holds the sanitised text.
    article.body = Article._meta.get_field("body").sanitize(article.body)
    links = links_of(story, found)
    if article.pk is None:
        workflow.create_draft(article, links=links, comment="Sample newsroom")
    elif versions.changed_labels(
        article.versions.get(number=article.revision).content, versions.snapshot(article, links)
    ):
        workflow.save_edit(
            article, by=None, links=links, editing=article.revision, comment="Sample newsroom"
        )
    if article.status != Article.Status.PUBLISHED or article.has_unpublished_changes:
        # Sample data, not an editorial act: no user need exist to publish it.
        hour = TRANSLATION_HOUR if original else ORIGINAL_HOUR
        at = datetime.datetime.combine(article.dateline, datetime.time(hour))
        workflow.mark_live(article, at=timezone.make_aware(at))
    article.translation_of = original
    article.translated_revision = original.live_revision if original else None
    article.save(update_fields=["language", "translation_of", "translated_revision"])
    return article


@transaction.atomic
def load_sample_newsroom() -> list[Article]:
    """Load the directory and the stories, published; return the stories, the imported
    press release first."""
    # New records take their slugs from their names in the default language.
    with translation.override(settings.LANGUAGE_CODE):
        found = load_directory()
        loaded = {}
        for story in STORIES:
            loaded[story["slug"]] = put_story(story, found, loaded)
    return list(loaded.values())


@transaction.atomic
def create_demo_users() -> list[dict]:
    """Create or reset the demo users and their known passwords; refuse unless DEBUG is on."""
    if not settings.DEBUG:
        raise ImproperlyConfigured("Demo users have published passwords: DEBUG must be on.")
    User = get_user_model()
    for demo in DEMO_USERS:
        user, _ = User.objects.get_or_create(username=demo["username"])
        user.is_active = user.is_staff = True
        user.is_superuser = demo["superuser"]
        user.set_password(demo["password"])
        user.save()
        user.groups.set([Group.objects.get(name=demo["group"])] if demo["group"] else [])
    return DEMO_USERS
