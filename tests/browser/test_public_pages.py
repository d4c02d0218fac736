"""Every public page type, on a wide screen and on a phone: accessible (axe-core), valid
HTML (the Nu Html Checker), laid out without a shift after load or a sideways scroll, made
for a finger on a phone, keyboard navigable, in a declared language, and whole without
JavaScript."""

import datetime
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.models import ArticleDocument, Correction, Document, Menu, MenuItem, Region, Topic
from tests.browser.checks import axe_failures, layout_failures, nu_html_errors
from tests.factories import (
    make_article,
    make_event,
    make_front_page,
    make_image,
    make_organisation,
    make_page,
    make_person,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Besides serious and critical violations, these fail the build: a skipped heading level
# and two landmarks of one kind with one name both leave a screen reader's outline of the
# page hard to follow.
FATAL_RULES = {"heading-order", "landmark-unique"}
# Script types a browser would run; JSON-LD and other data blocks are not among them.
EXECUTABLE_SCRIPT = re.compile(
    r"<script(?![^>]*\btype=[\"']?(?:application/(?:ld\+)?json|text/plain))[^>]*>", re.I
)
# The one script a public page may carry: it adds the editor toolbar for staff only.
EDITOR_TOOLBAR = '<script src="/static/js/editor-toolbar.js" defer>'
VIEWPORTS = {"wide": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}


def jpeg(size=(1600, 900)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "steelblue").save(buffer, "JPEG")
    return SimpleUploadedFile("hero.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def site(settings, tmp_path):
    """A small newsroom with one of every page type; returns each page's address."""
    settings.MEDIA_ROOT = tmp_path
    topic = Topic.objects.create(name="Interfaith dialogue", description="Faiths in talks.")
    russia = Region.objects.create(name="Russia")
    kazan = Region.objects.create(name="Kazan", parent=russia)
    person = make_person(
        portrait=make_image(jpeg((600, 800)), alt="Sergey Lavrov"),
        bio="<p>Minister since 2004.</p>",
    )
    person.topics.set([topic])
    organisation = make_organisation(website="https://www.oic-oci.org/")
    event = make_event(
        description="<p>The forum of the Islamic world.</p>",
        start_time=datetime.time(10),
        end_time=datetime.time(18),
        time_zone="Europe/Moscow",
    )
    event.organisers.set([organisation])
    make_event(name="Last year's forum", start_date=timezone.localdate().replace(year=2025))
    stories = []
    for n in range(3):
        article = make_article(
            headline=f"Lavrov meets OIC ambassadors, part {n}",
            topics=[topic],
            regions=[kazan],
            people=[person],
            hero_image=make_image(
                jpeg(),
                alt="The minister with the ambassadors",
                caption="At the ministry",
                credit="Russian Foreign Ministry",
            ),
        )
        attachment = Document.objects.create(
            title=f"Speech, part {n}", file=SimpleUploadedFile("speech.pdf", b"%PDF-1.7")
        )
        ArticleDocument.objects.create(article=article, document=attachment)
        article.organisations.set([organisation])
        article.events.set([event])
        article.bylines.create(person=person, position=0)
        stories.append(article)
    # The first story's text holds a picture, a pull quote and a gallery of the library.
    views = [make_image(jpeg(), alt=f"The hall of the forum, view {n}") for n in range(3)]
    stories[0].body = (
        "<p>The minister spoke first.</p>"
        f'<figure data-image="{views[0].pk}" data-size="wide"></figure>'
        '<figure class="pull-quote"><blockquote><p>Dialogue is the only way.</p></blockquote>'
        "<figcaption>Rustam Minnikhanov</figcaption></figure>"
        f'<figure data-gallery="{views[1].pk},{views[2].pk}"></figure>'
    )
    stories[0].save()
    # A front page with every kind of slot, each with a story of its own.
    make_article(headline="Kazan forum brief", topics=[topic])
    make_front_page(
        [
            {"kind": "lead", "article": stories[0]},
            {"kind": "featured"},
            {"kind": "latest", "count": 1},
            {"kind": "section", "topic": topic, "count": 1},
        ]
    )
    # An About page, in both menus beside the sections.
    about = make_page(headline="About us", body="<h2>The group</h2><p>Editors in Kazan.</p>")
    header = Menu.objects.create(place=Menu.Place.HEADER, language="en")
    sections = ["news", "topics", "regions", "people", "organisations", "events"]
    for position, section in enumerate(sections):
        MenuItem.objects.create(menu=header, position=position, section=section)
    MenuItem.objects.create(menu=header, position=len(sections), page_id=about.pk)
    footer = Menu.objects.create(place=Menu.Place.FOOTER, language="en")
    MenuItem.objects.create(menu=footer, position=0, page_id=about.pk)
    MenuItem.objects.create(menu=footer, position=1, section="corrections")
    Correction.objects.create(
        article=stories[0], version=stories[0].versions.get(), note="The minister's title."
    )
    return {
        "front": "/",
        "news": "/news/",
        "article": stories[0].get_absolute_url(),
        "topics": "/topics/",
        "topic": topic.get_absolute_url(),
        "regions": "/regions/",
        "region": russia.get_absolute_url(),
        "people": "/people/",
        "person": person.get_absolute_url(),
        "organisations": "/organisations/",
        "organisation": organisation.get_absolute_url(),
        "events": "/events/",
        "event": event.get_absolute_url(),
        "search": "/search/?q=Lavrov",
        "page": about.get_absolute_url(),
        "corrections": "/corrections/",
        "not found": "/news/2020/01/01/no-such-story/",
    }


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_public_page_type_is_accessible_valid_and_steady(new_page, site, tmp_path, viewport):
    page = new_page(viewport=VIEWPORTS[viewport])
    failures, documents = [], []
    for name, url in site.items():
        response = page.goto(url)
        assert response.status == (404 if name == "not found" else 200), name
        html = response.text()
        if name == "article":  # with what a story's text may hold
            assert all(kind in html for kind in ("body-image", "pull-quote", "gallery"))
        scripts = EXECUTABLE_SCRIPT.findall(html)
        assert set(scripts) <= {EDITOR_TOOLBAR}, f"{name} ships a script: {scripts}"
        assert page.locator("html").get_attribute("lang") == "en", name
        failures += layout_failures(page, f"{viewport} {name}", phone=viewport == "phone")
        failures += axe_failures(page, f"{viewport} {name}", fatal_rules=FATAL_RULES)
        document = tmp_path / f"{name.replace(' ', '-')}.html"
        document.write_text(html, encoding="utf-8")
        documents.append(document)
    assert not failures, "\n".join(failures)
    # The same HTML at every width: one check of it is enough.
    if viewport == "wide":
        assert not nu_html_errors(documents)


def test_teasers_show_their_picture_with_its_space_kept(new_page, site):
    page = new_page(viewport=VIEWPORTS["phone"])
    page.goto(site["news"])
    pictures = page.locator("article.teaser img")
    assert pictures.count() == 3
    for n in range(3):
        picture = pictures.nth(n)
        assert picture.get_attribute("loading") == "lazy"
        box = picture.bounding_box()
        # 1600 × 900 drawn at the teaser's width: its height known before it loads.
        assert box["height"] == pytest.approx(box["width"] * 900 / 1600, abs=1)


def test_an_article_on_a_wide_screen_sets_what_it_is_about_beside_the_text(new_page, site):
    page = new_page(viewport=VIEWPORTS["wide"])
    page.goto(site["article"])
    text = page.locator("article.story").bounding_box()
    aside = page.get_by_role("complementary", name="About this story").bounding_box()
    assert aside["x"] >= text["x"] + text["width"]
    assert aside["y"] < text["y"] + 200
    page.set_viewport_size(VIEWPORTS["phone"])
    text = page.locator("article.story").bounding_box()
    aside = page.get_by_role("complementary", name="About this story").bounding_box()
    assert aside["y"] >= text["y"] + text["height"]
    credit = page.locator("figure.hero figcaption .credit")
    assert credit.inner_text().lower() == "photo: russian foreign ministry"
    caption = page.locator("figure.hero figcaption .caption").bounding_box()
    assert credit.bounding_box()["y"] >= caption["y"] + caption["height"]


def test_the_keyboard_reaches_the_skip_link_first_then_the_sections(new_page, site):
    page = new_page()
    for url in [site["front"], site["article"]]:
        page.goto(url)
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.textContent.trim()")
        assert focused == "Skip to content", url
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash") == "#content"
        page.goto(url)
        reached = []
        for _ in range(8):
            page.keyboard.press("Tab")
            reached.append(page.evaluate("document.activeElement.textContent.trim()"))
        assert reached == [
            "Skip to content",
            "Newsroom",
            "News",
            "Topics",
            "Regions",
            "People",
            "Organisations",
            "Events",
        ], url


def test_pages_are_whole_without_javascript(browser, live_server, site):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site["article"])
        assert page.locator("h1").inner_text().startswith("Lavrov meets OIC ambassadors")
        # Its hero, and the picture and the gallery's two in its text.
        assert page.locator("picture source[type='image/webp']").count() == 4
        page.get_by_role("link", name="Interfaith dialogue").first.click()
        assert page.locator("h1").inner_text() == "Interfaith dialogue"
        page.get_by_role("link", name="News", exact=True).click()
        assert page.locator("article.teaser").count() == 4
    finally:
        context.close()
