"""Partners' tokens: read-only keys, embargo access only by an editor's grant, every
embargoed read on the record; the admin where editors manage them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import ApiToken, EmbargoRead
from articles.models.api import digest
from tests.articles.api.conftest import bearer

pytestmark = pytest.mark.django_db

LIST = "/api/v1/articles/"
TOKENS = reverse("admin:articles_apitoken_changelist")
ADD_TOKEN = reverse("admin:articles_apitoken_add")


def headlines(response):
    assert response.status_code == 200, response.content
    return {item["headline"] for item in response.json()["results"]}


@pytest.mark.parametrize(
    "header", ["Bearer nrt_forged", "Basic dXNlcjpwdw==", "Bearer ", "nrt_forged"]
)
def test_a_bad_token_is_refused_with_a_clear_401(client, content, header):
    response = client.get(LIST, headers={"Authorization": header})
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert "token" in response.json()["detail"].lower()


def test_a_revoked_token_is_refused(client, content, embargo_partner):
    token, secret = embargo_partner
    token.revoked_at = timezone.now()
    token.save()
    assert client.get(LIST, headers=bearer(secret)).status_code == 401


def test_a_token_without_embargo_access_reads_what_readers_read(client, content, partner):
    token, secret = partner
    assert headlines(client.get(LIST, headers=bearer(secret))) == {"Visible story"}
    scheduled = content["hidden"]["scheduled"]
    assert client.get(f"{LIST}{scheduled.pk}/", headers=bearer(secret)).status_code == 404
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert not EmbargoRead.objects.exists()


def test_embargo_access_reads_scheduled_stories_and_logs_every_read(
    client, content, embargo_partner
):
    token, secret = embargo_partner
    scheduled = content["hidden"]["scheduled"]
    assert headlines(client.get(LIST, headers=bearer(secret))) == {
        "Visible story",
        "Secret scheduled",
    }
    detail = client.get(f"{LIST}{scheduled.pk}/", headers=bearer(secret))
    assert detail.json()["headline"] == "Secret scheduled"
    for state in ("draft", "unpublished", "expired"):
        hidden = content["hidden"][state]
        assert client.get(f"{LIST}{hidden.pk}/", headers=bearer(secret)).status_code == 404
    reads = list(EmbargoRead.objects.order_by("pk").values_list("token", "article", "path"))
    assert reads == [
        (token.pk, scheduled.pk, LIST),
        (token.pk, scheduled.pk, f"{LIST}{scheduled.pk}/"),
    ]


def test_a_token_secret_is_kept_only_as_a_digest(partner):
    token, secret = partner
    token.refresh_from_db()
    assert token.digest == digest(secret)
    assert secret not in {str(value) for value in vars(token).values()}
    assert ApiToken.objects.for_secret(secret) == token


def test_an_editor_makes_a_token_and_sees_its_secret_once(client, editor):
    client.force_login(editor)
    response = client.post(ADD_TOKEN, {"partner": "Partner app"})
    assert response.status_code == 200
    token = ApiToken.objects.get()
    secret = response.context["secret"]
    assert secret in response.content.decode()
    assert token.digest == digest(secret) and token.created_by == editor
    assert not token.embargo_access
    change = client.get(reverse("admin:articles_apitoken_change", args=[token.pk]))
    assert secret not in change.content.decode()


def test_embargo_access_is_granted_by_an_editor_on_the_record(client, editor, partner):
    token, _ = partner
    client.force_login(editor)
    url = reverse("admin:articles_apitoken_change", args=[token.pk])
    client.post(url, {"partner": token.partner, "embargo_access": "on"})
    token.refresh_from_db()
    assert token.embargo_access and token.embargo_granted_by == editor
    assert token.embargo_granted_at is not None
    client.post(url, {"partner": token.partner})
    token.refresh_from_db()
    assert not token.embargo_access and token.embargo_granted_by is None


def test_editors_revoke_tokens_in_bulk(client, editor, partner, embargo_partner):
    client.force_login(editor)
    client.post(
        TOKENS,
        {"action": "revoke", "_selected_action": [partner[0].pk, embargo_partner[0].pk]},
    )
    assert not ApiToken.objects.active().exists()


def test_writers_cannot_see_or_make_tokens(client, writer, partner):
    client.force_login(writer)
    assert client.get(TOKENS).status_code == 403
    assert client.post(ADD_TOKEN, {"partner": "Mine"}).status_code == 403
    assert client.get(reverse("admin:articles_embargoread_changelist")).status_code == 403
    assert ApiToken.objects.count() == 1


def test_the_embargoed_read_log_is_read_only_and_one_query_a_page(
    client, editor, content, embargo_partner, django_assert_num_queries
):
    token, secret = embargo_partner
    scheduled = content["hidden"]["scheduled"]
    EmbargoRead.objects.bulk_create(
        EmbargoRead(
            token=token,
            article=scheduled,
            path="/api/v1/articles/",
            read_at=timezone.now() - datetime.timedelta(minutes=n),
        )
        for n in range(30)
    )
    client.force_login(editor)
    url = reverse("admin:articles_embargoread_changelist")
    client.get(url)
    # Session, user and permissions; the token filter, the counts, the review queue's badge,
    # the page with its tokens and articles, the date hierarchy: none per row.
    with django_assert_num_queries(11):
        page = client.get(url)
    assert page.content.decode().count("Secret scheduled") >= 30
    read = EmbargoRead.objects.first()
    change = client.get(reverse("admin:articles_embargoread_change", args=[read.pk]))
    assert change.status_code == 200
    assert 'name="path"' not in change.content.decode()
