"""The Russian and Arabic editions in Chromium: accessible (axe-core), valid HTML (the Nu
Html Checker), in their own language, and the Arabic one laid out right to left."""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from articles.models import Topic
from tests.browser.checks import axe_failures, nu_html_errors
from tests.browser.test_public_pages import FATAL_RULES
from tests.factories import make_article, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RUSSIAN_HEADLINE = "Лавров встретился с послами стран ОИС"
ARABIC_HEADLINE = "لافروف يلتقي سفراء دول منظمة التعاون الإسلامي"
# A pixel's slack for the rounding of fractional layout boxes.
SLACK = 1


def address_in(language, article):
    with translation.override(language):
        return article.get_absolute_url()


@pytest.fixture
def editions():
    """One story in English and its Russian translation, and an Arabic story; return the
    address of each edition's front page and of its article."""
    topic = Topic.objects.create(name="Interfaith dialogue")
    person = make_person()
    english = make_article(topics=[topic], people=[person])
    russian = make_article(
        language="ru",
        translation_of=english,
        headline=RUSSIAN_HEADLINE,
        standfirst="Россия продолжает диалог с исламским миром.",
        body="<p>Россия поддерживает взаимоуважительные отношения со странами ОИС.</p>",
        topics=[topic],
        people=[person],
    )
    arabic = make_article(
        language="ar",
        headline=ARABIC_HEADLINE,
        standfirst="روسيا تواصل الحوار مع العالم الإسلامي.",
        body=(
            "<p>تحافظ روسيا على علاقات قائمة على الاحترام المتبادل مع الدول الإسلامية.</p>"
            "<blockquote><p>الحوار بين الحضارات ضرورة.</p></blockquote>"
        ),
        topics=[topic],
        people=[person],
    )
    return {
        "ru": {"front": "/ru/", "article": address_in("ru", russian)},
        "ar": {"front": "/ar/", "article": address_in("ar", arabic)},
    }


def test_the_russian_and_arabic_pages_are_accessible_and_valid_html(new_page, editions, tmp_path):
    page = new_page()
    headlines = {"ru": RUSSIAN_HEADLINE, "ar": ARABIC_HEADLINE}
    failures, documents = [], []
    for language, pages in editions.items():
        for kind, url in pages.items():
            name = f"{language} {kind}"
            response = page.goto(url)
            assert response.status == 200, name
            assert page.locator("html").get_attribute("lang") == language, name
            expect(page.get_by_text(headlines[language], exact=True).first).to_be_visible()
            failures += axe_failures(page, name, fatal_rules=FATAL_RULES)
            document = tmp_path / f"{language}-{kind}.html"
            document.write_text(response.text(), encoding="utf-8")
            documents.append(document)
    assert not failures, "\n".join(failures)
    assert not nu_html_errors(documents)


def direction(page):
    return page.evaluate("getComputedStyle(document.documentElement).direction")


def box(page, selector):
    """The element's border box in the window: x, y, width and height."""
    return page.locator(selector).first.bounding_box()


def content_box(page, selector):
    """The element's content box in the window: its left and right edges."""
    outer = box(page, selector)
    left, right = page.locator(selector).first.evaluate(
        "e => [getComputedStyle(e).paddingLeft, getComputedStyle(e).paddingRight].map(parseFloat)"
    )
    return outer["x"] + left, outer["x"] + outer["width"] - right


def right(box):
    return box["x"] + box["width"]


def header_items(page):
    """The border boxes of what the header holds besides the site's name (sections,
    search, and whatever else comes to stand beside them); the strip that holds the
    menus on a phone is no box of its own on a wide screen, so its items count."""
    items = page.locator(
        ".site-header .wrap > :not(.site-name, .header-strip), .site-header .header-strip > *"
    )
    return [items.nth(n).bounding_box() for n in range(items.count())]


def test_the_russian_edition_reads_left_to_right(new_page, editions):
    page = new_page()
    for url in editions["ru"].values():
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == "ru", url
        assert direction(page) == "ltr", url
        site_name = box(page, ".site-name")
        assert all(item["x"] >= right(site_name) - SLACK for item in header_items(page)), url


def test_an_arabic_page_lays_out_right_to_left(new_page, editions):
    """The direction is inherited, and the layout mirrors: the site's name opens the header
    on the right, the search is pushed towards its left end, the skip link shows on the
    right, and nothing hidden off the page's start makes it scroll sideways."""
    page = new_page()
    page.set_viewport_size({"width": 1280, "height": 800})
    for url in editions["ar"].values():
        page.goto(url)
        assert page.locator("html").get_attribute("dir") == "rtl", url
        assert direction(page) == "rtl", url
        site_name = box(page, ".site-name")
        _, end = content_box(page, ".site-header .wrap")
        assert abs(right(site_name) - end) <= SLACK, url
        assert all(right(item) <= site_name["x"] + SLACK for item in header_items(page)), url
        # The header's spare width opens on the search's right, between it and the sections.
        space_left, space_right = page.locator(".site-search").evaluate(
            "e => [getComputedStyle(e).marginLeft, getComputedStyle(e).marginRight]"
            ".map(parseFloat)"
        )
        assert space_left == 0 and space_right > 0, url
        assert page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        ), url
        page.keyboard.press("Tab")
        skip_link = box(page, ".skip-link")
        assert skip_link["x"] > page.viewport_size["width"] / 2, url


def test_an_arabic_story_hangs_from_the_right(new_page, editions):
    """The story's column stands against the right edge of the page, and a quotation's
    rule on its right, where a reader of Arabic starts each line."""
    page = new_page()
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(editions["ar"]["article"])
    start, end = content_box(page, "main")
    story = box(page, ".story")
    assert story["width"] < end - start, "the story fills the page: nothing to align"
    assert abs(right(story) - end) <= SLACK
    rule = page.locator(".story .body blockquote").evaluate(
        "e => [getComputedStyle(e).borderRightWidth, getComputedStyle(e).borderLeftWidth]"
    )
    assert rule == ["3px", "0px"], "the quotation's rule is not on its right"
