from functools import wraps

from django.conf import settings
from django.contrib import admin
from django.http import HttpResponseBadRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import Article
from newsroom import desk

# Tells the public pages' script (static/js/editor-toolbar.js) that this browser logged in
# to the admin, so that it asks for the editor toolbar and readers' browsers never do. The
# session cookie cannot tell it: scripts cannot read it. It grants nothing by itself.
STAFF_MARKER_COOKIE = "newsroom_staff"


class NewsroomAdminSite(admin.AdminSite):
    """The editors' workspace: Django's admin with the review queue counted on every page,
    and each person's desk on its front page."""

    site_header = "Newsroom"
    site_title = gettext_lazy("Newsroom admin")
    index_title = gettext_lazy("Editorial desk")
    index_template = "admin/desk.html"

    def index(self, request, extra_context=None):
        return super().index(request, {"desk": desk.panels(request.user), **(extra_context or {})})

    def get_app_list(self, request, app_label=None):
        app_list = super().get_app_list(request, app_label)
        for app in app_list:
            for model in app["models"]:
                if model["object_name"] == "Submission":
                    waiting = Article.objects.awaiting_review().count()
                    model["name"] = _("Review queue (%(waiting)d waiting)") % {"waiting": waiting}
            # Whoever may see the articles may see the editorial calendar: listed under them.
            for place, model in enumerate(app["models"]):
                if model["object_name"] == "Article" and model["perms"]["view"]:
                    app["models"].insert(place + 1, self._calendar_row())
                    break
        return app_list

    def _calendar_row(self):
        return {
            "name": _("Editorial calendar"),
            "object_name": "EditorialCalendar",
            "admin_url": reverse("admin:articles_article_calendar_today"),
            "add_url": None,
            "view_only": True,
        }

    def login(self, request, extra_context=None):
        """Log in, and mark the browser as staff's for the public pages' editor toolbar."""
        response = super().login(request, extra_context)
        if request.method == "POST" and self.has_permission(request):
            response.set_cookie(
                STAFF_MARKER_COOKIE,
                "1",
                max_age=None
                if settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
                else settings.SESSION_COOKIE_AGE,
                secure=settings.SESSION_COOKIE_SECURE,
                samesite="Lax",
            )
        return response

    def logout(self, request, extra_context=None):
        """Log out, and take the staff marker off the browser."""
        response = super().logout(request, extra_context)
        response.delete_cookie(STAFF_MARKER_COOKIE, samesite="Lax")
        return response

    def admin_view(self, view, cacheable=False):
        """Refuse a query string holding a NUL byte, on every admin page.

        No text column can hold one (PostgreSQL refuses it in any query), and no person
        types one: a search term or a filter value carrying it fails in the database.
        """
        guarded = super().admin_view(view, cacheable)

        @wraps(guarded)
        def inner(request, *args, **kwargs):
            if any("\x00" in key + "".join(values) for key, values in request.GET.lists()):
                return HttpResponseBadRequest(_("A query string may not contain NUL bytes."))
            return guarded(request, *args, **kwargs)

        return inner
