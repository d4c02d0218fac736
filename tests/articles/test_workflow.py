import ast
import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from articles import versions, workflow
from articles.models import Article, ArticleLogEntry, ShareLink, Topic
from tests.factories import draft_by, make_article, make_person, make_user, submitted_by

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
    workflow.save_edit(article, by=writer, editing=article.revision)

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
    workflow.save_edit(article, by=writer, editing=article.revision)

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
    workflow.claim_revision(article, 1)
    with pytest.raises(versions.EditConflict):
        workflow.claim_revision(Article.objects.get(pk=article.pk), 1)
    assert Article.objects.get(pk=article.pk).revision == 2


def test_a_draft_has_no_publish_time_until_it_is_marked_live_which_publishes_it_now():
    before = timezone.now()
    article = make_article(status=Article.Status.DRAFT)
    assert article.published_at is None
    assert article not in Article.objects.published()

    workflow.mark_live(article)
    assert article.published_at >= before
    assert article in Article.objects.published()


# States: the Python side (Article.state) and the SQL side (the admin's filter) agree.


def test_every_article_is_in_exactly_one_state_and_its_filter_finds_it_there(
    writer, editor, second_editor
):
    hour = datetime.timedelta(hours=1)
    articles = {
        "draft": draft_by(writer),
        "review": submitted_by(writer),
        "scheduled": workflow.publish(submitted_by(writer), by=editor, at=timezone.now() + hour),
        "expired": workflow.publish(
            submitted_by(writer),
            by=editor,
            at=timezone.now() - 2 * hour,
            until=timezone.now() - hour,
        ),
        "live": workflow.publish(submitted_by(writer), by=editor),
        "unpublished": workflow.unpublish(
            workflow.publish(submitted_by(writer), by=editor), by=editor
        ),
    }
    now = timezone.now()
    for key, article in articles.items():
        holding = [state.key for state in workflow.STATES if state.holds(article, now)]
        found_in = [
            state.key
            for state in workflow.STATES
            if Article.objects.filter(state.where(now), pk=article.pk).exists()
        ]
        assert holding == found_in == [key]
    labels = {key: article.state for key, article in articles.items()}
    assert labels["review"] == "In review" and labels["expired"] == "Expired"

    live = articles["live"]
    live.headline = "Changed"
    workflow.save_edit(live, by=writer, editing=live.revision)
    assert live.state == "Published, unpublished changes"
    workflow.submit(live, by=writer)
    live.refresh_from_db()
    assert live.state == "Published, changes in review"
    changes = [
        edit.key
        for edit in workflow.EDITS
        if Article.objects.filter(edit.where(now)).filter(pk=live.pk).exists()
    ]
    assert changes == ["changes_in_review"]


# Nothing outside the lifecycle module writes an article's lifecycle fields.

LIFECYCLE_FIELDS = {"status", "live_revision", "revision"}
ORM_WRITES = {
    "create",
    "update",
    "update_or_create",
    "get_or_create",
    "bulk_create",
    "bulk_update",
}
# In-memory copies that are never saved, each with its reason.
ALLOWED_WRITES = {("articles/versions.py", "preview_article")}


def lifecycle_writes(path):
    """Yield (function, line) for each write of a lifecycle field in a Python file."""
    tree = ast.parse(path.read_text())
    for function in [tree, *ast.walk(tree)]:
        if function is not tree and not isinstance(function, ast.FunctionDef):
            continue
        name = getattr(function, "name", "<module>")
        body = (
            function.body
            if function is not tree
            else [
                node for node in tree.body if not isinstance(node, ast.FunctionDef | ast.ClassDef)
            ]
        )
        for node in (n for statement in body for n in ast.walk(statement)):
            targets = []
            if isinstance(node, ast.Assign):
                targets = node.targets
            elif isinstance(node, ast.AugAssign | ast.AnnAssign):
                targets = [node.target]
            for target in targets:
                if isinstance(target, ast.Attribute) and target.attr in LIFECYCLE_FIELDS:
                    if not (target.attr == "status" and "event" in ast.unparse(target.value)):
                        yield name, node.lineno
            if isinstance(node, ast.Call):
                func = node.func
                called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if called in ORM_WRITES or called == "Article":
                    for keyword in node.keywords:
                        if keyword.arg in LIFECYCLE_FIELDS:
                            yield name, node.lineno


def test_no_code_outside_the_lifecycle_writes_status_live_revision_or_the_version_number():
    root = Path(settings.BASE_DIR)
    found = []
    for path in sorted(root.glob("articles/**/*.py")) + sorted(root.glob("newsroom/*.py")):
        relative = path.relative_to(root).as_posix()
        if "/migrations/" in relative or relative == "articles/workflow.py":
            continue
        for function, line in lifecycle_writes(path):
            if (relative, function) not in ALLOWED_WRITES:
                found.append(f"{relative}:{line} in {function}")
    assert found == []
    # The scan sees writes where they are: it is not looking at nothing.
    assert len(list(lifecycle_writes(root / "articles/workflow.py"))) >= 5


# Slugs: a change never fails halfway on an address another article holds.


def test_publishing_a_working_copy_onto_a_slug_another_article_took_is_refused_by_name(
    writer, editor, second_editor
):
    live = workflow.publish(submitted_by(writer, headline="Forum opens"), by=editor)
    live.slug = "renamed-slug"
    workflow.save_edit(live, by=writer, editing=live.revision)
    workflow.submit(live, by=writer)
    other = draft_by(second_editor, headline="Other story", slug="renamed-slug")

    with pytest.raises(workflow.WorkflowError, match=f"“Other story” \\(#{other.pk}\\)"):
        workflow.publish(live, by=editor)
    live.refresh_from_db()
    assert (live.slug, live.state) == ("forum-opens", "Published, changes in review")


def test_restoring_a_version_whose_slug_is_now_taken_is_refused_by_name(writer, editor):
    article = draft_by(writer, headline="First", slug="first-address")
    first = article.versions.get(number=1)
    article.slug = "second-address"
    workflow.save_edit(article, by=writer, editing=article.revision)
    draft_by(editor, headline="Taker", slug="first-address")

    with pytest.raises(workflow.WorkflowError, match="“Taker”"):
        workflow.restore(article, first, by=writer)
    article.refresh_from_db()
    assert (article.slug, article.revision) == ("second-address", 2)


# Share links: writers share what they wrote; the author and editors revoke any link to it.


def test_a_writer_shares_only_their_own_articles(writer):
    colleague = make_user("colleague", "Writers")
    theirs = draft_by(colleague)
    with pytest.raises(PermissionDenied):
        workflow.share(theirs, by=writer)
    assert not ShareLink.objects.exists()
    assert workflow.share(draft_by(writer), by=writer)


def test_the_author_revokes_an_editors_link_and_a_colleague_cannot(writer, editor):
    colleague = make_user("colleague", "Writers")
    article = draft_by(writer)
    link = workflow.share(article, by=editor)
    with pytest.raises(PermissionDenied):
        workflow.revoke(link, by=colleague)
    workflow.revoke(link, by=writer)
    link.refresh_from_db()
    assert link.revoked_at is not None


# What each step refuses, and why: the admin shows the same words before it offers one.


def test_a_share_link_lasts_seven_days(writer, time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 1, 9, tzinfo=datetime.UTC), tick=False)
    link = workflow.share(draft_by(writer), by=writer)
    assert link.expires_at == datetime.datetime(2026, 3, 8, 9, tzinfo=datetime.UTC)


def test_staff_without_the_change_permission_may_not_edit_and_writers_may_start_one(writer):
    outsider = make_user("outsider")
    article = draft_by(writer)
    assert not workflow.can_edit(outsider)
    assert workflow.can_edit(writer)
    assert workflow.STEPS["save"].refusal(article, outsider) == "You may not change articles."


def test_an_editor_saves_an_edit_to_a_writers_draft(writer, editor):
    article = draft_by(writer)
    article.headline = "Edited by the desk"
    workflow.save_edit(article, by=editor, editing=article.revision)
    assert Article.objects.get(pk=article.pk).headline == "Edited by the desk"


def test_a_writer_may_not_save_a_colleagues_draft_nor_their_own_in_review(writer):
    colleague = make_user("colleague", "Writers")
    theirs = draft_by(colleague)
    with pytest.raises(PermissionDenied, match="only the articles they wrote"):
        workflow.save_edit(theirs, by=writer, editing=theirs.revision)

    mine = submitted_by(writer)
    with pytest.raises(workflow.WorkflowError, match="in review"):
        workflow.save_edit(mine, by=writer, editing=mine.revision)
    assert Article.objects.get(pk=mine.pk).revision == 1


def test_a_writer_may_not_submit_a_colleagues_draft(writer):
    theirs = draft_by(make_user("colleague", "Writers"))
    with pytest.raises(PermissionDenied, match="may not submit"):
        workflow.submit(theirs, by=writer)
    assert not Article.objects.get(pk=theirs.pk).in_review


def test_a_live_article_with_no_changes_has_nothing_to_submit(writer, editor):
    article = workflow.publish(submitted_by(writer), by=editor)
    with pytest.raises(workflow.WorkflowError, match="nothing to review"):
        workflow.submit(article, by=writer)


def test_an_article_never_saved_offers_no_step_that_needs_a_version(writer, superuser):
    new = Article(headline="Not saved yet", created_by=writer)
    assert workflow.STEPS["submit"].refusal(new, writer) == "It has no saved version to review."
    assert workflow.STEPS["share"].refusal(new, writer) == "It has no saved version to share."
    assert workflow.STEPS["publish"].refusal(new, superuser) == (
        "It has no saved version to publish."
    )


def test_a_submission_is_assigned_only_to_an_editor(writer):
    other_writer = make_user("colleague", "Writers")
    with pytest.raises(workflow.WorkflowError, match="is not an editor"):
        workflow.submit(draft_by(writer), by=writer, assign_to=other_writer)


def test_only_editors_send_back_and_only_what_is_in_review(writer, editor):
    with pytest.raises(PermissionDenied, match="Only editors"):
        workflow.send_back(submitted_by(writer), by=writer, comment="Mine, actually.")
    with pytest.raises(workflow.WorkflowError, match="not in review"):
        workflow.send_back(draft_by(writer), by=editor, comment="Shorter.")


def test_a_writer_may_not_publish_a_colleagues_submission(writer):
    theirs = submitted_by(make_user("colleague", "Writers"))
    with pytest.raises(PermissionDenied, match="may not publish"):
        workflow.publish(theirs, by=writer)
    assert not Article.objects.published().exists()


def test_an_unpublished_article_whose_text_changed_needs_a_second_editor(writer, editor):
    article = workflow.unpublish(workflow.publish(submitted_by(writer), by=editor), by=editor)
    article.headline = "Corrected after it came down"
    workflow.save_edit(article, by=writer, editing=article.revision)


def test_an_unpublished_article_edited_since_it_came_down_needs_a_review_again(writer, editor):
    """One editor alone may republish the text that was live, not a text changed since."""
    article = workflow.publish(submitted_by(writer), by=editor)
    workflow.unpublish(article, by=editor)
    article = Article.objects.get(pk=article.pk)
    article.headline = "Forum in Kazan, corrected"
    article.save()
    workflow.save_edit(article, by=writer, editing=article.revision)

    with pytest.raises(workflow.WorkflowError, match="Submit it for review"):
        workflow.publish(article, by=editor)
    assert not Article.objects.published().exists()


def test_a_live_article_is_not_published_again_without_a_review(writer, editor):
    article = workflow.publish(submitted_by(writer), by=editor)
    assert workflow.STEPS["publish"].refusal(article, editor) == (
        "Submit it for review first: another editor publishes it."
    )


def test_a_scheduled_article_must_come_down_after_its_own_publish_time(writer, editor):
    now = timezone.now()
    with pytest.raises(workflow.WorkflowError, match="after it goes up"):
        workflow.publish(
            submitted_by(writer),
            by=editor,
            at=now + datetime.timedelta(days=2),
            until=now + datetime.timedelta(days=1),
        )


def test_republishing_at_a_new_time_schedules_it_then(writer, editor):
    article = workflow.unpublish(workflow.publish(submitted_by(writer), by=editor), by=editor)
    later = timezone.now() + datetime.timedelta(days=1)
    article = workflow.publish(article, by=editor, at=later)
    assert article.published_at == later
    assert article.state == "Scheduled"
    assert article.log.first().action == ArticleLogEntry.Action.SCHEDULED


def test_only_editors_unpublish_and_only_what_is_published(writer, editor):
    live = workflow.publish(submitted_by(writer), by=editor)
    with pytest.raises(PermissionDenied, match="may not unpublish"):
        workflow.unpublish(live, by=writer)
    assert Article.objects.published().get() == live
    with pytest.raises(workflow.WorkflowError, match="not published"):
        workflow.unpublish(draft_by(writer), by=editor)


def test_a_version_of_another_article_is_never_restored(writer):
    article, other = draft_by(writer), draft_by(writer, headline="Other story")
    assert workflow.STEPS["restore"].refusal(article, writer) is None
    with pytest.raises(workflow.WorkflowError, match="That version belongs to another article"):
        workflow.restore(article, other.versions.get(), by=writer)
    assert Article.objects.get(pk=article.pk).headline == "Forum in Kazan"


def test_restoring_onto_a_live_article_waits_for_publication_even_if_its_slug_is_taken(
    writer, editor
):
    article = draft_by(writer, headline="First", slug="first")
    first = article.versions.get(number=1)
    article.slug = "second"
    workflow.save_edit(article, by=writer, editing=article.revision)
    workflow.submit(article, by=writer)
    article = workflow.publish(article, by=editor)
    draft_by(editor, headline="Taker", slug="first")

    restored = workflow.restore(article, first, by=writer)

    assert restored.number == 3
    assert Article.objects.get(pk=article.pk).slug == "second"
    assert article.log.first().action == ArticleLogEntry.Action.RESTORED


def test_an_editor_who_made_a_link_may_revoke_it_after_moving_to_the_writers(writer, editor):
    link = workflow.share(draft_by(writer), by=editor)
    assert workflow.STEPS["revoke"].refusal(link.version.article, writer) is None
    editor.groups.set([Group.objects.get(name="Writers")])
    editor = User.objects.get(pk=editor.pk)  # permissions are cached per instance
    workflow.revoke(link, by=editor)
    link.refresh_from_db()
    assert link.revoked_at is not None


def test_sharing_and_revoking_a_link_keep_every_cached_page(
    writer, django_capture_on_commit_callbacks
):
    from articles import cache

    article = draft_by(writer)
    before = cache.generation()
    with django_capture_on_commit_callbacks(execute=True):
        link = workflow.share(article, by=writer)
        workflow.revoke(link, by=writer)
    assert cache.generation() == before


def test_the_admin_offers_as_buttons_only_the_steps_that_apply(writer, editor, second_editor):
    def offered(user, article):
        return [step.name for step in workflow.steps_open_to(user, article)]

    draft = draft_by(writer)
    assert offered(writer, draft) == ["submit"]
    assert offered(editor, draft) == ["submit"]
    submitted = submitted_by(writer, headline="Submitted")
    assert offered(editor, submitted) == ["send_back", "publish"]
    live = workflow.publish(submitted, by=editor)
    assert offered(second_editor, live) == ["unpublish"]


def test_a_refused_step_says_why(writer, editor):
    assert workflow.STEPS["publish"].refusal(draft_by(writer), editor) == (
        "Submit it for review first: another editor publishes it."
    )


def test_log_entries_carry_the_version_and_no_override_unless_one_was_used(writer, editor):
    article = draft_by(writer)
    article.headline = "Second"
    workflow.save_edit(article, by=writer, editing=article.revision)
    workflow.submit(article, by=writer)
    workflow.publish(article, by=editor)
    assert [(e.action, e.version_number, e.override) for e in article.log.order_by("pk")] == [
        ("submitted", 2, False),
        ("published", 2, False),
    ]


def test_publishing_now_is_logged_as_published_even_to_the_microsecond(
    writer, editor, time_machine
):
    time_machine.move_to(datetime.datetime(2026, 3, 1, 9, tzinfo=datetime.UTC), tick=False)
    article = workflow.publish(submitted_by(writer), by=editor)
    assert article.log.first().action == ArticleLogEntry.Action.PUBLISHED
    assert article.state == "Published"
    assert list(Article.objects.published()) == [article]


def filtered_states(article, now):
    """The states whose filter (the admin's) finds the article at `now`."""
    return [
        state.key
        for state in workflow.STATES
        if Article.objects.filter(state.where(now), pk=article.pk).exists()
    ]


def test_an_article_is_expired_from_the_instant_it_is_due_to_come_down(
    writer, editor, time_machine
):
    up = datetime.datetime(2026, 3, 1, 9, tzinfo=datetime.UTC)
    down = up + datetime.timedelta(days=1)
    time_machine.move_to(up - datetime.timedelta(hours=1), tick=False)
    article = workflow.publish(submitted_by(writer), by=editor, at=up, until=down)
    time_machine.move_to(down, tick=False)
    assert article.state == "Expired"
    assert [state.key for state in workflow.STATES if state.holds(article, down)] == ["expired"]
    assert filtered_states(article, down) == ["expired"]
    assert filtered_states(article, up) == ["live"]
    assert not Article.objects.published().exists()
    assert workflow.state_of(article, now=up) == "Published"
    assert workflow.state_of(article, now=up - datetime.timedelta(seconds=1)) == "Scheduled"


def test_a_live_article_without_changes_is_filtered_as_having_none(writer, editor):
    unchanged = workflow.publish(submitted_by(writer, headline="Unchanged"), by=editor)
    changed = workflow.publish(submitted_by(writer, headline="Changed"), by=editor)
    changed.headline = "Changed again"
    workflow.save_edit(changed, by=writer, editing=changed.revision)
    now = timezone.now()
    for article in [unchanged, changed]:
        article.refresh_from_db()
        holding = [edit.key for edit in workflow.EDITS if edit.holds(article, now)]
        found = [
            edit.key
            for edit in workflow.EDITS
            if Article.objects.filter(edit.where(now), pk=article.pk).exists()
        ]
        assert holding == found
    assert changed.state == "Published, unpublished changes"
    assert unchanged.state == "Published"


def test_saving_one_article_leaves_others_at_the_same_version_alone(writer):
    article, other = draft_by(writer), draft_by(writer, headline="Other")
    workflow.claim_revision(article, 1)
    assert Article.objects.get(pk=other.pk).revision == 1


def test_a_draft_links_what_it_was_created_with(writer, topic):
    article = Article(headline="Linked")
    workflow.create_draft(article, by=writer, links={"topics": [topic.pk]})
    assert list(article.topics.all()) == [topic]
    assert article.versions.get().content["topics"] == [topic.pk]


def test_a_slug_chosen_by_hand_is_kept_and_a_missing_one_made_from_the_headline(writer):
    assert draft_by(writer, headline="Forum opens", slug="my-address").slug == "my-address"
    assert draft_by(writer, headline="Forum opens").slug == "forum-opens"


def test_an_address_only_wanted_by_another_articles_unpublished_edit_does_not_block(
    writer, editor
):
    other = workflow.publish(submitted_by(writer, headline="Other", slug="other"), by=editor)
    other.slug = "wanted"
    workflow.save_edit(other, by=writer, editing=other.revision)
    article = submitted_by(writer, headline="Wanted", slug="wanted")

    assert workflow.publish(article, by=editor).slug == "wanted"


def test_seeded_rows_are_drafts_without_a_time_and_live_with_one():
    now = timezone.now()
    assert workflow.as_seeded(Article(), None).status == Article.Status.DRAFT
    assert workflow.as_seeded(Article(), now).status == Article.Status.PUBLISHED


def test_republishing_at_a_new_time_schedules_it_and_logs_it_scheduled(writer, editor):
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
    workflow.save_edit(article, by=writer, editing=article.revision)
    article = workflow.publish(workflow.submit(article, by=writer), by=editor)
    links = {**versions.current_links(article), "people": [new_person.pk]}
    links.update(topics=[new_topic.pk], regions=[regions["kazan"].pk])
    workflow.save_edit(article, by=writer, editing=article.revision, links=links)
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
    workflow.save_edit(article, by=writer, editing=article.revision)
    article.people.clear()
    article.topics.set([Topic.objects.create(name="Economy")])
    article.regions.set([regions["kazan"]])
    workflow.save_edit(article, by=writer, editing=article.revision)

    workflow.restore(article, article.versions.get(number=2), by=writer)

    assert list(article.people.all()) == [person]
    assert list(article.topics.all()) == [topic]
    assert list(article.regions.all()) == [regions["russia"]]


def test_a_writer_cannot_revoke_a_colleagues_share_link(writer, editor):
    colleague = make_user("colleague", "Writers")
    article = draft_by(writer)
    link = workflow.share(article, by=writer)

    with pytest.raises(
        PermissionDenied, match="Only its maker, the article's writer or an editor"
    ):
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
    workflow.save_edit(article, by=writer, editing=article.revision)
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
    workflow.save_edit(article, by=writer, editing=article.revision)

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


# Corrections in breaking news: an editor's own change goes live at once, and a second
# editor reviews it after the fact.


def live_story(writer, editor, second_editor, **fields):
    article = workflow.publish(submitted_by(writer, **fields), by=second_editor)
    article.headline = "Minister opens the forum in Kazan"
    workflow.save_edit(article, by=editor, editing=article.revision)
    return article


def test_an_editor_corrects_a_live_story_at_once_and_a_colleague_reviews_it(
    writer, editor, second_editor, django_capture_on_commit_callbacks
):
    until = timezone.now() + datetime.timedelta(days=3)
    article = workflow.publish(
        submitted_by(writer, headline="Minister opens the forum in Kazna"),
        by=second_editor,
        until=until,
    )
    published_at = article.published_at
    article.headline = "Minister opens the forum in Kazan"
    workflow.save_edit(article, by=editor, editing=article.revision)

    with django_capture_on_commit_callbacks(execute=True):
        correction = workflow.correct(article, by=editor, comment="Kazan was misspelt.")

    live = Article.objects.published().get(pk=article.pk)
    assert live.headline == "Minister opens the forum in Kazan"
    assert (live.published_at, live.unpublish_at) == (published_at, until)
    assert live.state == "Published"
    assert (correction.replaced.number, correction.version.number) == (1, 2)
    assert [c.note for c in article.corrections.awaiting_review()] == ["Kazan was misspelt."]
    assert article.log.first().action == ArticleLogEntry.Action.CORRECTED
    assert [message.to for message in mail.outbox] == [["second-editor@newsroom.test"]]

    with pytest.raises(PermissionDenied, match="Another editor reviews a correction"):
        workflow.review_correction(correction, by=editor)
    with pytest.raises(PermissionDenied, match="Only editors review corrections."):
        workflow.review_correction(correction, by=writer)
    workflow.review_correction(correction, by=second_editor)
    assert not article.corrections.awaiting_review().exists()
    with pytest.raises(workflow.WorkflowError, match="second-editor has reviewed it already"):
        workflow.review_correction(correction, by=make_user("third-editor", "Editors"))


def test_a_correction_needs_a_note_and_an_editor(writer, editor, second_editor):
    article = live_story(writer, editor, second_editor)
    with pytest.raises(workflow.WorkflowError, match="a note is required"):
        workflow.correct(article, by=editor, comment=" ")
    with pytest.raises(PermissionDenied, match="Only editors"):
        workflow.correct(article, by=writer, comment="Typo.")
    assert Article.objects.published().get().headline != "Minister opens the forum in Kazan"


def test_a_change_someone_else_made_is_no_correction_of_ones_own(writer, editor, second_editor):
    article = workflow.publish(submitted_by(writer), by=second_editor)
    article.headline = "Rewritten by the writer"
    workflow.save_edit(article, by=writer, editing=article.revision)
    article.standfirst = "And a typo fixed by the editor."
    workflow.save_edit(article, by=editor, editing=article.revision)

    refusal = workflow.STEPS["correct"].refusal(article, editor, comment="Typo.")
    assert refusal == "Version 2 is someone else's: another editor reviews it first."


def test_only_a_saved_change_to_a_published_story_is_a_correction(writer, editor):
    draft = draft_by(editor)
    assert "Only a saved change" in workflow.STEPS["correct"].refusal(draft, editor)
    live = make_article()
    assert "Only a saved change" in workflow.STEPS["correct"].refusal(live, editor)


def test_a_change_to_a_story_still_scheduled_is_no_correction(writer, editor, second_editor):
    article = workflow.publish(
        submitted_by(writer), by=second_editor, at=timezone.now() + datetime.timedelta(days=1)
    )
    article.headline = "Changed before anyone read it"
    workflow.save_edit(article, by=editor, editing=article.revision)
    assert "readers see now" in workflow.STEPS["correct"].refusal(article, editor, comment="x")


def test_a_reviewed_change_published_as_a_correction_counts_as_reviewed_by_its_publisher(
    writer, editor, second_editor, django_capture_on_commit_callbacks
):
    article = live_story(writer, editor, second_editor)
    workflow.submit(article, by=editor)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(article, by=second_editor, correction="Kazan was misspelt.")

    article.refresh_from_db()
    [correction] = article.corrections.all()
    assert correction.note == "Kazan was misspelt."
    assert (correction.replaced.number, correction.version.number) == (1, 2)
    assert correction.corrected_by == correction.reviewed_by == second_editor
    assert correction.corrected_at == correction.reviewed_at == article.revised_at
    assert not article.corrections.awaiting_review().exists()
    assert article.log.first().action == ArticleLogEntry.Action.CORRECTED
    assert mail.outbox == []  # nobody is asked to review it again


def test_only_a_change_to_a_story_readers_see_is_published_as_a_correction(writer, editor):
    article = submitted_by(writer)
    with pytest.raises(workflow.WorkflowError, match="readers see now"):
        workflow.publish(article, by=editor, correction="Typo.")
    assert not Article.objects.published().exists()


def test_readers_see_a_story_revised_only_when_a_changed_text_goes_live(writer, editor):
    article = workflow.publish(submitted_by(writer), by=editor)
    assert article.revised_at is None

    article.headline = "Forum in Kazan opens"
    workflow.save_edit(article, by=writer, editing=article.revision)
    article.refresh_from_db()
    assert article.revised_at is None  # a draft of the change: readers see nothing new

    workflow.submit(article, by=writer)
    workflow.publish(article, by=editor)
    article.refresh_from_db()
    revised_at = article.revised_at
    assert article.published_at < revised_at <= timezone.now()

    workflow.unpublish(article, by=editor)
    workflow.publish(article, by=editor)  # back up unchanged
    article.refresh_from_db()
    assert article.revised_at == revised_at


def test_an_editors_own_change_in_review_is_offered_as_a_correction_not_a_publish(
    writer, editor, second_editor
):
    article = live_story(writer, editor, second_editor)
    workflow.submit(article, by=editor)
    offered = [step.name for step in workflow.steps_open_to(editor, article)]
    assert "correct" in offered and "publish" not in offered

    workflow.correct(article, by=editor, comment="Kazan was misspelt.")
    article.refresh_from_db()
    assert not article.in_review
    assert article.live_revision == article.revision


# Writers stay in control of their submission.


def test_a_writer_withdraws_their_submission_and_it_is_logged(writer, editor):
    article = submitted_by(writer)
    workflow.withdraw(article, by=writer, comment="The minister's office called.")

    article.refresh_from_db()
    assert article.state == "Draft"
    assert workflow.can_edit(writer, article)
    entry = article.log.first()
    assert (entry.action, entry.user, entry.comment) == (
        ArticleLogEntry.Action.WITHDRAWN,
        writer,
        "The minister's office called.",
    )
    with pytest.raises(workflow.WorkflowError, match="not in review"):
        workflow.withdraw(article, by=writer)


def test_only_the_writer_or_the_submitter_withdraws(writer, editor):
    article = submitted_by(writer)
    colleague = make_user("colleague", "Writers")
    for other in (colleague, editor):
        with pytest.raises(PermissionDenied, match="Only its writer or whoever submitted it"):
            workflow.withdraw(article, by=other)
    assert Article.objects.get().in_review


def test_save_and_submit_is_offered_when_the_save_would_leave_something_to_review(writer, editor):
    live = workflow.publish(submitted_by(writer), by=editor)
    assert workflow.submit_applies_on_save(writer, None)
    # Saved, a live article has a change to review; unsaved, it has none.
    assert workflow.submit_applies_on_save(writer, live)
    assert not workflow.STEPS["submit"].applies(live, writer)
    # Saving keeps it in review: there is no submitting it again.
    assert not workflow.submit_applies_on_save(editor, submitted_by(writer))
