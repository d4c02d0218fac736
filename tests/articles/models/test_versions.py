import datetime

import pytest
from django.utils import timezone

from articles import workflow
from articles.models import ShareLink
from tests.factories import draft_by

pytestmark = pytest.mark.django_db


def test_a_share_link_opens_its_article_only_while_its_version_is_the_newest(writer):
    article = draft_by(writer)
    link = workflow.share(article, by=writer)

    assert ShareLink.objects.opened_by(link.token, article.pk) == link
    assert ShareLink.objects.opened_by(link.token, article.pk + 1) is None
    assert ShareLink.objects.opened_by(link.token + "x", article.pk) is None

    workflow.save_edit(article, by=writer, editing=article.revision)
    assert ShareLink.objects.opened_by(link.token, article.pk) is None


def test_a_revoked_share_link_opens_nothing(writer):
    article = draft_by(writer)
    link = workflow.revoke(workflow.share(article, by=writer), by=writer)

    assert ShareLink.objects.opened_by(link.token, article.pk) is None


def test_a_share_link_works_until_the_moment_it_expires_or_is_revoked(writer, time_machine):
    now = timezone.now()
    time_machine.move_to(now, tick=False)
    article = draft_by(writer)
    expiring = workflow.share(article, by=writer, lifetime=datetime.timedelta(0))
    lasting = workflow.share(article, by=writer, lifetime=datetime.timedelta(seconds=1))
    revoked = workflow.revoke(workflow.share(article, by=writer), by=writer)

    assert list(ShareLink.objects.active()) == [lasting]
    assert {expiring, revoked}.isdisjoint(ShareLink.objects.active())


def test_an_articles_share_links_are_its_own_the_newest_first(writer):
    article, other = draft_by(writer), draft_by(writer, headline="Other story")
    first = workflow.share(article, by=writer)
    workflow.share(other, by=writer)
    second = workflow.share(article, by=writer)

    assert list(ShareLink.objects.of(article)) == [second, first]
