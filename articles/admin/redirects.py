from django.contrib import admin
from django.utils.translation import gettext_lazy

from articles.models import Redirect

from .base import NewsroomModelAdmin


@admin.register(Redirect)
class RedirectAdmin(NewsroomModelAdmin):
    """Old addresses answering 301: those recorded when a story or a page moved, and those
    added by hand (Redirect.clean refuses a live page's address and any chain)."""

    list_display = ["old_path", "new_path", "reason", "story", "created_at"]
    list_filter = ["reason"]
    search_fields = ["old_path", "new_path"]
    list_select_related = ["article"]
    fields = ["old_path", "new_path"]
    readonly_fields = ["reason", "story", "created_at"]

    def get_fields(self, request, obj=None):
        return self.fields if obj is None else [*self.fields, *self.readonly_fields]

    @admin.display(description=gettext_lazy("story"), ordering="article__headline")
    def story(self, redirect):
        return redirect.article and redirect.article.headline
