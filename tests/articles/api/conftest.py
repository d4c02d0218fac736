import datetime

import pytest
from django.utils import timezone

from articles.models import ApiToken
from tests.articles.test_public_surfaces import newsroom  # noqa: F401 (for test_leaks)
from tests.factories import make_article, make_article_linking_each_kind, make_user


@pytest.fixture
def partner(db):
    """A token without embargo access, and its secret."""
    token = ApiToken(partner="Partner site")
    return token, token.issue(by=make_user("token-maker", "Editors"))


@pytest.fixture
def embargo_partner(db):
    """A token an editor granted embargo access, and its secret."""
    editor = make_user("embargo-granter", "Editors")
    token = ApiToken(partner="Wire service")
    token.set_embargo_access(True, by=editor)
    return token, token.issue(by=editor)


def bearer(secret):
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture
def content(db):
    """A live article linking one of each kind, and one hidden article of each kind."""
    live = make_article_linking_each_kind(headline="Visible story")
    hidden = {
        "draft": make_article(headline="Secret draft", status="draft"),
        "unpublished": make_article(headline="Secret unpublished", status="unpublished"),
        "scheduled": make_article(
            headline="Secret scheduled", published_at=timezone.now() + datetime.timedelta(days=1)
        ),
        "expired": make_article(
            headline="Secret expired",
            published_at=timezone.now() - datetime.timedelta(days=2),
            unpublish_at=timezone.now() - datetime.timedelta(days=1),
        ),
    }
    return {"live": live, "hidden": hidden}
