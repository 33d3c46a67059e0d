"""Headless Chromium through Playwright, for the browser tests (skipped where it is missing)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOTS = Path.cwd() / "var" / "screenshots"

NEEDS_CHROMIUM = [
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


@pytest.fixture(scope="session", autouse=True)
def _end_live_server_sessions(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """After the last test, end the live server threads' idle PostgreSQL sessions, so that the
    test database can be dropped (a thread kept alive by the browser's keep-alive socket may
    still hold one). It runs once, at the end: killing them between tests breaks the next ones.
    SQLite needs nothing."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture
def wagtail_tree(transactional_db: None) -> None:
    """Wagtail's locale, root page and default site, which its migrations create and a
    transactional test's flush removes: the admin's dashboard needs them."""
    from django.conf import settings
    from wagtail.models import Locale, Page, Site

    locale = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    locale = locale or Locale.objects.create(language_code=settings.LANGUAGE_CODE)
    if Page.objects.filter(depth=1).exists():
        return
    root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    home = root.add_child(instance=Page(title="ttdn", slug="home", locale=locale))
    Site.objects.get_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
