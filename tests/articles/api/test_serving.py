"""The API is cached like the pages, for anonymous clients only, and rate limited per
client, cached answers included."""

import datetime

import pytest
from django.utils import timezone

from articles import workflow
from tests.articles.api.conftest import bearer
from tests.factories import make_article, settle_page_cache, submitted_by

pytestmark = pytest.mark.django_db

LIST = "/api/v1/articles/"


def headlines(response):
    return {item["headline"] for item in response.json()["results"]}


def test_a_cached_list_changes_as_soon_as_a_story_is_published(
    client, writer, editor, django_capture_on_commit_callbacks, django_assert_num_queries
):
    make_article(headline="First")
    assert headlines(client.get(LIST)) == {"First"}
    with django_assert_num_queries(0):  # from the cache
        assert headlines(client.get(LIST)) == {"First"}
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(submitted_by(writer, headline="Breaking"), by=editor)
    assert headlines(client.get(LIST)) == {"First", "Breaking"}


def test_a_scheduled_story_appears_on_the_minute_in_a_cached_list(client, time_machine):
    now = timezone.now()
    time_machine.move_to(now, tick=False)
    make_article(headline="Now")
    make_article(headline="At noon", published_at=now + datetime.timedelta(minutes=5))
    assert headlines(client.get(LIST)) == {"Now"}
    time_machine.move_to(now + datetime.timedelta(minutes=6), tick=False)
    assert headlines(client.get(LIST)) == {"Now", "At noon"}


def test_a_token_never_reads_nor_fills_the_shared_cache(client, content, embargo_partner):
    _, secret = embargo_partner
    assert headlines(client.get(LIST)) == {"Visible story"}
    embargoed = client.get(LIST, headers=bearer(secret))
    assert headlines(embargoed) == {"Visible story", "Secret scheduled"}
    assert "Authorization" in embargoed["Vary"]
    assert headlines(client.get(LIST)) == {"Visible story"}


@pytest.fixture
def three_a_minute(settings):
    settings.NEWSROOM_API_RATES = {"anonymous": "3/min", "token": "3/min"}


def test_a_client_over_its_rate_waits_cached_answers_included(
    client, content, partner, three_a_minute
):
    settle_page_cache()
    for _ in range(3):
        assert client.get(LIST).status_code == 200
    refused = client.get(LIST)
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused.json()["detail"]
    # Another address, and a token, each have a rate of their own.
    assert client.get(LIST, REMOTE_ADDR="192.0.2.7").status_code == 200
    assert client.get(LIST, headers=bearer(partner[1])).status_code == 200


def test_a_token_is_limited_whatever_address_it_comes_from(
    client, content, partner, three_a_minute
):
    headers = bearer(partner[1])
    for n in range(3):
        assert client.get(LIST, headers=headers, REMOTE_ADDR=f"192.0.2.{n}").status_code == 200
    assert client.get(LIST, headers=headers, REMOTE_ADDR="192.0.2.9").status_code == 429
    assert client.get(LIST).status_code == 200


def test_a_forged_address_header_does_not_lift_the_limit(client, content, three_a_minute):
    for n in range(3):
        client.get(LIST, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    assert client.get(LIST, HTTP_X_FORWARDED_FOR="198.51.100.99").status_code == 429


def test_made_up_tokens_count_against_their_address(client, content, three_a_minute):
    for n in range(3):
        client.get(LIST, headers=bearer(f"nrt_made-up-{n}"))
    refused = client.get(LIST, headers=bearer("nrt_made-up-again"))
    assert refused.status_code == 429
    assert client.get(LIST).status_code == 429
