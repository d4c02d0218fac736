"""The interface in the reader's and the editor's language: the public pages in their
edition's, the admin in the one the editor's browser asks for, and catalogues that leave
nothing untranslated."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import make_article, make_person

CATALOGUES = sorted(Path(settings.LOCALE_PATHS[0]).glob("*/LC_MESSAGES/django.po"))


def in_russian(client, user, view, *args):
    """The admin page `view` as `user` sees it when their browser asks for Russian."""
    client.force_login(user)
    return client.get(reverse(view, args=args), headers={"accept-language": "ru"}).content.decode()


def nav(page):
    """The header's menu (with no menu of its own, an edition's sections)."""
    return re.search(r'<nav class="site-menu" aria-label="[^"]*">(.*?)</nav>', page, re.S).group(1)


@pytest.mark.django_db
def test_the_russian_edition_speaks_russian_and_the_default_one_english(client):
    english = client.get("/").content.decode()
    russian = client.get("/ru/").content.decode()
    assert ">News</a>" in nav(english) and "Новости" not in english
    assert ">Новости</a>" in nav(russian) and ">News</a>" not in russian
    assert "Перейти к содержанию" in russian


@pytest.mark.django_db
def test_the_arabic_edition_speaks_arabic(client):
    page = client.get("/ar/news/").content.decode()
    assert ">الأخبار</a>" in nav(page)
    assert '<html lang="ar" dir="rtl">' in page


@pytest.mark.django_db
def test_a_russian_page_not_found_says_so_in_russian(client):
    response = client.get("/ru/no-such-page/")
    assert response.status_code == 404
    assert "Страница не найдена" in response.content.decode()


@pytest.mark.django_db
def test_the_admin_login_comes_in_the_browsers_language(client):
    russian = client.get(reverse("admin:login"), headers={"accept-language": "ru"})
    english = client.get(reverse("admin:login"), headers={"accept-language": "en"})
    # Django's own words, and ours: the site's title.
    assert "Войти" in russian.content.decode()
    assert "Админка Newsroom" in russian.content.decode()
    assert "Log in" in english.content.decode()


@pytest.mark.django_db
def test_an_article_form_comes_in_the_editors_language(client, editor):
    article = make_article(headline="Talks in Kazan")
    page = in_russian(client, editor, "admin:articles_article_change", article.pk)
    # Our fieldsets, help, state and buttons, and Django's own.
    assert "Главное изображение" in page
    assert "Краткое содержание под заголовком." in page
    assert "Состояние:" in page and "Опубликовано" in page
    assert "Версии" in page
    assert "Сохранить" in page


@pytest.mark.django_db
def test_an_article_forms_labels_and_model_name_come_in_the_editors_language(client, editor):
    article = make_article(headline="Talks in Kazan")
    page = in_russian(client, editor, "admin:articles_article_change", article.pk)
    assert '<label class="required" for="id_headline">Заголовок:</label>' in page
    assert '<label for="id_standfirst">Лид:</label>' in page
    assert '<label class="required" for="id_dateline">Дата материала:</label>' in page
    # Django's "Change %s", with our model's name in it.
    assert "<title>Talks in Kazan | Изменить статья |" in page


@pytest.mark.django_db
def test_the_translations_panel_comes_in_the_editors_language(client, editor):
    article = make_article(headline="Talks in Kazan")
    page = in_russian(client, editor, "admin:articles_article_change", article.pk)
    assert '<h2 id="translations-heading">Переводы</h2>' in page
    assert "Переводов пока нет." in page
    assert '<button type="submit" class="button">Перевести: Русский</button>' in page


@pytest.mark.django_db
def test_a_persons_name_in_each_language_is_labelled_in_the_editors_language(client, editor):
    person = make_person(name="Sergey Lavrov")
    page = in_russian(client, editor, "admin:articles_person_change", person.pk)
    assert '<label for="id_name_ru">Имя [ru]:</label>' in page
    assert "<title>Sergey Lavrov | Изменить персона |" in page


@pytest.mark.django_db
def test_a_translations_log_comment_stays_in_the_default_language(client, editor):
    article = make_article(headline="Talks in Kazan")
    client.force_login(editor)
    client.post(
        reverse("admin:articles_article_translate", args=[article.pk, "ru"]),
        headers={"accept-language": "ru"},
    )
    draft = article.translations.get()
    assert draft.log.get().comment == "Translated from “Talks in Kazan” (English)"


@pytest.mark.django_db
def test_the_desk_comes_in_the_editors_language(client, editor):
    client.force_login(editor)
    page = client.get(reverse("admin:index"), headers={"accept-language": "ar"}).content.decode()
    assert "مسوداتي" in page and "مكتب التحرير" in page


def entries(po):
    """Each entry of a .po file as (flags, msgid, its translations)."""
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        lines = block.strip().splitlines()
        flags = [line for line in lines if line.startswith("#,")]
        msgid = "".join(re.findall(r'^msgid "(.*)"$', block, re.M))
        strings = re.findall(r'^msgstr(?:\[\d\])? "(.*)"((?:\n".*")*)', block, re.M)
        yield (
            flags,
            msgid,
            ["".join([first, *re.findall(r'"(.*)"', rest)]) for first, rest in strings],
        )


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda po: po.parts[-3])
def test_every_string_of_a_catalogue_is_translated_and_none_is_fuzzy(po):
    untranslated, fuzzy = [], []
    for flags, msgid, translations in entries(po):
        if not msgid:
            continue  # the header
        if any("fuzzy" in flag for flag in flags):
            fuzzy.append(msgid)
        if not translations or not all(translations):
            untranslated.append(msgid)
    assert (untranslated, fuzzy) == ([], [])


def test_russian_and_arabic_have_catalogues_with_their_plural_forms():
    plurals = {
        po.parts[-3]: re.search(r"nplurals=(\d)", po.read_text()).group(1) for po in CATALOGUES
    }
    assert plurals == {"ar": "6", "ru": "3"}
