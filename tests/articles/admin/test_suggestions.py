"""Suggested links on the article's page: offered when a draft is saved, listed by kind
with their words in context, accepted or dismissed one at a time or all at once, by the
rules of an edit. They run the real linker over the database's directory."""

import datetime
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import strip_tags

from articles import suggestions, workflow
from articles.models import Article, Suggestion, Topic
from tests.factories import (
    article_form,
    draft_by,
    make_article,
    make_person,
    make_user,
)

pytestmark = pytest.mark.django_db

HEADLINE = "Lavrov meets OIC ambassadors"
BODY = (
    "<p>Sergey Lavrov met the ambassadors of the Organisation of Islamic Cooperation.</p>"
    "<p>They spoke about foreign policy in Kazan, where KazanForum opens in May.</p>"
)
ROW = re.compile(r'<li class="suggested-link">(.*?)</li>', re.S)


def change_page(client, article):
    return client.get(reverse("admin:articles_article_change", args=[article.pk]))


def rows(response):
    """The suggestions the page lists, each as the words an editor reads."""
    return [" ".join(strip_tags(row).split()) for row in ROW.findall(response.content.decode())]


def suggestion_of(article, entity) -> Suggestion:
    return article.suggestions.get(
        content_type=ContentType.objects.get_for_model(entity), object_id=entity.pk
    )


def decide(client, article, decision, *chosen, revision=None):
    """Press a suggestion's Accept or Dismiss (or, with no suggestion, Accept all or
    Dismiss all) as the page posts it."""
    shown = list(article.suggestions.offered().values_list("pk", flat=True))
    return client.post(
        reverse("admin:articles_article_suggestions", args=[article.pk]),
        {
            decision: chosen[0].pk if chosen else "all",
            "shown": shown,
            "revision": article.revision if revision is None else revision,
        },
        follow=True,
    )


def said(response):
    """The messages the page shown after the request says."""
    return [str(message) for message in response.context["messages"]]


def offered_draft(**kwargs):
    article = make_article(
        status=Article.Status.DRAFT,
        headline=HEADLINE,
        body=BODY,
        dateline=datetime.date(2023, 3, 6),
        **kwargs,
    )
    suggestions.offer_for(article)
    return article


def test_saving_a_draft_lists_its_suggestions_by_kind_with_the_words_marked(
    client, editor, directory
):
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_article_add"), article_form(headline=HEADLINE, body=BODY)
    )
    article = Article.objects.get()
    assert response.url == reverse("admin:articles_article_change", args=[article.pk])

    page = change_page(client, article).content.decode()

    panel = page[page.index('id="suggested-links-heading"') :]
    headings = re.findall(r"<h3>(.*?)</h3>", panel)
    assert headings == ["People", "Organisations", "Events", "Regions", "Topics"]
    assert "in <mark>Kazan</mark>, where KazanForum opens in May." in panel
    assert "<mark>Sergey Lavrov</mark> met the ambassadors" in panel
    person_url = reverse("admin:articles_person_change", args=[directory["person"].pk])
    assert f'<a href="{person_url}" class="suggested-entity">Sergey Lavrov</a>' in panel
    # The words besides the name: the acronym in the headline.
    assert re.search(r'<span class="suggested-words">\([^)]*\bOIC\b[^)]*\)</span>', panel)
    assert '<span class="suggested-words">(Sergey Lavrov)' not in panel
    assert len(rows(change_page(client, article))) == 5
    assert not article.people.exists()


def test_saving_again_offers_what_was_added_to_the_text(client, editor, directory):
    article = make_article(status=Article.Status.DRAFT, headline="A quiet day")
    client.force_login(editor)
    assert rows(change_page(client, article)) == []

    client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        article_form(headline="A quiet day", body=BODY, edited_revision=article.revision),
    )

    listed = rows(change_page(client, article))
    assert len(listed) == 5
    assert listed[0].startswith("Sergey Lavrov Sergey Lavrov met the")


def test_what_the_form_links_is_not_offered(client, editor, directory):
    client.force_login(editor)
    client.post(
        reverse("admin:articles_article_add"),
        article_form(
            headline=HEADLINE,
            body=BODY,
            people=[directory["person"].pk],
            regions=[directory["region"].pk],
        ),
    )

    page = change_page(client, Article.objects.get()).content.decode()

    assert re.findall(r'class="suggested-entity">(.*?)</a>', page) == [
        "Organisation of Islamic Cooperation (OIC)",
        "KazanForum",
        "Foreign policy",
    ]


def test_accepting_one_links_it_and_says_so(client, editor, directory):
    article = offered_draft()
    client.force_login(editor)

    response = decide(client, article, "accept", suggestion_of(article, directory["person"]))

    assert response.redirect_chain == [
        (reverse("admin:articles_article_change", args=[article.pk]), 302)
    ]
    assert said(response) == ["Linked 1 suggestion: Sergey Lavrov."]
    assert list(article.people.all()) == [directory["person"]]
    article.refresh_from_db()
    assert article.revision == 2
    listed = rows(change_page(client, article))
    assert len(listed) == 4 and not any(row.startswith("Sergey Lavrov") for row in listed)


def test_dismissing_one_hides_it_and_saving_again_does_not_offer_it(client, editor, directory):
    article = offered_draft()
    client.force_login(editor)

    response = decide(client, article, "dismiss", suggestion_of(article, directory["region"]))

    assert said(response) == ["Dismissed 1 suggestion: Kazan."]
    assert not article.regions.exists()
    assert article.revision == 1
    client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        article_form(headline=HEADLINE, body=BODY + "<p>Kazan again.</p>", edited_revision=1),
    )
    listed = rows(change_page(client, article))
    assert len(listed) == 4 and not any(row.startswith("Kazan ") for row in listed)
    assert suggestion_of(article, directory["region"]).state == "dismissed"


def test_accept_all_links_every_suggestion_shown_in_one_version(client, editor, directory):
    article = offered_draft()
    client.force_login(editor)

    response = decide(client, article, "accept")

    assert said(response) == [
        "Linked 5 suggestions: Sergey Lavrov, Organisation of Islamic Cooperation (OIC), "
        "KazanForum, Kazan, Foreign policy."
    ]
    article.refresh_from_db()
    assert article.revision == 2
    assert list(article.people.all()) == [directory["person"]]
    assert list(article.organisations.all()) == [directory["organisation"]]
    assert list(article.events.all()) == [directory["event"]]
    assert list(article.regions.all()) == [directory["region"]]
    assert list(article.topics.all()) == [directory["topic"]]
    page = change_page(client, article).content.decode()
    assert "Suggested links" not in page


def test_dismiss_all_dismisses_every_suggestion_shown(client, editor, directory):
    article = offered_draft()
    client.force_login(editor)

    response = decide(client, article, "dismiss")

    assert said(response)[0].startswith("Dismissed 5 suggestions: Sergey Lavrov, ")
    assert set(article.suggestions.values_list("state", flat=True)) == {"dismissed"}
    assert versions_links_are_empty(article)


def versions_links_are_empty(article):
    return not any(
        getattr(article, name).exists()
        for name in ("people", "organisations", "events", "regions", "topics")
    )


def test_all_means_those_the_page_showed_not_one_offered_since(client, editor, directory):
    article = offered_draft()
    topic = suggestion_of(article, directory["topic"])
    shown = list(article.suggestions.exclude(pk=topic.pk))
    client.force_login(editor)

    client.post(
        reverse("admin:articles_article_suggestions", args=[article.pk]),
        {"dismiss": "all", "shown": [s.pk for s in shown], "revision": article.revision},
    )

    topic.refresh_from_db()
    assert topic.state == "offered"
    assert {s.state for s in Suggestion.objects.filter(pk__in=[s.pk for s in shown])} == {
        "dismissed"
    }


def test_an_accept_on_a_page_older_than_the_article_is_refused(client, editor, directory):
    article = offered_draft()
    seen = article.revision
    other = make_user("other-editor", "Editors")
    article.headline = "Lavrov meets the OIC's ambassadors"
    workflow.save_edit(article, by=other, editing=seen)
    client.force_login(editor)

    response = decide(client, article, "accept", revision=seen)

    [message] = said(response)
    assert message.startswith("Nothing linked: ")
    assert "was saved as version 2 while you edited version 1" in message
    article.refresh_from_db()
    assert (article.revision, article.headline) == (2, "Lavrov meets the OIC's ambassadors")
    assert versions_links_are_empty(article)


def test_an_accept_without_the_pages_version_is_refused(client, editor, directory):
    article = offered_draft()
    client.force_login(editor)

    response = decide(client, article, "accept", revision="")

    assert said(response) == ["Nothing linked: the page did not say its version."]
    assert versions_links_are_empty(article)


def test_a_writer_who_may_not_change_the_article_sees_no_buttons_and_cannot_accept(
    client, directory
):
    author = make_user("author", "Writers")
    colleague = make_user("colleague", "Writers")
    article = draft_by(author, headline=HEADLINE, body=BODY)
    suggestions.offer_for(article)
    client.force_login(colleague)

    page = change_page(client, article).content.decode()
    response = decide(client, article, "accept")

    assert len(rows(change_page(client, article))) == 5
    assert 'name="accept"' not in page and 'name="dismiss"' not in page
    assert said(response) == ["Nothing linked: Writers change only the articles they wrote."]
    assert versions_links_are_empty(article)
    response = decide(client, article, "dismiss")
    assert said(response) == ["Nothing dismissed: Writers change only the articles they wrote."]
    assert not article.suggestions.exclude(state="offered").exists()


def test_the_writer_decides_on_their_own_draft_but_not_while_it_is_in_review(client, directory):
    author = make_user("author", "Writers")
    article = draft_by(author, headline=HEADLINE, body=BODY)
    suggestions.offer_for(article)
    workflow.submit(article, by=author)
    client.force_login(author)

    response = decide(client, article, "accept")

    assert said(response) == ["Nothing linked: It is in review: an editor decides on it first."]
    workflow.withdraw(article, by=author)
    response = decide(client, article, "accept", suggestion_of(article, directory["event"]))
    assert said(response) == ["Linked 1 suggestion: KazanForum."]


def test_a_writer_who_may_not_see_articles_gets_nothing(client, directory):
    article = offered_draft()
    client.force_login(make_user("outsider"))

    response = decide(client, article, "accept")

    assert response.status_code == 403
    assert versions_links_are_empty(article)


def test_a_get_or_a_suggestion_no_longer_offered_changes_nothing(client, editor, directory):
    article = offered_draft()
    url = reverse("admin:articles_article_suggestions", args=[article.pk])
    client.force_login(editor)

    assert client.get(url).url == reverse("admin:articles_article_change", args=[article.pk])
    for chosen in ["999999", "abc", "99999999999999999999999", ""]:
        response = client.post(url, {"accept": chosen, "revision": article.revision}, follow=True)
        assert said(response) == ["Those suggestions are no longer offered."]
    assert versions_links_are_empty(article)


def test_names_and_words_are_escaped(client, editor):
    person = make_person(name="Sergey <b>Lavrov</b>")
    article = make_article(status=Article.Status.DRAFT, headline="Lavrov & <i>co</i>")
    Suggestion.objects.create(
        article=article,
        content_type=ContentType.objects.get_for_model(person),
        object_id=person.pk,
        words=["<i>Lavrov</i>"],
        context={"text": "Lavrov & <i>co</i>", "marks": [[0, 6]]},
    )
    client.force_login(editor)

    [row] = ROW.findall(change_page(client, article).content.decode())

    assert "<b>" not in row and "<i>" not in row
    assert "Sergey &lt;b&gt;Lavrov&lt;/b&gt;</a>" in row
    assert "(&lt;i&gt;Lavrov&lt;/i&gt;)" in row
    assert "<mark>Lavrov</mark> &amp; &lt;i&gt;co&lt;/i&gt;</span>" in row


def test_the_page_costs_the_same_queries_with_one_suggestion_of_each_kind_or_many(
    client, editor, directory, django_assert_num_queries
):
    article = offered_draft()
    client.force_login(editor)
    change_page(client, article)  # warm what is read once per process
    with CaptureQueriesContext(connection) as one_each:
        assert len(rows(change_page(client, article))) == 5
    for n in range(3):
        for entity in (make_person(name=f"Person {n}"), Topic.objects.create(name=f"Topic {n}")):
            Suggestion.objects.create(
                article=article,
                content_type=ContentType.objects.get_for_model(entity),
                object_id=entity.pk,
                words=[entity.name],
            )

    # The newest links, the suggestions, and their entities one query per kind.
    with django_assert_num_queries(len(one_each)):
        assert len(rows(change_page(client, article))) == 11
