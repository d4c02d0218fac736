import json

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.csp import CSP
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, override, pgettext_lazy
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csp import csp_override

from articles import body, embeds, suggestions, versions, workflow
from articles.models import (
    LINK_KINDS,
    Article,
    ArticleAuthor,
    ArticleDocument,
    ArticleLogEntry,
    Autosave,
    Correction,
    Image,
    Page,
    Person,
    ShareLink,
    Submission,
    Suggestion,
)
from articles.models.articles import language_name
from articles.models.suggestions import LINKED_BY
from articles.pagination import EstimatedCountPaginator
from articles.views import render_article

from . import calendar, previews
from .base import CheckedKeysMixin, WorkListAdmin, is_key
from .entities import TaggedAdmin
from .forms import (
    BYLINE_PERSON,
    LINK_FIELDS,
    ArticleForm,
    AutosaveForm,
    BylineFormSet,
    DocumentFormSet,
    OrderedLinkForm,
    PageForm,
    PublishForm,
    TransitionForm,
    newsroom_time,
)


def framed_by_our_pages(view):
    """Let the publish page frame a version's preview: the public page's policy, framed
    by this site's own pages and nobody else's."""
    policy = {**settings.SECURE_CSP, "frame-ancestors": [CSP.SELF]}
    return xframe_options_sameorigin(csp_override(policy)(view))


def take_in_bulk(model_admin, request, items, name, take):
    """Take a step for each item on its own, and say what was done and what was refused."""
    step, done, refused = workflow.STEPS[name], 0, []
    for item in items:
        try:
            take(item)
        except (PermissionDenied, workflow.WorkflowError) as error:
            refused.append(
                _("“%(item)s”: %(error)s")
                % {"item": getattr(item, "article", item), "error": error}
            )
        else:
            done += 1
    if done:
        said = ngettext("%(done)s %(count)d article.", "%(done)s %(count)d articles.", done)
        model_admin.message_user(
            request, said % {"done": step.done, "count": done}, messages.SUCCESS
        )
    for reason in refused:
        model_admin.message_user(
            request,
            _("%(step)s, refused for %(reason)s") % {"step": step.label, "reason": reason},
            messages.ERROR,
        )


# How many of the library's pictures the body editor's chooser lists at once.
IMAGE_CHOICES = 24

# What the change form's list of the story's language versions reads of each.
STORY_FIELDS = [
    "language",
    "headline",
    "translation_of",
    "translated_revision",
    "status",
    "published_at",
    "unpublish_at",
    "submitted_at",
    "revision",
    "live_revision",
]


def _rendered(field):
    return "rendered_body" if field == "body" else field


class BylineInline(CheckedKeysMixin, admin.TabularInline):
    model = ArticleAuthor
    form = OrderedLinkForm
    formset = BylineFormSet
    extra = 0
    autocomplete_fields = ["person"]
    verbose_name_plural = gettext_lazy("bylines (in the order printed)")

    def get_extra(self, request, obj=None, **kwargs):
        # A new article offers its writer's own byline (ArticleAdmin.get_formset_kwargs).
        return int(obj is None and Person.objects.of_user(request.user) is not None)


class DocumentInline(CheckedKeysMixin, admin.TabularInline):
    model = ArticleDocument
    form = OrderedLinkForm
    formset = DocumentFormSet
    extra = 0
    autocomplete_fields = ["document"]
    verbose_name_plural = gettext_lazy("documents to download (in the order listed)")


class StateFilter(admin.SimpleListFilter):
    """Where articles stand, as the lifecycle declares it (articles.workflow.STATES)."""

    title = gettext_lazy("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        states = [(state.key, state.label) for state in workflow.STATES]
        published = _("Published, %(edit)s")
        return states + [(edit.key, published % {"edit": edit.label}) for edit in workflow.EDITS]

    def queryset(self, request, queryset):
        for state in [*workflow.STATES, *workflow.EDITS]:
            if self.value() == state.key:
                return queryset.filter(state.where(timezone.now()))
        return queryset


class LanguageFilter(admin.SimpleListFilter):
    """The articles of one edition (settings.LANGUAGES)."""

    title = gettext_lazy("language")
    parameter_name = "language"

    def lookups(self, request, model_admin):
        return [(code, language_name(code)) for code, _ in settings.LANGUAGES]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(language=self.value())
        return queryset


class TranslationFilter(admin.SimpleListFilter):
    """Originals, translations, and the translations older than their original."""

    title = gettext_lazy("translation")
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        return [
            ("original", _("Originals")),
            ("translation", _("Translations")),
            ("out_of_date", _("Translations out of date")),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "original":
                return queryset.filter(translation_of__isnull=True)
            case "translation":
                return queryset.filter(translation_of__isnull=False)
            case "out_of_date":
                return queryset.out_of_date()
        return queryset


class ByMeFilter(admin.SimpleListFilter):
    """The articles of the person looking: written by them, submitted by them, or sent
    back to them."""

    # Shown as "By me". Translators: the admin's "By %(filter_title)s" holds it.
    title = pgettext_lazy("list filter: by me", "me")
    parameter_name = "by_me"

    def lookups(self, request, model_admin):
        return [
            ("created", _("Created by me")),
            ("submitted", _("Submitted by me, in review")),
            ("sent_back", _("Sent back to me")),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "created":
                return queryset.filter(created_by=request.user)
            case "submitted":
                return queryset.filter(submitted_by=request.user)
            case "sent_back":
                return queryset.sent_back_to(request.user)
        return queryset


def change_url(article) -> str:
    """The admin page that edits `article`: a page's is the pages' admin."""
    model_name = "page" if article.kind == Article.Kind.PAGE else "article"
    return reverse(f"admin:articles_{model_name}_change", args=[article.pk])


@admin.register(Article)
class ArticleAdmin(TaggedAdmin):
    """Stories. Their lifecycle's pages (steps, versions, previews, share links,
    translations) serve pages too: PageAdmin sends them here."""

    # What this admin lists and edits; the other kind is the other admin's.
    kind = Article.Kind.STORY
    form = ArticleForm
    # The headline takes the room (newsroom.css).
    list_display = ["headline", "edition", "state", "author", "last_change", "publish_time"]
    list_select_related = ["created_by"]
    list_filter = [
        ByMeFilter,
        StateFilter,
        LanguageFilter,
        TranslationFilter,
        "topics",
        "regions",
        "dateline",
    ]
    search_fields = ["headline", "standfirst"]
    # published_at is indexed, dateline is not: at 100,000 articles that is 30 ms against 130.
    date_hierarchy = "published_at"
    # No full-table COUNT on every page view; see EstimatedCountPaginator.
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    # Chosen from the library, or uploaded there through the "+" beside them.
    image_fields = ["hero_image", "social_image"]
    autocomplete_fields = [*(kind.name for kind in LINK_KINDS), *image_fields]
    prepopulated_fields = {"slug": ["headline"]}
    inlines = [BylineInline, DocumentInline]
    actions = [
        "submit_selected",
        "publish_selected",
        "unpublish_selected",
    ]
    # Laid out for writing (change_form.html): the text, then the people beside the
    # bylines, in a wide column; what it is tagged with and linked to, its address, image
    # and version note in a side column.
    fieldsets = [
        (None, {"fields": ["headline", "standfirst", "body"], "classes": ["article-text"]}),
        (
            gettext_lazy("People in the story"),
            {"fields": ["people"], "classes": ["article-people"]},
        ),
        (
            gettext_lazy("Topics, regions and links"),
            {
                "fields": [
                    "topics",
                    "regions",
                    *(kind.name for kind in LINK_KINDS if kind.name != "people"),
                ],
                "classes": ["article-side"],
            },
        ),
        (
            gettext_lazy("Language, address, date and credit"),
            {"fields": ["language", "slug", "dateline", "byline"], "classes": ["article-side"]},
        ),
        (
            gettext_lazy("Pictures"),
            {"fields": image_fields, "classes": ["article-side"]},
        ),
        (
            gettext_lazy("Search and social"),
            {
                "fields": [
                    "meta_title",
                    "meta_description",
                    "noindex",
                    "canonical_url",
                    "search_previews",
                ],
                "classes": ["article-text", "collapse", "search-social"],
            },
        ),
        (
            gettext_lazy("This version"),
            {"fields": ["version_note", "edited_revision"], "classes": ["article-side"]},
        ),
    ]

    readonly_fields = ["search_previews"]

    class Media:
        css = {"all": ["admin/css/newsroom.css"]}
        js = ["admin/js/article_form.js", "admin/js/search_preview.js"]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and workflow.can_edit(request.user, obj)

    def has_publish_permission(self, request):
        return workflow.can_publish(request.user)

    def get_queryset(self, request):
        # For the list's "out of date": the original's live version, joined, not read per row.
        return (
            super()
            .get_queryset(request)
            .filter(kind=self.kind)
            .annotate(original_live_revision=F("translation_of__live_revision"))
        )

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if obj is not None and obj.status == Article.Status.PUBLISHED:
            # Published, its address is in its edition (articles.workflow.save_edit).
            return [*readonly, "language"]
        return readonly

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "language":
            # Offered: the editions the user writes in (articles.workflow.languages_of).
            theirs = workflow.languages_of(request.user)
            names = [language_name(code) for code in theirs]
            kwargs["choices"] = list(zip(theirs, names, strict=True))
            kwargs["error_messages"] = {
                "invalid_choice": _("You may write only in %(languages)s.")
                % {"languages": ", ".join(names)}
            }
            if theirs and settings.LANGUAGE_CODE not in theirs:
                kwargs["initial"] = theirs[0]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        # Who may not edit it (a writer while it is in review) reads the story as readers
        # will, not as HTML source.
        return [
            (name, {**options, "fields": [_rendered(field) for field in options["fields"]]})
            for name, options in fieldsets
        ]

    @admin.display(description=gettext_lazy("body"))
    def rendered_body(self, article):
        # As on the public page: sanitised on save, the library's pictures in place.
        return body.expand(article.body)

    @admin.display(description=gettext_lazy("previews"))
    def search_previews(self, article):
        return previews.search_and_social(article)

    @admin.display(description=gettext_lazy("language"), ordering="language")
    def edition(self, article):
        name = language_name(article.language)
        if article.translation_of_id is None:
            return name
        if article.is_behind(article.original_live_revision):
            return _("%(language)s, translation out of date") % {"language": name}
        return _("%(language)s, translation") % {"language": name}

    @admin.display(description=gettext_lazy("state"))
    def state(self, article):
        # Words, not a yes/no icon: a red cross on every article but one reads as an error.
        return article.state

    @admin.display(description=gettext_lazy("author"), ordering="created_by__username")
    def author(self, article):
        user = article.created_by
        return user and (user.get_full_name() or user.get_username())

    @admin.display(description=gettext_lazy("last change"), ordering="updated_at")
    def last_change(self, article):
        return article.updated_at

    @admin.display(description=gettext_lazy("publish time"), ordering="published_at")
    def publish_time(self, article):
        return article.published_at

    # Saving: every save is a version (articles.workflow.save_edit); a live article's row
    # waits for the next publish.

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if object_id and "_saveasnew" in request.POST:
            # A copy carries the original's text: only who may edit it may copy it.
            original = self.get_object(request, object_id)
            if original is not None and not self.has_change_permission(request, original):
                self.message_user(
                    request, _("You may copy only the articles you may edit."), messages.ERROR
                )
                return self._back_to(original)
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except versions.EditConflict:
            # Someone saved between our check and our write: run again, and the form's
            # own check now shows the conflict with everything this user typed.
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        """Nothing yet: the article is saved with its links, as one version, below."""

    def save_related(self, request, form, formsets, change):
        article = form.instance
        # A page's form has no links: it keeps none.
        links = {
            name: sorted(obj.pk for obj in form.cleaned_data.get(name, ())) for name in LINK_FIELDS
        }
        for formset in formsets:
            links[formset.link] = [obj.pk for obj in formset.linked()]
        note = form.cleaned_data.get("version_note", "")
        if change:
            editing = form.cleaned_data["edited_revision"] or 0
            workflow.save_edit(
                article, by=request.user, links=links, editing=editing, comment=note
            )
        else:
            workflow.create_draft(article, by=request.user, links=links, comment=note)
        if article.kind == Article.Kind.STORY:
            # What the text mentions and the story does not link yet, for an editor to decide.
            suggestions.offer_for(article, links)
        # Saved: what was kept of the typing is in the version now.
        Autosave.objects.of(request.user, article if change else None).delete()

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if obj.pk is None and request.method == "GET":
            # Posted, the row counts as typed in (it differs from no initial), so it saves.
            if person := Person.objects.of_user(request.user):
                kwargs["initial"] = [{"person": person, "position": 0}]
        return kwargs

    def construct_change_message(self, request, form, formsets, add=False):
        # The bylines went into the version, not through their formset: the version
        # history says what changed in them.
        return super().construct_change_message(request, form, [], add)

    def response_add(self, request, obj, post_url_continue=None):
        # A new article's next step (submitting it) is on its own page: stay there.
        if "_addanother" not in request.POST and "_popup" not in request.POST:
            request.POST = request.POST.copy()
            request.POST["_continue"] = "1"
        self._submit_if_asked(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        submitted = self._submit_if_asked(request, obj)
        if not submitted and workflow.STEPS["correct"].applies(obj, request.user):
            self.message_user(
                request,
                _(
                    "Saved as a new version. Readers still see the published text until you "
                    "publish this one as a correction, or another editor publishes it."
                ),
                messages.INFO,
            )
        elif not submitted and obj.status == Article.Status.PUBLISHED:
            self.message_user(
                request,
                _(
                    "Saved as a new version. Readers still see the published text until an "
                    "editor publishes this one."
                ),
                messages.INFO,
            )
        if "_submit" in request.POST:
            request.POST = request.POST.copy()
            request.POST["_continue"] = "1"
        return super().response_change(request, obj)

    def _submit_if_asked(self, request, article) -> bool:
        """Submit the article just saved when its form's "Save and submit" was pressed;
        say why not when the lifecycle refuses. Return whether it was submitted."""
        if "_submit" not in request.POST:
            return False
        try:
            workflow.submit(article, by=request.user)
        except (PermissionDenied, workflow.WorkflowError) as error:
            self.message_user(
                request,
                _("Saved, not submitted for review: %(error)s") % {"error": error},
                messages.ERROR,
            )
            return False
        article.refresh_from_db()
        self.message_user(
            request,
            _("“%(article)s” is now %(state)s.")
            % {"article": article, "state": article.state.lower()},
        )
        return True

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if self.has_change_permission(request, obj) if obj else self.has_add_permission(request):
            context["autosave_url"] = (
                reverse("admin:articles_article_autosave", args=[obj.pk])
                if obj
                else reverse("admin:articles_article_autosave_new")
            )
            context["submit_on_save"] = workflow.submit_applies_on_save(request.user, obj)
            if request.method == "GET":
                context["autosave"] = self._restorable(Autosave.objects.offered(request.user, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _restorable(self, autosave):
        """What the form's script needs to put an autosave back: its values, and the names
        of the people, topics and so on it picked (the pickers show names, not ids)."""
        if autosave is None:
            return None
        picked = {}  # field name: the model it picks from
        for name in autosave.fields:
            if BYLINE_PERSON.fullmatch(name):
                picked[name] = Person
            elif name in LINK_FIELDS:
                picked[name] = self.model._meta.get_field(name).related_model
        names = {}  # model: {id: name}, one query per model
        for model in set(picked.values()):
            pks = {
                pk
                for name, fields_model in picked.items()
                if fields_model is model
                for pk in autosave.fields[name]
                if is_key(model._meta.pk, pk)
            }
            names[model] = {str(obj.pk): str(obj) for obj in model.objects.filter(pk__in=pks)}
        return {
            "time": timezone.localtime(autosave.saved_at).strftime("%H:%M"),
            "started_from": autosave.started_from,
            "fields": autosave.fields,
            "labels": {name: names[model] for name, model in picked.items()},
        }

    # The change form shows where the article stands and the steps open to this user.

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        if article is None and is_key(Article._meta.pk, object_id):
            # The review queue, the desk and the log link every article here.
            other = Article.objects.filter(pk=object_id).exclude(kind=self.kind).first()
            if other is not None:
                return redirect(change_url(other))
        if article is not None:
            extra_context = {
                **(extra_context or {}),
                "article_state": article.state,
                "workflow_steps": [
                    (
                        step.label,
                        reverse("admin:articles_article_workflow", args=[article.pk, step.name]),
                    )
                    for step in workflow.steps_open_to(request.user, article)
                ],
                "can_share": workflow.STEPS["share"].applies(article, request.user),
                "share_links": self._share_links(request, article),
                "last_sent_back": self._unanswered_send_back(article),
                **self._story(request, article),
                **self._suggested_links(request, article),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def _story(self, request, article):
        """The story's other language versions, each with its language, state and whether
        it is out of date; whether this one is, and what this user may do about it: mark
        it up to date, translate the story into a language it lacks."""
        story = list(Article.objects.story_of(article).only(*STORY_FIELDS))
        original = next(version for version in story if version.translation_of_id is None)
        editions = [code for code, _ in settings.LANGUAGES]
        # The original first, then in the order of the editions (one no longer enabled last).
        order = {code: place for place, code in enumerate(editions)}
        story.sort(
            key=lambda v: (v.translation_of_id is not None, order.get(v.language, len(order)))
        )
        live = original.live_revision
        languages = {version.language for version in story}
        return {
            "story": [
                (version, language_name(version.language), version.is_behind(live))
                for version in story
                if version.pk != article.pk
            ],
            "story_original": original,
            "behind_original": article.is_behind(live),
            "can_bring_up_to_date": workflow.STEPS["bring_up_to_date"].applies(
                article, request.user, original=original
            ),
            "translate_into": [
                (code, language_name(code))
                for code in editions
                if code not in languages
                and workflow.STEPS["translate"].applies(
                    article, request.user, language=code, story_languages=languages
                )
            ],
        }

    def _suggested_links(self, request, article):
        """The links the linker suggests and nobody has decided on, by kind, each with its
        entity's admin page, the other words naming it and the first in context; whether
        this user may decide."""
        offered = {kind: [] for kind in LINKED_BY}
        for suggestion in suggestions.listed(article):
            model_name = suggestion.entity._meta.model_name
            url = reverse(f"admin:articles_{model_name}_change", args=[suggestion.object_id])
            # The words besides its name: "Lavrov", "Russian Foreign Minister".
            words = [word for word in suggestion.words if word != str(suggestion.entity)]
            offered[suggestion.kind].append(
                (suggestion, url, words, suggestions.highlighted(suggestion.context))
            )
        return {
            "suggested_links": [
                (LINKED_BY[kind][1]._meta.verbose_name_plural, rows)
                for kind, rows in offered.items()
                if rows
            ],
            "can_decide_suggestions": workflow.STEPS["save"].applies(article, request.user),
        }

    def _share_links(self, request, article):
        """Every link to the article, whether it works, its address, and whether this
        user may revoke it (a link that no longer works needs no revoking)."""
        now = timezone.now()
        links = []
        for link in ShareLink.objects.of(article):
            status = link.status(now)
            url = request.build_absolute_uri(
                reverse("articles:shared_preview", args=[article.pk, link.token])
            )
            revocable = status == ShareLink.ACTIVE and workflow.STEPS["revoke"].applies(
                article, request.user, link=link
            )
            links.append((link, status, url, revocable))
        return links

    def _unanswered_send_back(self, article):
        """The editor's last send-back, until the article is submitted again."""
        Action = ArticleLogEntry.Action
        last = (
            article.log.filter(action__in=[Action.SUBMITTED, Action.SENT_BACK])
            .select_related("user")
            .first()
        )
        return last if last and last.action == Action.SENT_BACK else None

    def history_view(self, request, object_id, extra_context=None):
        article = self.get_object(request, object_id)
        if article is not None:
            extra_context = {
                **(extra_context or {}),
                "workflow_log": article.log.select_related("user"),
            }
        return super().history_view(request, object_id, extra_context)

    # Autosave: what someone types is kept every few seconds, for them alone and never as
    # a version, so that a crash, a closed tab or another editor's save loses nothing.

    def autosave_view(self, request, pk=None):
        article = None
        if pk is not None:
            article = get_object_or_404(Article, pk=pk)
            if not self.has_change_permission(request, article):
                refusal = workflow.STEPS["save"].refusal(article, request.user)
                return JsonResponse(
                    {"error": _("Not kept: %(why)s") % {"why": refusal}}, status=403
                )
        elif not self.has_add_permission(request):
            return JsonResponse({"error": _("Not kept: you may not write articles.")}, status=403)
        if request.method == "DELETE":
            Autosave.objects.of(request.user, article).delete()
            return JsonResponse({"discarded": True})
        if request.method != "POST":
            return JsonResponse({"error": "POST the form's fields, or DELETE them."}, status=405)
        try:
            payload = json.loads(request.body)
        except ValueError as error:
            return JsonResponse(
                {"error": _("Not kept: that is not JSON (%(error)s).") % {"error": error}},
                status=400,
            )
        form = AutosaveForm(payload if isinstance(payload, dict) else {})
        if not form.is_valid():
            problems = "; ".join(
                f"{name}: {' '.join(errors)}" for name, errors in form.errors.items()
            )
            return JsonResponse({"error": _("Not kept: %(why)s") % {"why": problems}}, status=400)
        autosave = Autosave.objects.keep(
            request.user, article, form.cleaned_data["fields"], form.cleaned_data["started_from"]
        )
        return JsonResponse(
            {"saved_at": timezone.localtime(autosave.saved_at).strftime("%H:%M:%S")}
        )

    def embed_view(self, request):
        """Say what the body stores for a post's address: the markup of its embed, or why
        there is none (an address off the allowlist, a provider that does not answer)."""
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            return JsonResponse({"error": _("You may not write articles.")}, status=403)
        try:
            embed = embeds.resolve(request.GET.get("url", ""))
        except embeds.EmbedError as error:
            status = 502 if isinstance(error, embeds.Unreachable) else 400
            return JsonResponse({"error": str(error)}, status=status)
        return JsonResponse({"html": embed.html(), "title": embed.title})

    def images_view(self, request):
        """The library's pictures the body editor offers: the newest matching `q` (as the
        library's own search finds them), or those of `ids`, with a thumbnail of each."""
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            return JsonResponse({"error": _("You may not write articles.")}, status=403)
        pictures = Image.objects.all()
        if ids := request.GET.get("ids"):
            pictures = pictures.filter(pk__in=[pk for pk in ids.split(",") if pk.isdecimal()])
        else:
            library = self.admin_site.get_model_admin(Image)
            pictures, _duplicates = library.get_search_results(
                request, pictures, request.GET.get("q", "")
            )
        return JsonResponse(
            {
                "images": [
                    {
                        "id": image.pk,
                        "label": str(image),
                        "alt": image.alt,
                        "thumbnail": image.fallback("square")["url"],
                    }
                    for image in pictures[:IMAGE_CHOICES]
                ]
            }
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("embed/", view(self.embed_view), name="articles_article_embed"),
            path("images/", view(self.images_view), name="articles_article_images"),
            path("autosave/", view(self.autosave_view), name="articles_article_autosave_new"),
            path("<int:pk>/autosave/", view(self.autosave_view), name="articles_article_autosave"),
            path(
                "<int:pk>/workflow/<str:action>/",
                view(self.workflow_view),
                name="articles_article_workflow",
            ),
            path("<int:pk>/versions/", view(self.versions_view), name="articles_article_versions"),
            path(
                "<int:pk>/versions/<int:number>/preview/",
                view(framed_by_our_pages(self.preview_view)),
                name="articles_article_preview",
            ),
            path(
                "<int:pk>/versions/<int:number>/restore/",
                view(self.restore_view),
                name="articles_article_restore",
            ),
            path("<int:pk>/share/", view(self.share_view), name="articles_article_share"),
            path(
                "<int:pk>/translate/<str:language>/",
                view(self.translate_view),
                name="articles_article_translate",
            ),
            path(
                "<int:pk>/suggestions/",
                view(self.suggestions_view),
                name="articles_article_suggestions",
            ),
            path(
                "<int:pk>/up-to-date/",
                view(self.bring_up_to_date_view),
                name="articles_article_bring_up_to_date",
            ),
            path(
                "<int:pk>/share/<int:link_pk>/revoke/",
                view(self.revoke_view),
                name="articles_article_revoke",
            ),
            *calendar.urls(self),
            *super().get_urls(),
        ]

    def _article(self, request, pk):
        """The article, for who may see it; what they may do to it, each step says."""
        article = get_object_or_404(Article, pk=pk)
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        return article

    def _back_to(self, article):
        return redirect(change_url(article))

    def workflow_view(self, request, pk, action):
        step = workflow.STEPS.get(action)
        if step is None or not step.button:
            raise Http404
        article = self._article(request, pk)
        if refusal := step.refusal(article, request.user):
            self.message_user(
                request,
                _("%(step)s: %(why)s") % {"step": step.label, "why": refusal},
                messages.ERROR,
            )
            return self._back_to(article)
        if action == "publish":
            return self.publish_view(request, article)
        form = TransitionForm(request.POST or None, action=action, user=request.user)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                match action:
                    case "submit":
                        workflow.submit(
                            article,
                            by=request.user,
                            assign_to=data["assign_to"],
                            comment=data["comment"],
                        )
                    case "send_back":
                        workflow.send_back(article, by=request.user, comment=data["comment"])
                    case "unpublish":
                        workflow.unpublish(article, by=request.user, comment=data["comment"])
                    case "correct":
                        workflow.correct(article, by=request.user, comment=data["comment"])
                    case "withdraw":
                        workflow.withdraw(article, by=request.user, comment=data["comment"])
            except (PermissionDenied, workflow.WorkflowError) as error:
                form.add_error(None, str(error))
            else:
                article.refresh_from_db()
                self.message_user(
                    request,
                    _("“%(article)s” is now %(state)s.")
                    % {"article": article, "state": article.state.lower()},
                )
                return self._back_to(article)
        return self._step_page(request, article, step, form)

    def publish_view(self, request, article):
        """Publish now or schedule, looking at the version that goes up beside the live one."""
        # A story's or a page's: whether readers see it now, by the lifecycle's own state.
        live = workflow.is_live(article)
        form = PublishForm(request.POST or None, article=article, user=request.user, live=live)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                workflow.publish(
                    article,
                    by=request.user,
                    at=form.publish_time(),
                    until=data["unpublish_at"],
                    comment=data["comment"],
                    override=data.get("override", False),
                    correction=data.get("correction", ""),
                )
            except (PermissionDenied, workflow.WorkflowError) as error:
                form.add_error(None, str(error))
            else:
                article.refresh_from_db()
                self.message_user(request, self._published_message(article), messages.SUCCESS)
                return self._back_to(article)
        return self._step_page(
            request,
            article,
            workflow.STEPS["publish"],
            form,
            template="admin/articles/article/publish.html",
            time_zone=timezone.get_current_timezone_name(),
            scheduled_for=(
                newsroom_time(article.published_at)
                if article.status == Article.Status.PUBLISHED
                and article.published_at > timezone.now()
                else None
            ),
            preview_url=reverse(
                "admin:articles_article_preview", args=[article.pk, article.revision]
            ),
            # Side by side when readers see another version now.
            live_url=(
                reverse("admin:articles_article_preview", args=[article.pk, article.live_revision])
                if live and article.has_unpublished_changes
                else None
            ),
        )

    def _published_message(self, article):
        until = (
            _(", until %(time)s") % {"time": newsroom_time(article.unpublish_at)}
            if article.unpublish_at
            else ""
        )
        if article.published_at > timezone.now():
            return _("“%(article)s” is now scheduled for %(time)s%(until)s.") % {
                "article": article,
                "time": newsroom_time(article.published_at),
                "until": until,
            }
        return format_html(
            _('“{article}” is now published{until}: <a href="{url}">read it on the site</a>.'),
            article=article,
            until=until,
            url=article.get_absolute_url(),
        )

    def _step_page(self, request, article, step, form, *, template=None, **extra):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": _("%(step)s: %(article)s") % {"step": step.label, "article": article},
            "form": form,
            "media": self.media + form.media,
            "action_label": step.label,
            **extra,
        }
        return TemplateResponse(
            request, template or "admin/articles/article/workflow.html", context
        )

    def versions_view(self, request, pk):
        article = self._article(request, pk)
        all_versions = list(article.versions.select_related("created_by"))
        for version, previous in zip(all_versions, [*all_versions[1:], None], strict=True):
            version.changed = versions.changed_labels(
                previous.content if previous else {}, version.content
            )
        by_number = {version.number: version for version in all_versions}
        compared = None
        try:
            a, b = int(request.GET["a"]), int(request.GET["b"])
        except (KeyError, ValueError):
            pass
        else:
            if a in by_number and b in by_number:
                old, new = sorted([by_number[a], by_number[b]], key=lambda v: v.number)
                compared = (old, new, versions.changes(old.content, new.content))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": _("Versions of “%(article)s”") % {"article": article},
            "versions": all_versions,
            "compared": compared,
            "can_restore": self.has_change_permission(request, article),
        }
        return TemplateResponse(request, "admin/articles/article/versions.html", context)

    def preview_view(self, request, pk, number):
        article = self._article(request, pk)
        version = get_object_or_404(article.versions, number=number)
        return render_article(request, *versions.preview_article(version), preview=version)

    def restore_view(self, request, pk, number):
        if request.method != "POST":
            return redirect("admin:articles_article_versions", pk)
        article = self._article(request, pk)
        version = get_object_or_404(article.versions, number=number)
        try:
            restored = workflow.restore(article, version, by=request.user)
        except (PermissionDenied, workflow.WorkflowError) as error:
            self.message_user(
                request, _("Not restored: %(error)s") % {"error": error}, messages.ERROR
            )
            return redirect("admin:articles_article_versions", pk)
        self.message_user(
            request,
            _("Version %(number)s restored as version %(new)s.")
            % {"number": number, "new": restored.number},
            messages.SUCCESS,
        )
        return self._back_to(article)

    def share_view(self, request, pk):
        article = self._article(request, pk)
        if request.method != "POST":
            return self._back_to(article)
        try:
            link = workflow.share(
                article, by=request.user, follows_newest="follows_newest" in request.POST
            )
        except (PermissionDenied, workflow.WorkflowError) as error:
            self.message_user(
                request, _("No share link made: %(error)s") % {"error": error}, messages.ERROR
            )
            return self._back_to(article)
        url = request.build_absolute_uri(
            reverse("articles:shared_preview", args=[article.pk, link.token])
        )
        self.message_user(
            request,
            format_html(_('Share link, valid for 7 days: <a href="{url}">{url}</a>'), url=url),
            messages.SUCCESS,
        )
        return self._back_to(article)

    def revoke_view(self, request, pk, link_pk):
        article = self._article(request, pk)
        link = get_object_or_404(ShareLink, pk=link_pk, version__article=article)
        if request.method == "POST":
            try:
                workflow.revoke(link, by=request.user)
            except (PermissionDenied, workflow.WorkflowError) as error:
                self.message_user(
                    request, _("Not revoked: %(error)s") % {"error": error}, messages.ERROR
                )
            else:
                self.message_user(request, _("Share link revoked."), messages.SUCCESS)
        return self._back_to(article)

    def translate_view(self, request, pk, language):
        source = self._article(request, pk)
        if request.method != "POST":
            return self._back_to(source)
        try:
            draft = workflow.translate(source, language, by=request.user)
        except (PermissionDenied, workflow.WorkflowError) as error:
            self.message_user(
                request, _("Not translated: %(error)s") % {"error": error}, messages.ERROR
            )
            return self._back_to(source)
        # Stored, like the workflow's log: in the newsroom's default language.
        with override(settings.LANGUAGE_CODE):
            message = _("Translated from “%(headline)s”.") % {"headline": source}
        self.log_addition(request, draft, message)
        self.message_user(
            request,
            _(
                "This %(language)s draft is prefilled from the %(source_language)s "
                "“%(headline)s”: translate it, then submit it for review."
            )
            % {
                "language": language_name(language),
                "source_language": language_name(source.language),
                "headline": source,
            },
            messages.SUCCESS,
        )
        return self._back_to(draft)

    def suggestions_view(self, request, pk):
        """Accept or dismiss suggested links: one ("accept" or "dismiss" holds its id) or
        every one the page showed ("all"; "shown" holds their ids)."""
        article = self._article(request, pk)
        if request.method != "POST":
            return self._back_to(article)
        decision = "accept" if "accept" in request.POST else "dismiss"
        chosen = request.POST.get(decision, "")
        ids = request.POST.getlist("shown") if chosen == "all" else [chosen]
        ids = [key for key in ids if key and is_key(Suggestion._meta.pk, key)]
        editing = request.POST.get("revision", "")
        if decision == "accept" and not (editing.isascii() and editing.isdigit()):
            self.message_user(
                request, _("Nothing linked: the page did not say its version."), messages.ERROR
            )
            return self._back_to(article)
        try:
            if decision == "accept":
                decided = suggestions.accept(
                    article, by=request.user, editing=int(editing), only=ids
                )
            else:
                decided = suggestions.dismiss(article, by=request.user, only=ids)
        except versions.EditConflict as error:
            self.message_user(
                request,
                _("Nothing linked: %(error)s Look at the article and its suggestions again.")
                % {"error": error},
                messages.ERROR,
            )
        except (PermissionDenied, workflow.WorkflowError) as error:
            refused = (
                _("Nothing linked: %(error)s")
                if decision == "accept"
                else _("Nothing dismissed: %(error)s")
            )
            self.message_user(request, refused % {"error": error}, messages.ERROR)
        else:
            self._say_decided(request, decision, decided)
        return self._back_to(article)

    def _say_decided(self, request, decision, decided):
        if not decided:
            self.message_user(
                request, _("Those suggestions are no longer offered."), messages.WARNING
            )
            return
        names = ", ".join(str(suggestion.entity) for suggestion in decided)
        if decision == "accept":
            said = ngettext(
                "Linked %(count)d suggestion: %(names)s.",
                "Linked %(count)d suggestions: %(names)s.",
                len(decided),
            )
        else:
            said = ngettext(
                "Dismissed %(count)d suggestion: %(names)s.",
                "Dismissed %(count)d suggestions: %(names)s.",
                len(decided),
            )
        self.message_user(
            request, said % {"count": len(decided), "names": names}, messages.SUCCESS
        )

    def bring_up_to_date_view(self, request, pk):
        translation = self._article(request, pk)
        if request.method == "POST":
            try:
                workflow.bring_up_to_date(translation, by=request.user)
            except (PermissionDenied, workflow.WorkflowError) as error:
                self.message_user(
                    request,
                    _("Not marked up to date: %(error)s") % {"error": error},
                    messages.ERROR,
                )
            else:
                self.message_user(
                    request, _("Marked up to date with the original."), messages.SUCCESS
                )
        return self._back_to(translation)

    # Bulk actions run the same workflow steps, one article at a time.

    def _bulk(self, request, queryset, name):
        take = getattr(workflow, name)
        take_in_bulk(self, request, queryset, name, lambda article: take(article, by=request.user))

    @admin.action(description=gettext_lazy("Submit selected articles for review"))
    def submit_selected(self, request, queryset):
        self._bulk(request, queryset, "submit")

    @admin.action(description=gettext_lazy("Publish selected articles"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._bulk(request, queryset, "publish")

    @admin.action(description=gettext_lazy("Unpublish selected articles"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        self._bulk(request, queryset, "unpublish")


@admin.register(Page)
class PageAdmin(ArticleAdmin):
    """Pages (About, Contacts): written, versioned, reviewed and published as stories are,
    with the text, picture and address alone. Readers find them through the menus."""

    kind = Article.Kind.PAGE
    form = PageForm
    list_display = ["headline", "edition", "state", "address", "last_change"]
    list_filter = [StateFilter, LanguageFilter, TranslationFilter]
    date_hierarchy = None
    autocomplete_fields = []
    inlines = []
    actions = ["submit_selected", "publish_selected", "unpublish_selected"]
    fieldsets = [
        (None, {"fields": ["headline", "standfirst", "body"], "classes": ["article-text"]}),
        (
            gettext_lazy("Language and address"),
            {"fields": ["language", "slug"], "classes": ["article-side"]},
        ),
        (
            gettext_lazy("Picture"),
            {
                "fields": ["hero_image"],
                "classes": ["article-side"],
            },
        ),
        (
            gettext_lazy("This version"),
            {"fields": ["version_note", "edited_revision"], "classes": ["article-side"]},
        ),
    ]
    # The stories' templates: the same lifecycle panel, versions and previews.
    change_form_template = "admin/articles/article/change_form.html"
    object_history_template = "admin/articles/article/object_history.html"
    delete_confirmation_template = "admin/articles/article/delete_confirmation.html"

    def get_urls(self):
        # The lifecycle's own pages are the article admin's, which serve pages too.
        return super(ArticleAdmin, self).get_urls()

    @admin.display(description=gettext_lazy("address"))
    def address(self, page):
        return page.get_absolute_url()


class AwaitingMeFilter(admin.SimpleListFilter):
    """The submissions the person looking may decide on: others', for them or for anyone."""

    # Shown as "By me". Translators: the admin's "By %(filter_title)s" holds it.
    title = pgettext_lazy("list filter: by me", "me")
    parameter_name = "by_me"

    def lookups(self, request, model_admin):
        return [("review", _("Awaiting my review"))]

    def queryset(self, request, queryset):
        if self.value() == "review":
            return queryset.awaiting_review_by(request.user)
        return queryset


@admin.register(Submission)
class SubmissionAdmin(WorkListAdmin):
    """The review queue: what awaits an editor, oldest first."""

    list_display = [
        "article_link",
        "submitted_by",
        "submitted_at",
        "assigned_to",
        "state",
        "preview",
    ]
    list_select_related = ["submitted_by", "assigned_to"]
    list_filter = [AwaitingMeFilter, "assigned_to"]
    ordering = ["submitted_at"]
    search_fields = ["headline"]
    list_display_links = None

    class Media:
        css = {"all": ["admin/css/newsroom.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).awaiting_review()

    def get_list_display(self, request):
        return [*super().get_list_display(request), decisions_for(request.user)]

    @admin.display(description=gettext_lazy("headline"), ordering="headline")
    def article_link(self, submission):
        url = reverse("admin:articles_article_change", args=[submission.pk])
        return format_html('<a href="{}">{}</a>', url, submission.headline)

    @admin.display(description=gettext_lazy("preview"))
    def preview(self, submission):
        url = reverse("admin:articles_article_preview", args=[submission.pk, submission.revision])
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}{}</a>',
            url,
            _("Preview"),
            _naming(submission),
        )


def _naming(submission):
    """Say which submission a row's link acts on, for those who hear the page read out."""
    return format_html('<span class="visually-hidden"> “{}”</span>', submission.headline)


# What the review queue offers on each submission, each step only where it applies.
QUEUE_STEPS = ["send_back", "publish"]


def decisions_for(user):
    """Return the review queue's column of the steps `user` may take on each submission."""

    @admin.display(description=gettext_lazy("decide"))
    def decide(submission):
        offered = [
            (
                reverse("admin:articles_article_workflow", args=[submission.pk, name]),
                workflow.STEPS[name].label,
                _naming(submission),
            )
            for name in QUEUE_STEPS
            if workflow.STEPS[name].applies(submission, user)
        ]
        return format_html(
            '<span class="queue-steps">{}</span>',
            format_html_join("", '<a class="button" href="{}">{}{}</a>', offered),
        )

    return decide


class ReviewedFilter(admin.SimpleListFilter):
    title = gettext_lazy("reviewed")
    parameter_name = "reviewed"

    def lookups(self, request, model_admin):
        return [("no", _("Awaiting review")), ("yes", _("Reviewed"))]

    def queryset(self, request, queryset):
        if self.value() in {"no", "yes"}:
            return queryset.filter(reviewed_at__isnull=self.value() == "no")
        return queryset


@admin.register(Correction)
class CorrectionAdmin(WorkListAdmin):
    """Corrections editors published on their own, for a second editor to review after."""

    list_display = ["article_link", "note", "corrected_by", "corrected_at", "diff", "review"]
    list_select_related = ["article", "version", "replaced", "corrected_by", "reviewed_by"]
    list_filter = [ReviewedFilter, "corrected_by"]
    search_fields = ["article__headline", "note"]
    list_display_links = None
    actions = ["mark_reviewed"]

    @admin.display(description=gettext_lazy("article"), ordering="article__headline")
    def article_link(self, correction):
        url = reverse("admin:articles_article_change", args=[correction.article_id])
        return format_html('<a href="{}">{}</a>', url, correction.article.headline)

    @admin.display(description=gettext_lazy("what changed"))
    def diff(self, correction):
        before = correction.replaced.content if correction.replaced else {}
        changed = versions.changed_labels(before, correction.version.content)
        if correction.replaced is None:
            return ", ".join(changed)
        url = reverse("admin:articles_article_versions", args=[correction.article_id])
        query = f"?a={correction.replaced.number}&b={correction.version.number}"
        return format_html(
            '{} (<a href="{}{}">{}</a>)',
            ", ".join(changed) or _("nothing"),
            url,
            query,
            _("compare"),
        )

    @admin.display(description=gettext_lazy("review"), ordering="reviewed_at")
    def review(self, correction):
        if correction.reviewed_at is None:
            return _("Awaiting review")
        when = date_format(timezone.localtime(correction.reviewed_at), "j M Y H:i")
        return _("Reviewed by %(editor)s, %(when)s") % {
            "editor": correction.reviewed_by or _("an editor"),
            "when": when,
        }

    @admin.action(
        description=gettext_lazy("Mark the selected corrections reviewed"), permissions=["view"]
    )
    def mark_reviewed(self, request, queryset):
        take_in_bulk(
            self,
            request,
            queryset.select_related("article"),
            "review_correction",
            lambda correction: workflow.review_correction(correction, by=request.user),
        )
