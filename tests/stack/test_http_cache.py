"""The site behind a real Varnish with the xkey module, purged by surrogate key.

The site runs in pytest's live server (its database committed for real, so that the
lifecycle's on-commit purges happen as in production), Varnish in front of it with the
project's VCL; readers ask Varnish, and its X-Cache header says whether it answered
from its cache.
"""

import glob
import shutil
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from django.urls import reverse

from articles import purgers, workflow
from newsroom.stack.varnish import Varnish
from tests.articles import test_public_surfaces
from tests.factories import make_person, make_user, submitted_by
from tests.machine import cannot_run

# Committed for real, each test's rows flushed after it: the roles made again first.
pytestmark = [
    pytest.mark.stack,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("roles"),
]

# Debian's varnish-modules, under the machine's own architecture.
XKEY = glob.glob("/usr/lib/*/varnish/vmods/libvmod_xkey.so")


class Answer:
    """What Varnish answered, as the public-surface walk reads a test client's response."""

    streaming = False

    def __init__(self, status, headers, content):
        self.status_code = status
        self.headers = headers
        self.content = content

    @property
    def hit(self):
        return self.headers.get("X-Cache") == "HIT"


class Reader:
    """A browser asking Varnish for pages, with the cookies it is given."""

    def __init__(self, base, cookies=""):
        self.base = base
        self.cookies = cookies

    def get(self, path, data=None):
        url = self.base + path + (f"?{urlencode(data)}" if data else "")
        request = urllib.request.Request(
            url, headers={"Cookie": self.cookies} if self.cookies else {}
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return Answer(response.status, response.headers, response.read())
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.headers, error.read())


@pytest.fixture
def varnish(live_server, settings):
    """Varnish in front of the live server, and the site purging it."""
    if not shutil.which("varnishd") and not Path("/usr/sbin/varnishd").exists():
        cannot_run("Varnish is not installed (apt-get install varnish varnish-modules)")
    if not XKEY:
        cannot_run("Varnish's xkey module is not installed (apt-get install varnish-modules)")
    server = urlsplit(live_server.url)
    with Varnish((server.hostname, server.port), memory="64m") as front:
        settings.NEWSROOM_PURGER = {
            "BACKEND": "articles.purgers.Varnish",
            "OPTIONS": {"urls": [front.url]},
        }
        purgers.get_purger.cache_clear()
        try:
            yield front
        finally:
            purgers.get_purger.cache_clear()


@pytest.fixture
def desk():
    return make_user("author", "Writers"), make_user("editor", "Editors")


@pytest.fixture
def reader(varnish):
    return Reader(varnish.url)


def cached(reader, path):
    """Ask twice: the second answer is Varnish's own copy."""
    first = reader.get(path)
    second = reader.get(path)
    assert first.status_code == 200, path
    assert second.hit, (path, dict(second.headers))
    return second


def test_a_published_change_reaches_readers_at_once_and_leaves_other_pages_cached(reader, desk):
    author, editor = desk
    story = workflow.publish(submitted_by(author, headline="First headline"), by=editor)
    other = workflow.publish(submitted_by(author, headline="Another story"), by=editor)
    showing = [story.get_absolute_url(), reverse("articles:news"), reverse("articles:front")]
    not_showing = [other.get_absolute_url(), reverse("articles:people")]
    for path in showing + not_showing:
        assert b"First headline" in cached(reader, path).content or path in not_showing

    story.headline = "Corrected headline"
    workflow.save_edit(story, by=author, editing=story.revision)
    workflow.publish(workflow.submit(story, by=author), by=editor)

    for path in showing:
        page = reader.get(path)
        assert not page.hit, path
        assert b"Corrected headline" in page.content and b"First headline" not in page.content
    for path in not_showing:
        assert reader.get(path).hit, path


def test_a_new_story_purges_the_pages_of_what_it_is_about_and_no_other(reader, desk):
    author, editor = desk
    minister, envoy = make_person(name="Sergey Lavrov"), make_person(name="Rustam Minnikhanov")
    older = submitted_by(author, headline="The envoy's visit")
    older.people.set([envoy])
    older = workflow.publish(older, by=editor)
    minister_page, envoy_page = minister.get_absolute_url(), envoy.get_absolute_url()
    for path in [minister_page, envoy_page, older.get_absolute_url(), reverse("articles:news")]:
        cached(reader, path)

    story = submitted_by(author, headline="The minister speaks")
    story.people.set([minister])
    workflow.publish(story, by=editor)

    for path in [minister_page, reverse("articles:news")]:
        page = reader.get(path)
        assert not page.hit and b"The minister speaks" in page.content, path
    # Not about the minister: still Varnish's copy.
    assert reader.get(envoy_page).hit
    assert reader.get(older.get_absolute_url()).hit


def test_an_unpublished_story_leaves_every_cached_page_at_once(reader, desk):
    author, editor = desk
    story = workflow.publish(submitted_by(author, headline="Soon withdrawn"), by=editor)
    paths = [story.get_absolute_url(), reverse("articles:news"), reverse("articles:feed_latest")]
    for path in paths:
        cached(reader, path)

    workflow.unpublish(story, by=editor)

    assert reader.get(paths[0]).status_code == 404
    for path in paths[1:]:
        assert b"Soon withdrawn" not in reader.get(path).content, path


# Every state a story readers may not see is in, on every public surface.
newsroom = test_public_surfaces.newsroom


def test_no_public_surface_through_varnish_shows_a_hidden_article(reader, newsroom):
    """The walk of every public surface of every edition, twice through Varnish: the
    second mostly from its cache, neither showing anything readers may not see."""
    test_public_surfaces.walk(reader, newsroom)
    test_public_surfaces.walk(reader, newsroom)
    assert reader.get(reverse("articles:news")).hit


def test_previews_drafts_and_search_are_never_kept(reader, desk):
    author, editor = desk
    draft = submitted_by(author, headline="Secret draft")
    link = workflow.share(draft, by=editor)
    preview = reverse("articles:shared_preview", kwargs={"pk": draft.pk, "token": link.token})
    paths = [preview, draft.get_absolute_url(), reverse("articles:search") + "?q=draft"]
    for path in paths:
        reader.get(path)
        assert not reader.get(path).hit, path

    workflow.revoke(link, by=editor)
    assert reader.get(preview).status_code == 404


def test_an_editors_pages_are_never_kept_nor_shown_to_readers(reader, varnish, desk, client):
    author, editor = desk
    story = workflow.publish(submitted_by(author, headline="Seen by all"), by=editor)
    client.force_login(make_user("logged-in", "Editors"))
    editor_browser = Reader(varnish.url, cookies=f"sessionid={client.cookies['sessionid'].value}")
    path = story.get_absolute_url()

    for _ in range(2):
        page = editor_browser.get(path)
        assert page.status_code == 200 and not page.hit
        assert "private" in page.headers["Cache-Control"]
        admin = editor_browser.get(reverse("admin:index"))
        assert admin.status_code == 200 and not admin.hit
    # Nothing the editor was sent was kept: the first reader's is a miss, then kept.
    assert not reader.get(path).hit
    assert reader.get(path).hit
    # And a reader's copy is never sent to the editor.
    assert not editor_browser.get(path).hit
