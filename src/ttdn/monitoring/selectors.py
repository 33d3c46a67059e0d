"""Reads for monitoring."""

from __future__ import annotations

import threading
from datetime import datetime

from django.db.models import Count, Max

from ttdn.monitoring.models import Topic
from ttdn.monitoring.query import QueryError, parse
from ttdn.monitoring.query.matcher import Matcher

_lock = threading.Lock()
_cached: tuple[tuple[int, datetime | None], Matcher[int]] | None = None


def topic_matcher() -> Matcher[int]:
    """A matcher over the active topics, rebuilt only when a topic changed."""
    global _cached
    stamp = Topic.objects.filter(is_active=True).aggregate(n=Count("id"), at=Max("updated_at"))
    key = (stamp["n"], stamp["at"])
    with _lock:
        if _cached is not None and _cached[0] == key:
            return _cached[1]
    queries = []
    for pk, query in Topic.objects.filter(is_active=True).values_list("id", "query"):
        try:
            queries.append((pk, parse(query)))
        except QueryError:
            continue  # topic_save refuses these; an old row written before a rule change
    matcher = Matcher(queries)
    with _lock:
        _cached = (key, matcher)
    return matcher
