"""People, organisations, events, topics and regions are named in the reader's language,
and in the default language where they have no name in it (articles/translation.py)."""

import pytest
from django.utils import translation

from articles.models import Person, Region, Topic
from tests.factories import (
    empty_inlines,
    make_article,
    make_front_page,
    make_organisation,
    make_person,
)
from tests.pages import headings, links


@pytest.fixture
def lavrov(db):
    return make_person(name="Sergey Lavrov", name_ru="Сергей Лавров", role_title_ru="Министр")


@pytest.fixture
def kazan(db):
    return Region.objects.create(name="Kazan", name_ru="Казань", name_ar="قازان")


def test_an_entity_reads_its_name_in_the_active_language_or_the_default_one(lavrov):
    untranslated = make_person(name="Ivan Petrov")

    with translation.override("ru"):
        assert lavrov.name == "Сергей Лавров"
        assert untranslated.name == "Ivan Petrov"
    assert lavrov.name == "Sergey Lavrov"


def test_the_default_language_s_name_keys_a_vocabulary_and_makes_its_slug(db):
    with translation.override("ru"):
        topic = Topic.objects.create(name="Economy", name_ru="Экономика")

    assert (topic.name_key, topic.slug) == ("economy", "economy")


def test_a_person_s_page_shows_their_russian_name_on_russian_pages(client, lavrov):
    page = client.get(f"/ru/people/{lavrov.slug}/").content.decode()

    assert "Сергей Лавров" in page
    assert "Sergey Lavrov" not in page


def test_a_person_without_a_russian_name_shows_the_english_one(client, db):
    person = make_person(name="Ivan Petrov")

    assert "Ivan Petrov" in client.get(f"/ru/people/{person.slug}/").content.decode()


def test_an_article_page_names_its_byline_and_links_in_the_page_s_language(client, lavrov):
    topic = Topic.objects.create(name="Foreign policy", name_ru="Внешняя политика")
    other = make_person(name="Ivan Petrov")
    article = make_article(language="ru", people=[lavrov, other], topics=[topic])
    article.bylines.create(person=lavrov, position=0)

    with translation.override("ru"):
        page = client.get(article.get_absolute_url())
    html = page.content.decode()

    with translation.override("ru"):
        # Loaded in the page's language and the default one, nothing else to ask for.
        assert [person.name for person in page.context_data["bylines"]] == ["Сергей Лавров"]
        assert [person.name for person in page.context_data["people"]] == [
            "Ivan Petrov",
            "Сергей Лавров",
        ]
    assert "Внешняя политика" in html
    assert "Sergey Lavrov" not in html


def test_a_teaser_names_its_topic_and_byline_in_the_edition_s_language(client, lavrov):
    translated = Topic.objects.create(name="Foreign policy", name_ru="Внешняя политика")
    untranslated = Topic.objects.create(name="Energy")
    article = make_article(language="ru", topics=[translated, untranslated])
    article.bylines.create(person=lavrov, position=0)

    russian = client.get("/ru/news/").content.decode()
    english = client.get("/news/").content.decode()

    assert "Внешняя политика" in russian and "Energy" in russian
    assert "Сергей Лавров" in russian
    # The teaser subqueries are kept per language: the English list is not served Russian.
    assert "Внешняя политика" not in english


def test_the_front_page_heads_its_topic_sections_in_the_edition_s_language(client, db):
    translated = Topic.objects.create(name="Foreign policy", name_ru="Внешняя политика")
    untranslated = Topic.objects.create(name="Energy")
    for topic in (translated, untranslated):
        make_article(language="ru", topics=[topic])
    make_front_page(
        [{"kind": "section", "topic": topic, "count": 1} for topic in (translated, untranslated)],
        language="ru",
    )

    sections = headings(client.get("/ru/"), class_="front-section")

    assert {"Внешняя политика", "Energy"} <= set(sections)
    assert "Foreign policy" not in sections


@pytest.mark.parametrize("kind", ["people", "organisations"])
def test_a_directory_lists_by_the_names_shown_a_missing_translation_by_its_fallback(
    client, db, kind
):
    make = make_person if kind == "people" else make_organisation
    make(name="Yakov", name_ru="Яков")
    make(name="Виктор")  # named only in the default language, in Cyrillic
    make(name="Anna", name_ru="Анна")

    assert links(client.get(f"/ru/{kind}/"), class_="directory") == ["Анна", "Виктор", "Яков"]


def test_a_region_is_named_in_arabic_on_arabic_pages(client, kazan):
    make_article(language="ar", regions=[kazan])

    assert "قازان" in client.get(f"/ar/regions/{kazan.slug}/").content.decode()
    assert "Казань" in client.get(f"/ru/regions/{kazan.slug}/").content.decode()
    assert "Kazan" in client.get(f"/regions/{kazan.slug}/").content.decode()


def test_a_search_finds_a_person_by_their_russian_name_from_the_english_edition(client, lavrov):
    response = client.get("/search/", {"q": "Лавров", "type": "people"})

    assert list(response.context_data["page_obj"].object_list) == [lavrov]


def test_the_admin_saves_a_person_s_russian_name(admin_client):
    response = admin_client.post(
        "/admin/articles/person/add/",
        {
            "name_en": "Sergey Lavrov",
            "name_ru": "Сергей Лавров",
            "slug": "",
            "role_title_en": "Foreign Minister",
            **empty_inlines("person"),
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    person = Person.objects.get()
    assert (person.name_en, person.name_ru, person.slug) == (
        "Sergey Lavrov",
        "Сергей Лавров",
        "sergey-lavrov",
    )
