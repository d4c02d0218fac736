"""The front pages editors arrange: each edition's slots, previewed and published as a
story is, and the layouts published before, to restore."""

from collections import Counter

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from articles import workflow
from articles.models import FrontPage, FrontPageSlot, FrontPageVersion
from articles.models.articles import language_name
from articles.models.front_page import MAX_COUNT, MAX_FEATURED, MAX_SECTIONS, SlotKind
from articles.views import render_front_page

from .articles import framed_by_our_pages
from .base import CheckedKeysMixin, NamedRowsFormSet, NewsroomModelAdmin


class FrontPageSlotForm(forms.ModelForm):
    """One slot: a lead or featured story picked or left to the newest, the latest news,
    or a topic's section; each says which of the other fields it takes."""

    class Meta:
        model = FrontPageSlot
        fields = ["kind", "article", "topic", "count", "position"]

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind is None:
            return data
        errors = {}
        if kind != SlotKind.SECTION and data.get("topic"):
            errors["topic"] = _("Only a section shows a topic: leave it empty.")
        if kind in (SlotKind.LATEST, SlotKind.SECTION):
            if data.get("article"):
                errors["article"] = _(
                    "The latest news and a section show the newest stories: leave it empty."
                )
            count = data.get("count")
            if not count or count > MAX_COUNT:
                errors["count"] = _("Say how many stories, from 1 to %(most)s.") % {
                    "most": MAX_COUNT
                }
        elif data.get("count"):
            errors["count"] = _("A lead or featured slot shows one story: leave it empty.")
        if kind == SlotKind.SECTION and not data.get("topic"):
            errors["topic"] = _("Choose the topic whose newest stories the section shows.")
        if errors:
            raise ValidationError(errors)
        return data


class FrontPageSlotFormSet(NamedRowsFormSet):
    """The slots together: one lead at most, a bounded page, no story or topic twice,
    stories of the page's own edition."""

    row_name = gettext_lazy("%(field)s, slot %(number)s")

    def clean(self):
        super().clean()
        slots = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        kinds = Counter(slot.get("kind") for slot in slots)
        problems = []
        if kinds[SlotKind.LEAD] > 1:
            problems.append(_("A page has one lead story: remove the others."))
        if kinds[SlotKind.LATEST] > 1:
            problems.append(_("A page has one list of the latest news: remove the others."))
        if kinds[SlotKind.FEATURED] > MAX_FEATURED:
            problems.append(_("At most %(most)s featured stories.") % {"most": MAX_FEATURED})
        if kinds[SlotKind.SECTION] > MAX_SECTIONS:
            problems.append(_("At most %(most)s sections.") % {"most": MAX_SECTIONS})
        for field, said in [
            ("article", _("“%(name)s” is picked twice: a story shows once on the page.")),
            ("topic", _("“%(name)s” has two sections: one is enough.")),
        ]:
            picked = Counter(slot[field] for slot in slots if slot.get(field))
            problems += [said % {"name": item} for item, times in picked.items() if times > 1]
        language = self.instance.language
        for slot in slots:
            article = slot.get("article")
            if article and article.language != language:
                problems.append(
                    _("“%(story)s” is in %(its)s: this front page is the %(edition)s edition's.")
                    % {
                        "story": article,
                        "its": language_name(article.language),
                        "edition": language_name(language),
                    }
                )
        if problems:
            raise ValidationError(problems)


class FrontPageSlotInline(CheckedKeysMixin, admin.TabularInline):
    model = FrontPageSlot
    form = FrontPageSlotForm
    formset = FrontPageSlotFormSet
    extra = 0
    autocomplete_fields = ["article"]
    verbose_name_plural = gettext_lazy(
        "slots: a story left empty is the newest not shown above it"
    )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        # A slot picks a story or a topic; writing or renaming one is another page's work.
        if isinstance(field and field.widget, RelatedFieldWidgetWrapper):
            widget = field.widget
            widget.can_add_related = widget.can_change_related = widget.can_view_related = False
        return field


@admin.register(FrontPage)
class FrontPageAdmin(NewsroomModelAdmin):
    list_display = ["__str__", "published", "changes", "live_link"]
    list_select_related = ["live__published_by"]
    inlines = [FrontPageSlotInline]

    class Media:
        css = {"all": ["admin/css/newsroom.css"]}
        js = ["admin/js/field_names.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("slots")

    def get_readonly_fields(self, request, obj=None):
        # Its readers are the edition's: the page keeps its edition.
        return ["language"] if obj is not None else []

    @admin.display(description=gettext_lazy("published"))
    def published(self, front_page):
        version = front_page.live
        if version is None:
            return _("Not yet: readers see the lead and the latest news.")
        return _("Version %(number)s, %(when)s, by %(who)s") % {
            "number": version.number,
            "when": date_format(timezone.localtime(version.published_at), "j M Y H:i"),
            "who": version.published_by or _("the newsroom"),
        }

    @admin.display(description=gettext_lazy("changes"))
    def changes(self, front_page):
        if front_page.has_unpublished_changes():
            return _("Unpublished changes")
        return _("None")

    @admin.display(description=gettext_lazy("live page"))
    def live_link(self, front_page):
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            front_page.get_absolute_url(),
            _("View on the site"),
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        front_page = self.get_object(request, object_id)
        if front_page is not None:
            extra_context = {
                **(extra_context or {}),
                "published_versions": front_page.versions.select_related("published_by"),
                "unpublished_changes": front_page.has_unpublished_changes(),
                "publish_refusal": self._publish_refusal(request, front_page),
                "can_restore": self.has_change_permission(request, front_page),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/preview/",
                view(framed_by_our_pages(self.preview_view)),
                name="articles_frontpage_preview",
            ),
            path("<int:pk>/publish/", view(self.publish_view), name="articles_frontpage_publish"),
            path(
                "<int:pk>/versions/<int:number>/restore/",
                view(self.restore_view),
                name="articles_frontpage_restore",
            ),
            *super().get_urls(),
        ]

    def _front_page(self, request, pk):
        front_page = get_object_or_404(FrontPage.objects.select_related("live"), pk=pk)
        if not self.has_view_permission(request, front_page):
            raise PermissionDenied
        return front_page

    def preview_view(self, request, pk):
        """The page as its working layout arranges it, in its edition, for staff only."""
        front_page = self._front_page(request, pk)
        with override(front_page.language):
            response = render_front_page(request, front_page.working_layout(), preview=front_page)
            return response.render()

    def _publish_refusal(self, request, front_page):
        """Why this user may not publish the page's working layout now; None if they may."""
        try:
            workflow.check_publish_front_page(front_page, request.user)
        except (PermissionDenied, workflow.WorkflowError) as error:
            return str(error)
        return None

    def publish_view(self, request, pk):
        """Publish the working layout, looking at the page it makes."""
        front_page = self._front_page(request, pk)
        back = redirect("admin:articles_frontpage_change", front_page.pk)
        refusal = self._publish_refusal(request, front_page)
        if request.method == "POST" and refusal is None:
            try:
                version = workflow.publish_front_page(front_page, by=request.user)
            except (PermissionDenied, workflow.WorkflowError) as error:
                refusal = str(error)
        if refusal is not None:
            self.message_user(
                request, _("Not published: %(why)s") % {"why": refusal}, messages.ERROR
            )
            return back
        if request.method == "POST":
            self._log(request, front_page, gettext_lazy("Published version %(number)s."), version)
            self.message_user(
                request,
                format_html(
                    _('Version {number} is live: <a href="{url}">see the front page</a>.'),
                    number=version.number,
                    url=front_page.get_absolute_url(),
                ),
                messages.SUCCESS,
            )
            return back
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": front_page,
            "title": _("Publish: %(page)s") % {"page": front_page},
            "form": forms.Form(),
            "media": self.media,
            "action_label": _("Publish"),
            "preview_url": reverse("admin:articles_frontpage_preview", args=[front_page.pk]),
        }
        return TemplateResponse(request, "admin/articles/frontpage/publish.html", context)

    def _log(self, request, front_page, message, version):
        # In the page's History, beside the saves of its slots; stored, like the
        # workflow's log, in the newsroom's default language.
        with override(settings.LANGUAGE_CODE):
            self.log_change(request, front_page, str(message) % {"number": version.number})

    def restore_view(self, request, pk, number):
        front_page = self._front_page(request, pk)
        version = get_object_or_404(FrontPageVersion, front_page=front_page, number=number)
        if request.method == "POST":
            try:
                workflow.restore_front_page(version, by=request.user)
            except (PermissionDenied, workflow.WorkflowError) as error:
                self.message_user(
                    request, _("Not restored: %(why)s") % {"why": error}, messages.ERROR
                )
            else:
                self._log(
                    request, front_page, gettext_lazy("Restored version %(number)s."), version
                )
                self.message_user(
                    request,
                    _(
                        "Version %(number)s is the working layout again: preview it, then "
                        "publish it."
                    )
                    % {"number": number},
                    messages.SUCCESS,
                )
        return redirect("admin:articles_frontpage_change", front_page.pk)
