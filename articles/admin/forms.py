import re

from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles import versions, workflow
from articles.models import LINK_KINDS, Article
from articles.models.articles import language_name
from articles.notifications import editors

# Link fields a working copy may hold other than the live article's.
LINK_FIELDS = [*(kind.name for kind in LINK_KINDS), "topics", "regions"]


class ArticleForm(forms.ModelForm):
    """The article form, which edits the newest version and refuses a save that came late."""

    edited_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
    version_note = forms.CharField(
        label=gettext_lazy("Note for this version"),
        max_length=500,
        required=False,
        help_text=gettext_lazy("What you changed and why; it shows in the version history."),
    )

    class Meta:
        model = Article
        fields = ["language", *versions.CONTENT_FIELDS, *LINK_FIELDS]
        # Bylines are the people in print order; this is no second kind of byline but the
        # credit printed when no person is named.
        labels = {"byline": gettext_lazy("Credit line")}
        help_texts = {
            "byline": gettext_lazy(
                "Printed when no byline names a person, e.g. “Press service of the "
                "Foreign Ministry”."
            )
        }

    def __init__(self, *args, instance=None, **kwargs):
        self.working_copy = instance.working_copy if instance is not None else None
        if self.working_copy:
            # A live article's row holds the published text; the form edits the newest one.
            versions.set_content(instance, self.working_copy.content)
        super().__init__(*args, instance=instance, **kwargs)
        if self.working_copy:
            for name in LINK_FIELDS:
                if name in self.fields:
                    self.initial[name] = self.working_copy.content.get(name, [])
        self.fields["edited_revision"].initial = self.instance.revision

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug and (holder := versions.slug_holder(slug, self.instance)):
            raise ValidationError(
                "“%(holder)s” has this address, or will once its changes are published: "
                "choose another.",
                code="slug_taken",
                params={"holder": holder},
            )
        return slug

    def clean_language(self):
        language = self.cleaned_data["language"]
        if self.instance.pk:
            # The story's versions are one per language: another in this one would leave
            # readers two and the language switcher none to choose between.
            story = Article.objects.story_of(self.instance).exclude(pk=self.instance.pk)
            if holder := story.filter(language=language).only("headline").first():
                raise ValidationError(
                    "This story is in %(language)s already: “%(holder)s”.",
                    code="language_taken",
                    params={"language": language_name(language), "holder": holder},
                )
        return language

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk:
            started_from = cleaned_data.get("edited_revision") or 0
            latest = Article.objects.values_list("revision", flat=True).get(pk=self.instance.pk)
            if started_from != latest:
                # A second save, made knowing what changed, replaces theirs; theirs stays a version.
                self.data = self.data.copy()
                self.data["edited_revision"] = latest
                raise ValidationError(self.conflict_message(started_from, latest))
        return cleaned_data

    def conflict_message(self, started_from, latest):
        article = self.instance
        newest = article.versions.select_related("created_by").get(number=latest)
        base = article.versions.filter(number=started_from).first()
        changed = versions.changes(base.content if base else {}, newest.content)
        details = format_html_join(
            "",
            "<li><strong>{}</strong>: {}</li>",
            (
                (
                    change.label.capitalize(),
                    f"“{change.old}” → “{change.new}”"
                    if len(change.old) + len(change.new) < 300
                    else _("changed (compare the versions to see how)"),
                )
                for change in changed
            ),
        )
        who = newest.created_by or _("someone")
        when = timezone.localtime(newest.created_at).strftime("%H:%M")
        return format_html(
            _(
                "{who} saved this article (version {latest}) at {when} while you were editing "
                "version {started_from}. Nothing of yours was saved yet and your text is still "
                "in the form below. What changed meanwhile:<ul>{details}</ul>Merge what you "
                "need, then save again: that replaces their version, which stays in the history."
            ),
            who=who,
            latest=latest,
            when=when,
            started_from=started_from,
            details=details,
        )


class OrderedLinkForm(forms.ModelForm):
    """A row of an ordered link (a byline, an attached document)."""

    def __init__(self, *args, of_working_copy=False, **kwargs):
        self.of_working_copy = of_working_copy
        super().__init__(*args, **kwargs)

    def validate_constraints(self):
        # A working copy's rows go into its version, never over the live rows they
        # would clash with; the formset still refuses the same one twice.
        if not self.of_working_copy:
            super().validate_constraints()


class OrderedLinkFormSet(BaseInlineFormSet):
    """The rows of an ordered link (versions.ORDERED) of the version the article form edits.

    A live article's rows are its published ones; while it has unpublished changes, the
    rows shown are the newest version's, or saving it twice would drop what the first
    save changed. The formset itself saves nothing: what it links goes into the version
    the save makes (articles.workflow.save_edit), and from there onto the rows.
    """

    link = ""  # the name of the link in a version (versions.ORDERED)

    def __init__(self, *args, instance=None, **kwargs):
        column = versions.ORDERED[self.link][1]
        working_copy = instance.working_copy if instance is not None else None
        self.of_working_copy = working_copy is not None
        if self.of_working_copy:
            linked = working_copy.content.get(self.link, [])
            kwargs["queryset"] = self.model.objects.none()
            kwargs["form_kwargs"] = {"of_working_copy": True}
            kwargs["initial"] = [
                {column: pk, "position": position} for position, pk in enumerate(linked)
            ]
            # Rows under min_num are validated even when unchanged, so they are kept.
            self.min_num = len(linked)
        super().__init__(*args, instance=instance, **kwargs)

    def linked(self):
        """What the rows link as submitted, in their order."""
        column = versions.ORDERED[self.link][1]
        rows = [row for row in self.cleaned_data if row and not row.get("DELETE")]
        return [row[column] for row in sorted(rows, key=lambda row: row.get("position") or 0)]


class BylineFormSet(OrderedLinkFormSet):
    link = "bylines"


class DocumentFormSet(OrderedLinkFormSet):
    link = "documents"


class TransitionForm(forms.Form):
    """What an editor or writer adds to a workflow step: a comment, or the editor asked."""

    comment = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args, action, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        if action == "send_back":
            self.fields["comment"].required = True
            self.fields["comment"].help_text = _("Say what needs changing; the writer is emailed.")
        if action == "correct":
            self.fields["comment"].required = True
            self.fields["comment"].label = _("What the correction fixes")
            self.fields["comment"].help_text = _("Live at once; another editor reviews it after.")
        if action == "submit":
            self.fields["assign_to"] = forms.ModelChoiceField(
                queryset=editors().order_by("username"),
                required=False,
                label=_("Ask an editor"),
                help_text=_("Empty: every editor is told."),
            )


def newsroom_time(moment) -> str:
    """Say a time as the newsroom reads it: "4 Dec 2026 09:00 (Europe/Moscow)"."""
    local = timezone.localtime(moment)
    return f"{date_format(local, 'j M Y H:i')} ({timezone.get_current_timezone_name()})"


class PublishForm(TransitionForm):
    """The publish page: the newest version live now ("Publish now"), or at a time to come
    ("Schedule"); either way, until a time if one is given.

    What the lifecycle refuses is said on the field that caused it. The version shown on
    the page rides along, so that a version saved meanwhile is looked at before it goes up.
    """

    def __init__(self, *args, article, user, live, **kwargs):
        super().__init__(*args, action="publish", user=user, **kwargs)
        self.article, self.user = article, user
        # Scheduling a live article would take it off the site until then.
        self.can_schedule = not live
        zone = timezone.get_current_timezone_name()
        self.fields["version"] = forms.IntegerField(
            widget=forms.HiddenInput, required=False, initial=article.revision
        )
        if self.can_schedule:
            self.fields["publish_at"] = forms.SplitDateTimeField(
                required=False,
                widget=AdminSplitDateTime,
                label=_("Publish at"),
                help_text=_("%(zone)s time. For “Schedule”; “Publish now” does not read it.")
                % {"zone": zone},
            )
        self.fields["unpublish_at"] = forms.SplitDateTimeField(
            required=False,
            widget=AdminSplitDateTime,
            label=_("Take down at"),
            help_text=_("%(zone)s time. Empty: it stays up.") % {"zone": zone},
        )
        # A change readers will see in place of the text they read may be a correction.
        if workflow.corrects_what_readers_see(article):
            self.fields["is_correction"] = forms.BooleanField(
                required=False,
                label=_("This is a correction"),
                help_text=_("Readers see the note and the date below the story."),
            )
            self.fields["correction"] = forms.CharField(
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                label=_("What the correction fixes"),
            )
        if user.is_superuser:
            self.fields["override"] = forms.BooleanField(
                required=False,
                label=_("Publish without a second editor's review"),
                help_text=_("Superusers only; the log records it."),
            )

    @property
    def scheduling(self) -> bool:
        return "_schedule" in self.data

    def clean_publish_at(self):
        at = self.cleaned_data["publish_at"]
        if not self.scheduling:
            return None
        if at is None:
            raise ValidationError(_("Say when it goes up, or choose “Publish now”."))
        if at <= timezone.now():
            raise ValidationError(
                _("%(time)s has passed: choose a later time, or “Publish now”.")
                % {"time": newsroom_time(at)}
            )
        return at

    def clean_correction(self):
        note = self.cleaned_data["correction"].strip()
        if not self.cleaned_data.get("is_correction"):
            return ""
        if not note:
            raise ValidationError(_("Say what the correction fixes: a note is required."))
        return note

    def clean(self):
        cleaned_data = super().clean()
        shown = cleaned_data.get("version")
        if shown is not None and shown != self.article.revision:
            self.data = self.data.copy()
            self.data["version"] = self.article.revision
            raise ValidationError(
                _(
                    "Version %(saved)s was saved after this page showed version %(shown)s: "
                    "look at it below before publishing it."
                )
                % {"saved": self.article.revision, "shown": shown}
            )
        if self.scheduling and not self.can_schedule:
            raise ValidationError(
                _(
                    "Readers can see it now: scheduling would take it off the site until then. "
                    "Publish the changes now, or unpublish it first."
                )
            )
        self.refuse_on_the_field()
        return cleaned_data

    def refuse_on_the_field(self):
        """Put on the take-down field what the lifecycle refuses because of it alone."""
        at, until = self.publish_time(), self.cleaned_data.get("unpublish_at")
        if until is None or self.has_error("publish_at"):
            return
        step, options = workflow.STEPS["publish"], {"override": self.cleaned_data.get("override")}
        if step.applies(self.article, self.user, at=at, **options) and (
            refusal := step.refusal(self.article, self.user, at=at, until=until, **options)
        ):
            self.add_error("unpublish_at", refusal)

    def publish_time(self):
        """When it goes up: the time scheduled, or now. Published now, a scheduled article
        comes forward; one put back up keeps its first publication time (None)."""
        if self.scheduling:
            return self.cleaned_data.get("publish_at")
        published_at = self.article.published_at
        if published_at and published_at > timezone.now():
            return timezone.now()
        return None


# What an autosave keeps of the article form: every field a writer types or picks (not
# the version the edit began from, kept beside them), and the byline rows.
AUTOSAVED_FIELDS = [name for name in ArticleForm.base_fields if name != "edited_revision"]
BYLINE_PREFIX = "bylines-"
BYLINE_PERSON = re.compile(r"bylines-\d+-person")


class AutosaveForm(forms.Form):
    """What the article form's script sends every few seconds while someone types."""

    fields = forms.JSONField(
        help_text=gettext_lazy("Each field's name with the list of its values.")
    )
    started_from = forms.IntegerField(min_value=0)

    def clean_fields(self):
        fields = self.cleaned_data["fields"]
        if not isinstance(fields, dict) or not all(
            isinstance(values, list) and all(isinstance(value, str) for value in values)
            for values in fields.values()
        ):
            raise ValidationError(
                _("Send the fields as an object of names, each with a list of text values."),
                code="shape",
            )
        # Anything else the form posts (its token, the buttons) is no text of the story.
        return {
            name: values
            for name, values in fields.items()
            if name in AUTOSAVED_FIELDS or name.startswith(BYLINE_PREFIX)
        }
