"""The Content-Security-Policy (django-csp), with what the Wagtail admin needs under /admin/.

The policy in settings allows scripts from this site only. Wagtail 8's admin still writes inline
scripts in places (inline panels, date and time widgets, choosers; wagtail/wagtail#7053), as do
a few of our admin templates, so pages under the admin prefix also allow inline scripts. Nothing
else does: the portal, the API, /healthz keep ``script-src 'self'``. No page allows ``eval``.
"""

from __future__ import annotations

from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from csp.middleware import PolicyParts
from django.http import HttpRequest, HttpResponseBase

ADMIN_PREFIX = "/admin/"
ADMIN_UPDATE = {"script-src": ["'unsafe-inline'"]}


class CSPMiddleware(BaseCSPMiddleware):
    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(ADMIN_PREFIX):
            parts.update = {**ADMIN_UPDATE, **(parts.update or {})}
        return parts
