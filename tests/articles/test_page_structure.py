"""Every public page type reads in order to a screen reader: headings never skip a level
going down, and two landmarks of one kind always have different names."""

import datetime
from collections import Counter
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from tests.factories import make_article, make_event, make_organisation, make_person

pytestmark = pytest.mark.django_db

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
VOID |= {"track", "wbr"}
LANDMARKS = {"banner", "complementary", "contentinfo", "form", "main", "navigation", "region"}
LANDMARKS |= {"search"}
HEADINGS = {f"h{level}" for level in range(1, 7)}
# Elements whose header and footer belong to them rather than to the page (HTML-AAM).
SECTIONING = {"article", "aside", "main", "nav", "section"}


class Outline(HTMLParser):
    """The headings and landmarks of a page, as the accessibility tree names them."""

    def __init__(self):
        super().__init__()
        self.headings = []  # levels, in document order
        self.landmarks = []  # (role, aria-label, aria-labelledby ids)
        self.open = []  # tags of the elements enclosing the current position
        self.texts = {}  # id → text, for aria-labelledby
        self.collecting = []  # ids whose text is being read

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in HEADINGS:
            self.headings.append(int(tag[1]))
        role = attrs.get("role") or self.implicit_role(tag, attrs)
        if role in LANDMARKS:
            ids = tuple((attrs.get("aria-labelledby") or "").split())
            self.landmarks.append((role, attrs.get("aria-label"), ids))
        if tag in VOID:
            return
        self.open.append(tag)
        self.collecting.append(attrs.get("id"))
        if attrs.get("id"):
            self.texts[attrs["id"]] = ""

    def handle_endtag(self, tag):
        if tag in VOID or tag not in self.open:
            return
        while self.open:
            self.collecting.pop()
            if self.open.pop() == tag:
                break

    def handle_data(self, data):
        for element_id in filter(None, self.collecting):
            self.texts[element_id] += data

    def implicit_role(self, tag, attrs):
        named = bool(attrs.get("aria-label") or attrs.get("aria-labelledby"))
        inside_sectioning = bool(SECTIONING & set(self.open))
        return {
            "main": "main",
            "nav": "navigation",
            "aside": "complementary",
            "header": None if inside_sectioning else "banner",
            "footer": None if inside_sectioning else "contentinfo",
            "section": "region" if named else None,
            "form": "form" if named else None,
        }.get(tag)

    def names(self):
        """Each landmark's role and accessible name."""
        return [
            (role, label or " ".join(self.texts.get(i, "").strip() for i in ids) or None)
            for role, label, ids in self.landmarks
        ]


def outline(html):
    parser = Outline()
    parser.feed(html)
    parser.close()
    return parser


def heading_skips(headings):
    """Where a heading goes more than one level below the one before it."""
    return [
        f"h{before} then h{after}"
        for before, after in zip([0, *headings], headings, strict=False)
        if after > before + 1
    ]


def unnamed_twins(landmarks):
    """Landmarks of one role that share a name (or share having none)."""
    return [
        f"{count} × {role} {name!r}"
        for (role, name), count in Counter(landmarks).items()
        if count > 1
    ]


@pytest.fixture
def pages(topic, regions):
    """One of every public HTML page type, with enough on it to show every part."""
    person = make_person(bio="<p>Minister since 2004.</p>")
    person.topics.set([topic])
    organisation = make_organisation(website="https://www.oic-oci.org/")
    event = make_event(
        name="Lavrov forum", start_date=timezone.localdate() - datetime.timedelta(days=3)
    )
    event.organisers.set([organisation])
    make_event(name="Next forum")
    stories = []
    for days in (1, 5):
        article = make_article(
            headline=f"Lavrov meets OIC ambassadors, {days} days ago",
            published_at=timezone.now() - datetime.timedelta(days=days),
            topics=[topic],
            regions=[regions["kazan"]],
            people=[person],
        )
        article.organisations.set([organisation])
        article.events.set([event])
        stories.append(article)
    return {
        "front": "/",
        "news": "/news/",
        "article": stories[0].get_absolute_url(),
        "topic": topic.get_absolute_url(),
        "region": regions["kazan"].get_absolute_url(),
        "people": "/people/",
        "person": person.get_absolute_url(),
        "organisations": "/organisations/",
        "organisation": organisation.get_absolute_url(),
        "events": "/events/",
        "event": event.get_absolute_url(),
        "search form": "/search/",
        "search results": "/search/?q=Lavrov",
        "not found": "/news/2020/01/01/no-such-story/",
    }


def test_the_outline_reader_sees_skips_and_twins():
    """The checks below would catch the faults they look for."""
    page = outline(
        '<header><form role="search"></form></header><main><h1>News</h1><article>'
        "<header><h3>Story</h3></header></article>"
        '<form role="search" aria-label="Filters"></form><form role="search"></form></main>'
    )
    assert heading_skips(page.headings) == ["h1 then h3"]
    assert unnamed_twins(page.names()) == ["2 × search None"]


def test_headings_never_skip_a_level_on_any_public_page(client, pages):
    skips = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == (404 if name == "not found" else 200), name
        page = outline(response.content.decode())
        assert page.headings[:1] == [1], name
        if found := heading_skips(page.headings):
            skips[name] = found
    assert not skips


def test_landmarks_of_one_kind_have_distinct_names_on_any_public_page(client, pages):
    twins = {}
    for name, url in pages.items():
        page = outline(client.get(url).content.decode())
        if found := unnamed_twins(page.names()):
            twins[name] = found
    assert not twins
