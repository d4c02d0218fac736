"""Addresses that moved keep answering: 301 to the new one, never a chain or a loop,
never to a story readers may not see."""

import datetime

import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils.translation import override

from articles import workflow
from articles.models import Article, Event, Organisation, Person, Redirect, Region, Topic
from tests.factories import make_article, make_event, make_organisation, make_person

pytestmark = pytest.mark.django_db


def edited(article, by, **changes):
    """Save a change to a story as its next version, as the article form does."""
    article = Article.objects.get(pk=article.pk)
    for name, value in changes.items():
        setattr(article, name, value)
    workflow.save_edit(article, by=by, editing=article.revision)
    return Article.objects.get(pk=article.pk)


def published(article, by):
    """Publish the story's newest version, committed: the page cache hears of it."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return workflow.publish(article, by=by, override=True)


def renamed(article, by, **changes):
    """Save a change to a live story and publish it."""
    return published(edited(article, by, **changes), by)


def answer(client, url):
    response = client.get(url)
    return response.status_code, response.get("Location")


@pytest.fixture
def story(db):
    return make_article(headline="Lavrov meets OIC ambassadors", slug="lavrov-meets-oic")


def test_renaming_a_live_storys_slug_keeps_its_old_address_answering_301(client, story, superuser):
    old = story.get_absolute_url()
    story = renamed(story, superuser, slug="lavrov-and-the-oic")
    new = story.get_absolute_url()
    assert new != old
    assert answer(client, old) == (301, new)
    assert client.get(new).status_code == 200
    assert answer(client, f"{old}?page=2") == (301, f"{new}?page=2")


def test_moving_a_live_storys_date_keeps_its_old_address_answering_301(client, story, superuser):
    old = story.get_absolute_url()
    story = renamed(story, superuser, dateline=story.dateline - datetime.timedelta(days=3))
    assert answer(client, old) == (301, story.get_absolute_url())


def test_another_date_still_moves_to_the_storys_own_address(client, story):
    date = story.dateline - datetime.timedelta(days=1)
    url = reverse(
        "articles:article",
        kwargs={"year": date.year, "month": date.month, "day": date.day, "slug": story.slug},
    )
    assert answer(client, url) == (301, story.get_absolute_url())


def test_a_rename_back_makes_no_loop(client, story, superuser):
    first = story.get_absolute_url()
    second = renamed(story, superuser, slug="second-name").get_absolute_url()
    story = renamed(story, superuser, slug="lavrov-meets-oic")
    assert story.get_absolute_url() == first
    assert client.get(first).status_code == 200
    assert answer(client, second) == (301, first)
    assert list(Redirect.objects.values_list("old_path", "new_path")) == [(second, first)]


def test_renamed_twice_the_first_address_goes_straight_to_the_last(client, story, superuser):
    a = story.get_absolute_url()
    b = renamed(story, superuser, slug="name-b").get_absolute_url()
    c = renamed(story, superuser, slug="name-c").get_absolute_url()
    assert answer(client, a) == (301, c)
    assert answer(client, b) == (301, c)
    assert set(Redirect.objects.values_list("old_path", "new_path")) == {(a, c), (b, c)}


def test_a_draft_rename_of_a_live_story_redirects_nothing_until_published(
    client, story, superuser
):
    old = story.get_absolute_url()
    story = edited(story, superuser, slug="not-yet")
    new = reverse(
        "articles:article",
        kwargs={
            "year": story.dateline.year,
            "month": story.dateline.month,
            "day": story.dateline.day,
            "slug": "not-yet",
        },
    )
    # Readers see the published story where it was; the new address tells nothing.
    assert client.get(old).status_code == 200
    assert client.get(new).status_code == 404
    assert not Redirect.objects.exists()

    published(story, superuser)
    assert answer(client, old) == (301, new)


def test_the_old_address_of_a_story_taken_down_answers_404_not_its_new_address(
    client, story, superuser
):
    old = story.get_absolute_url()
    story = renamed(story, superuser, slug="taken-down-later")
    with TestCase.captureOnCommitCallbacks(execute=True):
        workflow.unpublish(story, by=superuser)
    response = client.get(old)
    assert response.status_code == 404
    assert "taken-down-later" not in response.content.decode()
    assert not response.has_header("Location")

    # Put back up, readers find it from the old address again.
    published(Article.objects.get(pk=story.pk), superuser)
    assert answer(client, old) == (301, story.get_absolute_url())


def test_a_story_renamed_while_taken_down_redirects_only_once_it_is_back(client, story, superuser):
    old = story.get_absolute_url()
    with TestCase.captureOnCommitCallbacks(execute=True):
        story = workflow.unpublish(story, by=superuser)
    story = edited(story, superuser, slug="renamed-while-down")
    assert client.get(old).status_code == 404
    published(story, superuser)
    assert answer(client, old) == (301, Article.objects.get(pk=story.pk).get_absolute_url())


def test_a_draft_never_published_leaves_no_redirect_when_renamed(superuser):
    article = make_article(status=Article.Status.DRAFT, slug="first-draft-name")
    edited(article, superuser, slug="second-draft-name")
    assert not Redirect.objects.exists()


def test_a_russian_storys_old_address_redirects_in_its_edition(client, superuser):
    story = make_article(headline="Лавров в Казани", slug="лавров-в-казани", language="ru")
    old = story.get_absolute_url()
    story = renamed(story, superuser, slug="лавров-и-оис")
    assert old.startswith("/ru/news/")
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == story.get_absolute_url()


@pytest.mark.parametrize(
    ("make", "route"),
    [
        (lambda: Topic.objects.create(name="Foreign policy"), "articles:topic"),
        (lambda: Region.objects.create(name="Tatarstan"), "articles:region"),
        (make_person, "articles:person"),
        (make_organisation, "articles:organisation"),
        (make_event, "articles:event"),
    ],
)
def test_renaming_an_entitys_slug_keeps_its_old_addresses_answering_301(client, make, route):
    entity = make()
    old_slug = entity.slug
    entity.slug = "renamed"
    entity.save()
    for language in ("en", "ru", "ar"):
        with override(language):
            old = reverse(route, kwargs={"slug": old_slug})
            new = reverse(route, kwargs={"slug": "renamed"})
        assert answer(client, old) == (301, new), language
        assert client.get(new).status_code == 200


def test_an_entitys_feed_follows_it_and_a_rename_back_makes_no_loop(client):
    person = make_person(slug="sergey-lavrov")
    feed = reverse("articles:feed_person", kwargs={"slug": "sergey-lavrov"})
    person.slug = "lavrov"
    person.save()
    assert answer(client, feed) == (
        301,
        reverse("articles:feed_person", kwargs={"slug": "lavrov"}),
    )
    person.slug = "sergey-lavrov"
    person.save()
    assert client.get(feed).status_code == 200
    assert client.get(reverse("articles:person", kwargs={"slug": "lavrov"})).status_code == 301
    assert not Redirect.objects.filter(old_path=person.get_absolute_url()).exists()


@pytest.mark.parametrize("model", [Person, Organisation, Event, Topic, Region])
def test_saving_an_entity_unchanged_adds_no_redirect(model):
    entity = {
        Person: make_person,
        Organisation: make_organisation,
        Event: make_event,
        Topic: lambda: Topic.objects.create(name="Foreign policy"),
        Region: lambda: Region.objects.create(name="Russia"),
    }[model]()
    entity.save()
    assert not Redirect.objects.exists()


def test_a_live_page_wins_over_a_redirect_from_its_address(client, story, superuser):
    old = story.get_absolute_url()
    renamed(story, superuser, slug="moved-on")
    # Another story takes the freed slug: readers get it, not the redirect.
    other = make_article(headline="Another story", slug="lavrov-meets-oic")
    assert other.get_absolute_url() == old
    assert client.get(old).status_code == 200


def test_the_page_cache_keeps_no_page_at_an_address_that_moved(client, story, superuser):
    """A page cached at the old address is dropped as the rename goes live, and the new
    address's 404 from before is never kept."""
    old = story.get_absolute_url()
    assert client.get(old).status_code == 200  # cached now
    new = old.replace("lavrov-meets-oic", "cached-rename")
    assert client.get(new).status_code == 404
    renamed(story, superuser, slug="cached-rename")
    assert answer(client, old) == (301, new)
    assert client.get(new).status_code == 200
    # Renamed back: the old address serves the page again, not a stale 301 or 404.
    renamed(story, superuser, slug="lavrov-meets-oic")
    assert client.get(old).status_code == 200
    assert answer(client, new) == (301, old)


# The admin: list, search, add by hand, delete; what it refuses.


def redirect_form(**overrides):
    return {"old_path": "/old-campaign/", "new_path": "/topics/foreign-policy/", **overrides}


def test_an_editor_adds_a_redirect_by_hand_and_it_answers(client, editor, topic):
    client.force_login(editor)
    response = client.post(reverse("admin:articles_redirect_add"), redirect_form())
    assert response.status_code == 302
    redirect = Redirect.objects.get()
    assert (redirect.old_path, redirect.new_path) == ("/old-campaign/", topic.get_absolute_url())
    assert redirect.reason == Redirect.Reason.BY_HAND
    client.logout()
    assert answer(client, "/old-campaign/") == (301, topic.get_absolute_url())


@pytest.mark.parametrize(
    ("form", "field", "says"),
    [
        ({"old_path": "/news/"}, "old_path", "A page answers at this address"),
        ({"old_path": "/people/sergey-lavrov/"}, "old_path", "A page answers at this address"),
        ({"old_path": "/topics/foreign-policy/"}, "new_path", "cannot lead to itself"),
        ({"new_path": "https://example.org/"}, "new_path", "from its first slash"),
        ({"old_path": "old-campaign/"}, "old_path", "from its first slash"),
        ({"new_path": "/moved/"}, "new_path", "redirects to /topics/foreign-policy/ itself"),
        ({"old_path": "/moved/"}, "old_path", "already exists"),
    ],
)
def test_the_admin_refuses_a_redirect_that_cannot_work(client, editor, topic, form, field, says):
    make_person(name="Sergey Lavrov")
    Redirect.objects.create(old_path="/moved/", new_path="/topics/foreign-policy/")
    client.force_login(editor)
    response = client.post(reverse("admin:articles_redirect_add"), redirect_form(**form))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert says in " ".join(errors[field])
    assert Redirect.objects.count() == 1


def test_a_redirect_added_to_where_others_led_leaves_no_chain(client, editor, topic):
    """/older/ led to /old-campaign/, which now leads on: /older/ goes straight there."""
    Redirect.objects.create(old_path="/older/", new_path="/old-campaign/")
    client.force_login(editor)
    client.post(reverse("admin:articles_redirect_add"), redirect_form())
    assert Redirect.objects.get(old_path="/older/").new_path == topic.get_absolute_url()


def test_a_redirect_by_hand_to_a_hidden_story_answers_404(client, editor):
    hidden = make_article(status=Article.Status.UNPUBLISHED, slug="hidden-story")
    client.force_login(editor)
    client.post(
        reverse("admin:articles_redirect_add"),
        redirect_form(new_path=hidden.get_absolute_url()),
    )
    assert Redirect.objects.get().article == hidden
    client.logout()
    assert client.get("/old-campaign/").status_code == 404


def test_the_redirect_list_searches_and_deletes(client, editor, story, superuser):
    renamed(story, superuser, slug="listed-rename")
    Redirect.objects.create(old_path="/old-campaign/", new_path="/news/")
    client.force_login(editor)
    page = client.get(reverse("admin:articles_redirect_changelist"), {"q": "listed-rename"})
    assert page.status_code == 200
    assert "listed-rename" in page.content.decode()
    assert "/old-campaign/" not in page.content.decode()
    handmade = Redirect.objects.get(old_path="/old-campaign/")
    client.post(reverse("admin:articles_redirect_delete", args=[handmade.pk]), {"post": "yes"})
    assert not Redirect.objects.filter(pk=handmade.pk).exists()


def test_the_redirect_list_runs_no_query_per_row(
    client, editor, superuser, django_assert_num_queries
):
    for number in range(3):
        story = make_article(headline=f"Story {number}", slug=f"story-{number}")
        renamed(story, superuser, slug=f"story-{number}-renamed")
    client.force_login(editor)
    url = reverse("admin:articles_redirect_changelist")
    client.get(url)
    with django_assert_num_queries(8):
        assert client.get(url).status_code == 200


def test_writers_do_not_manage_redirects(client, writer):
    client.force_login(writer)
    assert client.get(reverse("admin:articles_redirect_changelist")).status_code == 403
