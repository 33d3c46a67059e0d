"""The monitoring screens: who sees them, what they show, writes through services, Vietnamese."""

from datetime import UTC, datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from tests.conftest import World, make_user
from tests.orgs.test_admin_views import english_on
from ttdn.demo.monitoring import load_monitoring
from ttdn.demo.press_site import PressSite
from ttdn.monitoring.models import Article, Cluster, Match, Source, Topic
from ttdn.monitoring.pipeline import article_process, queued_ids, source_poll
from ttdn.orgs.models import Role

NOW = datetime(2026, 11, 26, 3, 0, tzinfo=UTC)


def client_for(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


@pytest.fixture
def read(world: World, press_site: PressSite) -> None:
    """Two sources of the press site polled and read."""
    load_monitoring(press_site.base)
    for slug in ("baobacninh", "bacninh-portal", "tintuc24"):
        source_poll(Source.objects.get(slug=slug).pk, now=NOW, force=True)
    for article_id in queued_ids():
        article_process(article_id, now=NOW)


def test_only_the_department_sees_monitoring(world: World, read: None) -> None:
    article = Article.objects.filter(state=Article.State.READY).first()
    assert article is not None
    for url in (
        reverse("monitoring_overview"),
        reverse("monitoring_article", args=[article.pk]),
        reverse("monitoring_clusters"),
        reverse("monitoring_query_check") + "?q=a",
    ):
        response = client_for(world.officer_a).get(url)
        assert response.status_code in (302, 403), url
        assert client_for(world.coordinator).get(url).status_code == 200, url


def test_topic_page_lists_articles_with_highlights(world: World, read: None) -> None:
    topic = Topic.objects.get(slug="vai-thieu")
    assert Match.objects.filter(topic=topic).exists()
    response = client_for(world.coordinator).get(reverse("monitoring_topic", args=[topic.pk]))
    html = response.content.decode()
    assert "<mark>vải thiều</mark>" in html.lower()
    assert english_on(html) == []


def test_article_page_shows_the_story_and_where_it_spread(world: World, read: None) -> None:
    cluster = Cluster.objects.filter(size__gte=2).first()
    assert cluster is not None
    assert cluster.first is not None
    client = client_for(world.coordinator)
    html = client.get(reverse("monitoring_article", args=[cluster.first.pk])).content.decode()
    assert english_on(html) == []
    spread = client.get(reverse("monitoring_cluster", args=[cluster.pk])).content.decode()
    for article in cluster.articles.all():
        assert article.site in spread
    assert english_on(spread) == []
    overview = client.get(reverse("monitoring_overview")).content.decode()
    assert "Hoạt động tốt" in overview or "Đang hoạt động" in overview
    assert english_on(overview) == []


def test_fetched_html_is_shown_only_sanitised(world: World, read: None) -> None:
    article = Article.objects.get(url__contains="bac-ninh-hut-von-fdi")
    html = client_for(world.coordinator).get(reverse("monitoring_article", args=[article.pk]))
    page = html.content.decode()
    assert "<mark>" in page or article.text[:40] in page
    for unsafe in ("alert(1)", "javascript:alert", "onclick=", "document.cookie"):
        assert unsafe not in page


def test_query_check_returns_the_tree_or_where_it_is_wrong(world: World) -> None:
    client = client_for(world.coordinator)
    url = reverse("monitoring_query_check")
    good = client.get(url, {"q": '"vải thiều" NEAR/3 Nhật'}).json()
    assert good == {"ok": True, "tree": 'NEAR/3\n  PHRASE "vai thieu"\n  WORD nhat'}
    bad = client.get(url, {"q": "vải NEAR/5"}).json()
    assert bad["ok"] is False
    assert bad["error"] == "cột 5: NEAR/5 cần một từ ở bên phải"


# Needs the Vietnamese catalogue to contain the query-language messages (/tmp/query_vi.json,
# merged into src/ttdn/locale/vi/LC_MESSAGES/django.po and compiled): fails until then.
def test_query_check_explains_the_error_in_vietnamese(world: World) -> None:
    client = client_for(world.coordinator)
    with translation.override("vi"):
        bad = client.get(reverse("monitoring_query_check"), {"q": "vải NEAR/5"}).json()
    assert bad["ok"] is False
    assert bad["column"] == 5
    assert bad["error"].startswith("cột 5:")
    assert "NEAR/5" in bad["error"]  # the piece of the query stays as written


def test_a_bad_topic_query_is_refused_with_its_column_and_nothing_saved(world: World) -> None:
    analyst = make_user("analyst", world.department, Role.ANALYST)
    client = client_for(analyst)
    data = {"name": "Thử", "slug": "thu", "query": "(vải OR thiều", "is_active": "on"}
    response = client.post(reverse("wagtailsnippets_monitoring_topic:add"), data)
    assert response.status_code == 200
    assert "cột 1: dấu &#x27;(&#x27; này chưa được đóng" in response.content.decode()
    assert not Topic.objects.filter(slug="thu").exists()
    data["query"] = "(vải OR thiều) Lục Ngạn"
    response = client.post(reverse("wagtailsnippets_monitoring_topic:add"), data)
    assert response.status_code == 302
    topic = Topic.objects.get(slug="thu")
    entry = ModelLogEntry.objects.get(action="monitoring.topic.created", object_id=str(topic.pk))
    assert entry.user_id == analyst.pk


def test_a_source_on_a_private_address_is_refused(world: World) -> None:
    client = client_for(world.coordinator)
    data = {
        "name": "Nội bộ",
        "slug": "noi-bo",
        "kind": "feed",
        "url": "http://10.1.2.3/rss.xml",
        "interval_minutes": "30",
        "rate_limit_seconds": "1",
        "is_active": "on",
    }
    response = client.post(reverse("wagtailsnippets_monitoring_source:add"), data)
    assert response.status_code == 200
    assert "10.1.2.3" in response.content.decode()
    assert not Source.objects.filter(slug="noi-bo").exists()


def test_focal_officers_cannot_change_sources(world: World, read: None) -> None:
    source = Source.objects.get(slug="baobacninh")
    response = client_for(world.officer_a).post(reverse("monitoring_poll", args=[source.pk]))
    assert response.status_code in (302, 403)
    editor = make_user("editor", world.department, Role.EDITOR)
    response = client_for(editor).post(reverse("monitoring_poll", args=[source.pk]))
    assert response.status_code in (302, 403)
    source.refresh_from_db()
    assert source.last_polled_at == NOW  # nobody polled it again


def test_source_and_topic_screens_are_vietnamese(world: World, read: None) -> None:
    client = client_for(world.coordinator)
    source = Source.objects.get(slug="baobacninh")
    topic = Topic.objects.get(slug="vai-thieu")
    for url in (
        reverse("wagtailsnippets_monitoring_source:list"),
        reverse("wagtailsnippets_monitoring_source:edit", args=[source.pk]),
        reverse("wagtailsnippets_monitoring_topic:list"),
        reverse("wagtailsnippets_monitoring_topic:edit", args=[topic.pk]),
        reverse("wagtailsnippets_monitoring_topic:add"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert english_on(response.content.decode()) == [], url


def test_the_overview_counts_a_sources_unexpected_errors(world: World) -> None:
    Source.objects.create(
        slug="bao",
        name="Báo",
        url="https://bao.example/rss",
        health=Source.Health.FAILING,
        unexpected_errors=2,
        last_unexpected_error="unexpected error reading https://bao.example/a: ValueError",
    )
    with translation.override("vi"):
        html = client_for(world.coordinator).get(reverse("monitoring_overview")).content.decode()
    assert "số lỗi bất thường: 2" in html
    assert "ValueError" in html  # the last one, on hovering
