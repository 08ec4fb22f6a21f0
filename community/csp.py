"""The Content-Security-Policy (django-csp), with the one exception Wagtail's admin needs.

Every HTML response gets the strict policy in settings.CONTENT_SECURITY_POLICY: scripts
and styles only from our own files (no inline code at all), no frames around our pages,
and frames only from the click-to-load video players. Files we send (courses/files)
carry their own `sandbox` policy, which the middleware leaves alone.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if request.path_info.startswith(settings.SAMSPILL_ADMIN_PREFIX) and not report_only:
            parts.replace = {**settings.SAMSPILL_ADMIN_CSP, **(parts.replace or {})}
        return parts
