import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token


@requires_csrf_token
def server_error(request):
    """Answer 503 while the database is unreachable, 500 for anything else.

    Django calls this with the exception still being handled, wherever it was raised
    (a view, a middleware, a template), and the connection is closed at the end of the
    request, so the site recovers by itself once the database is back.
    """
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponseServerError(loader.render_to_string("500.html"))


@never_cache
def health(request):
    """Answer "ok" while this app server's process answers at all.

    The load balancer asks every app server this twice a second to know where to send
    readers. The database is left out: its outage is every server's at once, and taking
    them all out would put the balancer's bare error where the site serves its cached
    pages and its 503 page.
    """
    return HttpResponse("ok", content_type="text/plain")
