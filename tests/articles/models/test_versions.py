import datetime

import pytest
from django.utils import timezone

from articles import workflow
from articles.models import ShareLink
from tests.factories import draft_by

pytestmark = pytest.mark.django_db


def test_a_share_link_works_until_the_moment_it_expires_or_is_revoked(writer, time_machine):
    now = timezone.now()
    time_machine.move_to(now, tick=False)
    article = draft_by(writer)
    expiring = workflow.share(article, by=writer, lifetime=datetime.timedelta(0))
    lasting = workflow.share(article, by=writer, lifetime=datetime.timedelta(seconds=1))
    revoked = workflow.revoke(workflow.share(article, by=writer), by=writer)

    assert list(ShareLink.objects.active()) == [lasting]
    assert {expiring, revoked}.isdisjoint(ShareLink.objects.active())
