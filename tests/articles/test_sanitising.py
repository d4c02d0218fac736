import re

import pytest
from django.urls import reverse

from articles import embeds, workflow
from articles.models import Article, Region, Topic
from tests.factories import (
    article_form,
    make_article,
    make_event,
    make_organisation,
    make_person,
)
from tests.pages import shape

pytestmark = pytest.mark.django_db

HOSTILE = (
    "<p>Fine words.</p>"
    "<script>alert('body')</script>"
    '<p><img src="x" onerror="alert(1)">Picture</p>'
    '<p><a href="javascript:alert(2)">click</a> and <a href=" JaVaScRiPt:alert(3)">here</a></p>'
    '<p onclick="alert(4)"><a href="https://example.org/" onmouseover="alert(5)">safe</a></p>'
)
# Any script but the JSON-LD data block, which browsers never run.
FORBIDDEN = re.compile(
    r"<script(?![^>]*application/ld\+json)|\bon[a-z]+\s*=|javascript:", re.IGNORECASE
)
# The one script of our own, the editor toolbar's, from a static file.
EDITOR_TOOLBAR = '<script src="/static/js/editor-toolbar.js" defer></script>'


def test_script_handlers_and_javascript_links_reach_no_page(client):
    """Whatever an editor stores in rich text, no rendered page carries it out."""
    topic = Topic.objects.create(name="Foreign policy")
    region = Region.objects.create(name="Kazan")
    person = make_person(bio=HOSTILE)
    organisation = make_organisation(description=HOSTILE)
    event = make_event(description=HOSTILE)
    for entity in [person, organisation, event]:
        entity.topics.set([topic])
        entity.regions.set([region])
    article = make_article(body=HOSTILE, topics=[topic], regions=[region], people=[person])
    article.organisations.set([organisation])
    article.events.set([event])
    article.bylines.create(person=person)

    pages = [
        "/",
        reverse("articles:news"),
        article.get_absolute_url(),
        topic.get_absolute_url(),
        region.get_absolute_url(),
        person.get_absolute_url(),
        organisation.get_absolute_url(),
        event.get_absolute_url(),
        reverse("articles:people"),
        reverse("articles:organisations"),
        reverse("articles:events"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode().replace(EDITOR_TOOLBAR, "", 1)
        assert not FORBIDDEN.findall(html), (url, FORBIDDEN.findall(html))
    # The harmless parts survive.
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Fine words." in page
    assert 'href="https://example.org/"' in page
    assert "safe</a>" in page


def test_plain_text_an_editor_types_reaches_every_page_as_text(client):
    """Headlines, names and standfirsts are text: the public engine escapes them wherever
    they appear, in elements and in attributes alike."""
    typed = '<em onmouseover="alert(1)">Kazan</em> & "friends"'
    topic = Topic.objects.create(name=f"Topic {typed}")
    person = make_person(name=f"Person {typed}", role_title=typed)
    article = make_article(
        headline=f"Headline {typed}", standfirst=typed, topics=[topic], people=[person]
    )
    article.bylines.create(person=person)

    pages = [
        "/",
        reverse("articles:news"),
        article.get_absolute_url(),
        topic.get_absolute_url(),
        person.get_absolute_url(),
        reverse("articles:people"),
        reverse("articles:search") + "?q=Kazan",
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert "<em" not in html, url
        assert "&lt;em onmouseover=" in html, url
    assert 'content="Headline &lt;em' in client.get(article.get_absolute_url()).content.decode()


# Media in the body: what the editor stores for a pull quote and for each provider's embed.
YOUTUBE_FRAME = "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
FRAME_ATTRIBUTES = (
    'loading="lazy" referrerpolicy="strict-origin-when-cross-origin"'
    ' sandbox="allow-scripts allow-same-origin allow-popups allow-presentation"'
    ' allow="fullscreen; picture-in-picture; encrypted-media"'
)
PULL_QUOTE = (
    '<figure class="pull-quote"><blockquote><p>Dialogue is the only way.</p></blockquote>'
    "<figcaption>Sergey Lavrov</figcaption></figure>"
)
YOUTUBE = (
    f'<figure class="embed" data-embed="youtube"><iframe src="{YOUTUBE_FRAME}"'
    f' title="KazanForum opens" width="560" height="315" {FRAME_ATTRIBUTES}></iframe>'
    '<figcaption><a href="https://youtu.be/dQw4w9WgXcQ">YouTube: KazanForum opens</a>'
    "</figcaption></figure>"
)
TELEGRAM = (
    '<figure class="embed" data-embed="telegram"><iframe src="https://t.me/mfa_russia/21987?embed=1"'
    f' title="https://t.me/mfa_russia/21987" width="500" height="540" {FRAME_ATTRIBUTES}>'
    '</iframe><figcaption><a href="https://t.me/mfa_russia/21987">Telegram:'
    " https://t.me/mfa_russia/21987</a></figcaption></figure>"
)
X_POST = (
    '<figure class="embed" data-embed="x"><blockquote><p>Talks in Kazan today</p></blockquote>'
    '<figcaption><a href="https://x.com/mfa_russia/status/1">X: Russian MFA</a></figcaption>'
    "</figure>"
)
MEDIA = {"pull quote": PULL_QUOTE, "YouTube": YOUTUBE, "Telegram": TELEGRAM, "X": X_POST}

# Markup the body may hold only as the editor writes it, and what is left of it after saving.
HOSTILE_MEDIA = {
    "script inside a figure": (
        '<figure class="pull-quote"><script>alert(1)</script><blockquote><p>Quoted</p>'
        '</blockquote><figcaption><img src=x onerror="alert(2)">Who</figcaption></figure>'
    ),
    "onload on the frame": f'<iframe src="{YOUTUBE_FRAME}" onload="alert(1)"></iframe>',
    "a frame from evil.example": '<iframe src="https://evil.example/embed/dQw4w9WgXcQ"></iframe>',
    "a frame from a look-alike host": (
        '<iframe src="https://www.youtube-nocookie.com.evil.example/embed/dQw4w9WgXcQ"></iframe>'
    ),
    "a look-alike host as user info": (
        '<iframe src="https://www.youtube-nocookie.com@evil.example/embed/dQw4w9WgXcQ"></iframe>'
    ),
    "a path off the player's": (
        '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ/../../evil"></iframe>'
    ),
    "the player over plain HTTP": (
        '<iframe src="http://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"></iframe>'
    ),
    "a provider's page rather than its player": (
        '<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>'
    ),
    "a data: frame": '<iframe src="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    "a javascript: frame": '<iframe src="javascript:alert(1)"></iframe>',
    "srcdoc": f'<iframe src="{YOUTUBE_FRAME}" srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    "nested frames": (
        f'<iframe src="{YOUTUBE_FRAME}"><iframe src="https://evil.example/"></iframe></iframe>'
    ),
    "style": (
        f'<figure class="embed" data-embed="youtube" style="position:fixed">'
        f'<iframe src="{YOUTUBE_FRAME}" style="width:9999px"></iframe></figure>'
    ),
    "a loosened sandbox": (
        f'<iframe src="{YOUTUBE_FRAME}" sandbox="allow-top-navigation allow-scripts"'
        ' loading="eager" referrerpolicy="unsafe-url" width="100%"></iframe>'
    ),
    "a provider off the list": (
        '<figure class="embed" data-embed="vimeo"><iframe src="https://player.vimeo.com/video/1">'
        "</iframe></figure>"
    ),
    "object and embed": (
        '<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/">'
    ),
    "a javascript: link under a post": (
        '<figure class="embed" data-embed="x"><blockquote><p>Post</p></blockquote>'
        '<figcaption><a href="javascript:alert(1)">X</a></figcaption></figure>'
    ),
    "a class of someone else's": '<figure class="embed overlay-evil"><p>Covered</p></figure>',
}
# What an element may keep, and the values it must have where they are fixed.
ALLOWED_FRAME = {
    "src": None,
    "title": None,
    "width": None,
    "height": None,
    "loading": "lazy",
    "referrerpolicy": "strict-origin-when-cross-origin",
    "sandbox": "allow-scripts allow-same-origin allow-popups allow-presentation",
    "allow": "fullscreen; picture-in-picture; encrypted-media",
}


def body_field():
    return Article._meta.get_field("body")


def assert_only_media_the_body_allows(html):
    """Every frame is an allowed provider's player with only our attributes and nothing
    inside; no element has a handler, a style or a script address."""
    events = shape(html)
    for index, event in enumerate(events):
        if event[0] != "<":
            continue
        _, tag, attrs = event
        assert tag not in {"script", "object", "embed", "style"}, html
        for name, value in attrs.items():
            assert not name.startswith("on") and name not in {"style", "srcdoc"}, html
            assert not (value or "").strip().lower().startswith(("javascript:", "data:")), html
        if tag == "iframe":
            assert embeds.is_frame(attrs["src"]), html
            assert attrs.keys() <= ALLOWED_FRAME.keys(), html
            for name, fixed in ALLOWED_FRAME.items():
                assert fixed is None or attrs[name] == fixed, (name, html)
            assert events[index + 1] == (">", "iframe"), html
        if tag == "figure":
            assert set((attrs.get("class") or "").split()) <= {"embed", "pull-quote"}, html
            assert attrs.get("data-embed", "youtube") in {"youtube", "telegram", "x"}, html
    assert "evil" not in html and "vimeo" not in html, html


@pytest.mark.parametrize("kind", MEDIA)
def test_each_kind_of_media_survives_a_save_whole(kind):
    article = make_article(body=f"<p>Before.</p>{MEDIA[kind]}<p>After.</p>")
    article.refresh_from_db()

    assert shape(article.body) == shape(f"<p>Before.</p>{MEDIA[kind]}<p>After.</p>")


@pytest.mark.parametrize("case", HOSTILE_MEDIA)
def test_media_the_editor_does_not_write_is_removed(case):
    kept = body_field().sanitize(f"<p>Around it.</p>{HOSTILE_MEDIA[case]}")

    assert_only_media_the_body_allows(kept)
    assert "<p>Around it.</p>" in kept


def test_a_frame_is_kept_only_as_the_player_it_claims_to_be():
    """What is left of a hostile frame at an allowed address is the plain player."""
    kept = body_field().sanitize(HOSTILE_MEDIA["a loosened sandbox"])

    assert shape(kept) == shape(f'<iframe src="{YOUTUBE_FRAME}" {FRAME_ATTRIBUTES}></iframe>')
    assert body_field().sanitize(HOSTILE_MEDIA["nested frames"]).count("<iframe") == 1


def test_media_reaches_the_readers_page_as_stored(client):
    article = make_article(body="".join(MEDIA.values()))

    page = client.get(article.get_absolute_url()).content.decode()

    for media in MEDIA.values():
        assert shape(media)[:3] == shape(page[page.index(media[:40]) :])[:3]
    assert f'src="{YOUTUBE_FRAME}"' in page
    assert "<script" not in page.split('<div class="body">')[1].split("</div>")[0]


HOSTILE_BODY = "".join(HOSTILE_MEDIA.values())


def test_the_admin_stores_only_what_the_body_allows(client, writer):
    client.force_login(writer)
    client.post(reverse("admin:articles_article_add"), article_form(body=YOUTUBE + HOSTILE_BODY))

    article = Article.objects.get()
    assert_only_media_the_body_allows(article.body)
    assert_only_media_the_body_allows(article.versions.get().content["body"])
    assert f'src="{YOUTUBE_FRAME}"' in article.body


def test_an_edit_waiting_on_a_live_story_keeps_only_what_the_body_allows(client, editor):
    """The version waits for publication, the row keeps the live text; its preview is safe."""
    article = make_article()
    article.body = YOUTUBE + HOSTILE_BODY
    version = workflow.save_edit(article, by=editor, editing=article.revision)

    assert_only_media_the_body_allows(version.content["body"])
    client.force_login(editor)
    preview = client.get(
        reverse("admin:articles_article_preview", args=[article.pk, version.number])
    )
    assert_only_media_the_body_allows(preview.content.decode().split('<div class="body">')[1])


def test_restoring_a_version_keeps_only_what_the_body_allows(editor):
    """A version kept before today's rules (or written around them) comes back sanitised."""
    article = make_article(status=Article.Status.DRAFT)
    old = article.versions.get()
    old.content = {**old.content, "body": YOUTUBE + HOSTILE_BODY}
    old.save(update_fields=["content"])
    workflow.save_edit(article, by=editor, editing=article.revision)

    restored = workflow.restore(article, old, by=editor)

    article.refresh_from_db()
    assert_only_media_the_body_allows(restored.content["body"])
    assert_only_media_the_body_allows(article.body)
    assert f'src="{YOUTUBE_FRAME}"' in article.body
