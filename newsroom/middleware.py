from django.conf import settings
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override


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


class AdminContentSecurityPolicyMiddleware:
    """Give the admin the site's policy with inline styles allowed, and nothing else.

    The admin's rich-text editor (tiptap) adds <style> elements from its script; scripts
    stay as strict as on public pages. Goes after ContentSecurityPolicyMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = "/" + settings.ADMIN_PATH
        policy = dict(settings.SECURE_CSP)
        policy["style-src"] = [*policy.get("style-src", [CSP.SELF]), CSP.UNSAFE_INLINE]
        self.admin_response = csp_override(policy)(get_response)

    def __call__(self, request):
        if request.path_info.startswith(self.prefix):
            return self.admin_response(request)
        return self.get_response(request)
