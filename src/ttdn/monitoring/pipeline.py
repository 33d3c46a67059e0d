"""The monitoring pipeline: poll sources, then read each discovered article.

source → fetch (guarded) → entries → queued articles → fetch page → extract → language →
normalise → match topics → exact duplicates → stored.

Each stage claims its work with a conditional UPDATE, so two workers never do the same thing and
running a stage twice changes nothing. An article whose worker died while fetching it is queued
again after ``STALE_CLAIM``; a source is polled again at its next due time.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from ttdn.core.classification import classification_of
from ttdn.monitoring.dates import zone_of
from ttdn.monitoring.dedup import THRESHOLD, bands, signature, similarity
from ttdn.monitoring.extract import Extracted, decode, extract
from ttdn.monitoring.feeds import Entry, FeedError, parse_feed, parse_sitemap
from ttdn.monitoring.fetch import Fetcher, FetchError, HostThrottle, parse_networks
from ttdn.monitoring.language import detect
from ttdn.monitoring.models import Article, Band, Cluster, Match, Source
from ttdn.monitoring.query import Document
from ttdn.monitoring.query.fts import fts_text, pairs_text
from ttdn.monitoring.selectors import topic_matcher
from ttdn.monitoring.urls import normalise, site_of, url_key

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


def source_poll(
    source_id: int, *, now: datetime | None = None, force: bool = False
) -> PollResult | None:
    """Poll one source if due (or ``force``); None when it is not due or another worker has it."""
    now = now or timezone.now()
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
    if claimed != 1:
        return None
    result = PollResult(source=source.slug)
    client = fetcher()
    try:
        read = _read_source(source, client)
    except (FetchError, FeedError) as error:
        message = error.message if isinstance(error, FetchError) else str(error)
        permanent = error.permanent if isinstance(error, FetchError) else True
        _record_failure(source, message, now=now, permanent=permanent)
        result.error = message
        return result
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
    return result


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
    claimed = Article.objects.filter(pk=article_id, state=Article.State.QUEUED).update(
        state=Article.State.FETCHING, claimed_at=now, attempts=F("attempts") + 1
    )
    if claimed != 1:
        return False
    article = Article.objects.select_related("source").get(pk=article_id)
    try:
        fetched = fetcher().get(article.url, interval=article.source.rate_limit_seconds)
        _require_page(fetched.url, fetched.content_type)
    except FetchError as error:
        retry = not error.permanent and article.attempts < MAX_ATTEMPTS
        Article.objects.filter(pk=article.pk).update(
            state=Article.State.QUEUED if retry else Article.State.FAILED,
            error=error.message[:2000],
        )
        return True
    article_read(article, fetched.body, charset=fetched.charset, url=fetched.url, now=now)
    return True


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
    """Queue again the articles whose worker died while fetching them."""
    now = now or timezone.now()
    return Article.objects.filter(
        state=Article.State.FETCHING, claimed_at__lt=now - STALE_CLAIM
    ).update(state=Article.State.QUEUED)


def source_refresh(source_id: int, *, now: datetime | None = None) -> tuple[PollResult | None, int]:
    """Poll one source now, due or not, and read the articles it has queued."""
    polled = source_poll(source_id, now=now, force=True)
    read = sum(article_process(pk, now=now) for pk in queued_ids(source_id=source_id))
    return polled, read


def queued_ids(*, source_id: int | None = None, limit: int = 500) -> list[int]:
    """Queued articles, oldest first."""
    queued = Article.objects.filter(state=Article.State.QUEUED)
    if source_id is not None:
        queued = queued.filter(source_id=source_id)
    return list(queued.order_by("id").values_list("id", flat=True)[:limit])


@dataclass
class PassResult:
    polled: list[PollResult] = field(default_factory=list)
    processed: int = 0


def poll_due(*, now: datetime | None = None, limit: int = 500) -> PassResult:
    """One pass: every due source, then the queued articles (oldest first)."""
    now = now or timezone.now()
    result = PassResult()
    reclaim_stale(now=now)
    due = Source.objects.filter(is_active=True).filter(
        Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now)
    )
    for source_id in due.values_list("id", flat=True):
        polled = source_poll(source_id, now=now)
        if polled is not None:
            result.polled.append(polled)
    for article_id in queued_ids(limit=limit):
        if article_process(article_id, now=now):
            result.processed += 1
    return result
