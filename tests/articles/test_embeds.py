"""Embedding a post: the admin's view resolves an address of an allowed provider, through
its oEmbed endpoint (a fake one on 127.0.0.1), into the markup the body stores."""

import pytest
from django.urls import reverse

from articles import embeds
from articles.models import Article
from tests.pages import shape

pytestmark = pytest.mark.django_db

RESOLVE = reverse("admin:articles_article_embed")


def resolve(client, url):
    return client.get(RESOLVE, {"url": url})


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com/watch?feature=share&v=dQw4w9WgXcQ&t=42",
        "https://youtu.be/dQw4w9WgXcQ",
        "https://m.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com/shorts/dQw4w9WgXcQ",
    ],
)
def test_a_youtube_address_becomes_the_privacy_enhanced_player(client, writer, oembed, url):
    client.force_login(writer)
    response = resolve(client, url)

    assert response.status_code == 200
    html = response.json()["html"]
    assert 'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in html
    assert 'title="KazanForum opens"' in html
    assert 'loading="lazy"' in html
    assert 'width="560" height="315"' in html
    # The original under it, for readers whose browser shows no frame.
    assert (
        f'<figcaption><a href="{url.replace("&", "&amp;")}">YouTube: KazanForum opens</a>' in html
    )
    assert oembed.asked == [url]


def test_a_telegram_post_is_framed_from_its_address_alone(client, writer, oembed):
    """Telegram has no oEmbed endpoint: its embed frame is named by the post's address."""
    client.force_login(writer)
    html = resolve(client, "https://t.me/mfa_russia/21987").json()["html"]

    assert 'src="https://t.me/mfa_russia/21987?embed=1"' in html
    assert '<a href="https://t.me/mfa_russia/21987">' in html
    assert oembed.asked == []


def test_an_x_post_is_quoted_with_its_words_and_a_link_and_no_script(client, writer, oembed):
    client.force_login(writer)
    url = "https://x.com/mfa_russia/status/1763600000000000000"
    html = resolve(client, url).json()["html"]

    assert '<figure class="embed" data-embed="x"><blockquote><p>' in html
    assert "Talks in Kazan today pic.twitter.com/abc</p></blockquote>" in html
    assert f'<a href="{url}">X: Russian MFA</a>' in html
    assert "script" not in html and "widgets.js" not in html and "<iframe" not in html


@pytest.mark.parametrize(
    "url",
    [
        "https://vimeo.com/76979871",
        "https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
        "https://evil.example/?https://youtu.be/dQw4w9WgXcQ",
        "http://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "javascript:alert(1)//https://youtu.be/dQw4w9WgXcQ",
        "",
    ],
)
def test_an_address_off_the_allowlist_is_refused_saying_which_are_allowed(
    client, writer, oembed, url
):
    client.force_login(writer)
    response = resolve(client, url)

    assert response.status_code == 400
    assert response.json() == {
        "error": "Only posts from YouTube, Telegram or X can be embedded; "
        "this address is none of theirs."
    }
    # Nobody was asked about it: the server fetches only from the providers' endpoints.
    assert oembed.asked == []


def test_a_provider_that_does_not_answer_is_a_clear_error(client, writer, oembed):
    client.force_login(writer)
    oembed.stop()

    response = resolve(client, "https://youtu.be/dQw4w9WgXcQ")

    assert response.status_code == 502
    assert response.json() == {"error": "YouTube did not answer about this post; try again later."}


def test_a_provider_in_trouble_is_a_clear_error(client, writer, oembed):
    client.force_login(writer)
    oembed.status = 503

    response = resolve(client, "https://youtu.be/dQw4w9WgXcQ")

    assert response.status_code == 502
    assert "YouTube did not answer" in response.json()["error"]


def test_a_post_the_provider_does_not_know_is_a_clear_error(client, writer, oembed):
    client.force_login(writer)
    oembed.status = 404

    response = resolve(client, "https://youtu.be/dQw4w9WgXcQ")

    assert response.status_code == 400
    assert response.json() == {"error": "YouTube has no public post at this address."}


def test_only_those_who_write_articles_resolve_addresses(client, oembed, django_user_model):
    assert resolve(client, "https://youtu.be/dQw4w9WgXcQ").status_code == 302  # to log in
    client.force_login(django_user_model.objects.create_user("reader", is_staff=True))

    assert resolve(client, "https://youtu.be/dQw4w9WgXcQ").status_code == 403
    assert oembed.asked == []


@pytest.mark.parametrize(
    "url",
    [
        "https://youtu.be/dQw4w9WgXcQ",
        "https://t.me/mfa_russia/21987",
        "https://x.com/mfa_russia/status/1763600000000000000",
    ],
)
def test_what_the_view_gives_is_kept_whole_by_the_sanitiser(client, writer, oembed, url):
    client.force_login(writer)
    html = resolve(client, url).json()["html"]

    assert shape(Article._meta.get_field("body").sanitize(html)) == shape(html)


def test_the_pages_may_frame_the_providers_players_and_nothing_else(client):
    policy = client.get("/").headers["Content-Security-Policy"]

    directives = dict(directive.strip().split(" ", 1) for directive in policy.split(";"))
    assert directives["frame-src"] == "'self' https://t.me https://www.youtube-nocookie.com"


def test_the_frames_allowed_follow_the_allowlist(settings):
    frame = "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    assert embeds.is_frame(frame)

    settings.NEWSROOM_EMBED_PROVIDERS = {
        key: provider
        for key, provider in settings.NEWSROOM_EMBED_PROVIDERS.items()
        if key != "youtube"
    }
    assert not embeds.is_frame(frame)
    assert embeds.is_frame("https://t.me/mfa_russia/21987?embed=1")
