"""Readers get the edition they ask for: each edition's lists, an article at its own
edition's address, and the switcher and hreflang alternates between editions."""

import datetime
import json

import pytest
from django.utils.translation import override

from articles.models import Article, Topic
from tests.factories import make_article, make_person
from tests.pages import elements, headlines

pytestmark = pytest.mark.django_db

HOST = "http://testserver"
DAY = datetime.date(2023, 3, 6)


@pytest.fixture
def story(topic):
    """A story published in English and in Russian, the Russian a translation."""
    english = make_article(headline="Lavrov in Kazan", dateline=DAY, topics=[topic])
    russian = make_article(
        headline="Лавров в Казани",
        dateline=DAY,
        language="ru",
        translation_of=english,
        topics=[topic],
    )
    return {"en": english, "ru": russian}


def alternates(response):
    """hreflang: address, as the page's <head> names them."""
    return {
        link["hreflang"]: link["href"]
        for link in elements(response, "link", rel="alternate")
        if "hreflang" in link
    }


def switcher(response):
    """The language switcher's links (the only links with an hreflang), by language."""
    return {link["lang"]: link for link in elements(response, "a") if "hreflang" in link}


def html_element(response):
    return elements(response, "html")[0]


def test_a_translated_story_is_at_both_addresses_each_naming_the_other(client, story):
    english, russian = story["en"], story["ru"]
    assert english.get_absolute_url() == "/news/2023/03/06/lavrov-in-kazan/"
    assert russian.get_absolute_url().startswith("/ru/news/2023/03/06/")
    for language, article in story.items():
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        assert html_element(response) == {"lang": language, "dir": "ltr"}
        assert alternates(response) == {
            "en": f"{HOST}{english.get_absolute_url()}",
            "ru": f"{HOST}{russian.get_absolute_url()}",
            "x-default": f"{HOST}{english.get_absolute_url()}",
        }
        links = switcher(response)
        assert links["en"]["href"] == english.get_absolute_url()
        assert links["ru"]["href"] == russian.get_absolute_url()
        assert links["ar"]["href"] == "/ar/"  # no Arabic version: the Arabic front page
        for code, link in links.items():
            assert link["hreflang"] == code
            assert ("aria-current" in link) == (code == language)
        assert links["ar"]["dir"] == "rtl"
        canonical = elements(response, "link", rel="canonical")[0]["href"]
        assert canonical == f"{HOST}{article.get_absolute_url()}"


def test_an_untranslated_storys_switcher_goes_to_the_other_editions_front_page(client):
    article = make_article(headline="Only in English")
    response = client.get(article.get_absolute_url())
    assert {code: link["href"] for code, link in switcher(response).items()} == {
        "en": article.get_absolute_url(),
        "ru": "/ru/",
        "ar": "/ar/",
    }
    url = f"{HOST}{article.get_absolute_url()}"
    assert alternates(response) == {"en": url, "x-default": url}


def test_a_russian_only_story_names_itself_as_x_default(client):
    article = make_article(headline="Только по-русски", language="ru")
    response = client.get(article.get_absolute_url())
    url = f"{HOST}{article.get_absolute_url()}"
    assert alternates(response) == {"ru": url, "x-default": url}
    assert switcher(response)["en"]["href"] == "/"


@pytest.mark.parametrize("status", ["draft", "unpublished"])
def test_an_unpublished_translation_is_never_named(client, status):
    english = make_article(headline="Lavrov in Kazan")
    hidden = make_article(
        headline="Лавров в Казани", language="ru", translation_of=english, status=status
    )
    response = client.get(english.get_absolute_url())
    assert switcher(response)["ru"]["href"] == "/ru/"
    assert "ru" not in alternates(response)
    assert hidden.slug not in response.content.decode()


def test_a_scheduled_translation_is_named_once_it_is_live(client, time_machine):
    english = make_article(headline="Lavrov in Kazan")
    soon = datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=1)
    russian = make_article(
        headline="Лавров в Казани", language="ru", translation_of=english, published_at=soon
    )
    assert "ru" not in alternates(client.get(english.get_absolute_url()))
    time_machine.move_to(soon + datetime.timedelta(minutes=1))
    response = client.get(english.get_absolute_url())
    assert alternates(response)["ru"] == f"{HOST}{russian.get_absolute_url()}"


def test_an_article_asked_for_under_another_edition_moves_to_its_own_address(client, story):
    """Like a wrong date: a permanent redirect, as a page that moved."""
    english = story["en"]
    response = client.get(f"/ru{english.get_absolute_url()}")
    assert response.status_code == 301
    assert response["Location"] == english.get_absolute_url()
    russian_path = story["ru"].get_absolute_url().removeprefix("/ru")
    response = client.get(russian_path)
    assert response.status_code == 301
    assert response["Location"] == story["ru"].get_absolute_url()


def test_an_arabic_page_is_right_to_left(client):
    article = make_article(headline="لافروف في قازان", language="ar")
    for url in ["/ar/", "/ar/news/", article.get_absolute_url()]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert html_element(response) == {"lang": "ar", "dir": "rtl"}, url


def test_a_page_in_every_edition_names_itself_in_each(client, topic):
    paths = ["/", "/news/", topic.get_absolute_url(), make_person().get_absolute_url()]
    for path in [*paths, "/people/", "/search/"]:
        for prefix, language in [("", "en"), ("/ru", "ru"), ("/ar", "ar")]:
            response = client.get(f"{prefix}{path}")
            assert response.status_code == 200, (prefix, path)
            assert alternates(response) == {
                "en": f"{HOST}{path}",
                "ru": f"{HOST}/ru{path}",
                "ar": f"{HOST}/ar{path}",
                "x-default": f"{HOST}{path}",
            }, (prefix, path)
            links = switcher(response)
            assert links["ru"]["href"] == f"/ru{path}"
            assert "aria-current" in links[language]


def test_a_missing_page_names_no_alternate_and_offers_each_front_page(client):
    response = client.get("/ru/people/nobody/")
    assert response.status_code == 404
    assert alternates(response) == {}
    assert {code: link["href"] for code, link in switcher(response).items()} == {
        "en": "/",
        "ru": "/ru/",
        "ar": "/ar/",
    }


def test_each_editions_lists_show_only_its_articles(client, story, topic):
    make_article(headline="English only", topics=[topic])
    person = make_person()
    for article in story.values():
        article.people.set([person])
    paths = ["/", "/news/", topic.get_absolute_url(), person.get_absolute_url()]
    expected = {
        "": {"Lavrov in Kazan", "English only"},
        "/ru": {"Лавров в Казани"},
        "/ar": set(),
    }
    for prefix, stories in expected.items():
        for path in paths:
            response = client.get(f"{prefix}{path}")
            shown = {*headlines(response, class_="teaser"), *headlines(response, class_="lead")}
            if path == person.get_absolute_url():
                stories = stories - {"English only"}
            assert shown == stories, (prefix, path)


def test_related_coverage_is_of_the_articles_edition(client, topic):
    english = make_article(headline="Lavrov in Kazan", topics=[topic])
    make_article(headline="Forum opens", topics=[topic])
    make_article(headline="Форум открылся", topics=[topic], language="ru")
    response = client.get(english.get_absolute_url())
    assert headlines(response, aria_labelledby="related-heading") == []
    page = response.content.decode()
    assert "Forum opens" in page
    assert "Форум открылся" not in page


def test_structured_data_names_the_articles_language(client, story):
    for language, article in story.items():
        page = client.get(article.get_absolute_url()).content.decode()
        start = page.index('<script type="application/ld+json">') + len(
            '<script type="application/ld+json">'
        )
        data = json.loads(page[start : page.index("</script>", start)])
        assert data["inLanguage"] == language


def test_dates_are_written_in_the_pages_language(client, story):
    assert "6 March 2023" in client.get(story["en"].get_absolute_url()).content.decode()
    assert "6 марта 2023 г." in client.get(story["ru"].get_absolute_url()).content.decode()


def test_a_translation_points_at_its_own_edition_whatever_the_active_language(story):
    with override("ar"):
        assert story["ru"].get_absolute_url().startswith("/ru/news/")
        assert story["en"].get_absolute_url().startswith("/news/")


def test_the_story_of_an_article_is_read_with_it_in_one_query(story, django_assert_num_queries):
    with django_assert_num_queries(1):
        article = Article.objects.with_versions().get(pk=story["ru"].pk)
        addresses = article.edition_addresses()
    assert addresses == {code: a.get_absolute_url() for code, a in story.items()}
    assert Topic.objects.count() == 1
