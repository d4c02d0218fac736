"""Editors register webhook endpoints and read, and replay, their delivery log."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import WebhookDelivery, WebhookEndpoint
from tests.factories import make_person

pytestmark = pytest.mark.django_db

ENDPOINTS = reverse("admin:articles_webhookendpoint_changelist")
ADD_ENDPOINT = reverse("admin:articles_webhookendpoint_add")
DELIVERIES = reverse("admin:articles_webhookdelivery_changelist")


def endpoint_form(**overrides):
    return {
        "name": "Telegram channel",
        "url": "https://bot.example.org/newsroom",
        "events": ["article.published", "article.corrected"],
        "active": "on",
        **overrides,
    }


def test_an_editor_registers_an_endpoint_and_is_shown_its_secret(client, editor):
    client.force_login(editor)

    response = client.post(ADD_ENDPOINT, endpoint_form())

    endpoint = WebhookEndpoint.objects.get()
    assert response.status_code == 302
    assert endpoint.events == ["article.published", "article.corrected"]
    assert (endpoint.embargo_access, endpoint.embargo_granted_by) == (False, None)
    page = client.get(reverse("admin:articles_webhookendpoint_change", args=[endpoint.pk]))
    assert len(endpoint.secret) == 64 and endpoint.secret in page.content.decode()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"url": "ftp://bot.example.org/"}, "Enter a valid URL."),
        ({"events": []}, "This field is required."),
        ({"events": ["article.printed"]}, "Select a valid choice."),
        (
            {"events": ["article.scheduled"]},
            "Only an endpoint granted embargo access is sent stories scheduled for later",
        ),
    ],
)
def test_an_endpoint_that_cannot_work_is_refused_with_the_reason(
    client, editor, overrides, message
):
    client.force_login(editor)

    response = client.post(ADD_ENDPOINT, endpoint_form(**overrides))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_granting_embargo_access_records_who_and_when(client, editor):
    client.force_login(editor)

    client.post(
        ADD_ENDPOINT,
        endpoint_form(events=["article.scheduled"], embargo_access="on"),
    )

    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.embargo_granted_by == editor
    assert timezone.now() - endpoint.embargo_granted_at < datetime.timedelta(minutes=1)
    change = reverse("admin:articles_webhookendpoint_change", args=[endpoint.pk])
    client.post(change, endpoint_form(events=["article.published"]))
    endpoint.refresh_from_db()
    assert (endpoint.embargo_granted_by, endpoint.embargo_granted_at) == (None, None)


def test_rotating_a_secret_replaces_it(client, editor):
    endpoint = WebhookEndpoint.objects.create(name="Bot", url="https://bot.example.org/")
    old = endpoint.secret
    client.force_login(editor)

    page = client.post(
        ENDPOINTS, {"action": "rotate_secret", "_selected_action": [endpoint.pk]}, follow=True
    ).content.decode()

    endpoint.refresh_from_db()
    assert endpoint.secret != old
    assert "Gave 1 endpoint a new secret" in page


def test_writers_see_no_endpoints_and_no_deliveries(client, writer):
    client.force_login(writer)

    assert client.get(ENDPOINTS).status_code == 403
    assert client.get(DELIVERIES).status_code == 403


def deliver(endpoint, count, **kwargs):
    for _ in range(count):
        person = make_person()
        delivery = WebhookDelivery.objects.create(
            endpoint=endpoint,
            event="person.updated",
            object_id=person.pk,
            payload={"id": person.pk, "name": person.name},
            **kwargs,
        )
        delivery.record_attempt(
            at=timezone.now(), duration=datetime.timedelta(milliseconds=40), response_code=502
        )


def test_the_delivery_log_costs_the_same_queries_for_one_delivery_or_twenty(client, editor):
    endpoint = WebhookEndpoint.objects.create(name="Bot", url="https://bot.example.org/")
    client.force_login(editor)
    counts = []
    for batch in [1, 19]:
        deliver(endpoint, batch)
        with CaptureQueriesContext(connection) as queries:
            page = client.get(DELIVERIES).content.decode()
        counts.append(len(queries))

    assert counts[0] == counts[1]
    assert page.count("person.updated") >= 20
    assert page.count("502") >= 20


def test_a_delivery_s_page_shows_its_body_and_every_attempt(client, editor):
    endpoint = WebhookEndpoint.objects.create(name="Bot", url="https://bot.example.org/")
    deliver(endpoint, 1)
    delivery = WebhookDelivery.objects.get()
    client.force_login(editor)

    page = client.get(
        reverse("admin:articles_webhookdelivery_change", args=[delivery.pk])
    ).content.decode()

    assert "Sergey Lavrov" in page  # the body
    assert "502" in page and "Failed" in page  # its attempt


def test_replaying_queues_a_new_delivery_and_refuses_one_whose_news_is_gone(client, editor):
    endpoint = WebhookEndpoint.objects.create(
        name="Bot", url="https://bot.example.org/", events=["person.updated"]
    )
    deliver(endpoint, 2)
    gone, kept = WebhookDelivery.objects.order_by("pk")
    WebhookDelivery.objects.filter(pk=gone.pk).update(object_id=gone.object_id + 1000)
    client.force_login(editor)

    page = client.post(
        DELIVERIES, {"action": "replay", "_selected_action": [gone.pk, kept.pk]}, follow=True
    ).content.decode()

    assert "Queued 1 delivery again." in page
    assert "1 delivery was not sent again" in page
    again = WebhookDelivery.objects.latest("pk")
    assert (again.object_id, again.state, again.attempts) == (kept.object_id, "pending", 0)
