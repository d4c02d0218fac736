import datetime

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from articles import versions, workflow
from articles.models import Article, ArticleLogEntry, Topic
from tests.factories import draft_by, make_person, make_user, submitted_by

pytestmark = pytest.mark.django_db


def test_a_writer_submits_a_draft_and_the_editors_are_emailed(
    writer, editor, second_editor, django_capture_on_commit_callbacks
):
    article = draft_by(writer)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(article, by=writer)
    with pytest.raises(workflow.WorkflowError, match="already in review"):
        workflow.submit(article, by=writer)

    article.refresh_from_db()
    assert article.state == "In review"
    assert article.submitted_by == writer
    assert {address for message in mail.outbox for address in message.to} == {
        "editor@newsroom.test",
        "second-editor@newsroom.test",
    }


def test_a_submission_assigned_to_an_editor_emails_only_them(
    writer, editor, second_editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(draft_by(writer), by=writer, assign_to=second_editor)
    assert [message.to for message in mail.outbox] == [["second-editor@newsroom.test"]]


def test_sending_back_needs_a_comment_and_emails_the_writer(
    writer, editor, django_capture_on_commit_callbacks
):
    article = submitted_by(writer)
    with pytest.raises(workflow.WorkflowError, match="comment is required"):
        workflow.send_back(article, by=editor, comment="  ")

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        article = workflow.send_back(article, by=editor, comment="Name the ambassadors.")

    assert article.state == "Draft"
    assert mail.outbox[0].to == ["writer@newsroom.test"]
    assert "Name the ambassadors." in mail.outbox[0].body
    entry = article.log.first()
    assert (entry.action, entry.user, entry.comment) == (
        "sent_back",
        editor,
        "Name the ambassadors.",
    )


def test_nobody_approves_their_own_submission(editor, second_editor):
    article = submitted_by(editor)
    with pytest.raises(PermissionDenied, match="own submission"):
        workflow.publish(article, by=editor)
    assert workflow.publish(article, by=second_editor).status == Article.Status.PUBLISHED


def test_a_superuser_override_of_the_review_is_explicit_and_logged(superuser, editor):
    article = submitted_by(superuser)
    with pytest.raises(PermissionDenied):
        workflow.publish(article, by=superuser)
    with pytest.raises(PermissionDenied, match="superuser"):
        workflow.publish(submitted_by(editor, headline="Other"), by=editor, override=True)

    workflow.publish(article, by=superuser, override=True)

    entry = article.log.get(action=ArticleLogEntry.Action.PUBLISHED)
    assert entry.override and entry.user == superuser


def test_an_unsubmitted_draft_cannot_be_published_by_an_editor(writer, editor):
    with pytest.raises(workflow.WorkflowError, match="Submit it for review"):
        workflow.publish(draft_by(writer), by=editor)


def test_a_scheduled_article_goes_live_at_its_time_with_no_command_run(
    writer, editor, time_machine
):
    time_machine.move_to(datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC), tick=False)
    article = workflow.publish(
        submitted_by(writer),
        by=editor,
        at=datetime.datetime(2026, 12, 1, 12, tzinfo=datetime.UTC),
        until=datetime.datetime(2026, 12, 8, tzinfo=datetime.UTC),
    )
    assert article.state == "Scheduled"
    assert not Article.objects.published().exists()

    time_machine.move_to(datetime.datetime(2026, 12, 1, 12, 0, 1, tzinfo=datetime.UTC))
    assert list(Article.objects.published()) == [article]

    time_machine.move_to(datetime.datetime(2026, 12, 8, 0, 0, 1, tzinfo=datetime.UTC))
    assert not Article.objects.published().exists()


def test_an_article_must_come_down_after_it_goes_up(writer, editor):
    now = timezone.now()
    with pytest.raises(workflow.WorkflowError, match="after it goes up"):
        workflow.publish(submitted_by(writer), by=editor, at=now, until=now)


def test_unpublishing_hides_it_and_republishing_the_same_text_needs_no_review(writer, editor):
    article = workflow.publish(submitted_by(writer), by=editor)
    first_published = article.published_at

    workflow.unpublish(article, by=editor)
    assert not Article.objects.published().exists()

    article = workflow.publish(article, by=editor)
    assert article.published_at == first_published
    assert Article.objects.published().get() == article


def test_changes_to_a_live_article_go_live_only_when_published(writer, editor):
    article = workflow.publish(submitted_by(writer), by=editor)
    article.headline = "Forum in Kazan draws 80 countries"
    versions.record(article, by=writer, content=versions.snapshot(article))

    live = Article.objects.published().get()
    assert live.headline == "Forum in Kazan"
    assert live.state == "Published, unpublished changes"

    workflow.submit(live, by=editor)
    workflow.publish(live, by=User.objects.create_user("third", is_superuser=True))
    assert Article.objects.published().get().headline == "Forum in Kazan draws 80 countries"


def test_writers_change_only_their_own_articles_and_not_while_in_review(writer, editor):
    other = make_user("other-writer", "Writers")
    article = draft_by(writer)
    assert workflow.can_edit(writer, article)
    assert not workflow.can_edit(other, article)

    workflow.submit(article, by=writer)
    article.refresh_from_db()
    assert not workflow.can_edit(writer, article)
    assert workflow.can_edit(editor, article)


def test_restoring_makes_a_new_version_so_nothing_is_lost(writer):
    article = draft_by(writer, headline="First headline")
    article.headline = "Second headline"
    article.save()
    versions.record(article, by=writer)

    restored = workflow.restore(article, article.versions.get(number=1), by=writer)

    article.refresh_from_db()
    assert restored.number == 3
    assert article.headline == "First headline"
    assert [v.content["headline"] for v in article.versions.order_by("number")] == [
        "First headline",
        "Second headline",
        "First headline",
    ]


def test_every_transition_is_in_the_articles_log(writer, editor):
    article = submitted_by(writer)
    workflow.send_back(article, by=editor, comment="Shorter, please.")
    workflow.submit(article, by=writer, comment="Shortened.")
    workflow.publish(article, by=editor)
    workflow.unpublish(article, by=editor, comment="Legal asked.")

    steps = [
        (entry.action, entry.from_state, entry.to_state, entry.user.username, entry.comment)
        for entry in article.log.order_by("created_at", "pk")
    ]
    assert steps == [
        ("submitted", "Draft", "In review", "writer", ""),
        ("sent_back", "In review", "Draft", "editor", "Shorter, please."),
        ("submitted", "Draft", "In review", "writer", "Shortened."),
        ("published", "In review", "Published", "editor", ""),
        ("unpublished", "Published", "Unpublished", "editor", "Legal asked."),
    ]


def test_a_stale_save_is_refused_and_changes_nothing(writer):
    article = draft_by(writer)
    versions.claim_revision(article, 1)
    with pytest.raises(versions.EditConflict):
        versions.claim_revision(Article.objects.get(pk=article.pk), 1)
    assert Article.objects.get(pk=article.pk).revision == 2


def test_an_unpublished_article_edited_since_it_came_down_needs_a_review_again(writer, editor):
    """One editor alone may republish the text that was live, not a text changed since."""
    article = workflow.publish(submitted_by(writer), by=editor)
    workflow.unpublish(article, by=editor)
    article = Article.objects.get(pk=article.pk)
    article.headline = "Forum in Kazan, corrected"
    article.save()
    versions.record(article, by=writer)

    with pytest.raises(workflow.WorkflowError, match="Submit it for review"):
        workflow.publish(article, by=editor)
    assert not Article.objects.published().exists()


def test_republishing_at_a_new_time_schedules_it_then(writer, editor):
    article = workflow.publish(submitted_by(writer), by=editor)
    workflow.unpublish(article, by=editor)
    later = timezone.now() + datetime.timedelta(days=1)

    article = workflow.publish(article, by=editor, at=later)

    assert article.published_at == later
    assert Article.objects.get(pk=article.pk).state == "Scheduled"
    assert article.log.first().action == ArticleLogEntry.Action.SCHEDULED


def test_publishing_a_working_copy_replaces_the_people_topics_and_regions(
    writer, editor, second_editor, topic, regions
):
    old_person, new_person = make_person(name="Old"), make_person(name="New")
    new_topic = Topic.objects.create(name="Economy")
    article = draft_by(writer)
    article.people.set([old_person])
    article.topics.set([topic])
    article.regions.set([regions["russia"]])
    versions.record(article, by=writer)
    article = workflow.publish(workflow.submit(article, by=writer), by=editor)
    links = {**versions.current_links(article), "people": [new_person.pk]}
    links.update(topics=[new_topic.pk], regions=[regions["kazan"].pk])
    versions.record(article, by=writer, content=versions.snapshot(article, links))
    assert list(article.people.all()) == [old_person]  # readers still see the live links

    workflow.publish(workflow.submit(article, by=writer), by=second_editor)

    assert list(article.people.all()) == [new_person]
    assert list(article.topics.all()) == [new_topic]
    assert list(article.regions.all()) == [regions["kazan"]]


def test_restoring_a_version_replaces_the_people_topics_and_regions(writer, topic, regions):
    person = make_person()
    article = draft_by(writer)
    article.people.set([person])
    article.topics.set([topic])
    article.regions.set([regions["russia"]])
    versions.record(article, by=writer)
    article.people.clear()
    article.topics.set([Topic.objects.create(name="Economy")])
    article.regions.set([regions["kazan"]])
    versions.record(article, by=writer)

    workflow.restore(article, article.versions.get(number=2), by=writer)

    assert list(article.people.all()) == [person]
    assert list(article.topics.all()) == [topic]
    assert list(article.regions.all()) == [regions["russia"]]


def test_a_writer_cannot_revoke_a_colleagues_share_link(writer, editor):
    colleague = make_user("colleague", "Writers")
    article = draft_by(writer)
    link = workflow.share(article, by=writer)

    with pytest.raises(PermissionDenied, match="Only its maker or an editor"):
        workflow.revoke(link, by=colleague)
    link.refresh_from_db()
    assert link.revoked_at is None

    assert workflow.revoke(link, by=writer).revoked_at is not None
    assert workflow.revoke(workflow.share(article, by=writer), by=editor).revoked_at


def test_only_the_overriding_publication_is_logged_as_an_override(writer, editor, superuser):
    article = workflow.publish(submitted_by(writer), by=editor)
    workflow.unpublish(article, by=editor)
    workflow.publish(article, by=superuser, override=True)

    assert [(entry.action, entry.override) for entry in article.log.order_by("pk")] == [
        ("submitted", False),
        ("published", False),
        ("unpublished", False),
        ("published", True),
    ]


def test_every_log_entry_names_the_version_it_concerns(writer, editor):
    article = submitted_by(writer)
    article = workflow.publish(article, by=editor)
    article.headline = "Forum in Kazan, updated"
    versions.record(article, by=writer, content=versions.snapshot(article))
    workflow.unpublish(article, by=editor)

    assert [(e.action, e.version_number) for e in article.log.order_by("pk")] == [
        ("submitted", 1),
        ("published", 1),
        ("unpublished", 2),
    ]


def test_a_restore_is_logged_with_the_version_it_brought_back(writer):
    article = draft_by(writer, headline="First")
    article.headline = "Second"
    article.save()
    versions.record(article, by=writer)

    workflow.restore(article, article.versions.get(number=1), by=writer)

    entry = article.log.get()
    assert (entry.action, entry.user, entry.comment, entry.version_number) == (
        ArticleLogEntry.Action.RESTORED,
        writer,
        "Restored version 1",
        3,
    )


def test_a_new_draft_has_no_publication_time(writer):
    assert draft_by(writer).published_at is None
    assert Article.objects.get().published_at is None
