"""The pipeline against the demo press site on 127.0.0.1: sources, articles, topics, health."""

from datetime import UTC, datetime, timedelta

import pytest

from ttdn.demo.monitoring import load_monitoring
from ttdn.demo.press_site import PressSite, manifest
from ttdn.monitoring.models import Article, Match, Source, Topic
from ttdn.monitoring.pipeline import article_process, poll_due, reclaim_stale, source_poll
from ttdn.monitoring.urls import normalise

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
