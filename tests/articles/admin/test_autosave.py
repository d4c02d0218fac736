"""The article form's autosave: kept for its writer alone, never a version, gone on save."""

import datetime
import json

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import Article, ArticleVersion, Autosave
from tests.factories import article_form, draft_by, make_person, make_user

pytestmark = pytest.mark.django_db

TYPED = {"headline": ["Kazan hosts the forum"], "body": ["<p>Typed, not saved.</p>"]}


def url(article=None):
    if article is None:
        return reverse("admin:articles_article_autosave_new")
    return reverse("admin:articles_article_autosave", args=[article.pk])


def keep(client, article=None, fields=TYPED, started_from=None):
    if started_from is None:
        started_from = article.revision if article else 0
    payload = {"fields": fields, "started_from": started_from}
    return client.post(url(article), json.dumps(payload), content_type="application/json")


def change_form(client, article):
    return client.get(reverse("admin:articles_article_change", args=[article.pk]))


@pytest.fixture
def signed_in(client, writer):
    client.force_login(writer)
    return client


def test_what_a_writer_types_is_kept_for_them_and_makes_no_version(signed_in, writer):
    """An autosave replaces the last one: one row, no version, the article unchanged."""
    article = draft_by(writer, headline="Forum in Kazan")
    assert keep(signed_in, article, {"headline": ["First try"]}).status_code == 200
    response = keep(signed_in, article)

    assert response.status_code == 200
    assert "saved_at" in response.json()
    autosave = Autosave.objects.get()
    assert (autosave.user, autosave.article, autosave.fields) == (writer, article, TYPED)
    assert autosave.started_from == 1
    assert ArticleVersion.objects.filter(article=article).count() == 1
    article.refresh_from_db()
    assert (article.headline, article.revision) == ("Forum in Kazan", 1)


def test_a_new_article_is_autosaved_before_it_exists(signed_in, writer):
    assert keep(signed_in).status_code == 200
    assert keep(signed_in).status_code == 200
    assert Autosave.objects.get().article is None
    assert not Article.objects.exists()


def test_an_autosave_keeps_only_the_story_s_fields(signed_in, writer):
    """The token and the buttons the form posts are no text of the story."""
    article = draft_by(writer)
    fields = {
        **TYPED,
        "bylines-0-person": ["7"],
        "csrfmiddlewaretoken": ["x"],
        "_save": ["Save"],
    }
    keep(signed_in, article, fields)
    assert Autosave.objects.get().fields == {**TYPED, "bylines-0-person": ["7"]}


def offered(client, article):
    """The headline of the autosave the change form offers, or None."""
    autosave = change_form(client, article).context["autosave"]
    return autosave and autosave["fields"]["headline"][0]


def test_one_writer_never_sees_another_s_autosave(client, writer, editor):
    """Each user has their own autosave of an article, offered to them alone."""
    article = draft_by(writer, headline="Forum in Kazan")
    client.force_login(writer)
    keep(client, article, {"headline": ["The writer's words"]})
    client.force_login(editor)
    assert offered(client, article) is None
    keep(client, article, {"headline": ["The editor's words"]})

    assert Autosave.objects.count() == 2
    assert offered(client, article) == "The editor's words"
    assert "The writer's words" not in change_form(client, article).text
    client.force_login(writer)
    assert offered(client, article) == "The writer's words"
    assert "The editor's words" not in change_form(client, article).text


def test_discarding_forgets_only_one_s_own_autosave(client, writer, editor):
    article = draft_by(writer)
    for user in (editor, writer):
        client.force_login(user)
        keep(client, article)
    response = client.delete(url(article))

    assert response.status_code == 200
    assert list(Autosave.objects.values_list("user__username", flat=True)) == ["editor"]


def test_a_writer_autosaves_only_what_they_may_edit(client, writer):
    """Another writer's article, or one in review, is refused with the reason, and kept nowhere."""
    other = make_user("other-writer", "Writers")
    theirs = draft_by(other)
    in_review = workflow.submit(draft_by(writer), by=writer)
    client.force_login(writer)

    refused = keep(client, theirs)
    assert refused.status_code == 403
    assert refused.json()["error"] == "Not kept: Writers change only the articles they wrote."
    refused = keep(client, in_review)
    assert refused.status_code == 403
    assert "in review" in refused.json()["error"]
    assert not Autosave.objects.exists()


def test_someone_who_may_not_write_cannot_autosave(client):
    client.force_login(make_user("reader-staff"))
    assert keep(client).status_code == 403
    assert not Autosave.objects.exists()


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ("{not json", "that is not JSON"),
        ("[1, 2]", "fields: This field is required."),
        (
            json.dumps({"fields": {"headline": "not a list"}, "started_from": 1}),
            "an object of names",
        ),
        (json.dumps({"fields": {"headline": [1]}, "started_from": 1}), "an object of names"),
        (json.dumps({"fields": TYPED, "started_from": -1}), "started_from:"),
    ],
)
def test_a_malformed_autosave_is_refused_with_a_message(signed_in, writer, body, says):
    response = signed_in.post(url(draft_by(writer)), body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"].startswith("Not kept: ")
    assert says in response.json()["error"]
    assert not Autosave.objects.exists()


def test_an_autosave_needs_the_form_s_csrf_token(writer):
    """The form's script sends the token in a header; without it nothing is kept."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(writer)
    article = draft_by(writer)
    assert keep(client, article).status_code == 403
    client.get(reverse("admin:articles_article_change", args=[article.pk]))
    token = client.cookies["csrftoken"].value
    response = client.post(
        url(article),
        json.dumps({"fields": TYPED, "started_from": 1}),
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 200


def test_saving_the_article_deletes_the_writer_s_autosave_only(client, writer, editor):
    article = draft_by(writer)
    client.force_login(editor)
    keep(client, article)
    client.force_login(writer)
    keep(client, article)
    response = client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        article_form(edited_revision="1"),
    )

    assert response.status_code == 302
    assert list(Autosave.objects.values_list("user__username", flat=True)) == ["editor"]


def test_saving_a_new_article_deletes_the_autosave_of_the_new_form(signed_in, writer):
    keep(signed_in)
    response = signed_in.post(reverse("admin:articles_article_add"), article_form())
    assert response.status_code == 302
    assert not Autosave.objects.exists()


def test_the_form_offers_text_typed_after_the_last_save(signed_in, writer):
    article = draft_by(writer)
    keep(signed_in, article)
    page = change_form(signed_in, article).text
    assert "You have unsaved text from" in page
    assert 'id="autosave-data"' in page


def test_the_offer_names_what_was_picked(signed_in, writer, topic):
    """The pickers show names: the offer carries them, for ids no row can have none."""
    person = make_person()
    article = draft_by(writer)
    picked = {
        "topics": [str(topic.pk), "99999999999999999999999", "abc"],
        "bylines-0-person": [str(person.pk)],
        "bylines-0-position": ["0"],
    }
    keep(signed_in, article, picked)
    offer = change_form(signed_in, article).context["autosave"]
    assert offer["fields"] == picked
    assert offer["labels"] == {
        "topics": {str(topic.pk): "Foreign policy"},
        "bylines-0-person": {str(person.pk): "Sergey Lavrov"},
    }


def test_text_typed_before_another_editor_saved_stays_offered(client, writer, editor):
    """Someone saves over the version the writer was typing into: the text stays offered,
    and restoring it into the form lets saving show the edit conflict."""
    article = draft_by(writer)
    client.force_login(writer)
    keep(client, article)
    later = timezone.now() + datetime.timedelta(minutes=5)
    with time_machine.travel(later):
        workflow.save_edit(article, by=editor, editing=1)
    article.refresh_from_db()

    page = change_form(client, article).text
    assert "You have unsaved text from" in page
    assert "typed into version 1: version 2 was saved since" in page
    assert (
        json.loads(
            page.split('id="autosave-data" type="application/json">')[1].split("</script>")[0]
        )["started_from"]
        == 1
    )


def test_an_autosave_costs_a_handful_of_queries(signed_in, writer, django_assert_num_queries):
    """Sent every few seconds by everyone typing: the session, the user, the article, the
    user's permissions (two), and the locked upsert (four with its savepoint)."""
    article = draft_by(writer)
    keep(signed_in, article)
    with django_assert_num_queries(9):
        assert keep(signed_in, article).status_code == 200


# Save and submit for review, from the form.


def test_a_writer_saves_and_submits_a_new_story_from_the_form(signed_in, writer):
    response = signed_in.post(
        reverse("admin:articles_article_add"), article_form(_submit="Save and submit for review")
    )
    article = Article.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:articles_article_change", args=[article.pk])
    assert article.in_review
    assert article.submitted_by == writer
    messages = [str(m) for m in response.wsgi_request._messages]
    assert f"“{article}” is now in review." in messages


def test_the_form_offers_save_and_submit_only_where_submitting_would_apply(client, writer, editor):
    article = workflow.submit(draft_by(writer), by=writer)
    client.force_login(editor)
    assert "Save and submit for review" not in change_form(client, article).text
    draft = draft_by(writer)
    client.force_login(writer)
    assert "Save and submit for review" in change_form(client, draft).text
    assert "Save and submit for review" in client.get(reverse("admin:articles_article_add")).text


def test_a_refused_submission_says_why_and_keeps_the_save(client, writer, editor):
    """An article in review, saved by an editor with "Save and submit": saved, refused."""
    article = workflow.submit(draft_by(writer), by=writer)
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        article_form(headline="Sharper headline", edited_revision="1", _submit="Submit"),
        follow=True,
    )
    article.refresh_from_db()
    assert article.revision == 2
    assert "Saved, not submitted for review: It is already in review." in response.text


# The writer's own byline on a new article.


def test_a_new_article_offers_the_writer_s_own_byline(client, writer):
    person = make_person(name="Aisylu Sharipova", role_title="Correspondent", user=writer)
    client.force_login(writer)
    form = client.get(reverse("admin:articles_article_add")).context["inline_admin_formsets"][0]
    assert [row.form.initial.get("person") for row in form] == [person, None]


def test_a_writer_whose_account_is_no_person_gets_no_byline(client, writer):
    writer.first_name, writer.last_name = "Aisylu", "Sharipova"
    writer.save()
    make_person(name="Aisylu Sharipova")
    client.force_login(writer)
    form = client.get(reverse("admin:articles_article_add")).context["inline_admin_formsets"][0]
    assert [row.form.initial.get("person") for row in form] == [None]
