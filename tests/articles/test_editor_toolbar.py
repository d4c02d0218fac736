"""The editor toolbar on public article pages: staff see an Edit link and the story's
state, asked for by a script the page carries for everybody; the page stays the same for
readers and editors, and cached; the toolbar's own answer is never cached."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from articles import workflow
from newsroom.admin import STAFF_MARKER_COOKIE
from tests.factories import make_article, make_user, settle_page_cache

pytestmark = pytest.mark.django_db

SCRIPT = '<script src="/static/js/editor-toolbar.js" defer></script>'


def toolbar(client, article):
    return client.get(reverse("articles:toolbar", args=[article.pk]))


def test_an_editor_is_told_where_to_edit_the_article_and_how_it_stands(client, editor):
    article = make_article()
    article.headline = "Corrected headline"
    workflow.save_edit(article, by=editor, editing=article.revision)
    workflow.submit(article, by=editor)
    client.force_login(editor)

    response = toolbar(client, article)

    assert response.status_code == 200
    assert response.json() == {
        "edit_url": reverse("admin:articles_article_change", args=[article.pk]),
        "state": "Published, changes in review",
    }


def test_the_toolbar_is_never_cached(client, editor):
    article = make_article()
    client.force_login(editor)

    first = toolbar(client, article)
    workflow.unpublish(article, by=editor)
    second = toolbar(client, article)

    for response in (first, second):
        control = response["Cache-Control"]
        assert {"private", "no-store", "no-cache"} <= set(control.replace(",", " ").split())
    assert (first.json()["state"], second.json()["state"]) == ("Published", "Unpublished")


def test_a_writer_gets_the_toolbar_for_their_own_article_and_nothing_for_others(client, writer):
    own = make_article(created_by=writer)
    colleagues = make_article(created_by=make_user("colleague", "Writers"))
    client.force_login(writer)

    assert toolbar(client, own).json()["state"] == "Published"
    nothing = toolbar(client, colleagues)
    assert nothing.status_code == 204
    assert nothing.content == b""


def test_readers_and_staff_without_a_desk_are_refused(client):
    article = make_article()
    assert toolbar(client, article).status_code == 403
    client.force_login(User.objects.create_user("reader", password="pw"))
    assert toolbar(client, article).status_code == 403


def test_the_toolbar_costs_a_fixed_number_of_queries(client, editor, django_assert_num_queries):
    article = make_article()
    client.force_login(editor)
    # The session, its user, the article, and the user's permissions (direct and by group).
    with django_assert_num_queries(5):
        toolbar(client, article)


def test_the_article_page_is_byte_for_byte_the_same_for_readers_and_editors(client, editor):
    article = make_article()
    url = article.get_absolute_url()
    reader = client.get(url)
    client.cookies[STAFF_MARKER_COOKIE] = "1"
    client.force_login(editor)

    staff = client.get(url)

    assert staff.content == reader.content
    assert SCRIPT in reader.content.decode()
    toolbar_url = reverse("articles:toolbar", args=[article.pk])
    assert f'data-toolbar="{toolbar_url}"' in reader.content.decode()
    for header in ("Vary", "Content-Security-Policy"):
        assert staff.get(header) == reader.get(header), header
    assert not staff.cookies
    # The same bytes, but the editor's copy is never kept by a cache shared with readers.
    assert "public" in reader["Cache-Control"]
    assert staff["Cache-Control"] == "private"


def test_an_editors_visits_leave_the_page_cache_serving_readers(
    client, editor, django_assert_num_queries
):
    article = make_article()
    url = article.get_absolute_url()
    settle_page_cache()
    cached = client.get(url).content
    staff = type(client)()
    staff.force_login(editor)
    staff.cookies[STAFF_MARKER_COOKIE] = "1"
    staff.get(url)
    toolbar(staff, article)

    with django_assert_num_queries(0):
        again = client.get(url)

    assert again.content == cached


def test_previews_carry_no_toolbar(client, writer):
    article = make_article(status="draft", created_by=writer)
    link = workflow.share(article, by=writer)

    page = client.get(reverse("articles:shared_preview", args=[article.pk, link.token]))

    assert "editor-toolbar" not in page.content.decode()
    assert "data-toolbar" not in page.content.decode()


def test_logging_in_to_the_admin_marks_the_browser_and_logging_out_unmarks_it(client):
    make_user("desk", "Editors")
    login = reverse("admin:login")

    response = client.post(login, {"username": "desk", "password": "pw"})

    marker = response.cookies[STAFF_MARKER_COOKIE]
    assert marker.value == "1"
    assert not marker["httponly"]  # the public pages' script reads it
    assert marker["path"] == "/"
    assert marker["samesite"] == "Lax"
    response = client.post(reverse("admin:logout"))
    assert response.cookies[STAFF_MARKER_COOKIE].value == ""
    assert response.cookies[STAFF_MARKER_COOKIE]["max-age"] == 0


def test_a_failed_or_non_staff_login_leaves_no_marker(client):
    make_user("desk", "Editors")
    User.objects.create_user("reader", password="pw")
    login = reverse("admin:login")

    assert (
        STAFF_MARKER_COOKIE
        not in client.post(login, {"username": "desk", "password": "x"}).cookies
    )
    reader = client.post(login, {"username": "reader", "password": "pw"})
    assert STAFF_MARKER_COOKIE not in reader.cookies
