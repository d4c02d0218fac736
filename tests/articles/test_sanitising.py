import re

import pytest
from django.urls import reverse

from articles.models import Region, Topic
from tests.factories import make_article, make_event, make_organisation, make_person

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
