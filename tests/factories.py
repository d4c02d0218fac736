"""One home for the objects tests build: articles, people, organisations, events, users.

Fixtures that hand these out to tests live in tests/conftest.py.
"""

import datetime
import io

from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as Picture

from articles import versions, workflow
from articles.models import Article, Event, Image, Organisation, Person, Region, Topic

# The least a production start needs (DEBUG off).
PRODUCTION_ENV = {"SECRET_KEY": "a-real-secret", "ALLOWED_HOSTS": "news.example.org"}

# A 1×1 transparent PNG (uploads in other formats are refused).
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
    b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\xdac````\x00\x00\x00\x05\x00"
    b"\x01z\xa8WP\x00\x00\x00\x00IEND\xaeB`\x82"
)


def picture(name="hero.jpg", size=(1200, 800), fmt="JPEG", mode="RGB"):
    """Return an upload of a blank image of that size and format."""
    buffer = io.BytesIO()
    Picture.new(mode, size, "white" if mode != "1" else 1).save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


def make_image(upload=None, **kwargs):
    """Create a library image of a blank picture (or `upload`), described."""
    kwargs.setdefault("alt", "The minister at the lectern")
    return Image.objects.create(file=upload or picture(), **kwargs)


def make_article(
    *, status=Article.Status.PUBLISHED, published_at=None, unpublish_at=None, **kwargs
):
    """Create an article through the lifecycle: published five minutes ago and dated
    today unless told otherwise; `status` "draft" or "unpublished" for hidden ones."""
    kwargs.setdefault("headline", "Lavrov meets OIC ambassadors")
    kwargs.setdefault("standfirst", "Russia keeps up its dialogue with the Islamic world.")
    kwargs.setdefault("body", "<p>Russia maintains mutually respectful relations.</p>")
    links = {name: [obj.pk for obj in kwargs.pop(name, [])] for name in versions.LINKS}
    article = Article(**kwargs)
    workflow.create_draft(article, by=article.created_by, links=links)
    if status != Article.Status.DRAFT:
        at = published_at or timezone.now() - datetime.timedelta(minutes=5)
        workflow.mark_live(article, at=at, until=unpublish_at)
    if status == Article.Status.UNPUBLISHED:
        workflow.take_down(article)
    return article


def make_article_linking_each_kind(**kwargs):
    """Create a published article with a topic, a region, a person, an organisation and an
    event: a public page of every kind, all reachable from it."""
    return make_article(
        topics=[Topic.objects.create(name="Foreign policy")],
        regions=[Region.objects.create(name="Russia")],
        people=[make_person()],
        organisations=[make_organisation()],
        events=[make_event()],
        **kwargs,
    )


def settle_page_cache():
    """Work out now what the page cache learns once per content generation (when the next
    scheduled change falls), so that a query budget counts only the page's own queries."""
    from articles import cache

    cache.next_change(timezone.now(), cache.generation())


def with_aliases(model, aliases=(), **kwargs):
    """Create a `model` with these aliases."""
    obj = model.objects.create(**kwargs)
    for alias in aliases:
        obj.aliases.create(name=alias)
    return obj


def make_person(**kwargs):
    kwargs.setdefault("name", "Sergey Lavrov")
    kwargs.setdefault("role_title", "Foreign Minister")
    return with_aliases(Person, **kwargs)


def make_organisation(**kwargs):
    kwargs.setdefault("name", "Organisation of Islamic Cooperation")
    kwargs.setdefault("acronym", "OIC")
    kwargs.setdefault("kind", Organisation.Kind.INTERNATIONAL)
    return with_aliases(Organisation, **kwargs)


def make_event(**kwargs):
    kwargs.setdefault("name", "KazanForum")
    kwargs.setdefault("start_date", timezone.localdate() + datetime.timedelta(days=30))
    kwargs.setdefault("venue", "Kazan Expo")
    return with_aliases(Event, **kwargs)


# The prefix of each inline formset beside an entity in the admin, by model name.
ALIASES = "articles-alias-content_type-object_id"
INLINES = {
    "person": [ALIASES, "titles", "affiliations"],
    "organisation": [ALIASES],
    "event": [ALIASES],
    "topic": [ALIASES],
    "region": [ALIASES],
}


def empty_inlines(model_name):
    """What the admin's form of an entity posts for its inlines left without rows."""
    return {
        f"{prefix}-{count}": "0"
        for prefix in INLINES[model_name]
        for count in ("TOTAL_FORMS", "INITIAL_FORMS")
    }


# A maker for each of articles.models.LINK_KINDS: tests of every kind of link build one here.
MAKERS = {Person: make_person, Organisation: make_organisation, Event: make_event}


def make_user(username, group=None, **kwargs):
    user = User.objects.create_user(
        username, email=f"{username}@newsroom.test", password="pw", is_staff=True, **kwargs
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def draft_by(user, **kwargs):
    article = Article(headline=kwargs.pop("headline", "Forum in Kazan"), **kwargs)
    workflow.create_draft(article, by=user)
    return article


def submitted_by(user, **kwargs):
    return workflow.submit(draft_by(user, **kwargs), by=user)


def make_staff(username, group):
    user = User.objects.create_user(username, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def article_form(**overrides):
    data = {
        "language": "en",
        "headline": "Lavrov meets OIC ambassadors",
        "slug": "",
        "standfirst": "",
        "body": "<p>Text.</p>",
        "dateline": "2023-03-06",
        "byline": "",
        "hero_image": "",
        "social_image": "",
        "version_note": "",
        "bylines-TOTAL_FORMS": "0",
        "bylines-INITIAL_FORMS": "0",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data
