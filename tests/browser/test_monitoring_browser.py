"""In Chromium, in Vietnamese: an analyst reads a topic's highlighted articles, follows a story
cluster, writes a topic query and sees it parsed as they type, and searches loosely and strictly.
Screenshots in var/screenshots/."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from tests.browser.conftest import NEEDS_CHROMIUM, SCREENSHOTS
from tests.browser.test_reporting_browser import sign_in
from tests.conftest import make_unit, make_user
from ttdn.demo.monitoring import load_monitoring
from ttdn.demo.press_site import PressSite
from ttdn.monitoring.models import Cluster, Topic
from ttdn.monitoring.pipeline import poll_due
from ttdn.orgs.models import Role

pytestmark = NEEDS_CHROMIUM
NOW = datetime(2026, 11, 26, 3, 0, tzinfo=UTC)


@pytest.mark.django_db(transaction=True)
def test_analyst_desk(browser: Any, live_server: Any, press_site: PressSite) -> None:
    department = make_unit("so-ngoai-vu", "Sở Ngoại vụ")
    make_user("phantich", department, Role.ANALYST)
    load_monitoring(press_site.base)
    poll_due(now=NOW)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    base = live_server.url
    page = sign_in(browser, base, "phantich")

    # The overview: topics with counts, sources with their health.
    page.goto(f"{base}/admin/monitoring/")
    assert page.get_by_text("Đang lỗi").count() >= 3
    assert page.get_by_text("Đã ngừng đăng tin").count() >= 1
    page.screenshot(path=str(SCREENSHOTS / "20-monitoring-overview.png"), full_page=True)

    # A topic: its articles with the matched words highlighted.
    topic = Topic.objects.get(slug="vai-thieu")
    page.goto(f"{base}/admin/monitoring/topics/{topic.pk}/")
    assert page.locator("mark").count() >= 3
    page.screenshot(path=str(SCREENSHOTS / "21-topic-articles.png"), full_page=True)

    # A story cluster: where it appeared first and how it spread.
    cluster = Cluster.objects.filter(size__gte=3).first()
    assert cluster is not None
    page.goto(f"{base}/admin/monitoring/clusters/{cluster.pk}/")
    assert page.get_by_text("bài đầu tiên").count() + page.locator("td", has_text="+").count() >= 2
    page.screenshot(path=str(SCREENSHOTS / "22-story-cluster.png"), full_page=True)

    # Writing a topic: the tree, or the column of the mistake, appears while typing.
    page.goto(f"{base}/admin/snippets/monitoring/topic/add/")
    box = page.locator("textarea[name=query]")
    box.fill("Lục Ngạn AND vải NEAR/5")
    tree = page.locator("pre.query-tree")
    tree.filter(has_text="cột 18: NEAR/5 cần một từ ở bên phải").wait_for()
    box.fill('"vải thiều" NEAR/3 (Nhật OR 日本)')
    tree.filter(has_text='PHRASE "vai thieu"').wait_for()
    page.screenshot(path=str(SCREENSHOTS / "23-topic-editor.png"), full_page=True)

    # Search, loose then strict.
    page.goto(f"{base}/admin/monitoring/search/?q=Lục+Ngạn")
    loose = page.locator(".snippet").count()
    page.screenshot(path=str(SCREENSHOTS / "24-search-loose.png"), full_page=True)
    page.goto(f"{base}/admin/monitoring/search/?q=Lục+Ngạn&strict=1")
    strict = page.locator(".snippet").count()
    assert 0 < strict < loose
    page.screenshot(path=str(SCREENSHOTS / "25-search-strict.png"), full_page=True)
