"""Share links: one outsider reads one draft version, until the link expires or is revoked."""

import datetime

import pytest
from django.urls import reverse

from articles import workflow
from articles.models import ShareLink
from tests.factories import draft_by, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(db):
    return make_user("author", "Writers")


def share_url(article, token):
    return reverse("articles:shared_preview", args=[article.pk, token])


def test_a_share_link_shows_the_draft_to_an_outsider_never_cached_nor_indexed(client, author):
    article = draft_by(author, headline="Embargoed interview")
    link = workflow.share(article, by=author)

    response = client.get(share_url(article, link.token))

    assert response.status_code == 200
    assert "Embargoed interview" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"].startswith("noindex")


def test_a_missing_tampered_expired_revoked_misdirected_or_stale_link_answers_404(
    client, author, time_machine
):
    article = draft_by(author)
    other = draft_by(author, headline="Another draft")
    link = workflow.share(article, by=author)
    assert client.get(share_url(article, link.token)).status_code == 200

    missing = ShareLink(pk=link.pk + 100).token
    tampered = link.token[:-1] + ("A" if link.token[-1] != "A" else "B")
    assert client.get(share_url(article, missing)).status_code == 404
    assert client.get(share_url(article, tampered)).status_code == 404
    assert client.get(share_url(other, link.token)).status_code == 404

    article.headline = "Rewritten after sharing"
    workflow.save_edit(article, by=author, editing=article.revision)
    assert client.get(share_url(article, link.token)).status_code == 404  # an older version

    fresh = workflow.share(article, by=author)
    workflow.revoke(fresh, by=author)
    assert client.get(share_url(article, fresh.token)).status_code == 404

    later = workflow.share(article, by=author)
    time_machine.move_to(later.expires_at + datetime.timedelta(seconds=1))
    assert client.get(share_url(article, later.token)).status_code == 404


def test_staff_make_and_revoke_share_links_from_the_change_form(client, author):
    article = draft_by(author)
    client.force_login(author)

    response = client.post(reverse("admin:articles_article_share", args=[article.pk]), follow=True)

    link = ShareLink.objects.get()
    assert share_url(article, link.token) in response.content.decode()
    client.post(reverse("admin:articles_article_revoke", args=[article.pk, link.pk]))
    link.refresh_from_db()
    assert link.revoked_at is not None
    assert [entry.action for entry in article.log.order_by("pk")] == ["shared", "revoked"]
