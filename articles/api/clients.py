"""Who reads the API: anyone, or a partner with a token; how often; and what is shared.

Every operation is served through `served`: the client is limited to its rate (per
token when one is sent, else per address), then an anonymous request is answered from
the page cache (articles.cache), invalidated with the pages; a request with a token
never reads or fills the shared cache, since a token may see embargoed stories.
"""

import functools
import math

from django.conf import settings
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer
from ninja.throttling import SimpleRateThrottle

from articles.cache import cached_page
from articles.models import ApiToken

# Every query parameter an operation takes: a request with any other is not cached.
QUERY_PARAMS = (
    "cursor",
    "limit",
    "topic",
    "region",
    "person",
    "organisation",
    "event",
    "language",
    "since",
    "until",
    "updated_since",
)


class UnknownToken(AuthenticationError):
    """A token was sent that is not one, or no longer."""


class Anonymous:
    """A reader without a token; truthy, so that ninja lets them in."""

    def __bool__(self):
        return True


def token_of(request) -> ApiToken | None:
    """The live token the request sends as `Authorization: Bearer <token>`, if any; looked
    up once per request, for the rate limit and for ninja's authentication alike."""
    if not hasattr(request, "api_token"):
        scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
        secret = secret.strip()
        live = scheme.lower() == "bearer" and secret
        request.api_token = ApiToken.objects.for_secret(secret) if live else None
    return request.api_token


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        found = token_of(request)
        if found is None:
            raise UnknownToken
        found.used()
        return found


def anonymous(request):
    """Anyone who sends no Authorization header at all reads without a token."""
    if "Authorization" not in request.headers:
        return Anonymous()
    return None


# Ninja tries each in turn: a token, else nobody; a header that is neither is refused.
AUTH = [BearerToken(), anonymous]


class ClientThrottle(SimpleRateThrottle):
    """Ninja's rate limit over Django's cache, per live token or else per address.

    A token's requests count together from whatever address they come. A made-up or
    revoked token counts against its address: sending one is no way round the address's
    limit.
    """

    def __init__(self, request):
        self.token = token_of(request)
        self.scope = "token" if self.token else "anonymous"
        super().__init__(settings.NEWSROOM_API_RATES[self.scope])

    def get_cache_key(self, request):
        ident = self.token.pk if self.token else self.get_ident(request)
        return f"newsroom:api-throttle:{self.scope}:{ident}"


def served(run):
    """Serve an operation (ninja's `run`) within the client's rate, anonymous requests
    through the page cache."""
    shared = cached_page(run, query_params=QUERY_PARAMS)

    @functools.wraps(run)
    def serve(request, **kwargs):
        from articles.api import api

        throttle = ClientThrottle(request)
        if not throttle.allow_request(request):
            response = api.create_response(
                request, {"detail": _("Too many requests: slow down.")}, status=429
            )
            response["Retry-After"] = str(max(1, math.ceil(throttle.wait() or 1)))
        elif "Authorization" in request.headers:
            response = run(request, **kwargs)
        else:
            response = shared(request, **kwargs)
        # Caches between here and the client keep a partner's answers to the partner.
        patch_vary_headers(response, ["Authorization"])
        return response

    return serve
