from django.contrib import admin
from django.utils.translation import gettext_lazy

from articles.models import Menu, MenuItem
from articles.models.articles import language_name

from .base import CheckedKeysMixin, NamedRowsFormSet, NewsroomModelAdmin


class MenuItemFormSet(NamedRowsFormSet):
    row_name = gettext_lazy("%(field)s, link %(number)s")


class MenuItemInline(CheckedKeysMixin, admin.TabularInline):
    """A menu's links, in the order of their positions; each leads to one thing."""

    model = MenuItem
    formset = MenuItemFormSet
    fields = ["position", "label", "page", "section", "topic", "region", "url"]
    autocomplete_fields = ["page", "topic", "region"]
    extra = 1
    verbose_name_plural = gettext_lazy("links (in the order of their positions)")


@admin.register(Menu)
class MenuAdmin(NewsroomModelAdmin):
    """The header's and the footer's links of each edition: what every public page shows."""

    list_display = ["__str__", "place", "edition", "links"]
    list_filter = ["place", "language"]
    inlines = [MenuItemInline]

    class Media:
        js = ["admin/js/field_names.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("items")

    @admin.display(description=gettext_lazy("language"), ordering="language")
    def edition(self, menu):
        return language_name(menu.language)

    @admin.display(description=gettext_lazy("links"))
    def links(self, menu):
        return len(menu.items.all())
