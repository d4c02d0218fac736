import datetime

import pytest
from django.utils import timezone

from articles import versions
from articles.models import Article, Event, Organisation, Person, Region, Topic


def make_article(**kwargs):
    """Create an article; published and dated today unless told otherwise."""
    kwargs.setdefault("headline", "Lavrov meets OIC ambassadors")
    kwargs.setdefault("standfirst", "Russia keeps up its dialogue with the Islamic world.")
    kwargs.setdefault("body", "<p>Russia maintains mutually respectful relations.</p>")
    kwargs.setdefault("status", Article.Status.PUBLISHED)
    if kwargs["status"] == Article.Status.PUBLISHED:
        kwargs.setdefault("published_at", timezone.now() - datetime.timedelta(minutes=5))
    topics = kwargs.pop("topics", [])
    regions = kwargs.pop("regions", [])
    people = kwargs.pop("people", [])
    article = Article.objects.create(**kwargs)
    article.topics.set(topics)
    article.regions.set(regions)
    article.people.set(people)
    versions.record(article, by=article.created_by)
    if article.status == Article.Status.PUBLISHED:
        article.live_revision = article.revision
        article.save(update_fields=["live_revision"])
    return article


def settle_page_cache():
    """Work out now what the page cache learns once per content generation (when the next
    scheduled change falls), so that a query budget counts only the page's own queries."""
    from articles import cache

    cache.next_change(timezone.now(), cache.generation())


def make_person(**kwargs):
    kwargs.setdefault("name", "Sergey Lavrov")
    kwargs.setdefault("role_title", "Foreign Minister")
    return Person.objects.create(**kwargs)


def make_organisation(**kwargs):
    kwargs.setdefault("name", "Organisation of Islamic Cooperation")
    kwargs.setdefault("acronym", "OIC")
    kwargs.setdefault("kind", Organisation.Kind.INTERNATIONAL)
    return Organisation.objects.create(**kwargs)


def make_event(**kwargs):
    kwargs.setdefault("name", "KazanForum")
    kwargs.setdefault("start_date", timezone.localdate() + datetime.timedelta(days=30))
    kwargs.setdefault("venue", "Kazan Expo")
    return Event.objects.create(**kwargs)


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


@pytest.fixture(autouse=True)
def empty_cache():
    """Start every test with an empty cache: pages cached by one test never reach another."""
    from django.core.cache import cache

    cache.clear()
