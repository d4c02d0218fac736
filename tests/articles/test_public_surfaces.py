"""Nothing unpublished reaches a reader, on any public surface the site has."""

import datetime
import posixpath

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, path, reverse
from django.utils import timezone
from django.utils.translation import override
from django.views.static import serve

from articles import images, workflow
from articles.models import Article, ArticleDocument, Document, Menu, MenuItem, Redirect
from newsroom.urls import urlpatterns as site_urlpatterns
from tests.factories import (
    draft_by,
    make_article,
    make_event,
    make_front_page,
    make_image,
    make_organisation,
    make_person,
    make_user,
    picture,
    submitted_by,
)

pytestmark = pytest.mark.django_db

PAGE = Article.Kind.PAGE


def corrected(article, by, note="A date was wrong."):
    """Publish a change to a live story as a correction; return the story as it stands."""
    article.standfirst = "Corrected."
    workflow.save_edit(article, by=by, editing=article.revision)
    workflow.correct(article, by=by, comment=note)
    return Article.objects.get(pk=article.pk)


def public_route_names(patterns=None, namespace=""):
    """Every named route outside the admin, so a surface added later joins this test."""
    names = set()
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":
                continue
            prefix = f"{pattern.namespace}:" if pattern.namespace else namespace
            names |= public_route_names(pattern.url_patterns, prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(namespace + pattern.name)
    return names


@pytest.fixture
def newsroom(topic, regions, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    author, editor = make_user("author", "Writers"), make_user("editor", "Editors")
    person, organisation, event = make_person(), make_organisation(), make_event()

    def link(article):
        article.topics.set([topic])
        article.regions.set([regions["kazan"]])
        article.people.set([person])
        article.organisations.set([organisation])
        article.events.set([event])
        return article

    # Every live story has a correction, which the corrections record lists.
    live = link(
        corrected(
            workflow.publish(submitted_by(author, headline="Visible story"), by=editor), editor
        )
    )
    # Each edition has a live story of its own: the Russian a translation of the English.
    editions = {
        "ru": link(
            corrected(
                workflow.publish(
                    submitted_by(
                        author,
                        headline="Visible story по-русски",
                        language="ru",
                        translation_of=live,
                    ),
                    by=editor,
                ),
                editor,
            )
        ),
        "ar": link(
            corrected(
                workflow.publish(
                    submitted_by(author, headline="Visible story بالعربية", language="ar"),
                    by=editor,
                ),
                editor,
            )
        ),
    }
    hidden = {
        # The switcher and hreflang of the live story's pages must not name it.
        "draft translation": link(
            draft_by(author, headline="Secret translation", language="ar", translation_of=live)
        ),
        "scheduled translation": link(
            workflow.publish(
                submitted_by(author, headline="Secret Russian story", language="ru"),
                by=editor,
                at=timezone.now() + datetime.timedelta(days=1),
            )
        ),
        "draft": link(draft_by(author, headline="Secret draft")),
        "in review": link(submitted_by(author, headline="Secret in review")),
        "scheduled": link(
            workflow.publish(
                submitted_by(author, headline="Secret scheduled"),
                by=editor,
                at=timezone.now() + datetime.timedelta(days=1),
            )
        ),
        # Its correction stays on the record, naming none of its text.
        "unpublished": link(
            workflow.unpublish(
                corrected(
                    workflow.publish(
                        submitted_by(author, headline="Secret unpublished"), by=editor
                    ),
                    editor,
                    note="A name was misspelt.",
                ),
                by=editor,
            )
        ),
        "expired": link(
            workflow.publish(
                submitted_by(author, headline="Secret expired"),
                by=editor,
                at=timezone.now() - datetime.timedelta(days=2),
                until=timezone.now() - datetime.timedelta(days=1),
            )
        ),
    }
    # Each edition's front page picks hidden stories by hand for every kind of slot:
    # readers see visible ones in their places.
    for language, picked in [
        ("en", ["draft", "in review", "scheduled", "unpublished", "expired"]),
        ("ru", ["scheduled translation"]),
        ("ar", ["draft translation"]),
    ]:
        lead, *featured = [hidden[state] for state in picked]
        make_front_page(
            [
                {"kind": "lead", "article": lead},
                *({"kind": "featured", "article": article} for article in featured[:4]),
                {"kind": "latest", "count": 10},
                {"kind": "section", "topic": topic, "count": 5},
            ],
            language=language,
        )
    # A page in each edition, and hidden pages, every one in each edition's menus.
    pages = {
        "en": workflow.publish(submitted_by(author, headline="About us", kind=PAGE), by=editor)
    }
    for language, headline in (("ru", "О нас"), ("ar", "من نحن")):
        pages[language] = workflow.publish(
            submitted_by(
                author, headline=headline, kind=PAGE, language=language, translation_of=pages["en"]
            ),
            by=editor,
        )
    hidden |= {
        "draft page": draft_by(author, headline="Secret page draft", kind=PAGE),
        "page in review": submitted_by(author, headline="Secret page in review", kind=PAGE),
        "scheduled page": workflow.publish(
            submitted_by(author, headline="Secret page scheduled", kind=PAGE),
            by=editor,
            at=timezone.now() + datetime.timedelta(days=1),
        ),
        "unpublished page": workflow.unpublish(
            workflow.publish(
                submitted_by(author, headline="Secret page unpublished", kind=PAGE), by=editor
            ),
            by=editor,
        ),
    }
    for language, page in pages.items():
        for place in Menu.Place:
            menu = Menu.objects.create(place=place, language=language)
            for position, shown in enumerate([page, *hidden.values()]):
                if shown.kind == PAGE:
                    MenuItem.objects.create(menu=menu, position=position, page_id=shown.pk)
    # One word in every article, hidden or not, for search to be tempted by.
    Article.objects.update(standfirst="A dialogue in Kazan.")
    # A document readers download from the live story; one only a hidden story lists.
    speech = make_document("Speech of the visible story", b"%PDF-1.7 Visible story")
    ArticleDocument.objects.create(article=live, document=speech)
    ArticleDocument.objects.create(
        article=hidden["draft"], document=make_document("Secret communique", b"%PDF-1.7")
    )
    # An unpublished change to the live article: readers keep the published text.
    live.headline = "Secret change to a live story"
    workflow.save_edit(live, by=author, editing=live.revision)
    live = Article.objects.get(pk=live.pk)
    return {
        "live": live,
        "hidden": hidden,
        "secrets": ["Secret"],
        "kwargs": route_kwargs(
            live,
            hidden["draft"],
            topic,
            regions["russia"],
            person,
            organisation,
            event,
            page=pages["en"],
            document=speech,
        ),
        "editions": {
            language: route_kwargs(
                story,
                hidden["draft"],
                topic,
                regions["russia"],
                person,
                organisation,
                event,
                page=pages[language],
                document=speech,
            )
            for language, story in editions.items()
        },
        "query": QUERY,
        "no_headline": NO_HEADLINE,
    }


# The content API's kinds besides articles (articles.api): none lists an article.
API_ENTITIES = ("people", "organisations", "events", "topics", "regions")

# Every article says "dialogue": search must still find only the live one.
QUERY = {"articles:search": {"q": "dialogue", "type": ""}}
# Pages that list no article by headline; the articles sitemap names it by address.
NO_HEADLINE = {
    # The load balancer's check says "ok" and nothing more.
    "health",
    # An About page names no story, nor do the indexes of topics and regions.
    "articles:page",
    "articles:topics",
    "articles:regions",
    "articles:people",
    "articles:organisations",
    "articles:events",
    "articles:sitemap",
    "articles:sitemap_section",
    "articles:robots",
    "api:openapi-json",
    "api:openapi-view",
    "api:api-root",
    *(f"api:{kind}_{view}" for kind in API_ENTITIES for view in ("list", "detail")),
    # Calendars list events, not articles.
    "articles:calendar",
    "articles:event_calendar",
    "articles:calendar_topic",
    "articles:calendar_region",
}

# A forged share link (404) and the editor toolbar (403): readers get nothing from them.
REFUSED = {"articles:shared_preview", "articles:toolbar"}


def make_document(title, content):
    return Document.objects.create(title=title, file=SimpleUploadedFile("statement.pdf", content))


def route_kwargs(
    live, draft, topic, region, person, organisation, event, page=None, document=None
):
    """The arguments of every public route, for pages that show `live` (and `page`, a
    page of the same edition, and `document`, which it lists, when given)."""
    return {
        **({"articles:page": {"slug": page.slug}} if page else {}),
        **({"articles:document": {"name": document.stored_name}} if document else {}),
        "articles:front": {},
        "articles:news": {},
        "articles:topics": {},
        "articles:regions": {},
        "articles:people": {},
        "articles:organisations": {},
        "articles:events": {},
        "articles:article": _article_kwargs(live),
        "articles:topic": {"slug": topic.slug},
        "articles:region": {"slug": region.slug},
        "articles:person": {"slug": person.slug},
        "articles:organisation": {"slug": organisation.slug},
        "articles:event": {"slug": event.slug},
        "articles:event_calendar": {"slug": event.slug},
        "articles:calendar": {},
        "articles:calendar_topic": {"slug": topic.slug},
        "articles:calendar_region": {"slug": region.slug},
        "articles:shared_preview": {"pk": draft.pk, "token": "forged"},
        "articles:toolbar": {"pk": draft.pk},
        "articles:search": {},
        "articles:corrections": {},
        "articles:feed_corrections": {},
        "articles:feed_corrections_atom": {},
        "articles:feed_latest": {},
        "articles:feed_latest_atom": {},
        "articles:feed_topic": {"slug": topic.slug},
        "articles:feed_topic_atom": {"slug": topic.slug},
        "articles:feed_region": {"slug": region.slug},
        "articles:feed_region_atom": {"slug": region.slug},
        "articles:feed_person": {"slug": person.slug},
        "articles:feed_person_atom": {"slug": person.slug},
        "articles:feed_organisation": {"slug": organisation.slug},
        "articles:feed_organisation_atom": {"slug": organisation.slug},
        "articles:sitemap": {},
        "articles:sitemap_section": {"section": "articles"},
        "articles:sitemap_news": {},
        "articles:robots": {},
        "api:openapi-json": {},
        "api:openapi-view": {},
        "health": {},
        # The same address as the browsable page, which ninja names twice.
        "api:api-root": {},
        "api:articles_list": {},
        "api:articles_detail": {"id": live.pk},
        **{f"api:{kind}_list": {} for kind in API_ENTITIES},
        "api:people_detail": {"id": person.pk},
        "api:organisations_detail": {"id": organisation.pk},
        "api:events_detail": {"id": event.pk},
        "api:topics_detail": {"id": topic.pk},
        "api:regions_detail": {"id": region.pk},
    }


def _article_kwargs(article):
    date = article.dateline
    return {"year": date.year, "month": date.month, "day": date.day, "slug": article.slug}


def test_every_public_surface_is_walked(newsroom):
    assert public_route_names() == set(newsroom["kwargs"])


def test_no_public_surface_shows_an_unpublished_article_or_change(client, newsroom):
    walk(client, newsroom)


def walk(client, newsroom):
    """Visit every public surface of every edition given (the default one always): no
    secret and no hidden article's address on any."""
    hidden_urls = [article.get_absolute_url() for article in newsroom["hidden"].values()]
    editions = {settings.LANGUAGE_CODE: newsroom["kwargs"], **newsroom.get("editions", {})}
    for language, routes in editions.items():
        for name, kwargs in routes.items():
            with override(language):
                url = reverse(name, kwargs=kwargs)
            response = client.get(url, newsroom["query"].get(name, {}))
            # A document is a file, streamed.
            content = (
                b"".join(response.streaming_content) if response.streaming else response.content
            )
            page = content.decode()
            for secret in newsroom["secrets"]:
                assert secret not in page, url
            for hidden_url in hidden_urls:
                assert hidden_url not in page, (url, hidden_url)
            if name not in REFUSED:
                assert response.status_code == 200, url
                if name not in newsroom["no_headline"]:
                    assert "Visible story" in page, url
    sitemap = client.get(reverse("articles:sitemap_section", kwargs={"section": "articles"}))
    assert newsroom["live"].get_absolute_url() in sitemap.content.decode()


def test_a_document_only_a_hidden_story_lists_is_not_downloaded(client, newsroom):
    """Readers download what a story they may see lists; staff anything in the library."""
    secret = Document.objects.get(title="Secret communique")
    url = secret.get_absolute_url()
    assert client.get(url).status_code == 404
    assert client.get(reverse("articles:document", kwargs={"name": "x.pdf"})).status_code == 404
    client.force_login(make_user("staff", "Writers"))
    assert client.get(url).status_code == 200


def test_every_hidden_article_answers_404_at_its_address_in_every_edition(client, newsroom):
    """Not found, never moved to its own edition's address: a redirect would tell it is there."""
    for state, article in newsroom["hidden"].items():
        for language, _ in settings.LANGUAGES:
            with override(language):
                url = reverse("articles:article", kwargs=_article_kwargs(article))
            assert client.get(url).status_code == 404, (state, url)


def test_every_hidden_page_answers_404_at_its_address_in_every_edition(client, newsroom):
    for state, article in newsroom["hidden"].items():
        if article.kind != PAGE:
            continue
        for language, _ in settings.LANGUAGES:
            with override(language):
                url = reverse("articles:page", kwargs={"slug": article.slug})
            assert client.get(url).status_code == 404, (state, url)


def serve_media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


# The site as `make run` serves it (DEBUG on): uploads straight from MEDIA_ROOT, as an object
# store serves them to anyone who asks for a name.
urlpatterns = [*site_urlpatterns, path(f"{settings.MEDIA_URL}<path:path>", serve_media)]


@pytest.fixture
def hidden_pictures(newsroom):
    """Give every hidden article a library picture, and the live one a new picture in a
    pending version; return each one's upload name and the names its files are stored
    under. What readers would be told of them (text alternative, caption, credit) is
    secret too."""
    articles = {**newsroom["hidden"], "pending version": newsroom["live"]}
    pictures = {}
    for state, article in articles.items():
        article = Article.objects.get(pk=article.pk)
        upload = f"secret-{state.replace(' ', '-')}.png"
        article.hero_image = make_image(
            picture(upload, (1000, 500), "PNG"),
            alt="Secret alt",
            caption="Secret caption",
            credit="Secret credit",
        )
        article.social_image = make_image(picture(upload, (1200, 630), "PNG"), alt="Secret")
        workflow.save_edit(article, by=None, editing=article.revision)
        pictures[state] = [article.hero_image, article.social_image]
    assert not Article.objects.get(pk=newsroom["live"].pk).hero_image  # readers keep no picture
    return {
        state: {
            "upload": f"secret-{state.replace(' ', '-')}.png",
            "stored": [
                name
                for image in shown
                for name in [image.file.name, *(i["name"] for i in image.renditions["items"])]
            ],
        }
        for state, shown in pictures.items()
    }


def guessed_names(upload: str) -> list[str]:
    """Where an upload would sit if it were filed under its own name, renditions beside it."""
    month = datetime.datetime.now().strftime("%Y/%m")
    stem, extension = posixpath.splitext(upload)
    folders = [f"images/{month}", "images", f"articles/{month}", "articles"]
    return [f"{folder}/{upload}" for folder in folders] + [
        f"renditions/{folder}/{stem}-{width}w.{fmt.lower()}"
        for folder in folders
        for width in images.WIDTHS
        for fmt, _, _ in images.FORMATS
    ]


def test_no_stored_picture_of_a_hidden_article_is_served_by_the_site(client, hidden_pictures):
    """The site never serves uploads itself (the object store does), whatever the name."""
    for state, files in hidden_pictures.items():
        assert len(files["stored"]) > 1, state  # the original and its renditions
        for name in files["stored"]:
            assert default_storage.exists(name)
            assert client.get(default_storage.url(name)).status_code == 404, (state, name)


@pytest.mark.urls(__name__)
def test_no_picture_of_a_hidden_article_is_found_where_its_upload_name_leads(
    client, newsroom, hidden_pictures
):
    """Served as the object store serves them, by name, the hidden articles' pictures stay
    unfound: no name follows from the upload's, and no public page names a stored file."""
    for state, files in hidden_pictures.items():
        for guess in guessed_names(files["upload"]):
            assert not default_storage.exists(guess), (state, guess)
            assert client.get(default_storage.url(guess)).status_code == 404, (state, guess)
        upload_stem = posixpath.splitext(files["upload"])[0]
        assert not any(upload_stem in name for name in files["stored"]), state
    stored = [
        posixpath.splitext(posixpath.basename(name))[0]
        for files in hidden_pictures.values()
        for name in files["stored"]
    ]
    walk(client, {**newsroom, "secrets": [*newsroom["secrets"], *stored]})


def test_no_cached_page_keeps_an_article_once_readers_may_not_see_it(
    client, topic, regions, time_machine, django_capture_on_commit_callbacks
):
    """Every surface is cached while the secrets are live or not yet made; then they hide,
    by a workflow step or by the clock, and no cached page keeps them."""
    time_machine.move_to(datetime.datetime(2026, 5, 1, 9, tzinfo=datetime.UTC), tick=False)
    author, editor = make_user("author", "Writers"), make_user("editor", "Editors")
    person, organisation, event = make_person(), make_organisation(), make_event()

    def link(article):
        article.topics.set([topic])
        article.regions.set([regions["kazan"]])
        article.people.set([person])
        article.organisations.set([organisation])
        article.events.set([event])
        return article

    with django_capture_on_commit_callbacks(execute=True):
        live = corrected(
            workflow.publish(link(submitted_by(author, headline="Visible story")), by=editor),
            editor,
        )
        # Each corrected while live: the cached corrections record names it until it hides.
        unpublished = corrected(
            workflow.publish(
                link(submitted_by(author, headline="Secret soon unpublished")), by=editor
            ),
            editor,
        )
        expiring = corrected(
            workflow.publish(
                link(submitted_by(author, headline="Notice until five past")),
                by=editor,
                until=timezone.now() + datetime.timedelta(minutes=5),
            ),
            editor,
        )
        Article.objects.update(standfirst="A dialogue in Kazan.")
    draft = link(draft_by(author, headline="Secret draft"))
    newsroom = {
        "live": live,
        "hidden": {"draft": draft},
        "secrets": ["Secret"],
        "kwargs": route_kwargs(live, draft, topic, regions["russia"], person, organisation, event),
        "query": QUERY,
        "no_headline": NO_HEADLINE,
    }
    for name, kwargs in newsroom["kwargs"].items():
        client.get(reverse(name, kwargs=kwargs), QUERY.get(name, {}))
    assert "Secret soon unpublished" in client.get("/").content.decode()  # cached while live
    assert "Secret soon unpublished" in client.get("/corrections/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        workflow.unpublish(unpublished, by=editor)
        newsroom["hidden"]["in review"] = link(submitted_by(author, headline="Secret in review"))
        newsroom["hidden"]["scheduled"] = link(
            workflow.publish(
                submitted_by(author, headline="Secret scheduled"),
                by=editor,
                at=timezone.now() + datetime.timedelta(days=1),
            )
        )
        Article.objects.update(standfirst="A dialogue in Kazan.")
        live.headline = "Secret change to a live story"
        workflow.save_edit(live, by=author, editing=live.revision)
    newsroom["hidden"]["unpublished"] = unpublished
    walk(client, newsroom)
    assert "Notice until five past" in client.get("/").content.decode()

    # Its time runs out with nothing saved: the cached pages know when to stop.
    time_machine.move_to(datetime.datetime(2026, 5, 1, 9, 6, tzinfo=datetime.UTC), tick=False)
    newsroom["hidden"]["expired"] = expiring
    walk(client, {**newsroom, "secrets": ["Secret", "Notice until five past"]})


def test_no_redirect_tells_where_a_hidden_story_went(client, newsroom, superuser):
    """A hidden story's old addresses answer 404, never a 301 naming its new one: renamed
    while live and taken down since, led to by a redirect added by hand, or renamed in a
    draft of a live story; and no page names a new address readers may not see."""
    pending = Article.objects.get(pk=newsroom["live"].pk)
    pending.slug = "secret-pending-address"
    workflow.save_edit(pending, by=superuser, editing=pending.revision)

    moved = make_article(headline="Secret moved story", slug="secret-first-address")
    first_address = moved.get_absolute_url()
    moved.slug = "secret-second-address"
    workflow.save_edit(moved, by=superuser, editing=moved.revision)
    workflow.publish(moved, by=superuser, override=True)
    assert Redirect.objects.filter(old_path=first_address).exists()
    workflow.unpublish(moved, by=superuser)

    old_addresses = [first_address]
    for number, article in enumerate(newsroom["hidden"].values()):
        by_hand = Redirect(old_path=f"/old/{number}/", new_path=article.get_absolute_url())
        by_hand.full_clean()
        by_hand.save()
        old_addresses.append(by_hand.old_path)

    newsroom["hidden"]["moved and taken down"] = Article.objects.get(pk=moved.pk)
    for old in old_addresses:
        response = client.get(old)
        assert response.status_code == 404, old
        assert not response.has_header("Location"), old
        for article in newsroom["hidden"].values():
            assert article.get_absolute_url() not in response.content.decode(), old
    assert not Redirect.objects.filter(new_path__contains="secret-pending-address").exists()
    walk(
        client, {**newsroom, "secrets": [*newsroom["secrets"], "secret-second", "secret-pending"]}
    )
