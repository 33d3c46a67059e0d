"""In Chromium: the Wagtail admin works under the Content-Security-Policy. A demo user signs in,
opens the dashboard, listings, edit forms and the topic editor with its live parsed tree; no
CSP violation is reported and the pages' scripts run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import NEEDS_CHROMIUM
from ttdn.demo.load import load_demo
from ttdn.orgs.models import Unit

pytestmark = NEEDS_CHROMIUM

# Every violation, whether reported as an event or only on the console.
WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
    window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


def violations(page: Any, console: list[str]) -> list[str]:
    found: list[str] = page.evaluate("window.__csp")
    return found + [text for text in console if "Content Security Policy" in text]


@pytest.mark.django_db(transaction=True)
def test_admin_pages_run_under_the_policy(
    browser: Any,
    live_server: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    wagtail_tree: None,
) -> None:
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    logins = {login.username: login.password for login in load_demo()}
    base = live_server.url
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    context.add_init_script(WATCH)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(f"{base}/admin/login/")
    assert (
        "script-src 'self' 'unsafe-inline'"
        in (page.request.get(f"{base}/admin/login/").headers["content-security-policy"])
    )
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", logins["admin"])
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}/admin/")

    unit = Unit.objects.get(code="so-tu-phap")
    visited = [
        "/admin/",  # Wagtail's dashboard
        "/admin/reporting/dashboard/",  # the plan's dashboard (a select that submits itself)
        "/admin/snippets/orgs/unit/",  # a listing
        f"/admin/snippets/orgs/unit/edit/{unit.pk}/",  # an edit form
        "/admin/reporting/reports/",
    ]
    for address in visited:
        response = page.goto(base + address)
        assert response is not None
        assert response.status == 200, address
        page.wait_for_load_state("networkidle")
        # Wagtail's scripts ran: the sidebar is drawn by JavaScript from its JSON props.
        page.locator("#wagtail-sidebar .sidebar-main-menu").first.wait_for(state="attached")
        assert violations(page, console) == [], address

    # The topic editor: our inline script parses the query as it is typed.
    page.goto(f"{base}/admin/snippets/monitoring/topic/add/")
    box = page.locator("textarea[name=query]")
    box.fill('"vải thiều" NEAR/3 (Nhật OR 日本)')
    page.locator("pre.query-tree").filter(has_text='PHRASE "vai thieu"').wait_for()
    box.fill("Lục Ngạn AND vải NEAR/5")
    page.locator("pre.query-tree").filter(has_text="NEAR/5").wait_for()

    assert violations(page, console) == []
    assert errors == []
    context.close()
