"""The press monitor's health check for ``/healthz`` (see ``ttdn.core.health``)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Max, Min
from django.db.utils import DatabaseError

from ttdn.core.health import Check
from ttdn.monitoring.models import Source


def monitor(now: datetime) -> Check:
    """Unhealthy when no active source has been read successfully for longer than the shortest
    polling interval plus HEALTH_MONITOR_SLACK seconds: ``ttdn monitor run`` has stopped, or
    every source fails. A box without sources is healthy."""
    try:
        found = Source.objects.filter(is_active=True).aggregate(
            newest=Max("last_success_at"), interval=Min("interval_minutes"), first=Min("created_at")
        )
    except DatabaseError as exc:
        return Check("monitor", ok=False, detail=f"unreadable: {type(exc).__name__}")
    if found["interval"] is None:
        return Check("monitor", ok=True, detail="no active source")
    limit = timedelta(minutes=found["interval"], seconds=settings.HEALTH_MONITOR_SLACK)
    # A source added a moment ago has had no chance yet: count from its creation.
    since = found["newest"] or found["first"]
    age = int((now - since).total_seconds())
    if now - since > limit:
        return Check(
            "monitor",
            ok=False,
            detail=f"last successful poll {age} s ago (limit {int(limit.total_seconds())} s)",
        )
    return Check("monitor", ok=True, detail=f"last successful poll {age} s ago")
