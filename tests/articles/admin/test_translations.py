"""Translations in the admin: each article's language in the list, the story's versions on
its page, "Translate into" a language the story lacks, out-of-date translations, and
writers limited to the languages they write in."""

import re

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import strip_tags

from articles import versions, workflow
from articles.models import Article, ArticleLogEntry, Region, Topic
from tests.factories import (
    article_form,
    draft_by,
    make_article,
    make_event,
    make_image,
    make_organisation,
    make_person,
    make_user,
)

pytestmark = pytest.mark.django_db

ARTICLE_LIST = reverse("admin:articles_article_changelist")
ADD_ARTICLE = reverse("admin:articles_article_add")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def translate_url(article, language):
    return reverse("admin:articles_article_translate", args=[article.pk, language])


def up_to_date_url(article):
    return reverse("admin:articles_article_bring_up_to_date", args=[article.pk])


def said(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def words(html):
    return " ".join(strip_tags(html).split())


def translations_panel(client, article):
    """The article page's panel of the story's language versions, as words."""
    page = client.get(change_url(article)).content.decode()
    return words(re.search(r'<section class="translations".*?</section>', page, re.S).group(0))


def translate_buttons(client, article):
    page = client.get(change_url(article)).content.decode()
    return re.findall(r">Translate into (\w+)</button>", page)


def writing_in(user, *languages):
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=[f"write_{code}" for code in languages])
    )
    # Permissions are cached on the user object.
    return type(user).objects.get(pk=user.pk)


def publish_new_version(article, headline):
    """The original changes and goes live again."""
    article.headline = headline
    workflow.save_edit(article, by=None, editing=article.revision)
    workflow.mark_live(article)


@pytest.fixture
def original(editor):
    """A published English story with everything a translation keeps."""
    first, second = make_person(name="Sergey Lavrov"), make_person(name="Maria Zakharova")
    article = make_article(
        headline="Lavrov meets OIC ambassadors",
        standfirst="Russia keeps up its dialogue with the Islamic world.",
        body="<p>Russia maintains <strong>mutually respectful</strong> relations.</p>",
        byline="Press service of the Foreign Ministry",
        hero_image=make_image(
            alt="The minister at the table",
            caption="Moscow, 6 March",
            credit="Russian Foreign Ministry",
        ),
        bylines=[second, first],
        people=[first],
        organisations=[make_organisation()],
        events=[make_event()],
        topics=[Topic.objects.create(name="Foreign policy")],
        regions=[Region.objects.create(name="Russia")],
        created_by=editor,
    )
    return Article.objects.get(pk=article.pk)


# Translate into a language.


def test_translating_into_russian_makes_a_draft_prefilled_from_the_original_and_linked_to_it(
    client, editor, original
):
    client.force_login(editor)
    assert translate_buttons(client, original) == ["Russian", "Arabic"]

    response = client.post(translate_url(original, "ru"))

    draft = Article.objects.get(language="ru")
    assert response.status_code == 302 and response.url == change_url(draft)
    assert said(response) == [
        "This Russian draft is prefilled from the English “Lavrov meets OIC ambassadors”: "
        "translate it, then submit it for review."
    ]
    # Linked to the original, from its live version.
    assert draft.translation_of == original
    assert draft.translated_revision == original.live_revision == 1
    # Its own draft, with its own first version, written by the translator.
    assert (draft.status, draft.revision, draft.live_revision) == ("draft", 1, None)
    assert draft.created_by == editor and draft.state == "Draft"
    # Everything the original says, credits and picture, with its links in order.
    for name in versions.CONTENT_FIELDS:
        if name != "slug":
            assert getattr(draft, name) == getattr(original, name), name
    assert draft.hero_image == original.hero_image
    assert versions.current_links(draft) == versions.current_links(original)
    assert [p.name for p in draft.authors_in_order] == ["Maria Zakharova", "Sergey Lavrov"]
    assert draft.versions.get().content == versions.snapshot(draft)
    # Its own address, made from the headline, beside the original's.
    assert draft.slug == "lavrov-meets-oic-ambassadors-2" != original.slug
    # On the record, as any article made in the admin.
    entry = draft.log.get()
    assert (entry.action, entry.user) == (ArticleLogEntry.Action.TRANSLATED, editor)
    assert entry.comment == "Translated from “Lavrov meets OIC ambassadors” (English)"
    assert LogEntry.objects.get(object_id=str(draft.pk)).action_flag == ADDITION
    # The story lacks only Arabic now.
    assert translate_buttons(client, original) == ["Arabic"]


def test_a_translation_of_a_translation_is_linked_to_the_original(client, editor, original):
    client.force_login(editor)
    client.post(translate_url(original, "ru"))
    russian = Article.objects.get(language="ru")

    client.post(translate_url(russian, "ar"))

    arabic = Article.objects.get(language="ar")
    assert arabic.translation_of == original
    assert arabic.translated_revision == original.live_revision
    assert [a.language for a in Article.objects.story_of(arabic).order_by("pk")] == [
        "en",
        "ru",
        "ar",
    ]


def test_translating_takes_a_csrf_protected_post(editor, original):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)

    assert client.post(translate_url(original, "ru")).status_code == 403
    assert client.get(translate_url(original, "ru")).url == change_url(original)
    assert not Article.objects.filter(language="ru").exists()


def test_who_may_not_add_articles_may_not_translate(client, original):
    reader = make_user("reader")
    reader.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(reader)

    assert translate_buttons(client, original) == []
    response = client.post(translate_url(original, "ru"))

    assert said(response) == ["Not translated: You may not write articles."]
    assert not Article.objects.filter(language="ru").exists()


def test_a_language_that_is_no_edition_is_refused(client, editor, original):
    client.force_login(editor)

    response = client.post(translate_url(original, "de"))

    assert said(response) == ["Not translated: “de” is not one of this site's editions."]
    assert Article.objects.count() == 1


# The story's versions on the article's page, and in the list.


def test_the_article_page_lists_the_story_s_versions_with_language_state_and_link(
    client, editor, original
):
    russian = workflow.translate(original, "ru", by=editor)
    russian.headline = "Лавров встретился с послами ОИС"
    workflow.save_edit(russian, by=editor, editing=russian.revision)
    client.force_login(editor)

    assert "Russian Лавров встретился с послами ОИС Draft" in translations_panel(client, original)
    page = client.get(change_url(original)).content.decode()
    assert f'<a href="{change_url(russian)}">Лавров встретился с послами ОИС</a>' in page
    assert "English (original) Lavrov meets OIC ambassadors Published" in translations_panel(
        client, russian
    )
    lone = draft_by(editor, headline="No translation")
    assert "No translations yet." in translations_panel(client, lone)


def test_the_list_shows_each_article_s_language_and_filters_by_it(client, editor, original):
    russian = workflow.translate(original, "ru", by=editor)
    own_russian = make_article(headline="Форум в Казани", language="ru")
    client.force_login(editor)

    def listed(**query):
        changelist = client.get(ARTICLE_LIST, query).context["cl"]
        return {a.pk: changelist.model_admin.edition(a) for a in changelist.result_list}

    assert listed() == {
        original.pk: "English",
        own_russian.pk: "Russian",
        russian.pk: "Russian, translation",
    }
    assert set(listed(language="ru")) == {own_russian.pk, russian.pk}
    assert set(listed(language="en")) == {original.pk}
    assert set(listed(language="ar")) == set()
    assert set(listed(translation="translation")) == {russian.pk}
    assert set(listed(translation="original")) == {original.pk, own_russian.pk}
    page = client.get(ARTICLE_LIST).content.decode()
    assert "By language" in page and "?language=ru" in page
    assert "By translation" in page and "?translation=out_of_date" in page


def test_the_list_costs_the_same_queries_with_one_translation_or_many(
    client, editor, original, django_assert_max_num_queries
):
    workflow.translate(original, "ru", by=editor)
    client.force_login(editor)
    client.get(ARTICLE_LIST)  # warm what is read once per process
    with CaptureQueriesContext(connection) as one:
        client.get(ARTICLE_LIST)
    for n in range(4):
        story = make_article(headline=f"Story {n}")
        workflow.translate(story, "ru", by=editor)
        publish_new_version(story, f"Story {n}, updated")

    with django_assert_max_num_queries(len(one)):
        page = client.get(ARTICLE_LIST).content.decode()
    assert page.count("Russian, translation out of date") == 4


# Out of date.


def test_a_translation_is_out_of_date_once_its_original_publishes_a_new_version_until_marked(
    client, editor, original
):
    russian = workflow.translate(original, "ru", by=editor)
    client.force_login(editor)
    assert "Out of date" not in translations_panel(client, russian)
    assert "out of date" not in translations_panel(client, original)

    publish_new_version(original, "Lavrov meets OIC ambassadors in Moscow")

    panel = translations_panel(client, russian)
    assert (
        "Out of date: the original has been published since this translation was made or "
        "last marked up to date (its version 2 is live; this translation follows version 1). "
        "See what changed in the original." in panel
    )
    changes = reverse("admin:articles_article_versions", args=[original.pk]) + "?a=1&amp;b=2"
    assert f'<a href="{changes}">' in client.get(change_url(russian)).content.decode()
    assert "Mark as up to date with the original" in panel
    assert "Russian Lavrov meets OIC ambassadors Draft, out of date" in translations_panel(
        client, original
    )
    in_list = client.get(ARTICLE_LIST, {"translation": "out_of_date"}).context["cl"].result_list
    assert [a.pk for a in in_list] == [russian.pk]
    assert "Russian, translation out of date" in client.get(ARTICLE_LIST).content.decode()

    response = client.post(up_to_date_url(russian))

    assert said(response) == ["Marked up to date with the original."]
    russian.refresh_from_db()
    assert russian.translated_revision == 2
    assert "Out of date" not in translations_panel(client, russian)
    assert "out of date" not in translations_panel(client, original)
    assert not Article.objects.out_of_date().exists()
    entry = russian.log.first()
    assert (entry.action, entry.user) == (ArticleLogEntry.Action.BROUGHT_UP_TO_DATE, editor)
    assert entry.comment == "Up to date with version 2 of the original."
    # Nothing more to mark.
    assert said(client.post(up_to_date_url(russian))) == [
        "Not marked up to date: It is up to date with the original already."
    ]


def test_a_translation_of_a_draft_is_out_of_date_once_the_original_first_goes_live(client, editor):
    draft = draft_by(editor, headline="Forum in Kazan")
    russian = workflow.translate(draft, "ru", by=editor)
    assert russian.translated_revision is None
    assert not Article.objects.out_of_date().exists()

    workflow.mark_live(draft)

    assert list(Article.objects.out_of_date()) == [russian]
    client.force_login(editor)
    assert "made from its draft (its version 1 is live)" in translations_panel(client, russian)


def test_an_original_unpublished_or_republished_unchanged_leaves_its_translations_up_to_date(
    editor, original
):
    workflow.translate(original, "ru", by=editor)
    workflow.take_down(original)
    workflow.mark_live(original)

    assert not Article.objects.out_of_date().exists()


def test_marking_up_to_date_is_a_post_for_its_writer_or_an_editor(
    client, editor, writer, original
):
    russian = workflow.translate(original, "ru", by=editor)
    publish_new_version(original, "Updated")
    client.force_login(writer)

    assert "Mark as up to date" not in translations_panel(client, russian)
    response = client.post(up_to_date_url(russian))
    assert said(response) == ["Not marked up to date: Only its writer or an editor may say so."]
    client.force_login(editor)
    client.get(up_to_date_url(russian))
    assert Article.objects.out_of_date().get() == russian


# Writers limited to the languages they write in.


def test_a_writer_limited_to_russian_writes_only_in_russian(client, writer):
    writer = writing_in(writer, "ru")
    assert workflow.languages_of(writer) == ["ru"]
    client.force_login(writer)

    form = client.get(ADD_ARTICLE).context["adminform"].form
    assert list(form.fields["language"].choices) == [("ru", "Russian")]
    assert form["language"].value() == "ru"

    response = client.post(ADD_ARTICLE, article_form(language="en"))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["language"] == [
        "You may write only in Russian."
    ]
    assert not Article.objects.exists()
    client.post(ADD_ARTICLE, article_form(language="ru", headline="Форум в Казани"))
    assert Article.objects.get().language == "ru"


def test_a_writer_limited_to_russian_cannot_translate_into_english(client, writer):
    writer = writing_in(writer, "ru")
    russian = draft_by(writer, headline="Форум в Казани", language="ru")
    client.force_login(writer)

    # Nothing offered: the story is in Russian already, and Russian is all they write.
    assert translate_buttons(client, russian) == []
    response = client.post(translate_url(russian, "en"))

    assert said(response) == ["Not translated: You do not write in English."]
    assert Article.objects.count() == 1


def test_a_writer_limited_to_russian_translates_an_english_story_into_russian_only(
    client, writer, original
):
    writer = writing_in(writer, "ru")
    client.force_login(writer)

    assert translate_buttons(client, original) == ["Russian"]
    client.post(translate_url(original, "ru"))

    russian = Article.objects.get(language="ru")
    assert russian.created_by == writer
    # Their own translation, which they edit; the English original they only read.
    assert client.get(change_url(russian)).context["has_change_permission"]
    assert not client.get(change_url(original)).context["has_change_permission"]


def test_a_writer_may_write_in_several_languages_and_one_with_none_in_every_one(writer):
    assert workflow.languages_of(writer) == ["en", "ru", "ar"]
    assert workflow.languages_of(writing_in(writer, "ar", "en")) == ["en", "ar"]


def test_a_superuser_writes_in_every_language(superuser):
    assert workflow.languages_of(superuser) == ["en", "ru", "ar"]


def test_a_limited_writer_s_save_in_another_language_is_refused_by_the_lifecycle(writer):
    writer = writing_in(writer, "ru")
    article = draft_by(writer, headline="Форум в Казани", language="ru")
    article.language = "en"

    with pytest.raises(workflow.PermissionDenied, match="You do not write in English."):
        workflow.save_edit(article, by=writer, editing=article.revision)


# One version per language.


def change_language(client, article, language):
    """Post the article's form as it stands, in another language."""
    return client.post(
        change_url(article),
        article_form(
            language=language,
            headline=article.headline,
            edited_revision=article.revision,
            dateline=str(article.dateline),
        ),
    )


def test_a_second_russian_translation_of_a_story_is_refused(client, editor):
    original = draft_by(editor, headline="Forum in Kazan")
    russian = workflow.translate(original, "ru", by=editor)
    arabic = workflow.translate(original, "ar", by=editor)
    client.force_login(editor)

    # Translating again into Russian, from the original or from a translation.
    for source in (original, arabic):
        response = client.post(translate_url(source, "ru"), follow=True)
        assert "Not translated: The story has a Russian version already." in words(
            response.content.decode()
        )

    # Turning the Arabic translation, or the original, into a Russian version.
    for article in (arabic, original):
        response = change_language(client, article, "ru")
        assert response.context["adminform"].form.errors["language"] == [
            f"This story is in Russian already: “{russian}”."
        ]
    assert [a.language for a in Article.objects.story_of(original).order_by("pk")] == [
        "en",
        "ru",
        "ar",
    ]


def test_a_published_article_keeps_its_language(client, editor, original):
    client.force_login(editor)

    response = client.get(change_url(original))

    assert "language" not in response.context["adminform"].form.fields
    assert "English" in words(response.content.decode())


def test_a_draft_s_language_may_change_to_one_the_story_lacks(client, editor):
    original = draft_by(editor, headline="Forum in Kazan")
    arabic = workflow.translate(original, "ar", by=editor)
    client.force_login(editor)

    response = change_language(client, arabic, "ru")

    assert response.status_code == 302
    arabic.refresh_from_db()
    assert arabic.language == "ru" and arabic.revision == 2
