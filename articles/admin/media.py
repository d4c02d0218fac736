"""The library in the admin: images and documents, found by their words, who uploaded
them and whether anything uses them, each with the stories and people that show it."""

from django.contrib import admin
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from modeltranslation.utils import get_translation_fields

from articles import documents
from articles.models import Document, Image

from .base import NewsroomModelAdmin


class UseFilter(admin.SimpleListFilter):
    """Used by a story or a person, or by nothing (a candidate for deletion)."""

    title = _("use")
    parameter_name = "use"

    def lookups(self, request, model_admin):
        return [("used", _("In use")), ("unused", _("Not used"))]

    def queryset(self, request, queryset):
        match self.value():
            case "used":
                return queryset.filter(in_use=True)
            case "unused":
                return queryset.filter(in_use=False)
        return queryset


class UploaderFilter(admin.RelatedOnlyFieldListFilter):
    """Only who uploaded something, not every account."""


def used_by_list(obj):
    """The stories and people using `obj`, each linked to its admin page."""
    users = obj.used_by() if obj.pk else []
    if not users:
        return _("Nothing uses it.")
    return format_html(
        '<ul class="used-by">{}</ul>',
        format_html_join(
            "",
            '<li><a href="{}">{}</a> ({})</li>',
            (
                (
                    reverse(f"admin:articles_{user._meta.model_name}_change", args=[user.pk]),
                    user,
                    user._meta.verbose_name,
                )
                for user in users
            ),
        ),
    )


class LibraryAdmin(NewsroomModelAdmin):
    """What images and documents share: who uploaded them, when, and what uses them."""

    list_select_related = ["uploaded_by"]
    list_filter = ["uploaded_at", UseFilter, ("uploaded_by", UploaderFilter)]
    readonly_fields = ["used_by", "uploaded_by", "uploaded_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_use()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "file":
            # Once a file is stored, Django shows it beside an input under a legend alone:
            # the input is named for a screen reader.
            field.widget.attrs["aria-label"] = capfirst(db_field.verbose_name)
        return field

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("used by"))
    def used_by(self, obj):
        return used_by_list(obj)

    @admin.display(description=_("in use"), boolean=True, ordering="in_use")
    def in_use(self, obj):
        return obj.in_use


@admin.register(Image)
class ImageAdmin(TranslationAdmin, LibraryAdmin):
    list_display = ["thumbnail", "__str__", "credit", "in_use", "uploaded_by", "uploaded_at"]
    list_display_links = ["thumbnail", "__str__"]
    search_fields = [
        "title",
        *get_translation_fields("alt"),
        *get_translation_fields("caption"),
        *get_translation_fields("credit"),
    ]
    fieldsets = [
        (None, {"fields": ["file", "title"]}),
        (
            _("Focal point"),
            {
                "fields": ["focal_point", "focal_x", "focal_y"],
                "description": _(
                    "Click what matters in the picture: every crop keeps it in view."
                ),
            },
        ),
        (_("What readers are told"), {"fields": ["alt", "caption", "credit"]}),
        (_("Use"), {"fields": ["used_by", "uploaded_by", "uploaded_at"]}),
    ]
    readonly_fields = ["focal_point", *LibraryAdmin.readonly_fields]

    class Media:
        css = {"all": ["admin/css/newsroom.css"]}
        js = ["admin/js/focal_point.js"]

    @admin.display(description=_("picture"))
    def thumbnail(self, image):
        if not image.file:
            return ""
        square = image.fallback("square")
        return format_html(
            # The link it is in opens the image: named by what the picture shows.
            '<img class="library-thumbnail" src="{}" alt="{}" width="60" height="{}">',
            square["url"],
            image.alt,
            round(60 * square["height"] / square["width"]) if square["width"] else 60,
        )

    @admin.display(description=_("picture"))
    def focal_point(self, image):
        """The picture, on which a click moves the focal point (static/admin/js/focal_point.js)."""
        if not image.file:
            return _("Upload the picture and save; then choose its focal point here.")
        shown = image.fallback()
        return format_html(
            '<div class="focal-picker"><img src="{}" alt="{}" width="{}" height="{}">'
            '<span class="focal-marker" hidden></span></div>',
            shown["url"],
            image.alt,
            shown["width"],
            shown["height"],
        )


@admin.register(Document)
class DocumentAdmin(LibraryAdmin):
    list_display = ["title", "kind", "file_size", "in_use", "uploaded_by", "uploaded_at"]
    search_fields = ["title"]
    fields = ["title", "file", "used_by", "uploaded_by", "uploaded_at"]

    @admin.display(description=_("kind"))
    def kind(self, document):
        return documents.LABELS.get(document.extension, document.extension.upper())

    @admin.display(description=_("size"), ordering="size")
    def file_size(self, document):
        return filesizeformat(document.size)
