"""A real browser: sign in to the admin in Vietnamese, open the units list and a unit's history.

Drives Debian's Chromium through Playwright against pytest-django's live server. The screenshots
land in var/screenshots/ for people to look at.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User

from ttdn.demo.load import load_units
from ttdn.orgs.models import Unit

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOTS = Path.cwd() / "var" / "screenshots"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        CHROMIUM is None and os.environ.get("CI") != "true",
        reason="Debian's chromium package is not installed (make test installs it as root)",
    ),
]


@pytest.fixture
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    # Playwright runs an event loop in this thread; the live server's ORM calls are in others.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        try:
            yield instance
        finally:
            instance.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    _close_live_server_connections()


def _close_live_server_connections() -> None:
    """End the live server threads' idle PostgreSQL sessions, so the test database can be dropped.

    A request thread kept alive by the browser's keep-alive socket may still hold its connection
    when the session ends; SQLite needs nothing.
    """
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.mark.django_db(transaction=True)
def test_sign_in_units_list_and_history(browser: Any, live_server: Any) -> None:
    load_units()
    User.objects.create_superuser("admin", "admin@example.org", "mat-khau-demo")
    unit = Unit.objects.get(code="so-thong-tin-va-truyen-thong")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    page = browser.new_page(locale="en-US", viewport={"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/admin/login/")
    assert page.locator("h1").inner_text() == "Đăng nhập vào ttdn"
    page.screenshot(path=str(SCREENSHOTS / "01-login.png"))
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", "mat-khau-demo")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/admin/")

    page.goto(f"{live_server.url}/admin/snippets/orgs/unit/?q=Truyền thông")
    listing = page.locator("main").inner_text()
    assert "Sở Thông tin và Truyền thông tỉnh Bắc Giang" in listing
    assert "Đơn vị" in page.title() or "Đơn vị" in listing
    page.screenshot(path=str(SCREENSHOTS / "02-units.png"), full_page=False)

    page.goto(f"{live_server.url}/admin/snippets/orgs/unit/history/{unit.pk}/")
    history = page.locator("main").inner_text()
    assert "Tạo đơn vị" in history
    assert "Đơn vị được sắp xếp lại" in history  # ended by the 2025 reorganisation
    page.screenshot(path=str(SCREENSHOTS / "03-unit-history.png"), full_page=True)
