import json

from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy, ngettext

from articles import webhooks
from articles.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint

from .base import NewsroomModelAdmin, ReadOnlyAdmin


class WebhookEndpointForm(forms.ModelForm):
    events = forms.MultipleChoiceField(
        choices=list(webhooks.EVENTS.items()),
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("events"),
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["name", "url", "events", "active", "embargo_access"]

    def clean(self):
        cleaned = super().clean()
        if "article.scheduled" in cleaned.get("events", []) and not cleaned.get("embargo_access"):
            self.add_error(
                "events",
                gettext_lazy(
                    "Only an endpoint granted embargo access is sent stories scheduled for "
                    "later: grant it, or leave “article scheduled” out."
                ),
            )
        return cleaned


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(NewsroomModelAdmin):
    """Receivers outside the newsroom; the secret is shown to copy into the receiver."""

    form = WebhookEndpointForm
    list_display = ["name", "url", "active", "embargo_access", "delivery_log"]
    list_filter = ["active", "embargo_access"]
    search_fields = ["name", "url"]
    readonly_fields = ["secret", "embargo_granted_by", "embargo_granted_at", "created_at"]
    list_select_related = ["embargo_granted_by"]
    actions = ["rotate_secret"]

    def save_model(self, request, obj, form, change):
        if "embargo_access" in form.changed_data:
            obj.set_embargo_access(obj.embargo_access, by=request.user)
        super().save_model(request, obj, form, change)

    @admin.display(description=gettext_lazy("deliveries"))
    def delivery_log(self, endpoint):
        url = reverse("admin:articles_webhookdelivery_changelist")
        return format_html(
            '<a href="{}?endpoint__id__exact={}">{}</a>', url, endpoint.pk, gettext_lazy("log")
        )

    @admin.action(
        description=gettext_lazy("Give the selected endpoints new secrets"),
        permissions=["change"],
    )
    def rotate_secret(self, request, queryset):
        for endpoint in queryset:
            endpoint.rotate_secret()
        self.message_user(
            request,
            ngettext(
                "Gave %(count)d endpoint a new secret: copy it into its receiver.",
                "Gave %(count)d endpoints new secrets: copy them into their receivers.",
                len(queryset),
            )
            % {"count": len(queryset)},
        )


class WebhookAttemptInline(admin.TabularInline):
    model = WebhookAttempt
    fields = ["attempted_at", "response_code", "error", "duration"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdmin):
    """The delivery log: what was sent where, and how each try went. Read only, but for
    a replay, which sends the event again as a new delivery."""

    list_display = [
        "created_at",
        "event",
        "endpoint",
        "state",
        "attempts",
        "response_code",
        "next_attempt_at",
        "delivered_at",
    ]
    list_filter = ["state", "event", "endpoint"]
    list_select_related = ["endpoint"]
    date_hierarchy = "created_at"
    fields = [
        "endpoint",
        "event",
        "object_id",
        "state",
        "attempts",
        "response_code",
        "error",
        "next_attempt_at",
        "created_at",
        "delivered_at",
        "body",
    ]
    readonly_fields = fields
    inlines = [WebhookAttemptInline]
    actions = ["replay"]

    def has_replay_permission(self, request):
        return request.user.has_perm("articles.change_webhookendpoint")

    @admin.display(description=gettext_lazy("body"))
    def body(self, delivery):
        return format_html(
            "<pre>{}</pre>", json.dumps(delivery.payload, ensure_ascii=False, indent=2)
        )

    @admin.action(
        description=gettext_lazy("Send the selected deliveries again"), permissions=["replay"]
    )
    def replay(self, request, queryset):
        replayed = [webhooks.replay(delivery) for delivery in queryset.select_related("endpoint")]
        sent = sum(again is not None for again in replayed)
        if sent:
            self.message_user(
                request,
                ngettext(
                    "Queued %(count)d delivery again.",
                    "Queued %(count)d deliveries again.",
                    sent,
                )
                % {"count": sent},
            )
        if refused := len(replayed) - sent:
            self.message_user(
                request,
                ngettext(
                    "%(count)d delivery was not sent again: what it announced is no longer "
                    "true, or its endpoint no longer takes that event.",
                    "%(count)d deliveries were not sent again: what they announced is no "
                    "longer true, or their endpoints no longer take that event.",
                    refused,
                )
                % {"count": refused},
                messages.WARNING,
            )
