"""Names and headlines are stored in one spelling: NFC, without invisible characters."""

import unicodedata

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from articles.models import Article, Organisation, Person, Region, Topic
from articles.text import clean_name
from tests.factories import (
    article_form,
    empty_inlines,
    make_article,
    make_event,
    make_organisation,
    make_person,
)

pytestmark = pytest.mark.django_db

COMPOSED = unicodedata.normalize("NFC", "José Café")
DECOMPOSED = unicodedata.normalize("NFD", "José Café")
INVISIBLES = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\u200c\u200d\u2060\ufeff"


def test_clean_name_removes_bidi_controls_and_zero_width_characters_and_composes():
    assert clean_name(f"Break{INVISIBLES}ing\u202etxt.exe") == "Breakingtxt.exe"
    assert clean_name(DECOMPOSED) == COMPOSED
    assert clean_name("Сергей Лавров") == "Сергей Лавров"


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (make_article, "headline"),
        (make_person, "name"),
        (make_organisation, "name"),
        (make_event, "name"),
        (lambda **kw: Topic.objects.create(**kw), "name"),
        (lambda **kw: Region.objects.create(**kw), "name"),
        (lambda **kw: make_person().aliases.create(**kw), "name"),
        (lambda **kw: make_person().titles.create(**kw), "title"),
    ],
)
def test_every_kind_stores_its_name_composed_without_invisible_characters(make, field):
    item = make(**{field: f"{DECOMPOSED}\u202e\u200b exe"})
    item.refresh_from_db()

    assert getattr(item, field) == f"{COMPOSED} exe"


def test_a_headline_typed_with_a_bidi_override_reaches_no_page(client, admin_client):
    response = admin_client.post(
        reverse("admin:articles_article_add"),
        article_form(headline="Breaking\u202etxt.exe", slug="breaking"),
    )
    assert response.status_code == 302
    article = Article.objects.get()

    assert article.headline == "Breakingtxt.exe"
    assert article.versions.get().content["headline"] == "Breakingtxt.exe"


@pytest.mark.parametrize(("model", "page"), [(Person, "person"), (Organisation, "organisation")])
def test_a_name_typed_decomposed_is_refused_when_it_exists_composed(admin_client, model, page):
    model.objects.create(name=COMPOSED)

    response = admin_client.post(
        reverse(f"admin:articles_{page}_add"),
        {
            "name_en": DECOMPOSED,
            "slug": "",
            "kind": "other",
            **empty_inlines(page),
        },
    )

    assert response.status_code == 200
    assert "There is already" in response.context["adminform"].form.errors["name_en"][0]
    assert model.objects.count() == 1


def test_a_name_typed_composed_and_decomposed_is_one_string_with_one_slug_base():
    first = make_person(name=COMPOSED)
    second = make_person(name=DECOMPOSED)

    assert first.name == second.name
    assert second.slug == f"{first.slug}-2"


@pytest.mark.parametrize("model", [Topic, Region])
def test_a_vocabulary_holds_one_name_in_any_letter_case_in_the_database(model):
    model.objects.create(name="Новости")

    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.create(name="новости", slug="novosti-2")


@pytest.mark.parametrize(("model", "page"), [(Topic, "topic"), (Region, "region")])
def test_a_topic_or_region_in_another_letter_case_is_a_form_error(admin_client, model, page):
    model.objects.create(name="Новости")

    response = admin_client.post(
        reverse(f"admin:articles_{page}_add"), {"name_en": "НОВОСТИ", "slug": "novosti"}
    )

    assert response.status_code == 200
    assert "“Новости”" in response.context["adminform"].form.errors["name_en"][0]
    assert model.objects.count() == 1


@pytest.mark.parametrize(("vocabulary", "model"), [("topics", Topic), ("regions", Region)])
def test_tagging_in_another_letter_case_reuses_the_tag(vocabulary, model):
    article = make_article()
    other = make_article(headline="Another story")

    getattr(article, vocabulary).add("Экономика")
    getattr(other, vocabulary).add("экономика", "ЭКОНОМИКА")

    tags = model.objects.all()
    assert [tag.name for tag in tags] == ["Экономика"]
    assert list(getattr(other, vocabulary).all()) == list(tags)
