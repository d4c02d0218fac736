"""Partners' API tokens and the record of their embargoed reads, for editors only.

A token's secret is shown once, on the page its creation answers with; only its digest
is kept. Embargo access is granted by ticking it on the token's form, which records the
editor and the time; no token has it otherwise.
"""

from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy, ngettext

from articles import workflow
from articles.models import ApiToken, EmbargoRead

from .base import NewsroomModelAdmin, ReadOnlyAdmin


class EditorsOnly:
    """Tokens open stories before their time: only those who may publish manage them."""

    def has_module_permission(self, request):
        return workflow.can_publish(request.user)

    def has_view_permission(self, request, obj=None):
        return workflow.can_publish(request.user)


@admin.register(ApiToken)
class ApiTokenAdmin(EditorsOnly, NewsroomModelAdmin):
    list_display = [
        "partner",
        "embargo_access",
        "created_by",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    list_select_related = ["created_by"]
    list_filter = ["embargo_access", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["partner"]
    fields = [
        "partner",
        "embargo_access",
        "embargo_granted_by",
        "embargo_granted_at",
        "created_by",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    readonly_fields = [
        "embargo_granted_by",
        "embargo_granted_at",
        "created_by",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return workflow.can_publish(request.user)

    def has_change_permission(self, request, obj=None):
        return workflow.can_publish(request.user) and (obj is None or obj.revoked_at is None)

    def has_delete_permission(self, request, obj=None):
        # Revoked, never deleted: the embargoed reads name it.
        return False

    def save_model(self, request, obj, form, change):
        if "embargo_access" in form.changed_data:
            obj.set_embargo_access(obj.embargo_access, by=request.user)
        if change:
            obj.save()
        else:
            request.issued_secret = obj.issue(by=request.user)

    def response_add(self, request, obj, post_url_continue=None):
        """Show the new token's secret, this once."""
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "token": obj,
            "secret": request.issued_secret,
            "title": gettext_lazy("Token for %(partner)s") % {"partner": obj.partner},
        }
        response = TemplateResponse(request, "admin/articles/apitoken/issued.html", context)
        response["Cache-Control"] = "no-store"
        return response

    @admin.action(description=gettext_lazy("Revoke the selected tokens"), permissions=["change"])
    def revoke(self, request, queryset):
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(
            request,
            ngettext("Revoked %(count)d token.", "Revoked %(count)d tokens.", count)
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(EmbargoRead)
class EmbargoReadAdmin(EditorsOnly, ReadOnlyAdmin):
    """Who read which story before its time, through which address: read-only."""

    list_display = ["read_at", "token", "article", "path"]
    list_select_related = ["token", "article"]
    list_filter = ["token"]
    date_hierarchy = "read_at"
    search_fields = ["article__headline", "token__partner"]
