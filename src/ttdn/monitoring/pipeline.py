"""The monitoring pipeline: poll sources, then read each discovered article.

source → fetch (guarded) → entries → queued articles → fetch page → extract → language →
normalise → match topics → exact duplicates → stored.

Each stage claims its work with a conditional UPDATE, so two workers never do the same thing and
running a stage twice changes nothing. An article whose worker died while fetching it is queued
again after ``STALE_CLAIM``, until ``MAX_ATTEMPTS``; a source is polled again at its next due time.

A pass (``poll_due``) fetches in a few threads, one lane per host: a slow host holds up only its
own lane. The threads only fetch; every database write happens in the calling thread, between
fetches, never during one. Each source and each article is isolated: an unexpected error is logged
with its traceback, counted on the source, and the pass goes on.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache
from typing import TypeVar
from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from ttdn.core.classification import classification_of
from ttdn.monitoring.dates import zone_of
from ttdn.monitoring.dedup import THRESHOLD, bands, signature, similarity
from ttdn.monitoring.extract import Extracted, decode, extract
from ttdn.monitoring.feeds import Entry, FeedError, parse_feed, parse_sitemap
from ttdn.monitoring.fetch import Fetched, Fetcher, FetchError, HostThrottle, parse_networks
from ttdn.monitoring.language import detect
from ttdn.monitoring.models import Article, Band, Cluster, Match, Source
from ttdn.monitoring.query import Document
from ttdn.monitoring.query.fts import fts_text, pairs_text
from ttdn.monitoring.selectors import topic_matcher
from ttdn.monitoring.urls import normalise, site_of, url_key

T = TypeVar("T")

log = logging.getLogger(__name__)

STALE_CLAIM = timedelta(minutes=10)
MAX_ATTEMPTS = 3
STOPPED_AFTER = timedelta(days=30)
CANDIDATES = 200  # stored articles compared with a new one, at most
EMPTY_AFTER = 3  # consecutive articles without text before "template changed"
FEED_TYPES = ("xml", "rss", "atom", "text/plain")
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")


@lru_cache(maxsize=1)
def fetcher() -> Fetcher:
    return Fetcher(
        allow_networks=parse_networks(settings.MONITORING_ALLOW_NETWORKS),
        timeout=float(settings.MONITORING_TIMEOUT),
        max_bytes=settings.MONITORING_MAX_BYTES,
        retries=settings.MONITORING_RETRIES,
        throttle=HostThrottle(0.0),
    )


@dataclass
class PollResult:
    source: str
    new: int = 0
    seen: int = 0
    not_modified: bool = False
    error: str = ""
    seconds: float = 0.0  # from the start of the pass (or the poll) to the result being stored


def source_poll(
    source_id: int, *, now: datetime | None = None, force: bool = False
) -> PollResult | None:
    """Poll one source if due (or ``force``); None when it is not due or another worker has it."""
    now = now or timezone.now()
    started = time.monotonic()
    source = _claim_source(source_id, now=now, force=force)
    if source is None:
        return None
    outcome = _attempt(lambda: _read_source(source, fetcher()))
    return _source_done(source, outcome, now=now, started=started)


def _claim_source(source_id: int, *, now: datetime, force: bool = False) -> Source | None:
    due = Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now)
    claim = Source.objects.filter(pk=source_id, is_active=True)
    if not force:
        claim = claim.filter(due)
    source = claim.first()
    if source is None:
        return None
    # Claim: push the next poll forward; only one worker succeeds for a given due time.
    next_at = now + timedelta(minutes=source.interval_minutes)
    claimed = Source.objects.filter(pk=source.pk, next_poll_at=source.next_poll_at).update(
        next_poll_at=next_at, last_polled_at=now
    )
    return source if claimed == 1 else None


def _source_done(
    source: Source, outcome: _Read | Exception, *, now: datetime, started: float
) -> PollResult:
    """Store what polling ``source`` brought (or why it failed); never raises for one source."""
    result = PollResult(source=source.slug)
    if isinstance(outcome, FetchError | FeedError):
        message = outcome.message if isinstance(outcome, FetchError) else str(outcome)
        permanent = outcome.permanent if isinstance(outcome, FetchError) else True
        _record_failure(source, message, now=now, permanent=permanent)
        result.error = message
    elif isinstance(outcome, Exception):
        result.error = _unexpected(source, outcome, f"polling {source.url}", now=now)
    else:
        try:
            with transaction.atomic():
                _store_read(source, outcome, result, now=now)
        except Exception as error:  # one source's bug must not stop the pass
            result = PollResult(source=source.slug)
            result.error = _unexpected(source, error, f"storing {source.url}", now=now)
    result.seconds = time.monotonic() - started
    return result


def _store_read(source: Source, read: _Read, result: PollResult, *, now: datetime) -> None:
    entries = read.entries
    result.not_modified = read.not_modified
    newest = max((e.published for e in entries if e.published and e.published <= now), default=None)
    new = _enqueue(source, entries)
    result.new, result.seen = new, len(entries) - new
    updates: dict[str, object] = {
        "consecutive_failures": 0,
        "last_error": read.warning,
        "last_success_at": now,
        "etag": read.etag,
        "last_modified": read.last_modified,
    }
    if newest and (source.last_entry_at is None or newest > source.last_entry_at):
        updates["last_entry_at"] = newest
    last_entry = updates.get("last_entry_at", source.last_entry_at)
    if isinstance(last_entry, datetime) and now - last_entry > STOPPED_AFTER:
        updates["health"] = Source.Health.STOPPED
    elif source.health != Source.Health.EMPTY:
        updates["health"] = Source.Health.OK
    Source.objects.filter(pk=source.pk).update(**updates)


def _attempt(work: Callable[[], T]) -> T | Exception:
    """What ``work`` returns, or the exception it raised (to be dealt with by the caller)."""
    try:
        return work()
    except Exception as error:  # handed over to the caller, never dropped
        return error


def _unexpected(
    source: Source, error: Exception, doing: str, *, now: datetime, polling: bool = True
) -> str:
    """Log an unexpected error with its traceback and show it on the source's health: a failed
    poll (``polling``, backed off like any failure) or one of its articles that could not be read.
    """
    log.error("source %s: unexpected error %s", source.slug, doing, exc_info=error)
    message = f"unexpected error {doing}: {type(error).__name__}: {error}"
    if polling:
        _record_failure(source, message, now=now, permanent=False)
    else:
        Source.objects.filter(pk=source.pk).update(
            last_error=message[:2000], health=Source.Health.FAILING
        )
    Source.objects.filter(pk=source.pk).update(
        unexpected_errors=F("unexpected_errors") + 1, last_unexpected_error=message[:2000]
    )
    return message


@dataclass
class _Read:
    entries: list[Entry]
    etag: str = ""
    last_modified: str = ""
    not_modified: bool = False
    warning: str = ""


def _read_source(source: Source, client: Fetcher) -> _Read:
    if source.kind == Source.Kind.PAGE:
        return _Read([Entry(url=source.url)])
    fetched = client.get(
        source.url,
        etag=source.etag,
        last_modified=source.last_modified,
        interval=source.rate_limit_seconds,
    )
    if fetched.not_modified:
        return _Read([], source.etag, source.last_modified, not_modified=True)
    _require_type(fetched.url, fetched.content_type, FEED_TYPES, fetched.body)
    warning = ""
    if source.kind == Source.Kind.SITEMAP:
        sitemap = parse_sitemap(fetched.body, base_url=fetched.url)
        entries = list(sitemap.entries)
        for child in sitemap.children[:20]:
            child_fetched = client.get(child, interval=source.rate_limit_seconds)
            entries.extend(parse_sitemap(child_fetched.body, base_url=child_fetched.url).entries)
    else:
        feed = parse_feed(fetched.body, base_url=fetched.url)
        entries, warning = feed.entries, feed.warning
    return _Read(entries, fetched.etag, fetched.last_modified, warning=warning)


def _require_type(url: str, content_type: str, accepted: tuple[str, ...], body: bytes) -> None:
    if content_type and not any(kind in content_type for kind in accepted):
        raise FetchError(f"{url}: the server sent {content_type}, not a feed", permanent=True)
    if body[:8] == b"\x89PNG\r\n\x1a\n" or body[:3] == b"\xff\xd8\xff" or body[:4] == b"%PDF":
        raise FetchError(f"{url}: the server sent a binary file", permanent=True)


def _record_failure(source: Source, message: str, *, now: datetime, permanent: bool) -> None:
    failures = source.consecutive_failures + 1
    # Back off: a failing source is tried less often, up to 16 intervals apart.
    delay = timedelta(minutes=source.interval_minutes * min(2 ** (failures - 1), 16))
    Source.objects.filter(pk=source.pk).update(
        consecutive_failures=F("consecutive_failures") + 1,
        last_error=message[:2000],
        health=Source.Health.FAILING,
        next_poll_at=now + delay,
    )
    log.warning(
        "source %s failed (%s): %s", source.slug, "permanent" if permanent else "transient", message
    )


def _enqueue(source: Source, entries: list[Entry]) -> int:
    """Queue the entries not seen before; return how many were new."""
    keys = {url_key(entry.url): entry for entry in entries}
    known = set(Article.objects.filter(url_key__in=keys).values_list("url_key", flat=True))
    if source.kind == Source.Kind.PAGE and keys:
        # A single page is read again at every poll: its article is updated in place.
        Article.objects.filter(
            url_key__in=keys, state__in=[Article.State.READY, Article.State.FAILED]
        ).update(state=Article.State.QUEUED, attempts=0)
    fresh = [
        Article(
            source=source,
            url=normalise(entry.url),
            url_key=key,
            site=site_of(entry.url),
            country=source.country,
            entry_title=entry.title,
            entry_summary=entry.summary,
            entry_published_at=entry.published,
        )
        for key, entry in keys.items()
        if key not in known
    ]
    Article.objects.bulk_create(fresh, ignore_conflicts=True)
    return len(fresh)


def article_process(article_id: int, *, now: datetime | None = None) -> bool:
    """Fetch, read and match one queued article; False when there was nothing to do."""
    now = now or timezone.now()
    article = _claim_article(article_id, now=now)
    if article is None:
        return False
    _article_done(article, _attempt(lambda: _fetch_article(article, fetcher())), now=now)
    return True


def _claim_article(article_id: int, *, now: datetime) -> Article | None:
    claimed = Article.objects.filter(
        pk=article_id, state=Article.State.QUEUED, attempts__lt=MAX_ATTEMPTS
    ).update(state=Article.State.FETCHING, claimed_at=now, attempts=F("attempts") + 1)
    if claimed != 1:
        return None
    return Article.objects.select_related("source").get(pk=article_id)


def _fetch_article(article: Article, client: Fetcher) -> Fetched:
    """The network part of reading an article (no database)."""
    fetched = client.get(article.url, interval=article.source.rate_limit_seconds)
    _require_page(fetched.url, fetched.content_type)
    return fetched


def _article_done(article: Article, outcome: Fetched | Exception, *, now: datetime) -> None:
    """Read and store a fetched article, or record why it failed; never raises for one article.

    A transient failure queues it again, until ``MAX_ATTEMPTS``; then, or after a permanent
    failure, it is failed. An unexpected error counts as a transient one, and on its source.
    """
    if isinstance(outcome, FetchError):
        _article_failed(article, outcome.message, retry=not outcome.permanent)
        return
    error = outcome if isinstance(outcome, Exception) else None
    if error is None and isinstance(outcome, Fetched):
        try:
            with transaction.atomic():  # all of the article or nothing of it
                article_read(
                    article, outcome.body, charset=outcome.charset, url=outcome.url, now=now
                )
        except Exception as exc:  # one article's bug must not stop the pass
            error = exc
    if error is not None:
        message = _unexpected(
            article.source, error, f"reading {article.url}", now=now, polling=False
        )
        _article_failed(article, message, retry=True)


def _article_failed(article: Article, message: str, *, retry: bool) -> None:
    retry = retry and article.attempts < MAX_ATTEMPTS
    Article.objects.filter(pk=article.pk).update(
        state=Article.State.QUEUED if retry else Article.State.FAILED, error=message[:2000]
    )


def article_read(
    article: Article, body: bytes, *, charset: str | None, url: str, now: datetime
) -> None:
    """Everything after fetching: decode, extract, language, normalise, dedup, match, store."""
    found = extract(
        decode(body, charset),
        url=url,
        now=now,
        fallback_title=article.entry_title,
        fallback_published=article.entry_published_at,
        tz=zone_of(article.source.country),
    )
    _store(article, found, now=now)


def _require_page(url: str, content_type: str) -> None:
    if content_type and not any(content_type.startswith(kind) for kind in PAGE_TYPES if kind):
        raise FetchError(f"{url}: the server sent {content_type}, not a web page", permanent=True)


# The lookups made for every article read go through the cursor: the ORM spends ten times what
# these indexed queries cost (0.6 ms against 0.05 ms each on SQLite), and ingest is measured
# against extraction alone (docs/monitoring/performance.md).
_ARTICLES = Article._meta.db_table
_BANDS = Band._meta.db_table
# One lookup per indexed column, joined by UNION ALL, and nothing else in their WHERE clauses:
# given ``OR`` or ``state``, SQLite's planner may walk every article instead.
_FOUND = f"SELECT id, published_at, cluster_id, state FROM {_ARTICLES}"  # noqa: S608
_SAME_ADDRESS = _FOUND + " WHERE canonical_key = %s"
_SAME_TEXT = _FOUND + " WHERE content_hash = %s"
# Earliest published first, then the first stored.
_EARLIEST = " ORDER BY published_at IS NULL, published_at, id"
# Through the band keys' index first, and no ``state`` in the WHERE clause (filtered here): given
# one, SQLite's planner may walk every ready article instead.
_SHARING = (
    f"SELECT id, signature, cluster_id, state FROM {_ARTICLES} WHERE id IN"  # noqa: S608
    f" (SELECT article_id FROM {_BANDS} WHERE key IN ({{keys}}) AND article_id <> %s LIMIT %s)"
    " ORDER BY id"
)
_NEW_BAND = f"INSERT INTO {_BANDS} (article_id, key) VALUES (%s, %s)"  # noqa: S608


@dataclass(frozen=True)
class _Stored:
    """A stored article that a new one repeats: what the new one needs of it."""

    id: int
    cluster_id: int | None


def _store(article: Article, found: Extracted, *, now: datetime) -> None:
    source = article.source
    title, text = found.title, found.text or article.entry_summary
    stamp = classification_of([title, *text.splitlines()])
    if stamp:
        # Nothing marked as a state secret is stored: keep the address, drop the content.
        Article.objects.filter(pk=article.pk).update(
            state=Article.State.FAILED,
            error=f"marked {stamp}: not stored",
            title="",
            text="",
            html="",
        )
        return
    language, confidence = detect(f"{title}\n{text}")
    if not language:
        language, confidence = source.language, 0.0
    canonical = normalise(found.canonical_url) if found.canonical_url else ""
    doc = Document.of(
        title=title,
        text=text,
        url=canonical or article.url,
        site=site_of(canonical or article.url),
        lang=language,
        country=article.country,
        source=source.slug,
    )
    loose = doc.text.joined()
    content_hash = hashlib.sha256(loose.encode("utf-8")).hexdigest() if loose else ""
    original = _original_of(article, canonical, content_hash)
    sig = signature(doc.title.loose + doc.text.loose) if original is None else []
    keys = bands(sig)
    reread = article.fetched_at is not None  # a single page read again, or a retried article
    with transaction.atomic():
        article.title = doc.title.text
        article.text = doc.text.text
        article.html = found.html
        article.author = found.author
        article.published_at = found.published
        article.canonical_url = canonical
        article.canonical_key = url_key(canonical) if canonical else ""
        article.site = doc.site
        article.language = language
        article.language_confidence = confidence
        article.search_title = fts_text(doc.title)
        article.search_text = fts_text(doc.text)
        article.search_pairs = pairs_text(doc.title, doc.text)
        article.content_hash = content_hash
        article.signature = sig
        article.fetched_at = now
        article.error = ""
        article.duplicate_of_id = original.id if original else None
        article.state = Article.State.DUPLICATE if original else Article.State.READY
        article.save()
        _update_source_extraction(source, bool(found.text))
        if original is not None:
            _cluster_with(original, article.pk)
            return
        similar = _most_similar(article, sig, keys)
        if reread:
            Band.objects.filter(article=article).delete()
        with connection.cursor() as cursor:  # see _ARTICLES
            cursor.executemany(_NEW_BAND, [(article.pk, key) for key in keys])
        if similar is not None:
            _cluster_with(similar, article.pk)
        if text:
            _match(article, doc)


def _most_similar(article: Article, sig: list[int], keys: list[int]) -> _Stored | None:
    """The stored article most like this one (sharing a band, similarity ≥ THRESHOLD)."""
    if not keys:
        return None
    sql = _SHARING.format(keys=", ".join(["%s"] * len(keys)))
    with connection.cursor() as cursor:
        cursor.execute(sql, [*keys, article.pk, CANDIDATES])
        rows = cursor.fetchall()
    best: _Stored | None = None
    best_score = THRESHOLD
    for pk, stored, cluster_id, state in rows:
        if state != Article.State.READY:
            continue
        score = similarity(sig, json.loads(stored))  # JSON text on both databases
        if score >= best_score:
            best, best_score = _Stored(pk, cluster_id), score
    return best


def _cluster_with(stored: _Stored, article_id: int) -> None:
    """Put the article in the cluster of the stored one it repeats; the first time a story is
    repeated, its cluster is made (a story seen once has none)."""
    cluster = None
    if stored.cluster_id is not None:
        cluster = Cluster.objects.filter(pk=stored.cluster_id).first()
    if cluster is None:
        cluster = Cluster.objects.create(first_id=stored.id, size=0)
        _join(cluster, stored.id)
    _join(cluster, article_id)


def _join(cluster: Cluster, article_id: int) -> None:
    Article.objects.filter(pk=article_id).update(cluster=cluster)
    members = Article.objects.filter(
        cluster=cluster, state__in=[Article.State.READY, Article.State.DUPLICATE]
    )
    first = members.order_by(F("published_at").asc(nulls_last=True), "id").first()
    Cluster.objects.filter(pk=cluster.pk).update(
        size=Article.objects.filter(cluster=cluster).count(), first=first
    )


def _original_of(article: Article, canonical: str, content_hash: str) -> _Stored | None:
    """The earliest stored article at the same canonical address or with the same text."""
    lookups, params = [], []
    if canonical:
        lookups.append(_SAME_ADDRESS)
        params.append(url_key(canonical))
    if content_hash:
        lookups.append(_SAME_TEXT)
        params.append(content_hash)
    if not lookups:
        return None
    union = " UNION ALL ".join(lookups)
    sql = f"SELECT id, cluster_id, state FROM ({union}) AS found{_EARLIEST}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    for pk, cluster_id, state in rows:
        if state == Article.State.READY and pk != article.pk:
            return _Stored(pk, cluster_id)
    return None


def _update_source_extraction(source: Source, had_text: bool) -> None:
    if had_text and not source.empty_extractions and source.health != Source.Health.EMPTY:
        return  # nothing to change (the usual case: no query)
    if had_text:
        Source.objects.filter(pk=source.pk).update(empty_extractions=0)
        Source.objects.filter(pk=source.pk, health=Source.Health.EMPTY).update(
            health=Source.Health.OK
        )
        return
    Source.objects.filter(pk=source.pk).update(empty_extractions=F("empty_extractions") + 1)
    Source.objects.filter(pk=source.pk, empty_extractions__gte=EMPTY_AFTER).exclude(
        health=Source.Health.FAILING
    ).update(health=Source.Health.EMPTY)
    if source.kind == Source.Kind.PAGE:
        Source.objects.filter(pk=source.pk).update(health=Source.Health.EMPTY)


def document_of(article: Article) -> Document:
    return Document.of(
        title=article.title,
        text=article.text,
        url=article.canonical_url or article.url,
        site=article.site,
        lang=article.language,
        country=article.country,
        source=article.source.slug,
    )


def _match(article: Article, doc: Document) -> int:
    found = topic_matcher().match(doc)
    rows = [
        Match(article=article, topic_id=topic_id, hits=[[h.field, h.start, h.end] for h in hits])
        for topic_id, hits in found.items()
    ]
    Match.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def reclaim_stale(*, now: datetime | None = None) -> int:
    """Queue again the articles whose worker died while fetching them; fail those that have had
    their ``MAX_ATTEMPTS`` (a page that kills its worker every time is not tried for ever)."""
    now = now or timezone.now()
    stale = Article.objects.filter(state=Article.State.FETCHING, claimed_at__lt=now - STALE_CLAIM)
    given_up = stale.filter(attempts__gte=MAX_ATTEMPTS).update(
        state=Article.State.FAILED,
        error=f"reading it stopped {MAX_ATTEMPTS} times without an answer (worker stopped)",
    )
    if given_up:
        log.warning("%d articles failed: their reading stopped %d times", given_up, MAX_ATTEMPTS)
    # Queued by an older version beyond the maximum: never claimed again, so failed now.
    Article.objects.filter(state=Article.State.QUEUED, attempts__gte=MAX_ATTEMPTS).update(
        state=Article.State.FAILED, error=f"not read after {MAX_ATTEMPTS} attempts"
    )
    return stale.filter(attempts__lt=MAX_ATTEMPTS).update(state=Article.State.QUEUED)


def source_refresh(source_id: int, *, now: datetime | None = None) -> tuple[PollResult | None, int]:
    """Poll one source now, due or not, and read the articles it has queued."""
    polled = source_poll(source_id, now=now, force=True)
    read = sum(article_process(pk, now=now) for pk in queued_ids(source_id=source_id))
    return polled, read


def queued_ids(*, source_id: int | None = None, limit: int = 500) -> list[int]:
    """Queued articles, oldest first."""
    queued = Article.objects.filter(state=Article.State.QUEUED, attempts__lt=MAX_ATTEMPTS)
    if source_id is not None:
        queued = queued.filter(source_id=source_id)
    return list(queued.order_by("id").values_list("id", flat=True)[:limit])


@dataclass
class PassResult:
    polled: list[PollResult] = field(default_factory=list)
    processed: int = 0


def poll_due(*, now: datetime | None = None, limit: int = 500) -> PassResult:
    """One pass: every due source and the queued articles (oldest first), as well as those the
    sources bring, at most ``limit`` articles. Fetches run in ``MONITORING_WORKERS`` threads, one
    lane per host; the results are stored here, one source or article at a time."""
    now = now or timezone.now()
    started = time.monotonic()
    result = PassResult()
    reclaim_stale(now=now)
    client = fetcher()
    due = Source.objects.filter(is_active=True).filter(
        Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now)
    )
    claimed: set[int] = set()  # articles of this pass: each is tried once

    def read(article_ids: list[int], lanes: _Lanes) -> None:
        for article_id in article_ids:
            if article_id in claimed or len(claimed) >= limit:
                continue
            claimed.add(article_id)
            article = _claim_article(article_id, now=now)
            if article is None:
                continue
            result.processed += 1
            lanes.add(
                _host(article.url),
                lambda a=article: _fetch_article(a, client),  # type: ignore[misc]
                lambda outcome, a=article: _article_done(a, outcome, now=now),  # type: ignore[misc]
            )

    def polled(source: Source, outcome: _Read | Exception, lanes: _Lanes) -> None:
        result.polled.append(_source_done(source, outcome, now=now, started=started))
        read(queued_ids(source_id=source.pk, limit=limit), lanes)

    with _lanes(settings.MONITORING_WORKERS) as lanes:
        for source_id in due.values_list("id", flat=True):
            source = _claim_source(source_id, now=now)
            if source is not None:
                lanes.add(
                    _host(source.url),
                    lambda s=source: _read_source(s, client),  # type: ignore[misc]
                    lambda outcome, s=source: polled(s, outcome, lanes),  # type: ignore[misc]
                )
        read(queued_ids(limit=limit), lanes)
        lanes.run()
    return result


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower()


@dataclass
class _Job:
    work: Callable[[], object]
    done: Callable[[object], None]


class _Lanes:
    """Network work of a pass: a lane per host, whose jobs run one after another (the host's rate
    limit is kept), in at most ``workers`` threads at once. ``done`` runs in the calling thread."""

    def __init__(self, pool: ThreadPoolExecutor, workers: int) -> None:
        self._pool = pool
        self._workers = workers
        self._waiting: dict[str, deque[_Job]] = {}
        self._running: dict[Future[object], tuple[str, _Job]] = {}

    def add(self, host: str, work: Callable[[], T], done: Callable[[T | Exception], None]) -> None:
        self._waiting.setdefault(host, deque()).append(_Job(work, done))  # type: ignore[arg-type]

    def run(self) -> None:
        while self._waiting or self._running:
            busy = {host for host, _ in self._running.values()}
            for host in [h for h in self._waiting if h not in busy]:
                if len(self._running) >= self._workers:
                    break
                job = self._waiting[host].popleft()
                if not self._waiting[host]:
                    del self._waiting[host]
                self._running[self._pool.submit(_attempt, job.work)] = (host, job)
            finished, _ = wait(self._running, return_when=FIRST_COMPLETED)
            for future in finished:
                _, job = self._running.pop(future)
                job.done(future.result())  # _attempt returns the exception, never raises it


@contextmanager
def _lanes(workers: int) -> Iterator[_Lanes]:
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="monitor-fetch") as pool:
        yield _Lanes(pool, workers)
