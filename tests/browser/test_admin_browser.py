"""A real browser: sign in to the admin in Vietnamese, open the units list and a unit's history.

Drives Debian's Chromium through Playwright against pytest-django's live server. The screenshots
land in var/screenshots/ for people to look at.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User

from tests.browser.conftest import NEEDS_CHROMIUM, SCREENSHOTS
from ttdn.demo.load import load_units
from ttdn.orgs.models import Unit

pytestmark = NEEDS_CHROMIUM


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
