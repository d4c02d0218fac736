"""Page numbers from the query string: any number, however large, is a page or a 404."""

import pytest

from articles.pagination import MAX_PAGE
from tests.factories import make_article, make_event, make_organisation, make_person

pytestmark = pytest.mark.django_db

HUGE = "9" * 30


@pytest.fixture
def pages(topic, regions):
    make_article(topics=[topic], regions=[regions["russia"]])
    return [
        "/news/",
        f"/topics/{topic.slug}/",
        "/regions/russia/",
        f"/people/{make_person().slug}/",
        f"/organisations/{make_organisation().slug}/",
        f"/events/{make_event().slug}/",
        "/people/",
        "/organisations/",
        "/events/",
    ]


@pytest.mark.parametrize("number", [HUGE, str(MAX_PAGE + 1), str(2**63), "9" * 5000])
def test_a_page_number_past_any_database_integer_is_not_found(client, pages, number):
    for page in pages:
        assert client.get(page, {"page": number}).status_code == 404, page


@pytest.mark.parametrize("kind", ["", "articles", "people", "organisations", "events"])
def test_search_shows_its_last_page_for_a_page_number_past_any_database_integer(
    client, pages, kind
):
    response = client.get("/search/", {"q": "Lavrov", "type": kind, "page": HUGE})

    assert response.status_code == 200
