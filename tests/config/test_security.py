"""Production settings pass `check --deploy`; the demo opts out of HTTPS-only; the CSP header."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]


def check_deploy(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`ttdn manage check --deploy` as an operator runs it, with production-like variables."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SETTINGS_MODULE", "SECURE_COOKIES", "DEBUG", "DATABASE_URL"}
    }
    clean.update(
        {
            "DATA_DIR": str(tmp_path / "var"),
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "ttdn.example.gov.vn",
            "SITE_URL": "https://ttdn.example.gov.vn",
            "PYTHONPATH": str(ROOT / "src"),
        }
    )
    clean.update(env)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "ttdn.cli",
            "manage",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
        ],
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_check_deploy(tmp_path: Path) -> None:
    result = check_deploy(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


def test_the_demo_opts_out_of_https_only_and_check_deploy_says_so(tmp_path: Path) -> None:
    """SECURE_COOKIES=False (the demo, the tests: plain http on 127.0.0.1) turns off secure
    cookies, HSTS and the redirect, which `check --deploy` reports."""
    result = check_deploy(tmp_path, SECURE_COOKIES="False")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in output


def test_a_weak_secret_fails_check_deploy(tmp_path: Path) -> None:
    assert "security.W009" in check_deploy(tmp_path, SECRET_KEY="short").stderr


@pytest.mark.django_db
def test_the_admin_allows_inline_scripts_and_nothing_else_does(client: Client) -> None:
    admin = client.get("/admin/login/", HTTP_HOST="127.0.0.1")["Content-Security-Policy"]
    other = client.get("/healthz", HTTP_HOST="127.0.0.1")["Content-Security-Policy"]
    directives = {
        name: dict(d.strip().split(" ", 1) for d in policy.split(";"))
        for name, policy in (("admin", admin), ("other", other))
    }
    assert directives["admin"]["script-src"] == "'self' 'unsafe-inline'"
    assert directives["other"]["script-src"] == "'self'"
    for policy in directives.values():
        assert "unsafe-eval" not in str(policy)
        assert policy["default-src"] == "'self'"
        assert policy["object-src"] == "'none'"
        assert policy["frame-ancestors"] == "'self'"
        assert policy["form-action"] == "'self'"
