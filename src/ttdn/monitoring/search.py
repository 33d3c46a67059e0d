"""Retrospective search over stored articles, in the monitoring query language.

The query is compiled to the database's full-text engine (``query/fts.py``): FTS5 on SQLite, a
``tsquery`` on PostgreSQL. The engine's answer is a superset; when the compilation is not exact
(strict diacritics, NEAR, metadata inside an OR, …) each candidate is re-checked with the
evaluator, newest first, until the page is full. Every hit is highlighted by the evaluator, so
search and topics agree on what matches.

Loose mode compares folded words (Lục Ngạn = LUC NGAN); strict mode makes every term strict,
as if written ``=term`` (diacritics must match; case and tone placement still do not).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import connection
from django.db.models import BooleanField, F, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.safestring import SafeString

from ttdn.monitoring.highlight import highlight, snippet
from ttdn.monitoring.models import Article
from ttdn.monitoring.pipeline import document_of
from ttdn.monitoring.query import Node, matches, parse
from ttdn.monitoring.query.fts import Compiled
from ttdn.monitoring.search_schema import (
    COUNT_CAP,
    MATCHING,
    POSTGRES_COLUMN,
    SQLITE_TABLE,
    compiled_query,
    recent,
)

# How many candidates an inexact or text-less query re-checks at most before giving up.
SCAN_LIMIT = 5000
BATCH = 200


@dataclass(frozen=True)
class Filters:
    date_from: date | None = None
    date_to: date | None = None
    source_ids: tuple[int, ...] = ()
    languages: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    topic_id: int | None = None

    def __bool__(self) -> bool:
        return any(getattr(self, name) for name in self.__dataclass_fields__)


@dataclass(frozen=True)
class Found:
    article: Article
    title: SafeString
    snippet: SafeString


@dataclass
class Results:
    found: list[Found]
    page: int
    per_page: int
    total: int | None  # None when only re-checking could count them
    has_next: bool
    exact: bool
    capped: bool = False  # total is COUNT_CAP and there are more
    recent_only: bool = False  # the COUNT_CAP most recently collected matches, newest first
    scanned_all: bool = True  # False when SCAN_LIMIT stopped the re-checking
    engine: str = ""
    expression: str | None = field(default=None, repr=False)


def compile_for_database(query: str, *, strict: bool) -> tuple[Compiled, str]:
    engine = "postgresql" if connection.vendor == "postgresql" else "sqlite"
    return compiled_query(parse(query, strict=strict), engine), engine


@dataclass(frozen=True)
class Candidates:
    articles: QuerySet[Article]  # newest published first
    compiled: Compiled
    recent_only: bool = False  # only the COUNT_CAP most recently collected of many matches
    limit: int = 0  # how many ids the engine gave, when recent_only


def candidates(query: str, *, strict: bool = False, filters: Filters = Filters()) -> Candidates:
    """Articles the engine returns for ``query`` under ``filters``, newest first.

    First the engine's own answer, cut at COUNT_CAP + 1: few matches are then fetched by primary
    key and sorted. Many (a common phrase such as "đầu tư"): without filters, the COUNT_CAP most
    recently collected of them, sorted by publication; with filters, the planner walks the newest
    articles and checks each, so that no matching article under the filters is left out. No
    query re-checks every matching row (PostgreSQL misjudges phrase selectivity and would
    otherwise scan by date).
    """
    compiled, engine = compile_for_database(query, strict=strict)
    articles = _filtered(filters)
    if compiled.expression is None:
        return Candidates(articles, compiled)
    with connection.cursor() as cursor:

        def run(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
            cursor.execute(sql, params)
            return list(cursor.fetchall())

        ids = [row[0] for row in run(MATCHING[engine], [compiled.expression, COUNT_CAP + 1])]
        if len(ids) > COUNT_CAP and not filters:
            ids = recent(run, engine, compiled.expression, ids, cap=COUNT_CAP)
            chosen = ids[:COUNT_CAP]
            return Candidates(
                _among(articles, chosen, engine), compiled, recent_only=True, limit=len(chosen)
            )
    if len(ids) <= COUNT_CAP:
        articles = _among(articles, ids, engine)
    elif engine == "postgresql":
        articles = articles.extra(  # noqa: S610 - the expression is a bound parameter
            where=[f"{POSTGRES_COLUMN} @@ to_tsquery('simple', %s)"],
            params=[compiled.expression],
        )
    else:
        articles = articles.filter(
            id__in=RawSQL(  # noqa: S611 - the expression is a bound parameter
                f"SELECT rowid FROM {SQLITE_TABLE} WHERE {SQLITE_TABLE} MATCH %s",  # noqa: S608
                [compiled.expression],
            )
        )
    return Candidates(articles, compiled)


def _among(articles: QuerySet[Article], ids: list[int], engine: str) -> QuerySet[Article]:
    """``articles`` whose id is one of ``ids`` (up to COUNT_CAP of them)."""
    if engine == "postgresql":
        # One array parameter: PostgreSQL plans it in half the time of a thousand placeholders.
        return articles.filter(
            RawSQL("monitoring_article.id = ANY(%s)", [ids], output_field=BooleanField())
        )
    return articles.filter(id__in=ids)


def _filtered(filters: Filters) -> QuerySet[Article]:
    articles = Article.objects.filter(state=Article.State.READY)
    zone = timezone.get_current_timezone()
    if filters.date_from:
        articles = articles.filter(
            published_at__gte=datetime.combine(filters.date_from, time.min, tzinfo=zone)
        )
    if filters.date_to:
        end = datetime.combine(filters.date_to + timedelta(days=1), time.min, tzinfo=zone)
        articles = articles.filter(published_at__lt=end)
    if filters.source_ids:
        articles = articles.filter(source_id__in=filters.source_ids)
    if filters.languages:
        articles = articles.filter(language__in=filters.languages)
    if filters.countries:
        articles = articles.filter(country__in=filters.countries)
    if filters.topic_id:
        articles = articles.filter(matches__topic_id=filters.topic_id)
    return articles.select_related("source").order_by(
        F("published_at").desc(nulls_last=True), "-id"
    )


def search(
    query: str,
    *,
    strict: bool = False,
    filters: Filters = Filters(),
    page: int = 1,
    per_page: int = 20,
) -> Results:
    """One page of articles matching ``query``; raises ``QueryError`` for an invalid query."""
    node = parse(query, strict=strict)
    found_by_engine = candidates(query, strict=strict, filters=filters)
    articles, compiled = found_by_engine.articles, found_by_engine.compiled
    page = max(1, page)
    start = (page - 1) * per_page
    if compiled.exact and compiled.expression is not None:
        recent_only = found_by_engine.recent_only
        # The most recently collected of many: their number is known (COUNT_CAP, or a few less
        # when some are no longer ready) and shown as "more than"; no need to count them again.
        counted = found_by_engine.limit if recent_only else articles[: COUNT_CAP + 1].count()
        capped = counted > COUNT_CAP or recent_only
        chosen = list(articles[start : start + per_page])
        found = [_found(article, node) for article in chosen]
        return Results(
            found=[item for item in found if item is not None],
            page=page,
            per_page=per_page,
            total=COUNT_CAP if capped else counted,
            capped=capped,
            recent_only=recent_only,
            has_next=start + per_page < counted or (capped and not recent_only),
            exact=True,
            expression=compiled.expression,
        )
    # Re-check candidates in order until this page (and one more hit) is known; all of them,
    # for an exact count, when there are few.
    few = articles[: BATCH + 1].count() <= BATCH
    verified: list[Found] = []
    seen = 0
    for offset in range(0, SCAN_LIMIT, BATCH):
        batch = list(articles[offset : offset + BATCH])
        for article in batch:
            item = _found(article, node)
            if item is not None:
                verified.append(item)
        seen += len(batch)
        if (len(verified) > start + per_page and not few) or len(batch) < BATCH:
            break
    complete = seen < SCAN_LIMIT and (few or len(verified) <= start + per_page)
    more = len(verified) > start + per_page
    return Results(
        found=verified[start : start + per_page],
        page=page,
        per_page=per_page,
        total=len(verified) if complete else None,
        has_next=more,
        exact=False,
        scanned_all=seen < SCAN_LIMIT or more,
        expression=compiled.expression,
    )


def _found(article: Article, node: Node) -> Found | None:
    doc = document_of(article)
    hits = matches(node, doc)
    if hits is None:
        return None
    title = [(hit.start, hit.end) for hit in hits if hit.field == "title"]
    text = [(hit.start, hit.end) for hit in hits if hit.field == "text"]
    return Found(article, highlight(doc.title.text, title), snippet(doc.text.text, text))
