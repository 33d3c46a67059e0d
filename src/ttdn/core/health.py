"""Health checks behind ``/healthz``: each returns a ``Check``; the list is ``HEALTH_CHECKS``.

A domain app that has something to watch offers its own check (``ttdn.monitoring.health``), so
core never imports the apps above it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection
from django.db.models import Q
from django.db.utils import DatabaseError


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


def database(now: datetime) -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as exc:
        return Check("database", ok=False, detail=f"unreachable: {type(exc).__name__}")
    return Check("database", ok=True, detail=connection.vendor)


def task_queue(now: datetime) -> Check:
    """Unhealthy when a task has been ready for longer than HEALTH_TASK_MAX_AGE seconds: no
    worker runs, or the workers cannot keep up."""
    if settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend":
        return Check("task_queue", ok=True, detail="no database queue")
    from django_tasks_db.models import DBTaskResult, get_date_max

    limit = settings.HEALTH_TASK_MAX_AGE
    cutoff = now - timedelta(seconds=limit)
    try:
        stale = (
            DBTaskResult.objects.ready()
            .filter(Q(run_after=get_date_max(), enqueued_at__lt=cutoff) | Q(run_after__lt=cutoff))
            .count()
        )
    except DatabaseError as exc:
        return Check("task_queue", ok=False, detail=f"unreadable: {type(exc).__name__}")
    if stale:
        return Check("task_queue", ok=False, detail=f"{stale} tasks waiting longer than {limit} s")
    return Check("task_queue", ok=True, detail=f"no task waiting longer than {limit} s")
