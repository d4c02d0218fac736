from django.contrib import admin

from articles.models import Article


class NewsroomAdminSite(admin.AdminSite):
    """The editors' workspace: Django's admin with the review queue counted on every page."""

    site_header = "Newsroom"
    site_title = "Newsroom admin"
    index_title = "Editorial desk"

    def get_app_list(self, request, app_label=None):
        app_list = super().get_app_list(request, app_label)
        for app in app_list:
            for model in app["models"]:
                if model["object_name"] == "Submission":
                    waiting = Article.objects.awaiting_review().count()
                    model["name"] = f"Review queue ({waiting} waiting)"
        return app_list
