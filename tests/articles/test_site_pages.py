"""Pages (About, Contacts): written and published as stories are, read at /<slug>/ of
their edition, and on no list, feed, sitemap of news, search or API of stories."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import webhooks, workflow
from articles.models import Article, Menu, MenuItem
from articles.slugs import reserved_page_slugs
from tests.factories import (
    make_article,
    make_article_linking_each_kind,
    make_front_page,
    make_page,
    make_user,
    submitted_by,
)
from tests.pages import links

pytestmark = pytest.mark.django_db

PAGE = Article.Kind.PAGE


def page_form(**overrides):
    """What the pages' admin form posts."""
    data = {
        "language": "en",
        "headline": "About us",
        "slug": "",
        "standfirst": "Who we are.",
        "body": "<p>A newsroom in Kazan, with a dialogue of its own.</p>",
        "version_note": "",
    }
    data.update(overrides)
    return data


def menu_form(language="en", place="header", items=()):
    """What the menus' admin form posts: its links, each a dict of fields."""
    data = {
        "place": place,
        "language": language,
        "items-TOTAL_FORMS": str(len(items)),
        "items-INITIAL_FORMS": "0",
    }
    fields = ["position", "label", "page", "section", "topic", "region", "url"]
    for n, item in enumerate(items):
        for name in fields:
            data[f"items-{n}-{name}"] = item.get(name, "")
    return data


def html_pages(story, page):
    """An address of every kind of public HTML page, the About page and a missing one
    included."""
    linked = story.linked()
    return [
        reverse("articles:front"),
        reverse("articles:news"),
        story.get_absolute_url(),
        linked["topics"][0].get_absolute_url(),
        linked["regions"][0].get_absolute_url(),
        linked["people"][0].get_absolute_url(),
        linked["organisations"][0].get_absolute_url(),
        linked["events"][0].get_absolute_url(),
        reverse("articles:people"),
        reverse("articles:organisations"),
        reverse("articles:events"),
        reverse("articles:corrections"),
        reverse("articles:search") + "?q=Lavrov",
        page.get_absolute_url(),
        "/no-such-page/",
    ]


def test_a_page_made_in_the_admin_is_in_its_menu_on_every_public_page(client, writer, editor):
    story = make_article_linking_each_kind()
    # A writer writes it and submits it; an editor publishes it and adds it to the menu.
    client.force_login(writer)
    response = client.post(reverse("admin:articles_page_add"), page_form(_submit="1"))
    page = Article.objects.get(kind=PAGE)
    assert page.in_review
    assert response["Location"] == reverse("admin:articles_page_change", args=[page.pk])
    assert (page.slug, page.revision) == ("about-us", 1)
    client.force_login(editor)
    publish = reverse("admin:articles_article_workflow", args=[page.pk, "publish"])
    client.post(publish, {"comment": "", "version": page.revision, "_publish_now": "1"})
    assert Article.objects.published_pages().get() == page
    client.post(
        reverse("admin:articles_menu_add"),
        menu_form(items=[{"position": 1, "page": page.pk}, {"position": 0, "section": "news"}]),
    )
    client.logout()

    for url in html_pages(story, page):
        response = client.get(url)
        assert links(response, aria_label="Sections") == ["News", "About us"], url
    page_response = client.get("/about-us/")
    assert page_response.status_code == 200
    assert "A newsroom in Kazan" in page_response.content.decode()


def test_the_page_form_asks_for_no_date_credit_topics_or_people(client, editor):
    client.force_login(editor)
    form = client.get(reverse("admin:articles_page_add")).context["adminform"].form
    assert set(form.fields) == {
        "language",
        "headline",
        "slug",
        "standfirst",
        "body",
        "hero_image",
        "version_note",
        "edited_revision",
    }


def test_a_pages_form_offers_the_lifecycle_of_a_story(client, writer):
    page = make_page(status=Article.Status.DRAFT, created_by=writer)
    client.force_login(writer)
    form = client.get(reverse("admin:articles_page_change", args=[page.pk])).content.decode()
    submit = reverse("admin:articles_article_workflow", args=[page.pk, "submit"])
    assert f'href="{submit}"' in form
    assert reverse("admin:articles_article_versions", args=[page.pk]) in form
    assert 'name="_submit"' in form
    # After a step, back to the page's own form.
    response = client.post(submit, {"comment": ""})
    assert response["Location"] == reverse("admin:articles_page_change", args=[page.pk])
    page.refresh_from_db()
    assert page.in_review


def test_the_stories_and_the_pages_lists_each_list_their_own(client, editor):
    make_article(headline="A story")
    page = make_page(headline="A page")
    client.force_login(editor)
    stories = client.get(reverse("admin:articles_article_changelist")).content.decode()
    pages = client.get(reverse("admin:articles_page_changelist")).content.decode()
    assert "A story" in stories and "A page" not in stories
    assert "A page" in pages and "A story" not in pages
    # The review queue and the desk link every article to the stories' form: a page's goes on.
    response = client.get(reverse("admin:articles_article_change", args=[page.pk]))
    assert response["Location"] == reverse("admin:articles_page_change", args=[page.pk])


def test_a_page_goes_through_the_same_review_versions_and_preview(client, editor):
    writer = make_user("writer", "Writers")
    page = submitted_by(writer, headline="Contacts", kind=PAGE)
    assert page.in_review
    assert Article.objects.awaiting_review().filter(pk=page.pk).exists()
    client.force_login(editor)
    preview = client.get(reverse("admin:articles_article_preview", args=[page.pk, 1]))
    assert "Contacts" in preview.content.decode()
    # A page's preview is a page: no dateline, no byline.
    assert 'class="meta"' not in preview.content.decode()
    workflow.publish(page, by=editor)
    assert client.get("/contacts/").status_code == 200


@pytest.mark.parametrize(
    "slug", ["news", "topics", "regions", "people", "search", "feeds", "api", "admin", "ru"]
)
def test_a_page_may_not_take_an_address_the_site_uses(client, editor, slug):
    client.force_login(editor)
    response = client.post(reverse("admin:articles_page_add"), page_form(slug=slug))
    assert response.status_code == 200
    assert "The site has its own pages at" in str(
        response.context["adminform"].form.errors["slug"]
    )
    assert not Article.objects.exists()


def test_a_page_named_like_a_section_gets_an_address_of_its_own(editor):
    page = make_page(headline="News")
    assert page.slug == "news-2"
    assert {"news", "corrections", "sitemap-news.xml", "robots.txt", "en"} <= reserved_page_slugs()


def test_a_story_may_keep_a_slug_a_page_may_not_have(client, editor):
    assert make_article(headline="Search").slug == "search"


@pytest.mark.parametrize("how", ["draft", "in review", "scheduled", "unpublished", "expired"])
def test_a_page_readers_may_not_see_is_not_found_and_not_in_its_menu(client, editor, how):
    now = timezone.now()
    if how == "draft":
        page = make_page(status=Article.Status.DRAFT)
    elif how == "in review":
        page = submitted_by(editor, headline="About us", kind=PAGE)
    elif how == "scheduled":
        page = make_page(published_at=now + datetime.timedelta(days=1))
    elif how == "unpublished":
        page = make_page(status=Article.Status.UNPUBLISHED)
    else:
        page = make_page(
            published_at=now - datetime.timedelta(days=2),
            unpublish_at=now - datetime.timedelta(days=1),
        )
    menu = Menu.objects.create(place=Menu.Place.FOOTER, language="en")
    MenuItem.objects.create(menu=menu, page_id=page.pk)
    MenuItem.objects.create(menu=menu, section=MenuItem.Section.CORRECTIONS, position=1)

    assert client.get(f"/{page.slug}/").status_code == 404
    front = client.get("/")
    assert links(front, class_="footer-menu") == ["Corrections"]
    assert f"/{page.slug}/" not in front.content.decode()


def test_pages_are_on_no_list_feed_search_or_api_of_stories(client):
    story = make_article(headline="Dialogue story", standfirst="A dialogue in Kazan.")
    page = make_page(headline="About the dialogue", standfirst="A dialogue in Kazan.")
    surfaces = [
        "/",
        "/news/",
        story.linked() and reverse("articles:feed_latest"),
        reverse("articles:feed_latest_atom"),
        reverse("articles:sitemap_news"),
        reverse("articles:sitemap_section", kwargs={"section": "articles"}),
        reverse("articles:search") + "?q=dialogue",
        reverse("articles:corrections"),
        reverse("api:articles_list"),
        reverse("api:articles_detail", kwargs={"id": page.pk}),
    ]
    for url in surfaces:
        content = client.get(url).content.decode()
        assert "About the dialogue" not in content, url
        assert page.get_absolute_url() not in content, url
    assert "Dialogue story" in client.get("/news/").content.decode()
    assert client.get(reverse("api:articles_detail", kwargs={"id": page.pk})).status_code == 404
    # Crawlers find it in the sitemap of pages.
    pages = client.get(reverse("articles:sitemap_section", kwargs={"section": "pages"}))
    assert page.get_absolute_url() in pages.content.decode()


def test_a_page_picked_for_the_front_page_is_never_shown_there(client):
    page = make_page(headline="About the group")
    make_front_page([{"kind": "lead", "article": page}, {"kind": "latest", "count": 10}])
    story = make_article(headline="Forum opens in Kazan")
    front = client.get("/").content.decode()
    assert story.headline in front
    # The lead slot picked it; the newest story leads instead.
    assert page.headline not in front.split("<main")[1].split("</main>")[0]


def test_publishing_a_page_announces_nothing_to_webhooks(writer, editor, monkeypatch):
    announced = []
    monkeypatch.setattr(webhooks, "_announce", lambda *args, **kwargs: announced.append(args))
    page = workflow.publish(submitted_by(writer, headline="About us", kind=PAGE), by=editor)
    workflow.unpublish(page, by=editor)
    assert announced == []


def test_a_page_of_one_edition_asked_for_in_another_moves_to_its_own(client):
    english = make_page(headline="About us")
    russian = make_page(headline="О нас", language="ru", translation_of=english)
    assert russian.get_absolute_url() == "/ru/%D0%BE-%D0%BD%D0%B0%D1%81/"  # /ru/о-нас/
    response = client.get(f"/{russian.slug}/")
    assert response.status_code == 301
    assert response["Location"] == russian.get_absolute_url()
    page = client.get(russian.get_absolute_url())
    assert page.status_code == 200
    # The switcher links its English version.
    assert f'hreflang="en" href="http://testserver{english.get_absolute_url()}"' in (
        page.content.decode()
    )


def test_a_page_translation_is_a_page(editor):
    english = make_page(headline="About us")
    russian = workflow.translate(english, "ru", by=editor)
    assert russian.kind == PAGE


def test_renaming_a_live_page_keeps_its_old_address_answering_301_until_it_is_hidden(
    client, writer, editor, django_capture_on_commit_callbacks
):
    page = workflow.publish(submitted_by(writer, headline="Contacts", kind=PAGE), by=editor)
    page.slug = "contact-us"
    workflow.save_edit(page, by=writer, editing=page.revision)
    # A rename waiting in a draft leads nowhere yet: readers still find the page where it was.
    assert client.get("/contacts/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(workflow.submit(page, by=writer), by=editor)
    response = client.get("/contacts/")
    assert response.status_code == 301
    assert response["Location"] == "/contact-us/"
    with django_capture_on_commit_callbacks(execute=True):
        workflow.unpublish(page, by=editor)
    assert client.get("/contacts/").status_code == 404
