import ipaddress
from collections.abc import Callable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ttdn.core.health import Check


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """The database, the task queue's age and the press monitor's last pass, for load balancers
    and supervisors: 200 when every check passes, 503 otherwise; the body names each check."""
    now = timezone.now()
    checks: list[Check] = []
    for path in settings.HEALTH_CHECKS:
        check: Callable[..., Check] = import_string(path)
        result = check(now)
        checks.append(result)
        if result.name == "database" and not result.ok:
            break  # the others read the database too
    ok = all(check.ok for check in checks)
    body = {
        "status": "ok" if ok else "error",
        "checks": {c.name: {"ok": c.ok, "detail": c.detail} for c in checks},
    }
    return JsonResponse(body, status=200 if ok else 503)


def _metrics_allowed(request: HttpRequest) -> bool:
    # Through a reverse proxy every caller looks local: a forwarded request is never allowed.
    if "X-Forwarded-For" in request.headers or "Forwarded" in request.headers:
        return False
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(
        address in ipaddress.ip_network(network, strict=False)
        for network in settings.METRICS_ALLOW_NETWORKS
    )


@never_cache
@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    """Prometheus metrics (django-prometheus), only for METRICS_ALLOW_NETWORKS; 404 to others."""
    if not _metrics_allowed(request):
        raise Http404
    from django_prometheus.exports import ExportToDjangoView

    response: HttpResponse = ExportToDjangoView(request)
    return response
