"""Every public page type: accessible (axe-core), valid HTML (the Nu Html Checker),
keyboard navigable, in a declared language, and whole without JavaScript."""

import datetime
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.models import ArticleDocument, Document, Region, Topic
from tests.browser.checks import axe_failures, nu_html_errors
from tests.factories import make_article, make_event, make_image, make_organisation, make_person

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
    return {
        "front": "/",
        "news": "/news/",
        "article": stories[0].get_absolute_url(),
        "topic": topic.get_absolute_url(),
        "region": russia.get_absolute_url(),
        "people": "/people/",
        "person": person.get_absolute_url(),
        "organisations": "/organisations/",
        "organisation": organisation.get_absolute_url(),
        "events": "/events/",
        "event": event.get_absolute_url(),
        "search": "/search/?q=Lavrov",
        "not found": "/news/2020/01/01/no-such-story/",
    }


def test_every_public_page_type_is_accessible_and_valid_html(new_page, site, tmp_path):
    page = new_page()
    failures, documents = [], []
    for name, url in site.items():
        response = page.goto(url)
        assert response.status == (404 if name == "not found" else 200), name
        html = response.text()
        scripts = EXECUTABLE_SCRIPT.findall(html)
        assert set(scripts) <= {EDITOR_TOOLBAR}, f"{name} ships a script: {scripts}"
        assert page.locator("html").get_attribute("lang") == "en", name
        failures += axe_failures(page, name, fatal_rules=FATAL_RULES)
        document = tmp_path / f"{name.replace(' ', '-')}.html"
        document.write_text(html, encoding="utf-8")
        documents.append(document)
    assert not failures, "\n".join(failures)
    assert not nu_html_errors(documents)


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
        for _ in range(6):
            page.keyboard.press("Tab")
            reached.append(page.evaluate("document.activeElement.textContent.trim()"))
        assert reached[:6] == [
            "Skip to content",
            "Newsroom",
            "News",
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
        assert page.locator("picture source[type='image/webp']").count() == 1
        page.get_by_role("link", name="Interfaith dialogue").first.click()
        assert page.locator("h1").inner_text() == "Interfaith dialogue"
        page.get_by_role("link", name="News", exact=True).click()
        assert page.locator("article.teaser").count() == 3
    finally:
        context.close()
