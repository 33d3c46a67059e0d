"""The ``ttdn`` command, run as a user runs it: one clear line for every fixable problem."""

import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

TTDN = [sys.executable, "-m", "ttdn.cli"]


def run(args: list[str], env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE"}}
    clean.update(
        {
            "DATA_DIR": str(tmp_path / "var"),
            "SECRET_KEY": "cli-test",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'var' / 'ttdn.sqlite3'}",
        }
    )
    clean.update(env)
    # Generous: the demo loads a year of reports, and CI machines are shared.
    return subprocess.run(  # noqa: S603
        [*TTDN, *args], env=clean, capture_output=True, text=True, timeout=600, check=False
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0]


def test_bad_environment_value(tmp_path: Path) -> None:
    result = run(["check"], {"DEBUG": "yes"}, tmp_path)
    assert_one_line_error(result, "DEBUG='yes'")


def test_missing_secret(tmp_path: Path) -> None:
    result = run(["check"], {"SECRET_KEY": ""}, tmp_path)
    assert_one_line_error(result, "SECRET_KEY")


def test_unreachable_database(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = run(["check"], {"DATABASE_URL": f"postgres://nobody@127.0.0.1:{port}/x"}, tmp_path)
    assert_one_line_error(result, "cannot connect to the database", str(port))


def test_database_not_migrated(tmp_path: Path) -> None:
    result = run(["check"], {}, tmp_path)
    assert_one_line_error(result, "not up to date")


def test_busy_port(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run(["serve"], {"PORT": str(port)}, tmp_path)
    assert_one_line_error(result, f"port {port}", "already in use")


def test_bad_port_value(tmp_path: Path) -> None:
    assert_one_line_error(run(["serve"], {"PORT": "eighty"}, tmp_path), "PORT='eighty'")


def test_demo_prepares_prints_logins_and_resolves_units(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        press_port = probe.getsockname()[1]
    result = run(["demo", "--no-serve"], {"DEMO_PRESS_PORT": str(press_port)}, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "user: admin" in result.stdout
    # The demo's press site was served and read once.
    assert "Press monitoring: 14 sources polled, 40 articles read" in result.stdout
    assert f"http://127.0.0.1:{press_port}/" in result.stdout
    # Without it (the demo has stopped), polling says why, source by source, and goes on.
    polled = run(["monitor", "poll", "--source", "baobacninh"], {}, tmp_path)
    assert polled.returncode == 0, polled.stderr
    assert polled.stdout.startswith("baobacninh: error: ")
    assert_one_line_error(
        run(["monitor", "poll", "--source", "nope"], {}, tmp_path), "no source 'nope'"
    )
    password = (tmp_path / "var" / "demo_password").read_text().strip()
    assert f"password: {password}" in result.stdout
    assert (tmp_path / "var" / "ttdn.sqlite3").exists()
    again = run(["check"], {}, tmp_path)
    assert again.returncode == 0, again.stderr
    # Once the demo exists, the unit registry answers from the command line.
    found = run(["resolve", "Sở KH&ĐT", "--on", "01/06/2025"], {}, tmp_path)
    assert found.returncode == 0, found.stderr
    assert "-> Sở Tài chính tỉnh Bắc Giang" in found.stdout
    unknown = run(["resolve", "Sở Văn hoá Thể thao Du lịch tỉnh"], {}, tmp_path)
    assert_one_line_error(unknown, "unknown unit", "closest: Sở Văn hóa, Thể thao và Du lịch")
    assert_one_line_error(run(["resolve", "X", "--on", "2025-13-01"], {}, tmp_path), "dd/mm/yyyy")
    # … and the provincial report renders from the demo's year.
    import io

    from docx import Document

    out = tmp_path / "bao-cao.docx"
    result = run(
        ["report", "render", "--plan", "69/KH-UBND", "--format", "docx", "--out", str(out)],
        {},
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "BÁO CÁO" in [p.text for p in Document(io.BytesIO(out.read_bytes())).paragraphs]
    missing = run(["report", "render", "--plan", "1/KH-X", "--out", str(out)], {}, tmp_path)
    assert_one_line_error(missing, "no plan numbered '1/KH-X'", "69/KH-UBND")


def test_plan_parse_prints_the_documented_json(tmp_path: Path) -> None:
    import json

    from tests.plans.importers import expected_seed as expected
    from ttdn.demo.files import PLAN_FILE

    result = run(["plan", "parse", str(PLAN_FILE), "--json"], {}, tmp_path)
    assert result.returncode == 0, result.stderr
    parsed = json.loads(result.stdout)
    assert set(parsed) >= {"metadata", "tasks", "responsibilities", "citations", "warnings"}
    rows = [
        (t["code"], t["parent"], t["title"][:40], t["lead"], t["partners"], t["timeframe"]["raw"])
        for t in parsed["tasks"]
    ]
    assert rows == [tuple(row) for row in expected.APPENDIX]
    assert parsed["tasks"][0]["timeframe"]["start"] == "01/01/2025"
    assert {w["code"] for w in parsed["warnings"]} == {
        "other_year",
        "conflicting_dates",
        "spelling_variant",
    }


def test_plan_parse_refuses_unreadable_files(tmp_path: Path) -> None:
    assert_one_line_error(run(["plan", "parse", str(tmp_path / "nope.txt")], {}, tmp_path), "nope")
    legacy = tmp_path / "tcvn3.txt"
    legacy.write_bytes("KÕ ho¹ch ho¹t ®éng th«ng tin ®èi ngo¹i ViÖt Nam".encode("cp1252"))
    assert_one_line_error(run(["plan", "parse", str(legacy)], {}, tmp_path), "TCVN3")


def test_plan_parse_reads_a_pdf_and_refuses_a_scan(tmp_path: Path) -> None:
    import json

    from tests.plans.importers import pdf_builder
    from tests.plans.importers.test_pdf import WORD_EXPORT

    result = run(["plan", "parse", str(WORD_EXPORT), "--json"], {}, tmp_path)
    assert result.returncode == 0, result.stderr
    tasks = json.loads(result.stdout)["tasks"]
    assert sum(1 for task in tasks if task["label"].isdigit()) == 25
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(pdf_builder.scanned_pdf())
    assert_one_line_error(run(["plan", "parse", str(scan)], {}, tmp_path), "page 2 has no text")


def test_query_check_prints_the_tree(tmp_path: Path) -> None:
    result = run(["query", "check", '"vải thiều" NEAR/3 (Nhật OR 日本) -title:giả'], {}, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "AND",
        "  NEAR/3",
        '    PHRASE "vai thieu"',
        "    OR",
        "      WORD nhat",
        '      PHRASE "日本"',
        "  NOT",
        "    WORD gia  (title)",
    ]


def test_query_check_names_the_column_of_an_error(tmp_path: Path) -> None:
    result = run(["query", "check", "Lục Ngạn AND vải NEAR/5"], {}, tmp_path)
    assert_one_line_error(result, "column 18: NEAR/5 needs a term on its right")


def test_query_test_lists_matching_files_with_spans(tmp_path: Path) -> None:
    plain = tmp_path / "tin.txt"
    plain.write_text("Năm nay VẢI THIỀU Luc Ngan sang Nhật Bản", encoding="utf-8")
    page = tmp_path / "bai.html"
    body = "Vải thiều Lục Ngạn được mùa, xuất khẩu sang Nhật Bản và Hoa Kỳ tăng mạnh. " * 3
    page.write_text(
        f"<html><head><title>Vải thiều</title></head><body><nav>Menu</nav>"
        f"<article><h1>Vải thiều Lục Ngạn</h1><p>{body}</p></article></body></html>",
        encoding="utf-8",
    )
    other = tmp_path / "khac.txt"
    other.write_text("Quan họ Bắc Ninh", encoding="utf-8")
    query = '"vải thiều" NEAR/2 ngạn'
    result = run(["query", "test", query, str(plain), str(page), str(other)], {}, tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{plain}: text 8-17 «VẢI THIỀU»; text 22-26 «Ngan»")
    assert lines[1].startswith(f"{page}: title 0-9 «Vải thiều»; title 14-18 «Ngạn»")
    assert len(lines) == 2
    nothing = run(["query", "test", "Hoàng Sa", str(other)], {}, tmp_path)
    assert (nothing.returncode, nothing.stdout) == (1, "")


def test_reminders_send_the_e_mails_still_due(
    db: None, settings: Any, monkeypatch: Any, tmp_path: Path, capsys: Any
) -> None:
    """The daily `ttdn reminders` also sends what failed before and is due again."""
    from datetime import timedelta

    from django.db import transaction
    from django.utils import timezone

    from tests.notices.smtp import smtp_server
    from ttdn import cli
    from ttdn.notices.models import OutgoingMail
    from ttdn.notices.services import mail_record

    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    with transaction.atomic():
        [mail_id] = mail_record(key="k", to=["a@example.org"], subject="Nhắc", body="…")
    OutgoingMail.objects.filter(pk=mail_id).update(
        attempts=1, last_error="451 try again later", next_attempt_at=timezone.now() - timedelta(1)
    )
    with smtp_server(settings) as mailbox:
        assert cli.main(["reminders"]) == 0
    assert "e-mails: 1 sent, 0 to retry later, 0 given up" in capsys.readouterr().out
    assert mailbox.to("a@example.org") == ["Nhắc"]
    assert OutgoingMail.objects.get(pk=mail_id).state == OutgoingMail.State.SENT


def test_serve_runs_gunicorn_with_static_files(tmp_path: Path) -> None:
    """`ttdn serve` is a production server (gunicorn, several workers), collects the static
    files and serves them through WhiteNoise, and stops cleanly on SIGTERM."""
    import re
    import signal
    import time

    import httpx

    migrated = run(["manage", "migrate", "--verbosity", "0"], {}, tmp_path)
    assert migrated.returncode == 0, migrated.stderr
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        DATA_DIR=str(tmp_path / "var"),
        SECRET_KEY="cli-test",
        DATABASE_URL=f"sqlite:///{tmp_path / 'var' / 'ttdn.sqlite3'}",
        SECURE_COOKIES="False",
        PORT=str(port),
        WEB_WORKERS="2",
        WEB_THREADS="2",
    )
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen([*TTDN, "serve"], env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            assert server.poll() is None, (tmp_path / "serve.log").read_text()
            try:
                health = httpx.get(f"{base}/healthz", timeout=5)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, (tmp_path / "serve.log").read_text()
                time.sleep(0.5)
        assert health.status_code == 200
        assert health.headers["server"] == "gunicorn"
        assert health.json()["checks"]["database"]["ok"] is True
        login = httpx.get(f"{base}/admin/login/", timeout=30)
        assert login.status_code == 200
        styles = re.findall(r'href="(/static/[^"]+\.css)"', login.text)
        assert styles, "no stylesheet on the login page"
        for href in styles:  # hashed names from the manifest, served by WhiteNoise
            sheet = httpx.get(base + href, timeout=30)
            assert sheet.status_code == 200, href
            assert sheet.headers["content-type"].startswith("text/css")
            assert "immutable" in sheet.headers["cache-control"]
        # Two worker processes under one master.
        text = (tmp_path / "serve.log").read_text()
        assert text.count("Booting worker") == 2, text
    finally:
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=60) == 0
        log.close()


def test_plan_parse_says_when_no_task_is_found(tmp_path: Path) -> None:
    plan = tmp_path / "yen-bai.txt"
    plan.write_text(
        "KẾ HOẠCH\nTHÔNG TIN ĐỐI NGOẠI TỈNH YÊN BÁI NĂM 2024\nI. MỤC ĐÍCH, YÊU CẦU\n"
        "Quảng bá ruộng bậc thang Mù Cang Chải.\nII. CÁC HOẠT ĐỘNG\n"
        "Các sở, ngành tổ chức các hoạt động quảng bá.\n",
        encoding="utf-8",
    )
    result = run(["plan", "parse", str(plan)], {}, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "0 rows" in result.stdout
    assert "no tasks found" in result.stdout
    assert "I. MỤC ĐÍCH, YÊU CẦU; II. CÁC HOẠT ĐỘNG" in result.stdout
