"""Share links on the article's page: every link made, whether it still works and why
not, its address to copy, its expiry, its maker; and links that follow the newest version."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from articles import workflow
from articles.models import ShareLink
from tests.factories import draft_by, make_user

pytestmark = pytest.mark.django_db

ROW = re.compile(r'<li class="share-link">(.*?)</li>', re.S)


@pytest.fixture
def author(db):
    return make_user("author", "Writers")


def change_page(client, article):
    return client.get(reverse("admin:articles_article_change", args=[article.pk]))


def rows(response):
    """The share links listed on the article's page, each as the words an editor reads."""
    return [" ".join(strip_tags(row).split()) for row in ROW.findall(response.content.decode())]


def public_url(article, link):
    return reverse("articles:shared_preview", args=[article.pk, link.token])


def edit(article, by, headline):
    article.headline = headline
    workflow.save_edit(article, by=by, editing=article.revision)


def test_the_list_shows_active_expired_revoked_and_no_longer_current_links(
    client, author, editor, time_machine
):
    now = timezone.now()
    time_machine.move_to(now, tick=False)
    article = draft_by(author)
    expired = workflow.share(article, by=author, lifetime=datetime.timedelta(hours=1))
    revoked = workflow.revoke(workflow.share(article, by=editor), by=author)
    stale = workflow.share(article, by=author)
    edit(article, author, "Rewritten after sharing")
    active = workflow.share(article, by=editor)
    time_machine.move_to(now + datetime.timedelta(hours=2), tick=False)
    client.force_login(author)

    listed = rows(change_page(client, article))

    assert len(listed) == 4
    by_link = dict(zip(ShareLink.objects.of(article), listed, strict=True))
    assert by_link[active].startswith("Active — version 2, made by editor")
    assert by_link[stale].startswith("No longer current: the story changed — version 1")
    assert by_link[revoked].startswith("Revoked — version 1, made by editor")
    assert by_link[expired].startswith("Expired — version 1, made by author")


def test_each_link_shows_its_full_address_read_only_with_a_copy_button(client, author):
    article = draft_by(author)
    link = workflow.share(article, by=author)
    client.force_login(author)

    html = change_page(client, article).content.decode()

    address = f"http://testserver{public_url(article, link)}"
    field = (
        f'id="share-link-{link.pk}" class="vTextField share-link-url" value="{address}" readonly'
    )
    assert field in html
    assert f'<button type="button" class="button" data-copy="share-link-{link.pk}">Copy' in html
    assert '<script src="/static/admin/js/share-links.js" defer></script>' in html


def test_the_expiry_is_shown_in_the_sites_time_zone(client, author, settings, time_machine):
    settings.TIME_ZONE = "Europe/Moscow"
    time_machine.move_to(datetime.datetime(2026, 3, 1, 9, tzinfo=datetime.UTC), tick=False)
    article = draft_by(author)
    workflow.share(article, by=author)
    client.force_login(author)

    [row] = rows(change_page(client, article))

    # 9:00 UTC on 8 March is noon in Moscow.
    assert "valid until 8 Mar 2026 12:00 MSK" in row


def test_only_a_working_link_offers_revoke_and_only_to_who_may_revoke_it(client, author):
    colleague = make_user("colleague", "Writers")
    article = draft_by(author)
    working = workflow.share(article, by=author)
    ended = workflow.revoke(workflow.share(article, by=author), by=author)
    revoke = reverse("admin:articles_article_revoke", args=[article.pk, working.pk])
    client.force_login(author)

    html = change_page(client, article).content.decode()

    assert f'action="{revoke}"' in html
    assert html.count(">Revoke</button>") == 1
    assert reverse("admin:articles_article_revoke", args=[article.pk, ended.pk]) not in html
    client.force_login(colleague)
    theirs = change_page(client, article)
    assert theirs.status_code == 200
    assert "Active — version 1, made by author" in rows(theirs)[1]
    assert ">Revoke</button>" not in theirs.content.decode()


def test_the_page_costs_the_same_queries_with_one_link_or_many(
    client, author, django_assert_max_num_queries
):
    article = draft_by(author)
    workflow.share(article, by=author)
    client.force_login(author)
    change_page(client, article)  # warm what is read once per process
    with CaptureQueriesContext(connection) as one:
        change_page(client, article)
    for _ in range(5):
        workflow.revoke(workflow.share(article, by=author), by=author)
    with django_assert_max_num_queries(len(one)):
        assert len(rows(change_page(client, article))) == 6


def test_making_a_link_that_follows_the_newest_version_from_the_change_form(client, author):
    article = draft_by(author, headline="First draft")
    client.force_login(author)
    share = reverse("admin:articles_article_share", args=[article.pk])

    page = change_page(client, article).content.decode()
    assert '<input type="checkbox" name="follows_newest">' in page
    assert "Follow the newest version" in page
    client.post(share, {"follows_newest": "on"})
    client.post(share)

    following, pinned = ShareLink.objects.order_by("pk")
    assert following.follows_newest and not pinned.follows_newest
    pinned_row, following_row = rows(change_page(client, article))
    assert following_row.startswith("Active — follows the newest version (made at version 1)")
    assert pinned_row.startswith("Active — version 1")


def test_a_link_that_follows_the_newest_version_serves_the_newest_version(client, author, editor):
    article = draft_by(author, headline="First draft")
    following = workflow.share(article, by=author, follows_newest=True)
    pinned = workflow.share(article, by=author)
    edit(article, editor, "Second draft")

    response = client.get(public_url(article, following))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Second draft" in page and "First draft" not in page
    assert "Preview of version 2" in page
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"].startswith("noindex")
    # The pinned link of the changed story no longer opens, as the list says.
    assert client.get(public_url(article, pinned)).status_code == 404
    client.force_login(author)
    pinned_row, following_row = rows(change_page(client, article))
    assert pinned_row.startswith("No longer current: the story changed — version 1")
    assert following_row.startswith("Active — follows the newest version (made at version 1)")


def test_a_link_that_follows_the_newest_version_still_expires_and_is_revocable(
    client, author, time_machine
):
    article = draft_by(author)
    expiring = workflow.share(article, by=author, follows_newest=True)
    revoked = workflow.revoke(workflow.share(article, by=author, follows_newest=True), by=author)
    assert client.get(public_url(article, revoked)).status_code == 404
    assert client.get(public_url(article, expiring)).status_code == 200

    time_machine.move_to(expiring.expires_at + datetime.timedelta(seconds=1))

    assert client.get(public_url(article, expiring)).status_code == 404


def test_a_link_that_follows_the_newest_version_opens_no_other_article(client, author):
    article = draft_by(author, headline="Shared draft")
    other = draft_by(author, headline="Secret other draft")
    link = workflow.share(article, by=author, follows_newest=True)
    edit(other, author, "Secret other draft, revised")

    assert client.get(public_url(other, link)).status_code == 404
    page = client.get(public_url(article, link)).content.decode()
    assert "Shared draft" in page and "Secret" not in page
