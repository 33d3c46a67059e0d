"""The pipeline against the demo press site on 127.0.0.1: sources, articles, topics, health."""

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from ttdn.demo.monitoring import load_monitoring
from ttdn.demo.press_site import PressSite, manifest
from ttdn.monitoring.models import Article, Match, Source, Topic
from ttdn.monitoring.pipeline import (
    MAX_ATTEMPTS,
    article_process,
    fetcher,
    poll_due,
    reclaim_stale,
    source_poll,
)
from ttdn.monitoring.urls import normalise

from .conftest import PagesServer

pytestmark = pytest.mark.django_db(transaction=False)
NOW = datetime(2026, 11, 26, 3, 0, tzinfo=UTC)


@pytest.fixture
def loaded(press_site: PressSite) -> PressSite:
    load_monitoring(press_site.base)
    return press_site


def test_one_pass_reads_every_source_and_matches_topics(loaded: PressSite) -> None:
    result = poll_due(now=NOW)
    assert len(result.polled) == Source.objects.count()
    expected = {normalise(loaded.base + row["path"]) for row in manifest()["articles"]}
    ready = Article.objects.filter(state__in=[Article.State.READY, Article.State.DUPLICATE])
    assert expected <= {article.url for article in ready}
    assert Match.objects.exists()
    # Every topic of the demo matches something on the press site.
    assert set(Topic.objects.filter(matches__isnull=False).values_list("slug", flat=True)) == set(
        Topic.objects.values_list("slug", flat=True)
    )


def test_running_again_duplicates_nothing(loaded: PressSite) -> None:
    poll_due(now=NOW)
    articles, matches = Article.objects.count(), Match.objects.count()
    poll_due(now=NOW + timedelta(hours=3))
    assert (Article.objects.count(), Match.objects.count()) == (articles, matches)


def test_problem_sources_record_a_clear_error_and_the_others_go_on(loaded: PressSite) -> None:
    poll_due(now=NOW)
    health = dict(Source.objects.values_list("slug", "health"))
    errors = dict(Source.objects.values_list("slug", "last_error"))
    assert health["bomb"] == Source.Health.FAILING
    assert "declares XML entities" in errors["bomb"]
    assert "declares XML entities" in errors["xxe"]
    assert health["broken"] == Source.Health.OK  # the complete entries were read …
    assert "not well-formed XML" in errors["broken"]  # … and the damage is shown
    assert "binary" in errors["binary"] or "not a feed" in errors["binary"]
    assert health["old-gazette"] == Source.Health.STOPPED
    assert health["baobacninh"] == Source.Health.OK


def test_a_worker_killed_mid_article_is_resumed(loaded: PressSite) -> None:
    source = Source.objects.get(slug="baobacninh")
    source_poll(source.pk, now=NOW)
    article = Article.objects.filter(source=source).first()
    assert article is not None
    # A worker claimed it and died.
    Article.objects.filter(pk=article.pk).update(state=Article.State.FETCHING, claimed_at=NOW)
    assert not article_process(article.pk, now=NOW)
    assert reclaim_stale(now=NOW + timedelta(minutes=5)) == 0
    assert reclaim_stale(now=NOW + timedelta(minutes=11)) == 1
    assert article_process(article.pk, now=NOW + timedelta(minutes=11))
    article.refresh_from_db()
    assert article.state in (Article.State.READY, Article.State.DUPLICATE)


def test_conditional_get_on_the_second_poll(loaded: PressSite) -> None:
    source = Source.objects.get(slug="baobacninh")
    first = source_poll(source.pk, now=NOW)
    assert first is not None
    assert not first.not_modified
    second = source_poll(source.pk, now=NOW + timedelta(hours=1))
    assert second is not None
    assert second.not_modified
    assert source_poll(source.pk, now=NOW + timedelta(hours=1)) is None  # not due again yet


def test_each_article_is_read_as_the_manifest_says(loaded: PressSite) -> None:
    poll_due(now=NOW)
    wrong: list[str] = []
    for row in manifest()["articles"]:
        if row.get("exact_duplicate_of"):
            continue
        article = Article.objects.get(url=normalise(loaded.base + row["path"]))
        topics = set(article.matches.values_list("topic__slug", flat=True))
        published = datetime.fromisoformat(row["published"])
        checks = {
            "title": (article.title, row["title"]),
            "language": (article.language, row["language"]),
            "topics": (topics, set(row["topics"])),
        }
        if "relative-date" not in row.get("quirks", []):
            checks["published"] = (article.published_at, published)
        for name, (got, want) in checks.items():
            if got != want and not (name == "topics" and article.duplicate_of_id):
                wrong.append(f"{row['path']} {name}: {got!r} != {want!r}")
    assert wrong == [], "\n".join(wrong)


def test_syndicated_stories_cluster_with_where_they_appeared_first(loaded: PressSite) -> None:
    poll_due(now=NOW)
    groups: dict[str, list[str]] = {}
    for row in manifest()["articles"]:
        if row.get("syndication_group"):
            groups.setdefault(row["syndication_group"], []).append(row)
    assert groups
    for rows in groups.values():
        articles = [Article.objects.get(url=normalise(loaded.base + row["path"])) for row in rows]
        clusters = {article.cluster_id for article in articles}
        assert len(clusters) == 1, [(a.url, a.cluster_id) for a in articles]
        cluster = articles[0].cluster
        assert cluster is not None
        first = min(rows, key=lambda row: datetime.fromisoformat(row["published"]))
        assert cluster.first is not None
        assert cluster.first.url == normalise(loaded.base + first["path"])
    # Stories that are not syndicated stay alone.
    alone = Article.objects.exclude(cluster__size__gt=1).filter(state=Article.State.READY)
    assert alone.count() >= 20


def test_highlights_point_at_the_matched_words(loaded: PressSite) -> None:
    poll_due(now=NOW)
    match = Match.objects.filter(topic__slug="vai-thieu", article__language="vi").first()
    assert match is not None
    texts = {"title": match.article.title, "text": match.article.text}
    words = {texts[field][start:end].lower() for field, start, end in match.hits}
    assert words & {"vải thiều", "vải", "thiều"}


def _page(title: str, published: str, body: str, canonical: str = "") -> bytes:
    paragraphs = "".join(f"<p>{body} Đoạn {n} của bài viết về tỉnh.</p>" for n in range(8))
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return (
        f'<html><head><title>{title}</title><meta property="article:published_time"'
        f' content="{published}">{link}</head><body><article><h1>{title}</h1>{paragraphs}'
        "</article></body></html>"
    ).encode()


def _read(source: Source, path: str, body: bytes) -> Article:
    from ttdn.monitoring.pipeline import article_read
    from ttdn.monitoring.urls import url_key

    url = f"https://bao.example/{path}"
    article = Article.objects.create(source=source, url=url, url_key=url_key(url), state="fetching")
    article_read(article, body, charset="utf-8", url=url, now=NOW)
    article.refresh_from_db()
    return article


def test_a_repeated_text_points_at_the_earliest_published_ready_copy() -> None:
    source = Source.objects.create(slug="bao", name="Báo", url="https://bao.example/rss")
    text = "Tỉnh đón đoàn doanh nghiệp Hàn Quốc đến tìm hiểu cơ hội đầu tư vào khu công nghiệp."
    later = _read(source, "a", _page("Đón đoàn", "2026-11-20T08:00:00+07:00", text))
    earlier = _read(source, "b", _page("Đón đoàn", "2026-11-19T08:00:00+07:00", text))
    assert (later.state, earlier.state) == (Article.State.READY, Article.State.DUPLICATE)
    assert earlier.duplicate_of_id == later.pk  # the only ready copy when it was read
    # A third copy: the earliest published of the ready ones, never a duplicate or failed one.
    Article.objects.filter(pk=later.pk).update(state=Article.State.FAILED)
    third = _read(source, "c", _page("Đón đoàn", "2026-11-21T08:00:00+07:00", text))
    assert third.state == Article.State.READY
    assert third.duplicate_of_id is None
    fourth = _read(source, "d", _page("Đón đoàn", "2026-11-18T08:00:00+07:00", text))
    assert fourth.duplicate_of_id == third.pk
    third.refresh_from_db()  # a story seen once has no cluster; its first copy makes one
    assert fourth.cluster_id == third.cluster_id
    assert fourth.cluster_id is not None
    # Same address as one ready article, same text as another: the earlier published of the two.
    other = "Sở Ngoại vụ tổ chức hội nghị thông tin đối ngoại với các cơ quan báo chí trong nước."
    address = "https://goc.example/tin-1"
    at_address = _read(source, "e", _page("Hội nghị", "2026-11-17T08:00:00+07:00", other, address))
    assert at_address.state == Article.State.READY
    both = _read(source, "f", _page("Đón đoàn", "2026-11-25T08:00:00+07:00", text, address))
    assert both.duplicate_of_id == at_address.pk


def test_the_lookups_of_every_article_read_go_through_indexes() -> None:
    from django.db import connection

    from ttdn.monitoring import pipeline

    lookups = [
        (pipeline._SHARING.format(keys="%s, %s"), [1, 2, 3, 200]),
        (pipeline._SAME_ADDRESS + " UNION ALL " + pipeline._SAME_TEXT, ["a", "b"]),
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # it scans tables this small, rightly: can it not?
            cursor.execute("SET LOCAL enable_seqscan = off")
        explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
        for sql, params in lookups:
            cursor.execute(explain + sql, params)
            plan = " / ".join(str(row[-1]) for row in cursor.fetchall())
            assert "SCAN monitoring_article" not in plan, plan
            assert "Seq Scan on monitoring_article" not in plan, plan


# --- Keeping the pipeline running: isolation, deadlines, lanes -------------------------------

_TEXT = "Tỉnh đón đoàn doanh nghiệp Hàn Quốc đến tìm hiểu cơ hội đầu tư vào khu công nghiệp mới."


def _feed(base: str, items: list[tuple[str, str, str]]) -> bytes:
    """An RSS feed of (path, title, pubDate or "")."""
    entries = "".join(
        f"<item><title>{title}</title><link>{base}{path}</link>"
        + (f"<pubDate>{date}</pubDate>" if date else "")
        + "</item>"
        for path, title, date in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Báo</title>'
        f"<link>{base}/</link><description>Tin</description>{entries}</channel></rss>"
    ).encode()


def _source(slug: str, url: str, name: str = "") -> Source:
    return Source.objects.create(
        slug=slug, name=name or slug, url=url, country="VN", rate_limit_seconds=0.0
    )


@pytest.fixture
def fresh_fetcher(settings: Any) -> Iterator[Any]:
    """The pipeline's fetcher built again from the settings a test sets (and after it)."""
    fetcher.cache_clear()
    yield settings
    fetcher.cache_clear()


def test_an_article_that_breaks_reading_fails_alone_and_shows_on_its_source(
    pages: PagesServer, fresh_fetcher: Any, caplog: pytest.LogCaptureFixture
) -> None:
    base = pages.base
    # The bad page has no date but one "GMT+25" written in it: reading it raises a ValueError
    # (an offset of 25 hours) deep in the date parser — an error nobody foresaw.
    bad = _page("Tin lỗi", "", _TEXT).replace(b'content=""', b'content="x"')
    bad = bad.replace(
        b"</article>", b"<p>C\xe1\xba\xadp nh\xe1\xba\xadt 10:30 26/11/2026 (GMT+25)</p></article>"
    )
    html = "text/html; charset=utf-8"
    feed = _feed(
        base,
        [
            ("/a.html", "Tin A", "Wed, 25 Nov 2026 08:00:00 +0700"),
            ("/bad.html", "Tin lỗi", ""),
            ("/c.html", "Tin C", "Wed, 25 Nov 2026 09:00:00 +0700"),
        ],
    )
    pages.pages["/rss"] = ("application/rss+xml", feed)
    pages.pages["/a.html"] = (html, _page("Tin A", "2026-11-25T08:00:00+07:00", _TEXT))
    pages.pages["/bad.html"] = (html, bad)
    other_text = "Khác hẳn: " + _TEXT[::-1]
    pages.pages["/c.html"] = (html, _page("Tin C", "2026-11-25T09:00:00+07:00", other_text))
    source = _source("bao", base + "/rss")
    other = _source("khac", base + "/other-rss")
    pages.pages["/other-rss"] = ("application/rss+xml", _feed(base, [("/d.html", "Tin D", "")]))
    pages.pages["/d.html"] = (
        "text/html",
        _page("Tin D", "2026-11-25T10:00:00+07:00", _TEXT[:60] + " bốn"),
    )

    result = poll_due(now=NOW)
    assert result.processed == 4
    states = dict(Article.objects.values_list("url", "state"))
    assert states[base + "/a.html"] == Article.State.READY
    assert states[base + "/c.html"] == Article.State.READY
    assert states[base + "/d.html"] == Article.State.READY
    bad_article = Article.objects.get(url=base + "/bad.html")
    assert bad_article.state == Article.State.QUEUED  # an unexpected error may not happen again
    assert "unexpected error" in bad_article.error
    assert "ValueError" in bad_article.error
    logged = [r for r in caplog.records if "unexpected error" in r.getMessage()]
    assert logged
    assert logged[0].exc_info is not None  # with its traceback
    source.refresh_from_db()
    assert source.health == Source.Health.FAILING
    assert "unexpected error reading" in source.last_error
    assert source.unexpected_errors == 1

    for hours in (1, 2, 3):  # more passes: the bad article is tried up to the maximum
        poll_due(now=NOW + timedelta(hours=hours))
    bad_article.refresh_from_db()
    assert bad_article.state == Article.State.FAILED
    assert bad_article.attempts == MAX_ATTEMPTS
    source.refresh_from_db()
    assert source.unexpected_errors == MAX_ATTEMPTS
    assert "ValueError" in source.last_unexpected_error  # kept after its feed reads well again
    other.refresh_from_db()
    assert other.health == Source.Health.OK
    assert other.unexpected_errors == 0


def test_a_source_whose_polling_breaks_is_failing_and_the_pass_goes_on(
    pages: PagesServer, fresh_fetcher: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ttdn.monitoring import pipeline

    base = pages.base
    pages.pages["/one"] = ("application/rss+xml", _feed(base, [("/a.html", "Tin A", "")]))
    pages.pages["/two"] = ("application/rss+xml", _feed(base, [("/b.html", "Tin B", "")]))
    pages.pages["/a.html"] = ("text/html", _page("Tin A", "2026-11-25T08:00:00+07:00", _TEXT))
    pages.pages["/b.html"] = (
        "text/html",
        _page("Tin B", "2026-11-25T08:00:00+07:00", "B " + _TEXT),
    )
    broken = _source("broken", base + "/one", name="A broken")
    working = _source("working", base + "/two", name="B working")
    real = pipeline.parse_feed

    def parse_feed(body: bytes, *, base_url: str) -> Any:  # the feed parser meets a bug
        if base_url.endswith("/one"):
            raise KeyError("entries")
        return real(body, base_url=base_url)

    monkeypatch.setattr(pipeline, "parse_feed", parse_feed)
    result = poll_due(now=NOW)
    errors = {polled.source: polled.error for polled in result.polled}
    assert "unexpected error polling" in errors["broken"]
    assert errors["working"] == ""
    assert Article.objects.get(url=base + "/b.html").state == Article.State.READY
    broken.refresh_from_db()
    working.refresh_from_db()
    assert broken.health == Source.Health.FAILING
    assert broken.unexpected_errors == 1
    assert broken.next_poll_at is not None
    assert broken.next_poll_at > NOW  # backed off like any failing source
    assert working.health == Source.Health.OK


def test_a_stale_article_at_its_maximum_attempts_fails_instead_of_returning() -> None:
    source = _source("bao", "https://bao.example/rss")
    stale = NOW - timedelta(minutes=11)
    tired = Article.objects.create(
        source=source, url="https://bao.example/a", url_key="a", state="fetching",
        claimed_at=stale, attempts=MAX_ATTEMPTS,
    )  # fmt: skip
    young = Article.objects.create(
        source=source, url="https://bao.example/b", url_key="b", state="fetching",
        claimed_at=stale, attempts=1,
    )  # fmt: skip
    assert reclaim_stale(now=NOW) == 1
    tired.refresh_from_db()
    young.refresh_from_db()
    assert tired.state == Article.State.FAILED
    assert tired.attempts == MAX_ATTEMPTS
    assert young.state == Article.State.QUEUED
    assert reclaim_stale(now=NOW + timedelta(minutes=30)) == 0


def test_a_slow_host_holds_up_neither_the_pass_nor_the_other_sources(
    pages: PagesServer, slow_server: str, fresh_fetcher: Any
) -> None:
    fresh_fetcher.MONITORING_TIMEOUT = 2
    fresh_fetcher.MONITORING_RETRIES = 0
    base = pages.base
    pages.pages["/rss"] = ("application/rss+xml", _feed(base, [("/a.html", "Tin A", "")]))
    pages.pages["/a.html"] = ("text/html", _page("Tin A", "2026-11-25T08:00:00+07:00", _TEXT))
    _source("slow", slow_server + "/rss", name="A slow")  # first by name: polled first
    _source("fast", base + "/rss", name="B fast")

    started = time.monotonic()
    result = poll_due(now=NOW)
    elapsed = time.monotonic() - started
    polled = {polled.source: polled for polled in result.polled}
    assert "not fetched within 2 s" in polled["slow"].error
    assert polled["fast"].error == ""
    # The fast source and its article were read while the slow host was still trickling (in
    # one lane after the other, they would come after it). Typically 0.05 s against 2 s.
    assert polled["fast"].seconds < polled["slow"].seconds
    assert pages.asked_at["/a.html"] - started < polled["slow"].seconds
    assert Article.objects.get(url=base + "/a.html").state == Article.State.READY
    assert elapsed < 6  # the slow host's deadline (2 s), not its 10 s of trickling
    slow = Source.objects.get(slug="slow")
    assert slow.health == Source.Health.FAILING
