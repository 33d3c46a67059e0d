"""Reads for monitoring."""

from __future__ import annotations

import threading
from datetime import datetime

from django.db.models import Count, F, Max, Q, QuerySet

from ttdn.monitoring.models import Article, Cluster, Match, Source, Topic
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


def topics_overview(*, since: datetime) -> list[Topic]:
    """Topics with their number of matches, all time and since ``since``."""
    return list(
        Topic.objects.annotate(
            total=Count("matches"),
            recent=Count("matches", filter=Q(matches__article__published_at__gte=since)),
        ).order_by("-is_active", "name")
    )


def topic_matches(topic: Topic) -> QuerySet[Match]:
    return (
        Match.objects.filter(topic=topic)
        .select_related("article", "article__source")
        .order_by(F("article__published_at").desc(nulls_last=True), "-id")
    )


def clusters(*, min_size: int = 2) -> QuerySet[Cluster]:
    return (
        Cluster.objects.filter(size__gte=min_size)
        .select_related("first", "first__source")
        .order_by(F("first__published_at").desc(nulls_last=True), "-id")
    )


def cluster_spread(cluster: Cluster) -> list[Article]:
    """Where a story appeared, first to last."""
    return list(
        cluster.articles.select_related("source").order_by(
            F("published_at").asc(nulls_last=True), "id"
        )
    )


def sources_health() -> QuerySet[Source]:
    return Source.objects.annotate(article_count=Count("articles")).order_by("name")
