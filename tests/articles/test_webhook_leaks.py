"""No hidden story reaches a webhook endpoint without an editor's embargo grant."""

import datetime

import pytest
from django.utils import timezone

from articles import webhooks, workflow
from articles.models import WebhookDelivery, WebhookEndpoint
from tests.factories import draft_by, make_article, submitted_by
from tests.webhooks import Receiver, run_worker

pytestmark = pytest.mark.django_db

SECRET = "Secret story"
STANDFIRST = "Nobody may read this yet"


@pytest.fixture
def receivers():
    """One endpoint taking every event there is, and one granted embargo access too."""
    plain, embargo = Receiver(), Receiver()
    WebhookEndpoint.objects.create(name="Plain", url=plain.url, events=list(webhooks.EVENTS))
    WebhookEndpoint.objects.create(
        name="Embargo", url=embargo.url, events=list(webhooks.EVENTS), embargo_access=True
    )
    yield plain, embargo
    plain.stop()
    embargo.stop()


def told(receiver):
    """What the receiver was sent, as one string."""
    return " ".join(body.decode() for _, body in receiver.requests)


def events(receiver):
    return [body["event"] for body in receiver.bodies()]


def test_every_step_of_a_hidden_story_sends_nothing_of_it_without_an_embargo_grant(
    writer,
    editor,
    receivers,
    monkeypatch,
    time_machine,
    django_capture_on_commit_callbacks,
):
    plain, embargo = receivers
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        # A draft saved, changed and submitted.
        draft = draft_by(writer, headline=SECRET, standfirst=STANDFIRST)
        draft.body = "<p>More.</p>"
        workflow.save_edit(draft, by=writer, editing=draft.revision)
        workflow.submit(draft, by=writer)
        # Scheduled, then pulled before its time.
        pulled = submitted_by(writer, headline=f"{SECRET} pulled", standfirst=STANDFIRST)
        workflow.publish(pulled, by=editor, at=now + datetime.timedelta(hours=1))
        workflow.unpublish(pulled, by=editor)
        # Scheduled and still waiting.
        scheduled = submitted_by(writer, headline=f"{SECRET} ahead", standfirst=STANDFIRST)
        workflow.publish(scheduled, by=editor, at=now + datetime.timedelta(days=1))
        # Live, with changes saved but not published, until it expires.
        live = make_article(headline="Open story", created_by=writer)
        live.headline, live.standfirst = SECRET, STANDFIRST
        workflow.save_edit(live, by=writer, editing=live.revision)
        expiring = submitted_by(writer, headline="Expiring story")
        workflow.publish(expiring, by=editor, until=now + datetime.timedelta(hours=2))
    run_worker(monkeypatch)
    time_machine.move_to(now + datetime.timedelta(hours=3))
    run_worker(monkeypatch)

    assert SECRET not in told(plain) and STANDFIRST not in told(plain)
    assert "secret-story" not in told(plain)  # not even in an address
    published, expired = plain.bodies()
    assert (published["event"], published["data"]["headline"]) == (
        "article.published",
        "Expiring story",
    )
    assert expired["event"] == "article.unpublished"
    assert set(expired["data"]) == {"id", "language", "url", "unpublished_at"}
    # The embargo grant heard of the story scheduled ahead, and that the other was pulled
    # (by the time the worker ran, it was no longer scheduled).
    assert sorted(events(embargo)) == [
        "article.published",
        "article.scheduled",
        "article.unpublished",
        "article.unpublished",
    ]
    assert f"{SECRET} ahead" in told(embargo)


@pytest.fixture
def hidden(writer, editor):
    """A story in each state a reader cannot see it in, all with the same headline."""
    now = timezone.now()
    expired = make_article(
        headline=SECRET,
        published_at=now - datetime.timedelta(days=2),
        unpublish_at=now - datetime.timedelta(days=1),
    )
    scheduled = submitted_by(writer, headline=SECRET)
    workflow.publish(scheduled, by=editor, at=now + datetime.timedelta(days=1))
    return {
        "draft": draft_by(writer, headline=SECRET),
        "in review": submitted_by(writer, headline=SECRET),
        "scheduled": scheduled,
        "expired": expired,
        "unpublished": make_article(headline=SECRET, status="unpublished"),
    }


@pytest.mark.parametrize("event", webhooks.ARTICLE_EVENTS)
@pytest.mark.parametrize("state", ["draft", "in review", "scheduled", "expired", "unpublished"])
def test_no_event_about_a_hidden_story_carries_its_text_to_an_endpoint_without_a_grant(
    hidden, event, state
):
    endpoint = WebhookEndpoint.objects.create(
        name="Plain", url="http://127.0.0.1:9/", events=list(webhooks.EVENTS)
    )
    article = hidden[state]

    webhooks.announce.call(event, article.pk)
    webhooks.announce.call(event, article.pk, at=timezone.now().isoformat())

    for delivery in WebhookDelivery.objects.filter(endpoint=endpoint):
        assert SECRET not in delivery.body().decode()
        assert set(delivery.payload) == {"id", "language", "url", "unpublished_at"}
