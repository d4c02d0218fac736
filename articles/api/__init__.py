"""The read-only content API at /api/v1/ (django-ninja): one for every edition.

`api` is mounted by newsroom/urls.py; its operations are in `views`, their answers'
shapes in `schemas`, tokens, rate limits and the shared cache in `clients`.
"""

from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from .clients import AUTH, UnknownToken
from .views import router

api = NinjaAPI(
    title="Newsroom content API",
    version="1",
    description=(
        "Read-only: published articles, people, organisations, events, topics and regions. "
        "No token needed; a partner's token (`Authorization: Bearer <token>`) has its own "
        "rate limit, and reads embargoed stories when an editor granted it."
    ),
    urls_namespace="api",
    openapi_url="/schema/",
    # The browsable page (Swagger UI, from ninja's own static files) is the API's root.
    docs_url="/",
    auth=AUTH,
)
api.add_router("", router)


@api.exception_handler(AuthenticationError)
def refuse(request, error):
    if isinstance(error, UnknownToken):
        detail = _("That token is unknown or revoked.")
    else:
        detail = _("Send a token as “Authorization: Bearer <token>”, or no Authorization header.")
    response = api.create_response(request, {"detail": detail}, status=401)
    response["WWW-Authenticate"] = "Bearer"
    return response
