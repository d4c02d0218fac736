import importlib

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import translation

from articles.models import Region, Topic
from tests.factories import make_event, make_organisation, make_person, make_user
from tests.oembed import FakeProvider


@pytest.fixture
def topic(db):
    return Topic.objects.create(name="Foreign policy")


@pytest.fixture
def regions(db):
    """Russia ⊃ Tatarstan ⊃ Kazan, and Malaysia beside them."""
    russia = Region.objects.create(name="Russia")
    tatarstan = Region.objects.create(name="Tatarstan", parent=russia)
    kazan = Region.objects.create(name="Kazan", parent=tatarstan)
    malaysia = Region.objects.create(name="Malaysia")
    return {"russia": russia, "tatarstan": tatarstan, "kazan": kazan, "malaysia": malaysia}


@pytest.fixture
def directory(db):
    """One entity of each kind the linker finds, named as the suggestion tests' texts name
    them."""
    return {
        "person": make_person(name="Sergey Lavrov"),
        "organisation": make_organisation(),
        "event": make_event(name="KazanForum"),
        "region": Region.objects.create(name="Kazan"),
        "topic": Topic.objects.create(name="Foreign policy"),
    }


@pytest.fixture(autouse=True)
def empty_cache():
    """Start every test with an empty cache: pages cached by one test never reach another."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def default_language():
    """Start every test in the default language: a request to /ru/ or to the admin in
    another language leaves that language active in the test's thread, where reverse()
    would then prefix every address with it."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def writer(db):
    return make_user("writer", "Writers")


@pytest.fixture
def editor(db):
    return make_user("editor", "Editors")


@pytest.fixture
def second_editor(db):
    return make_user("second-editor", "Editors")


@pytest.fixture
def superuser(db):
    return make_user("chief", is_superuser=True)


@pytest.fixture
def oembed(settings):
    """Point the embed providers' oEmbed endpoints at a fake provider on 127.0.0.1."""
    provider = FakeProvider()
    settings.NEWSROOM_EMBED_PROVIDERS = provider.providers()
    yield provider
    provider.stop()


# The migrations that make the roles, and the function in each that does it.
ROLE_MIGRATIONS = [
    ("0002_roles", "create_roles"),
    ("0004_review_queue_permissions", "grant"),
    ("0013_corrections_and_withdrawals", "let_editors_review_corrections"),
    ("0024_directory", "grant"),
    ("0031_search_and_social_and_redirects", "grant"),
    ("0032_front_page_layouts", "grant"),
    ("0033_pages_and_menus", "grant"),
    ("0036_images_into_library", "grant"),
]


@pytest.fixture
def roles(transactional_db):
    """Return the Writers and Editors groups as the migrations above leave them.

    An earlier transactional test's flush empties every table, the roles included;
    run those migrations' own code again, against the models as each saw them.
    All are idempotent, so this is safe when the groups are still there.
    """
    loader = MigrationLoader(connection)
    for name, function in ROLE_MIGRATIONS:
        state_apps = loader.project_state(("articles", name)).apps
        migration = importlib.import_module(f"articles.migrations.{name}")
        with connection.schema_editor() as schema_editor:
            getattr(migration, function)(state_apps, schema_editor)
    return {group.name: group for group in Group.objects.filter(name__in=["Writers", "Editors"])}
