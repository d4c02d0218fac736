"""Webhooks: signed deliveries to real receivers, after the commit, retried, logged."""

import datetime
import hashlib
import hmac
import json

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles import webhooks, workflow
from articles.models import Person, WebhookDelivery, WebhookEndpoint
from tests.factories import make_article, make_person, submitted_by
from tests.webhooks import Receiver, readme_verify, run_worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def receiver():
    receiver = Receiver()
    yield receiver
    receiver.stop()


def endpoint_for(receiver, *events, **kwargs):
    return WebhookEndpoint.objects.create(
        name="Channel bot", url=receiver.url, events=list(events), **kwargs
    )


def test_an_editor_publishes_and_a_receiver_failing_twice_gets_it_signed_on_the_third_try(
    writer, editor, monkeypatch, time_machine, django_capture_on_commit_callbacks
):
    receiver = Receiver(answers=[500, 503])
    try:
        endpoint = endpoint_for(receiver, "article.published")
        article = submitted_by(writer, headline="Forum opens in Kazan")
        with django_capture_on_commit_callbacks(execute=True):
            workflow.publish(article, by=editor)

        run_worker(monkeypatch)
        time_machine.move_to(timezone.now() + datetime.timedelta(seconds=31))
        run_worker(monkeypatch)
        # The third try waits four times longer than the second.
        time_machine.move_to(timezone.now() + datetime.timedelta(seconds=61))
        run_worker(monkeypatch)
        assert len(receiver.requests) == 2
        time_machine.move_to(timezone.now() + datetime.timedelta(seconds=61))
        run_worker(monkeypatch)
    finally:
        receiver.stop()

    assert len(receiver.requests) == 3
    headers, body = receiver.requests[-1]
    assert readme_verify()(endpoint.secret, headers["Newsroom-Signature"], body)
    assert not readme_verify()("another secret", headers["Newsroom-Signature"], body)
    assert not readme_verify()(endpoint.secret, headers["Newsroom-Signature"], body + b" ")
    delivery = WebhookDelivery.objects.get()
    sent = json.loads(body)
    assert (headers["Newsroom-Event"], headers["Newsroom-Delivery"]) == (
        "article.published",
        str(delivery.pk),
    )
    assert headers["Content-Type"] == "application/json"
    assert sent["id"] == delivery.pk and sent["event"] == "article.published"
    assert sent["data"]["headline"] == "Forum opens in Kazan"
    assert sent["data"]["url"] == f"http://127.0.0.1:8000{article.get_absolute_url()}"
    # Every try sent the same delivery.
    assert {body for _, body in receiver.requests} == {body}
    assert (delivery.state, delivery.attempts, delivery.response_code) == ("succeeded", 3, 200)
    assert [a.response_code for a in delivery.attempt_log.all()] == [500, 503, 200]


def test_a_story_is_described_as_the_api_lists_it(
    client, settings, writer, editor, receiver, monkeypatch, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_BASE_URL = "http://testserver"
    endpoint_for(receiver, "article.published")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(submitted_by(writer, headline="Forum opens in Kazan"), by=editor)
    run_worker(monkeypatch)

    [sent] = receiver.bodies()
    assert [sent["data"]] == client.get("/api/v1/articles/").json()["results"]


def test_a_slow_receiver_never_delays_publishing(
    writer, editor, monkeypatch, django_capture_on_commit_callbacks
):
    """Publishing only queues a task: the receiver, which would hold any request it got,
    has been sent nothing when `publish` returns."""
    slow = Receiver(hold=True)
    try:
        endpoint_for(slow, "article.published")
        with django_capture_on_commit_callbacks(execute=True):
            workflow.publish(submitted_by(writer), by=editor)

        assert slow.requests == []
        assert DBTaskResult.objects.filter(task_path="articles.webhooks.announce").count() == 1
        slow.release()
        run_worker(monkeypatch)
    finally:
        slow.stop()
    assert [body["event"] for body in slow.bodies()] == ["article.published"]


def test_nothing_is_queued_before_the_transaction_commits(writer, editor, receiver):
    endpoint_for(receiver, "article.published")

    workflow.publish(submitted_by(writer), by=editor)  # the test's transaction stays open

    assert not DBTaskResult.objects.exists()


def test_a_receiver_that_never_answers_well_fails_for_good_after_the_last_try(
    settings, monkeypatch, time_machine, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_WEBHOOK_ATTEMPTS = 2
    receiver = Receiver(answers=[500, 500, 500])
    try:
        endpoint_for(receiver, "person.created")
        with django_capture_on_commit_callbacks(execute=True):
            make_person(name="Rustam Minnikhanov")
        run_worker(monkeypatch)
        time_machine.move_to(timezone.now() + datetime.timedelta(hours=1))
        run_worker(monkeypatch)
        time_machine.move_to(timezone.now() + datetime.timedelta(days=1))
        run_worker(monkeypatch)
    finally:
        receiver.stop()

    delivery = WebhookDelivery.objects.get()
    assert (delivery.state, delivery.attempts, delivery.next_attempt_at) == ("failed", 2, None)
    assert len(receiver.requests) == 2


def test_no_answer_is_a_failed_attempt_with_its_error_logged(
    monkeypatch, django_capture_on_commit_callbacks
):
    closed = Receiver()
    closed.stop()  # nothing listens on its port any more
    endpoint_for(closed, "person.created")
    with django_capture_on_commit_callbacks(execute=True):
        make_person()

    run_worker(monkeypatch)

    delivery = WebhookDelivery.objects.get()
    attempt = delivery.attempt_log.get()
    assert (delivery.state, delivery.attempts, attempt.response_code) == ("pending", 1, None)
    assert "refused" in attempt.error.lower()
    assert delivery.next_attempt_at == attempt.attempted_at + datetime.timedelta(seconds=30)


def test_a_story_scheduled_ahead_is_announced_when_it_goes_live_and_not_before(
    writer, editor, receiver, monkeypatch, time_machine, django_capture_on_commit_callbacks
):
    endpoint_for(receiver, "article.published")
    at = timezone.now() + datetime.timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(submitted_by(writer), by=editor, at=at)

    run_worker(monkeypatch)
    assert receiver.requests == []
    time_machine.move_to(at + datetime.timedelta(seconds=1))
    run_worker(monkeypatch)

    assert [body["event"] for body in receiver.bodies()] == ["article.published"]


def test_a_story_rescheduled_is_announced_once_at_its_new_time(
    writer, editor, receiver, monkeypatch, time_machine, django_capture_on_commit_callbacks
):
    endpoint_for(receiver, "article.published")
    first = timezone.now() + datetime.timedelta(hours=1)
    later = first + datetime.timedelta(hours=1)
    article = submitted_by(writer)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(article, by=editor, at=first)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.unpublish(article, by=editor)
        workflow.publish(article, by=editor, at=later)

    time_machine.move_to(first + datetime.timedelta(seconds=1))
    run_worker(monkeypatch)
    assert receiver.requests == []
    time_machine.move_to(later + datetime.timedelta(seconds=1))
    run_worker(monkeypatch)

    assert len(receiver.requests) == 1


def test_published_changes_are_an_update_and_a_correction_says_what_it_corrects(
    writer, editor, second_editor, receiver, monkeypatch, django_capture_on_commit_callbacks
):
    endpoint_for(receiver, "article.updated", "article.corrected")
    live = make_article(headline="Forum opens", created_by=writer)
    live.headline = "Forum opens in Kazan"
    workflow.save_edit(live, by=editor, editing=live.revision)
    with django_capture_on_commit_callbacks(execute=True):
        correction = workflow.correct(live, by=editor, comment="The city was missing.")
    live.standfirst = "Day one."
    workflow.save_edit(live, by=writer, editing=live.revision)
    workflow.submit(live, by=writer)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(live, by=second_editor)

    run_worker(monkeypatch)

    corrected, updated = receiver.bodies()
    assert corrected["event"] == "article.corrected"
    assert corrected["data"]["headline"] == "Forum opens in Kazan"
    assert corrected["data"]["correction"]["note"] == "The city was missing."
    assert corrected["data"]["correction"]["id"] == correction.pk
    assert (updated["event"], updated["data"]["standfirst"]) == ("article.updated", "Day one.")


def test_reviewed_changes_published_as_a_correction_are_announced_as_one_not_as_an_update(
    writer, editor, receiver, monkeypatch, django_capture_on_commit_callbacks
):
    endpoint_for(receiver, "article.updated", "article.corrected")
    live = make_article(headline="Forum opens", created_by=writer)
    live.headline = "Forum opens in Kazan"
    workflow.save_edit(live, by=writer, editing=live.revision)
    workflow.submit(live, by=writer)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(live, by=editor, correction="The city was missing.")

    run_worker(monkeypatch)

    [corrected] = receiver.bodies()
    assert corrected["event"] == "article.corrected"
    assert corrected["data"]["headline"] == "Forum opens in Kazan"
    assert corrected["data"]["correction"]["note"] == "The city was missing."


def test_an_unpublished_story_is_announced_without_its_text(
    editor, receiver, monkeypatch, django_capture_on_commit_callbacks
):
    endpoint_for(receiver, "article.unpublished")
    article = make_article(headline="Forum opens", standfirst="Day one.")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.unpublish(article, by=editor)

    run_worker(monkeypatch)

    (sent,) = receiver.bodies()
    assert sent["event"] == "article.unpublished"
    assert set(sent["data"]) == {"id", "language", "url", "unpublished_at"}


def test_entities_saved_and_deleted_are_announced(
    receiver, monkeypatch, django_capture_on_commit_callbacks
):
    endpoint_for(receiver, "person.created", "person.updated", "person.deleted")
    with django_capture_on_commit_callbacks(execute=True):
        person = make_person(name="Rustam Minnikhanov")
    run_worker(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        person.role_title = "Rais of Tatarstan"
        person.save()
    run_worker(monkeypatch)
    pk = person.pk
    with django_capture_on_commit_callbacks(execute=True):
        Person.objects.get(pk=pk).delete()
    run_worker(monkeypatch)

    created, updated, deleted = receiver.bodies()
    assert [created["event"], updated["event"], deleted["event"]] == [
        "person.created",
        "person.updated",
        "person.deleted",
    ]
    assert created["data"]["name"] == "Rustam Minnikhanov"
    assert created["data"]["url"].endswith(f"/people/{created['data']['slug']}/")
    assert deleted["data"] == {"id": pk, "kind": "person"}


def test_an_endpoint_gets_only_the_events_it_asked_for(
    editor, receiver, monkeypatch, django_capture_on_commit_callbacks
):
    endpoint_for(receiver, "article.unpublished")
    with django_capture_on_commit_callbacks(execute=True):
        make_person()
    run_worker(monkeypatch)

    assert receiver.requests == []
    assert not DBTaskResult.objects.exists()


def test_a_replay_is_a_new_delivery_with_the_body_made_afresh(
    receiver, monkeypatch, django_capture_on_commit_callbacks
):
    endpoint_for(receiver, "person.updated")
    person = make_person(name="Rustam Minnikhanov")
    with django_capture_on_commit_callbacks(execute=True):
        person.save()
    run_worker(monkeypatch)
    person.name = "Rustam Minnikhanov Jr"
    person.save()

    again = webhooks.replay(WebhookDelivery.objects.get())
    run_worker(monkeypatch)

    assert again.pk != WebhookDelivery.objects.earliest("pk").pk
    assert [body["data"]["name"] for body in receiver.bodies()] == [
        "Rustam Minnikhanov",
        "Rustam Minnikhanov Jr",
    ]


def test_a_replay_of_a_story_since_taken_down_is_refused(
    editor, receiver, monkeypatch, django_capture_on_commit_callbacks
):
    endpoint_for(receiver, "article.corrected")
    live = make_article(created_by=editor)
    live.headline = "Corrected"
    workflow.save_edit(live, by=editor, editing=live.revision)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.correct(live, by=editor, comment="Typo.")
    run_worker(monkeypatch)
    workflow.unpublish(live, by=editor)

    assert webhooks.replay(WebhookDelivery.objects.get()) is None
    assert WebhookDelivery.objects.count() == 1


def test_each_signature_is_the_hmac_of_its_time_and_body():
    endpoint = WebhookEndpoint(secret="s3cret")

    header = endpoint.signature(1700000000, b'{"id":1}')

    digest = hmac.new(b"s3cret", b'1700000000.{"id":1}', hashlib.sha256).hexdigest()
    assert header == f"t=1700000000,v1={digest}"
