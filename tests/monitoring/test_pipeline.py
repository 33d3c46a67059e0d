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
