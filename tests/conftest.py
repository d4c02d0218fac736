import pytest
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
