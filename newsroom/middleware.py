from django.conf import settings
from django.middleware import locale
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.csp import CSP

from newsroom import routers


class LocaleMiddleware(locale.LocaleMiddleware):
    """Django's: the edition from the address's prefix, and the admin in the editor's
    language.

    Outside a prefix Django's middleware takes LANGUAGE_CODE (i18n_patterns with
    prefix_default_language=False): right for the default edition, which reads the same
    whoever asks, but the admin has no prefix, and follows the editor's browser
    (Accept-Language, or Django's language cookie) instead.
    """

    def __init__(self, get_response):
        super().__init__(get_response)
        self.admin_prefix = "/" + settings.ADMIN_PATH

    def process_request(self, request):
        super().process_request(request)
        if request.path_info.startswith(self.admin_prefix):
            translation.activate(translation.get_language_from_request(request))
            request.LANGUAGE_CODE = translation.get_language()


class PermissionsPolicyMiddleware:
    """Send the Permissions-Policy header Django has no setting for."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.PERMISSIONS_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy:
            response.headers.setdefault("Permissions-Policy", self.policy)
        return response


class PrivateUnlessLabelledMiddleware:
    """Mark private every response that says nothing of caching: a 404, search results,
    a list with a query parameter the page cache does not know, a redirect.

    The public pages a shared cache may keep say so (articles.cache) under surrogate keys
    a change purges; one that says nothing would be kept by a CDN for its own default
    lifetime (Fastly's is an hour) under no key at all, so a scheduled story's address
    asked for early would answer 404 long after it is out. Goes after WhiteNoise, whose
    static files say how long they keep.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Cache-Control" not in response:
            patch_cache_control(response, private=True, no_cache=True)
        return response


class AdminContentSecurityPolicyMiddleware:
    """Give the admin the site's policy with inline styles allowed, unless a view says its own.

    The admin's rich-text editor (tiptap) adds <style> elements from its script; scripts
    stay as strict as on public pages. A view's own policy (csp_override) stands: the
    version preview the publish page frames keeps the public page's. Goes after
    ContentSecurityPolicyMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = "/" + settings.ADMIN_PATH
        self.policy = dict(settings.SECURE_CSP)
        self.policy["style-src"] = [*self.policy.get("style-src", [CSP.SELF]), CSP.UNSAFE_INLINE]

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(self.prefix) and not hasattr(response, "_csp_config"):
            response._csp_config = self.policy
        return response


class ReplicaReadMiddleware:
    """Let a reader's request read the replica (newsroom.routers), and keep a reader who
    may have just written on the primary for DATABASE_REPLICA_LAG seconds.

    Goes right after AuthenticationMiddleware: whether the user is logged in decides. A
    streamed response's body is read after the request is done, from the primary.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.seconds = settings.DATABASE_REPLICA_LAG

    def __call__(self, request):
        with routers.serving(request):
            response = self.get_response(request)
        if request.method in ("POST", "PUT", "PATCH", "DELETE"):
            response.set_cookie(
                routers.READ_PRIMARY_COOKIE,
                "1",
                max_age=self.seconds,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
