from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from articles.api import api
from newsroom import views

urlpatterns = [
    path(settings.ADMIN_PATH, admin.site.urls),
    # One API for every edition: outside the language prefixes.
    path("api/v1/", api.urls),
    # For the load balancer, in no edition.
    path("health/", views.health, name="health"),
    # The default edition keeps today's addresses; the others are under /ru/, /ar/.
    *i18n_patterns(path("", include("articles.urls")), prefix_default_language=False),
]

handler500 = "newsroom.views.server_error"

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
