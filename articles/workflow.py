"""The one lifecycle of an article: where it stands, and every step it can take.

An article's state is declared once (`STATES`, read by `Article.state` and the admin's
state filter), and so is each step (`STEPS`: who may take it, the check that says why it
does not apply, and the function that takes it), read by the admin's buttons, its bulk
actions and the review queue. A step locks the article row, runs its check, writes with
update_fields, logs what it did and, when readers could see the difference, refreshes
the page cache after the commit (`mark_live`, `take_down`): the cache's save signals
leave article rows to this module. The front page's layout is published the same way
(`publish_front_page`), and an earlier one restored (`restore_front_page`).

Creating a draft, saving an edit (kept as a version while the article is live) and
marking a version live are functions here too; the admin, the importer, the sample
loader and the test factories all call them. Nothing else writes an article's `status`,
`live_revision` or `revision` (tests/articles/test_workflow.py scans the code for it).
"""

import copy
import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Max, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from . import cache, notifications, surrogates, versions, webhooks
from .models import (
    Article,
    ArticleLogEntry,
    ArticleVersion,
    Correction,
    FrontPage,
    FrontPageSlot,
    FrontPageVersion,
    ShareLink,
    Topic,
)
from .models.articles import language_name, visible_at
from .slugs import reserved_page_slugs, unique_slug

PUBLISH_PERMISSION = "articles.publish_article"
CHANGE_PERMISSION = "articles.change_article"
ADD_PERMISSION = "articles.add_article"
SHARE_LINK_LIFETIME = datetime.timedelta(days=7)
Status = Article.Status


class WorkflowError(Exception):
    """A step that does not apply to the article as it stands."""


# Who may do what.


def can_publish(user) -> bool:
    return user.has_perm(PUBLISH_PERMISSION)


def languages_of(user) -> list[str]:
    """The editions `user` writes in: those their `write_<language>` permissions name, or
    every one when they hold none (superusers hold all)."""
    editions = [code for code, _ in settings.LANGUAGES]
    held = [
        code for code in settings.SUPPORTED_LANGUAGES if user.has_perm(f"articles.write_{code}")
    ]
    return [code for code in editions if code in held] if held else editions


def writes_in(user, language: str) -> bool:
    return language in languages_of(user)


def can_edit(user, article: Article | None = None) -> bool:
    """Editors change any article; writers only their own, and not while it is in review;
    either only in the languages they write in."""
    if not user.has_perm(CHANGE_PERMISSION):
        return False
    if article is not None and not writes_in(user, article.language):
        return False
    if article is None or can_publish(user):
        return True
    return article.created_by_id == user.pk and not article.in_review


def is_own_or_editor(user, article: Article) -> bool:
    """Editors act on any article; writers on those they wrote, in review or not."""
    return can_publish(user) or (
        user.has_perm(CHANGE_PERMISSION) and article.created_by_id == user.pk
    )


# Where an article stands. Each state says, in Python and in SQL alike, which articles
# are in it: an article is in exactly one of STATES (tests check both sides agree).


@dataclass(frozen=True)
class State:
    key: str
    label: str
    holds: Callable[[Article, datetime.datetime], bool]
    where: Callable[[datetime.datetime], Q]


def is_live(article, now=None):
    """Whether readers see the article now (a story or a page)."""
    now = now or timezone.now()
    return (
        article.status == Status.PUBLISHED
        and article.published_at is not None
        and article.published_at <= now
        and not (article.unpublish_at and article.unpublish_at <= now)
    )


STATES = [
    State(
        "review",
        gettext_lazy("In review"),
        lambda a, now: a.in_review and a.status != Status.PUBLISHED,
        lambda now: Q(submitted_at__isnull=False) & ~Q(status=Status.PUBLISHED),
    ),
    State(
        "draft",
        gettext_lazy("Draft"),
        lambda a, now: a.status == Status.DRAFT and not a.in_review,
        lambda now: Q(status=Status.DRAFT, submitted_at__isnull=True),
    ),
    State(
        "unpublished",
        gettext_lazy("Unpublished"),
        lambda a, now: a.status == Status.UNPUBLISHED and not a.in_review,
        lambda now: Q(status=Status.UNPUBLISHED, submitted_at__isnull=True),
    ),
    State(
        "scheduled",
        gettext_lazy("Scheduled"),
        lambda a, now: a.status == Status.PUBLISHED and a.published_at > now,
        lambda now: Q(status=Status.PUBLISHED, published_at__gt=now),
    ),
    State(
        "expired",
        gettext_lazy("Expired"),
        lambda a, now: (
            a.status == Status.PUBLISHED
            and a.published_at <= now
            and a.unpublish_at is not None
            and a.unpublish_at <= now
        ),
        lambda now: Q(status=Status.PUBLISHED, published_at__lte=now, unpublish_at__lte=now),
    ),
    State(
        "live",
        gettext_lazy("Published"),
        is_live,
        visible_at,
    ),
]
# What the newest version of a published article is doing, added to its state's label.
EDITS = [
    State(
        "changes_in_review",
        gettext_lazy("changes in review"),
        lambda a, now: a.status == Status.PUBLISHED and a.in_review,
        lambda now: Q(status=Status.PUBLISHED, submitted_at__isnull=False),
    ),
    State(
        "unpublished_changes",
        gettext_lazy("unpublished changes"),
        lambda a, now: (
            a.status == Status.PUBLISHED and not a.in_review and a.has_unpublished_changes
        ),
        lambda now: Q(
            status=Status.PUBLISHED, submitted_at__isnull=True, revision__gt=F("live_revision")
        ),
    ),
]


def state_of(article: Article, now: datetime.datetime | None = None) -> str:
    """Say where the article stands, in the words of the desk."""
    now = now or timezone.now()
    label = next(state.label for state in STATES if state.holds(article, now))
    edit = next((edit for edit in EDITS if edit.holds(article, now)), None)
    return _("%(state)s, %(edit)s") % {"state": label, "edit": edit.label} if edit else str(label)


# The steps. Each check raises PermissionDenied (not this user) or WorkflowError (not
# this article, as it stands) with the reason; it reads only the article and the user,
# so the admin asks it before offering the step, and the step asks it again, locked.


@dataclass(frozen=True)
class Step:
    name: str
    label: str
    # What the step did, for a message: "Published 3 articles."
    done: str
    check: Callable[..., None]
    # Offered as a button on the article's page in the admin.
    button: bool = False

    def refusal(self, article: Article, user, **options) -> str | None:
        """Why the user may not take this step on the article now; None when they may."""
        try:
            self.check(article, user, **options)
        except (PermissionDenied, WorkflowError) as error:
            return str(error) or _("You may not do this.")
        return None

    def applies(self, article: Article, user, **options) -> bool:
        return self.refusal(article, user, **options) is None


def check_save(article, by, **options):
    if not by.has_perm(CHANGE_PERMISSION):
        raise PermissionDenied(_("You may not change articles."))
    if not writes_in(by, article.language):
        raise PermissionDenied(
            _("You do not write in %(language)s.") % {"language": language_name(article.language)}
        )
    if not can_publish(by) and article.created_by_id != by.pk:
        raise PermissionDenied(_("Writers change only the articles they wrote."))
    if not can_edit(by, article):
        raise WorkflowError(_("It is in review: an editor decides on it first."))


def check_submit(article, by, assign_to=None, **options):
    if article.in_review:
        raise WorkflowError(_("It is already in review."))
    if not can_edit(by, article):
        raise PermissionDenied(_("You may not submit this article."))
    if article.status == Status.PUBLISHED and not article.has_unpublished_changes:
        raise WorkflowError(_("There is nothing to review: the live text is the newest version."))
    if not article.revision:
        raise WorkflowError(_("It has no saved version to review."))
    if assign_to is not None and not can_publish(assign_to):
        raise WorkflowError(_("%(user)s is not an editor.") % {"user": assign_to})


def check_send_back(article, by, comment="x", **options):
    if not can_publish(by):
        raise PermissionDenied(_("Only editors send submissions back."))
    if not article.in_review:
        raise WorkflowError(_("It is not in review."))
    if not comment.strip():
        raise WorkflowError(_("Say what needs changing: a comment is required."))


def _republishing(article) -> bool:
    """Taken down and unchanged since: putting it back up needs no second review."""
    return article.status == Status.UNPUBLISHED and article.revision == article.live_revision


def check_publish(article, by, override=None, at=None, until=None, correction="", **options):
    if not can_publish(by):
        raise PermissionDenied(_("You may not publish articles."))
    if override is None:
        # Asked before the page is shown: a superuser may tick the override there.
        override = by.is_superuser
    if override and not by.is_superuser:
        raise PermissionDenied(_("Only a superuser may override the review."))
    if not (article.in_review or _republishing(article) or override):
        raise WorkflowError(_("Submit it for review first: another editor publishes it."))
    if article.in_review and article.submitted_by_id == by.pk and not override:
        raise PermissionDenied(_("Nobody approves their own submission: another editor must."))
    if until and until <= (at or timezone.now()):
        raise WorkflowError(_("It must come down after it goes up."))
    if not article.revision:
        raise WorkflowError(_("It has no saved version to publish."))
    if correction and not (corrects_what_readers_see(article) and at is None):
        raise WorkflowError(_("Only a saved change to a story readers see now is a correction."))


def corrects_what_readers_see(article) -> bool:
    """Whether publishing the article now changes a text readers can see."""
    return is_live(article, timezone.now()) and article.has_unpublished_changes


def check_correct(article, by, comment="x", **options):
    if not can_publish(by):
        raise PermissionDenied(_("Only editors publish corrections."))
    if not corrects_what_readers_see(article):
        raise WorkflowError(_("Only a saved change to a story readers see now is a correction."))
    others = (
        article.versions.filter(number__gt=article.live_revision)
        .exclude(created_by=by)
        .values_list("number", flat=True)
    )
    if others:
        numbers = ", ".join(str(number) for number in others)
        raise WorkflowError(
            ngettext(
                "Version %(numbers)s is someone else's: another editor reviews it first.",
                "Versions %(numbers)s are someone else's: another editor reviews them first.",
                len(others),
            )
            % {"numbers": numbers}
        )
    if not comment.strip():
        raise WorkflowError(_("Say what the correction fixes: a note is required."))


def check_review_correction(article, by, correction=None, **options):
    if not can_publish(by):
        raise PermissionDenied(_("Only editors review corrections."))
    if correction is not None and correction.corrected_by_id == by.pk:
        raise PermissionDenied(
            _("Another editor reviews a correction: four eyes see every change.")
        )
    if correction is not None and correction.reviewed_at is not None:
        raise WorkflowError(
            _("%(editor)s has reviewed it already.")
            % {"editor": correction.reviewed_by or _("An editor")}
        )


def check_withdraw(article, by, **options):
    if not article.in_review:
        raise WorkflowError(_("It is not in review."))
    if not by.has_perm(CHANGE_PERMISSION) or by.pk not in {
        article.submitted_by_id,
        article.created_by_id,
    }:
        raise PermissionDenied(_("Only its writer or whoever submitted it may withdraw it."))


def check_unpublish(article, by, **options):
    if not can_publish(by):
        raise PermissionDenied(_("You may not unpublish articles."))
    if article.status != Status.PUBLISHED:
        raise WorkflowError(_("It is not published."))


def check_restore(article, by, version=None, **options):
    check_save(article, by)
    if version is not None and version.article_id != article.pk:
        raise WorkflowError(_("That version belongs to another article."))


def check_share(article, by, **options):
    if not is_own_or_editor(by, article):
        raise PermissionDenied(_("Writers share only the articles they wrote."))
    if not article.revision:
        raise WorkflowError(_("It has no saved version to share."))


def check_revoke(article, by, link=None, **options):
    made_it = link is not None and link.created_by_id == by.pk
    if not (is_own_or_editor(by, article) or made_it):
        raise PermissionDenied(
            _("Only its maker, the article's writer or an editor may revoke it.")
        )


def check_translate(article, by, language=None, story_languages=None, **options):
    """`language`: the edition asked for (None: any); `story_languages`: those the story
    has, when the caller has read them already."""
    if not by.has_perm(ADD_PERMISSION):
        raise PermissionDenied(_("You may not write articles."))
    if language is None:
        return
    if language not in dict(settings.LANGUAGES):
        raise WorkflowError(
            _("“%(language)s” is not one of this site's editions.") % {"language": language}
        )
    if not writes_in(by, language):
        raise PermissionDenied(
            _("You do not write in %(language)s.") % {"language": language_name(language)}
        )
    if story_languages is None:
        story_languages = Article.objects.story_of(article).values_list("language", flat=True)
    if language in story_languages:
        raise WorkflowError(
            _("The story has a %(language)s version already.")
            % {"language": language_name(language)}
        )


def check_bring_up_to_date(article, by, original=None, **options):
    """`original`: the story's original, when the caller has read it already."""
    if not (is_own_or_editor(by, article) and writes_in(by, article.language)):
        raise PermissionDenied(_("Only its writer or an editor may say so."))
    if article.translation_of_id is None:
        raise WorkflowError(_("It is an original, not a translation."))
    if not article.is_behind((original or article.translation_of).live_revision):
        raise WorkflowError(_("It is up to date with the original already."))


STEPS = {
    step.name: step
    for step in [
        Step("save", gettext_lazy("Save"), gettext_lazy("Saved"), check_save),
        Step(
            "submit",
            gettext_lazy("Submit for review"),
            gettext_lazy("Submitted"),
            check_submit,
            button=True,
        ),
        Step(
            "withdraw",
            gettext_lazy("Withdraw from review"),
            gettext_lazy("Withdrew"),
            check_withdraw,
            button=True,
        ),
        Step(
            "send_back",
            gettext_lazy("Send back"),
            gettext_lazy("Sent back"),
            check_send_back,
            button=True,
        ),
        Step(
            "publish",
            gettext_lazy("Publish"),
            gettext_lazy("Published"),
            check_publish,
            button=True,
        ),
        Step(
            "correct",
            gettext_lazy("Publish as a correction"),
            gettext_lazy("Corrected"),
            check_correct,
            button=True,
        ),
        Step(
            "review_correction",
            gettext_lazy("Mark the correction reviewed"),
            gettext_lazy("Reviewed the corrections of"),
            check_review_correction,
        ),
        Step(
            "unpublish",
            gettext_lazy("Unpublish"),
            gettext_lazy("Unpublished"),
            check_unpublish,
            button=True,
        ),
        Step(
            "restore", gettext_lazy("Restore a version"), gettext_lazy("Restored"), check_restore
        ),
        Step("share", gettext_lazy("Make a share link"), gettext_lazy("Shared"), check_share),
        Step("revoke", gettext_lazy("Revoke a share link"), gettext_lazy("Revoked"), check_revoke),
        Step("translate", gettext_lazy("Translate"), gettext_lazy("Translated"), check_translate),
        Step(
            "bring_up_to_date",
            gettext_lazy("Mark as up to date with the original"),
            gettext_lazy("Marked up to date"),
            check_bring_up_to_date,
        ),
    ]
}


def steps_open_to(user, article: Article) -> list[Step]:
    """The steps the admin offers as buttons on the article: those that apply now."""
    return [step for step in STEPS.values() if step.button and step.applies(article, user)]


def submit_applies_on_save(user, article: Article | None) -> bool:
    """Whether saving the article's form, then submitting it, would pass both checks.

    A save makes the newest version, which the submit check looks for: both are asked of
    the article as that save leaves it (a new article, as its first draft). The admin's
    "Save and submit for review" is offered on this.
    """
    saved = copy.copy(article) if article is not None else Article(created_by=user)
    saved.revision += 1
    return STEPS["save"].applies(saved, user) and STEPS["submit"].applies(saved, user)


def _take(name: str, article: Article, by, **options) -> None:
    """Run a step's check: it raises, saying why, when the step does not apply."""
    STEPS[name].check(article, by, **options)


def _locked(article: Article) -> Article:
    """Return the article as the database has it now, locked for this transaction."""
    return Article.objects.select_for_update().get(pk=article.pk)


def _logged_state(article: Article) -> str:
    """The article's state as the log keeps it: in the newsroom's default language, the
    same words for every editor, whatever language their admin is in."""
    with translation.override(settings.LANGUAGE_CODE):
        return state_of(article)


def _logged(message, **values) -> str:
    """A comment for the log or a version, kept like `_logged_state`: in the newsroom's
    default language."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(message) % values


def _log(article, action, before, *, by, comment="", override=False) -> ArticleLogEntry:
    return ArticleLogEntry.objects.create(
        article=article,
        action=action,
        from_state=before,
        to_state=_logged_state(article),
        user=by if getattr(by, "pk", None) else None,
        comment=comment,
        version_number=article.revision or None,
        override=override,
    )


def _refuse_taken_slug(article: Article, content: dict | None = None) -> None:
    """Refuse to put on the row a slug (the newest version's unless `content` is given)
    that another article's row holds: the database would refuse it halfway."""
    if content is None:
        content = article.versions.get(number=article.revision).content
    slug = content.get("slug") or article.slug
    if holder := versions.slug_holder(slug, article, pending=False):
        raise WorkflowError(
            _(
                "The address “%(slug)s” belongs to another article, “%(holder)s” (#%(pk)s): "
                "change the slug of one of them first."
            )
            % {"slug": slug, "holder": holder, "pk": holder.pk}
        )


def _clear_submission(article: Article) -> None:
    article.submitted_at = article.submitted_by = article.assigned_to = None


SUBMISSION_FIELDS = ["submitted_at", "submitted_by", "assigned_to", "updated_at"]


@transaction.atomic
def claim_revision(article: Article, expected: int) -> int:
    """Take the next version number if nobody saved since `expected`; else raise EditConflict."""
    claimed = Article.objects.filter(pk=article.pk, revision=expected).update(
        revision=F("revision") + 1
    )
    if not claimed:
        article.refresh_from_db(fields=["revision"])
        raise versions.EditConflict(article, expected)
    article.revision = expected + 1
    return article.revision


# Content: a draft is created, edits are saved as versions, a version is marked live.


@transaction.atomic
def create_draft(article: Article, *, by=None, links=None, comment="") -> ArticleVersion:
    """Save a new, unsaved article as a draft with its first version.

    `links` are the ids of what it links (versions.LINKS); without them it links nothing.
    """
    article.status = Status.DRAFT
    article.published_at = article.unpublish_at = article.live_revision = None
    article.revision = 0
    article.created_by = by if getattr(by, "pk", None) else None
    _make_slug(article)
    article.save()
    number = claim_revision(article, 0)
    return _save_version(article, by=by, links=links or {}, comment=comment, number=number)


@transaction.atomic
def save_edit(
    article: Article, *, by, editing: int, links: dict | None = None, comment: str = ""
) -> ArticleVersion:
    """Keep the article's content as it stands in memory as its next version.

    `editing` is the version the edit began from: if someone saved since, EditConflict
    is raised and nothing is written. While the article is live its row keeps the
    published text and links, and the version waits for an editor to publish it; until
    it is published, the row takes its language too.
    `links` default to those on the row. `by` None is the newsroom itself (the sample
    loader), which no check stops.
    """
    if by is not None:
        check_save(article, by)
    number = claim_revision(article, editing)
    if article.status != Status.PUBLISHED:
        # Until it is published its edition may change with its text; once published, its
        # address is in that edition.
        article.save(update_fields=["language"])
    return _save_version(article, by=by, links=links, comment=comment, number=number)


def _make_slug(article) -> None:
    """Make the article a slug from its headline if it has none: a page's is never the
    first part of another address of the site (articles.slugs), where it lives."""
    if not article.slug:
        reserved = reserved_page_slugs() if article.kind == Article.Kind.PAGE else frozenset()
        article.slug = unique_slug(article, article.headline, reserved=reserved)


def _save_version(article, *, by, links, comment, number) -> ArticleVersion:
    _make_slug(article)
    if links is not None:
        links = {name: list(links.get(name, [])) for name in versions.LINKS}
    content = versions.snapshot(article, links)
    version = versions.record(article, by=by, comment=comment, content=content, number=number)
    if article.status != Status.PUBLISHED:
        versions.apply(article, version)
    return version


# What a translation starts from: its source's text, credit and pictures as the source's
# row holds them (the published text while it is live, else the newest version), so that
# it matches the original's live version it records. The slug is made anew from the
# headline: addresses are unique across editions. A translation is no copy of another
# site's page, whatever its source is: it names no original address.
TRANSLATED_FIELDS = [
    name for name in versions.CONTENT_FIELDS if name not in ("slug", "canonical_url")
]


@transaction.atomic
def translate(source: Article, language: str, *, by: AbstractBaseUser) -> Article:
    """Make a draft of `source`'s story in `language`, prefilled from `source` with its
    links, bylines and tags, as a translation of the story's original, made from the
    original's live version (None if it has none yet)."""
    # Locked: two translations into one language wait for each other; the second is refused.
    original = _locked(Article(pk=source.translation_of_id or source.pk))
    source = original if source.pk == original.pk else Article.objects.get(pk=source.pk)
    _take("translate", source, by, language=language)
    draft = Article(
        kind=source.kind,
        language=language,
        translation_of=original,
        translated_revision=original.live_revision,
        **{name: getattr(source, name) for name in TRANSLATED_FIELDS},
    )
    with translation.override(settings.LANGUAGE_CODE):
        comment = _("Translated from “%(headline)s” (%(language)s)") % {
            "headline": source,
            "language": language_name(source.language),
        }
    create_draft(draft, by=by, links=versions.current_links(source), comment=comment)
    _log(draft, ArticleLogEntry.Action.TRANSLATED, "", by=by, comment=comment)
    return draft


@transaction.atomic
def bring_up_to_date(translation: Article, *, by: AbstractBaseUser) -> Article:
    """Record that a translation has caught up with its original's live version."""
    translation = _locked(translation)
    _take("bring_up_to_date", translation, by)
    number = translation.translation_of.live_revision
    translation.translated_revision = number
    translation.save(update_fields=["translated_revision", "updated_at"])
    _log(
        translation,
        ArticleLogEntry.Action.BROUGHT_UP_TO_DATE,
        _logged_state(translation),
        by=by,
        comment=_logged(
            gettext_lazy("Up to date with version %(number)s of the original."), number=number
        ),
    )
    return translation


def mark_live(
    article: Article,
    *,
    at: datetime.datetime | None = None,
    until: datetime.datetime | None = None,
) -> Article:
    """Put the article's newest version on its row and live: now, or at `at` if given.

    No check and no log: `publish` is the editorial step; the sample loader and the test
    factories call this directly for content that is published by definition.
    """
    now = timezone.now()
    place, about = _in_lists(article), surrogates.about(article)
    # Readers saw another text of it before: they see it changed.
    revised = (
        article.live_revision is not None
        and article.revision != article.live_revision
        and article.published_at is not None
        and article.published_at <= now
    )
    if article.status == Status.PUBLISHED and article.has_unpublished_changes:
        versions.apply(article, article.versions.get(number=article.revision))
    if at is not None or article.published_at is None:
        article.published_at = at or now
    if revised:
        article.revised_at = max(now, article.published_at)
    article.status = Status.PUBLISHED
    article.unpublish_at = until
    article.live_revision = article.revision
    article.save(
        update_fields=["status", "published_at", "unpublish_at", "live_revision", "revised_at"]
    )
    cache.content_changed(
        surrogates.of_article(
            article, about, surrogates.about(article), moved=place != _in_lists(article)
        )
    )
    return article


def take_down(article: Article) -> Article:
    """Take the article away from readers; it keeps its first publication time."""
    place, about = _in_lists(article), surrogates.about(article)
    article.status = Status.UNPUBLISHED
    article.save(update_fields=["status", "updated_at"])
    cache.content_changed(
        surrogates.of_article(article, about, about, moved=place != _in_lists(article))
    )
    return article


def _in_lists(article: Article) -> tuple:
    """Where an article stands in lists and for how long: when any of it changes, every
    list it was or is in changes, now or at a time pages cached now must know of."""
    return (article.status == Status.PUBLISHED, article.published_at, article.unpublish_at)


def as_seeded(article: Article, published_at: datetime.datetime | None) -> Article:
    """Mark an unsaved article as live since `published_at` (a draft when None), with no
    version: for benchmark rows written a thousand at a time by `seed_bench`."""
    article.status = Status.DRAFT if published_at is None else Status.PUBLISHED
    article.published_at = published_at
    return article


# The editorial steps.


@transaction.atomic
def submit(
    article: Article, *, by: AbstractBaseUser, assign_to=None, comment: str = ""
) -> Article:
    """Ask the editors to review the article's newest version."""
    article = _locked(article)
    _take("submit", article, by, assign_to=assign_to)
    before = _logged_state(article)
    article.submitted_at = timezone.now()
    article.submitted_by = by
    article.assigned_to = assign_to
    article.save(update_fields=SUBMISSION_FIELDS)
    entry = _log(article, ArticleLogEntry.Action.SUBMITTED, before, by=by, comment=comment)
    transaction.on_commit(lambda: notifications.submitted(entry))
    return article


@transaction.atomic
def send_back(article: Article, *, by: AbstractBaseUser, comment: str) -> Article:
    """Return a submission to its writer with what needs changing."""
    article = _locked(article)
    _take("send_back", article, by, comment=comment)
    before = _logged_state(article)
    submitter = article.submitted_by
    _clear_submission(article)
    article.save(update_fields=SUBMISSION_FIELDS)
    entry = _log(article, ArticleLogEntry.Action.SENT_BACK, before, by=by, comment=comment)
    transaction.on_commit(lambda: notifications.sent_back(entry, submitter))
    return article


@transaction.atomic
def publish(
    article: Article,
    *,
    by: AbstractBaseUser,
    at: datetime.datetime | None = None,
    until: datetime.datetime | None = None,
    comment: str = "",
    override: bool = False,
    correction: str = "",
) -> Article:
    """Put the newest version live, now or at `at`, until `until` if given.

    A submission is published by an editor other than its submitter. Republishing an
    unpublished article unchanged needs no review. A superuser may waive both rules
    with `override`, which the log records. A change to a story readers see may be
    published as a correction, `correction` saying what it fixes: reviewed already, by
    whoever publishes it.
    """
    article = _locked(article)
    _take("publish", article, by, override=override, at=at, until=until, correction=correction)
    before = _logged_state(article)
    _refuse_taken_slug(article)
    replaced = article.versions.filter(number=article.live_revision).first()
    _clear_submission(article)
    article.save(update_fields=SUBMISSION_FIELDS)
    was_live = is_live(article, timezone.now())
    mark_live(article, at=at, until=until)
    if correction:
        _record_correction(article, replaced=replaced, note=correction, by=by, reviewed=True)
        action = ArticleLogEntry.Action.CORRECTED
    elif article.published_at > timezone.now():
        action = ArticleLogEntry.Action.SCHEDULED
    else:
        action = ArticleLogEntry.Action.PUBLISHED
    _log(article, action, before, by=by, comment=comment or correction, override=override)
    webhooks.published(article, updated=was_live, corrected=bool(correction))
    return article


@transaction.atomic
def withdraw(article: Article, *, by: AbstractBaseUser, comment: str = "") -> Article:
    """Take one's own submission back from review, to go on writing it."""
    article = _locked(article)
    _take("withdraw", article, by)
    before = _logged_state(article)
    _clear_submission(article)
    article.save(update_fields=SUBMISSION_FIELDS)
    _log(article, ArticleLogEntry.Action.WITHDRAWN, before, by=by, comment=comment)
    return article


@transaction.atomic
def correct(article: Article, *, by: AbstractBaseUser, comment: str) -> Correction:
    """Put an editor's own change to a live story live now, as a correction.

    No second editor waits for it in breaking news; one reviews it after the fact
    (`review_correction`). The story keeps its publication and take-down times.
    """
    article = _locked(article)
    _take("correct", article, by, comment=comment)
    before = _logged_state(article)
    _refuse_taken_slug(article)
    replaced = article.versions.filter(number=article.live_revision).first()
    _clear_submission(article)
    article.save(update_fields=SUBMISSION_FIELDS)
    mark_live(article, until=article.unpublish_at)
    correction = _record_correction(article, replaced=replaced, note=comment, by=by)
    entry = _log(article, ArticleLogEntry.Action.CORRECTED, before, by=by, comment=comment)
    transaction.on_commit(lambda: notifications.corrected(entry))
    return correction


def _record_correction(
    article: Article, *, replaced, note: str, by, reviewed: bool = False
) -> Correction:
    """Put on the record the correction that the article's newest version, just live,
    makes to `replaced`; the one place a correction is made. `reviewed`: the change was
    reviewed before it went up, and counts as reviewed by whoever published it."""
    # When readers saw the change: the time the article says it was updated.
    at = article.revised_at
    correction = Correction.objects.create(
        article=article,
        replaced=replaced,
        version=article.versions.get(number=article.revision),
        note=note,
        corrected_by=by,
        corrected_at=at,
        reviewed_by=by if reviewed else None,
        reviewed_at=at if reviewed else None,
    )
    webhooks.corrected(correction)
    return correction


@transaction.atomic
def review_correction(correction: Correction, *, by: AbstractBaseUser) -> Correction:
    """Record that a second editor has seen a correction: the four eyes, after the fact."""
    correction = Correction.objects.select_for_update().get(pk=correction.pk)
    article = correction.article
    _take("review_correction", article, by, correction=correction)
    correction.reviewed_by = by
    correction.reviewed_at = timezone.now()
    correction.save(update_fields=["reviewed_by", "reviewed_at"])
    _log(article, ArticleLogEntry.Action.CORRECTION_REVIEWED, _logged_state(article), by=by)
    return correction


@transaction.atomic
def unpublish(article: Article, *, by: AbstractBaseUser, comment: str = "") -> Article:
    """Take the article away from readers; it keeps its first publication time."""
    article = _locked(article)
    _take("unpublish", article, by)
    before = _logged_state(article)
    was_live = is_live(article, timezone.now())
    take_down(article)
    _log(article, ArticleLogEntry.Action.UNPUBLISHED, before, by=by, comment=comment)
    webhooks.unpublished(article, was_live=was_live)
    return article


@transaction.atomic
def restore(article: Article, version: ArticleVersion, *, by: AbstractBaseUser) -> ArticleVersion:
    """Make an older version the newest again, as a new version: nothing is lost."""
    article = _locked(article)
    _take("restore", article, by, version=version)
    if article.status != Status.PUBLISHED:
        _refuse_taken_slug(article, version.content)
    before = _logged_state(article)
    number = claim_revision(article, article.revision)
    restored = versions.record(
        article,
        by=by,
        comment=_logged(gettext_lazy("Restored version %(number)s"), number=version.number),
        content=version.content,
        number=number,
    )
    if article.status != Status.PUBLISHED:
        versions.apply(article, restored)
    _log(article, ArticleLogEntry.Action.RESTORED, before, by=by, comment=restored.comment)
    return restored


@transaction.atomic
def share(
    article: Article,
    *,
    by: AbstractBaseUser,
    lifetime=SHARE_LINK_LIFETIME,
    follows_newest: bool = False,
) -> ShareLink:
    """Make a link that lets one outsider read the newest version until it expires: that
    version only, or, with `follows_newest`, whichever version is the newest when read."""
    article = _locked(article)
    _take("share", article, by)
    version = article.versions.get(number=article.revision)
    link = ShareLink.objects.create(
        version=version,
        created_by=by,
        expires_at=timezone.now() + lifetime,
        follows_newest=follows_newest,
    )
    _log(article, ArticleLogEntry.Action.SHARED, _logged_state(article), by=by)
    return link


@transaction.atomic
def revoke(link: ShareLink, *, by: AbstractBaseUser) -> ShareLink:
    """End a share link before it expires."""
    article = link.version.article
    _take("revoke", article, by, link=link)
    link.revoked_at = timezone.now()
    link.save(update_fields=["revoked_at"])
    _log(article, ArticleLogEntry.Action.REVOKED, _logged_state(article), by=by)
    return link


# The front page: editors change its working layout (its slots), then publish it as a
# story's version is published; readers see only the published layout.

FRONT_PAGE_PERMISSION = "articles.change_frontpage"


def check_publish_front_page(front_page: FrontPage, by) -> None:
    if not can_publish(by):
        raise PermissionDenied(_("Only editors publish the front page."))
    working = front_page.working_layout()
    if not working:
        raise WorkflowError(
            _("The layout is empty: add a lead, featured stories, latest news or sections.")
        )
    if front_page.live is not None and working == front_page.live.layout:
        raise WorkflowError(_("Readers see this layout already: there is nothing to publish."))


def check_restore_front_page(front_page: FrontPage, by) -> None:
    if not by.has_perm(FRONT_PAGE_PERMISSION):
        raise PermissionDenied(_("You may not arrange the front page."))


@transaction.atomic
def publish_front_page(front_page: FrontPage, *, by: AbstractBaseUser) -> FrontPageVersion:
    """Put the front page's working layout before readers, kept as its next version with
    who published it and when."""
    front_page = FrontPage.objects.select_for_update().get(pk=front_page.pk)
    check_publish_front_page(front_page, by)
    return mark_layout_live(front_page, by=by)


def mark_layout_live(front_page: FrontPage, *, by=None) -> FrontPageVersion:
    """Put the front page's working layout live as its next version, with no check: the
    editorial step is `publish_front_page`; the sample loader calls this directly."""
    last = front_page.versions.aggregate(number=Max("number"))["number"] or 0
    version = front_page.versions.create(
        number=last + 1,
        layout=front_page.working_layout(),
        published_by=by if getattr(by, "pk", None) else None,
        published_at=timezone.now(),
    )
    front_page.live = version
    front_page.save(update_fields=["live"])
    cache.content_changed({surrogates.FRONT_PAGE})
    return version


@transaction.atomic
def restore_front_page(version: FrontPageVersion, *, by: AbstractBaseUser) -> FrontPage:
    """Make an earlier published layout the working one again, to preview and publish;
    a story or topic deleted since leaves its slot automatic, or its section out."""
    front_page = FrontPage.objects.select_for_update().get(pk=version.front_page_id)
    check_restore_front_page(front_page, by)
    layout = version.layout
    articles = set(
        Article.objects.filter(pk__in=[slot["article"] for slot in layout]).values_list(
            "pk", flat=True
        )
    )
    topics = set(
        Topic.objects.filter(pk__in=[slot["topic"] for slot in layout]).values_list(
            "pk", flat=True
        )
    )
    front_page.slots.all().delete()
    FrontPageSlot.objects.bulk_create(
        FrontPageSlot(
            front_page=front_page,
            position=position,
            kind=slot["kind"],
            article_id=slot["article"] if slot["article"] in articles else None,
            topic_id=slot["topic"],
            count=slot["count"],
        )
        for position, slot in enumerate(layout)
        if slot["topic"] is None or slot["topic"] in topics
    )
    return front_page
