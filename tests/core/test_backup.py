"""Backup and restore, end to end through the ``ttdn`` command, on SQLite and PostgreSQL.

Each installation runs in a child process with its own DATA_DIR (and database), as an operator
would run it: load real data with the services (the demo loader plus an evidence file), back it
up, restore into a fresh database and folder, and compare the counts and files.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from tests.files import make_pdf
from ttdn.core.backup import BackupError, read_manifest

PG = "postgres://postgres@127.0.0.1:5432"
PDF = make_pdf("Bien ban")

LOAD = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from ttdn.core.actor import SYSTEM
from ttdn.demo.load import load_demo
from ttdn.plans.models import TaskAssignment
from ttdn.reporting.models import Evidence
from ttdn.reporting.services import evidence_add
from django.core.files.base import ContentFile
load_demo()
evidence_add(
    actor=SYSTEM,
    assignment=TaskAssignment.objects.filter(unit__isnull=False).order_by("pk").first(),
    kind=Evidence.Kind.FILE,
    title="Biên bản họp báo",
    file=ContentFile(PDF, "bien-ban.pdf"),
)
""".replace("PDF", repr(PDF))

COUNTS = """
import json
import django
django.setup()
from django.db import connection
from ttdn.reporting.models import Evidence
with connection.cursor() as cursor:
    tables = sorted(connection.introspection.table_names(cursor))
    counts = {}
    for table in tables:
        cursor.execute('SELECT COUNT(*) FROM "%s"' % table)
        counts[table] = cursor.fetchone()[0]
evidence = Evidence.objects.exclude(file="").get()
print(json.dumps({"counts": counts, "evidence": evidence.file.read().decode("latin-1")}))
"""


def _env(data_dir: Path, database_url: str | None) -> dict[str, str]:
    data_dir.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE") and not key.startswith("PG")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="ttdn.config.settings",
        DATA_DIR=str(data_dir),
        SECRET_KEY="test-only-not-secret",
        SECURE_COOKIES="False",
        TASKS_BACKEND="immediate",
        EMAIL_URL="memory://",
        LOG_LEVEL="WARNING",
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _python(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, *args], env=env, capture_output=True, text=True, check=False, timeout=600
    )


def _ttdn(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return _python(env, "-m", "ttdn.cli", *args)


def _state(env: dict[str, str]) -> dict[str, object]:
    done = _python(env, "-c", COUNTS)
    assert done.returncode == 0, done.stderr
    state: dict[str, object] = json.loads(done.stdout)
    return state


def _recreate(name: str) -> None:
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')


def _drop(name: str) -> None:
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _postgres_reachable() -> bool:
    try:
        psycopg.connect(f"{PG}/postgres", connect_timeout=2).close()
    except psycopg.OperationalError:
        return False
    return True


@pytest.fixture(params=["sqlite", "postgresql"])
def installs(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[tuple[dict[str, str], dict[str, str]]]:
    """An installation with real data, and an empty one to restore into."""
    if request.param == "sqlite":
        yield _env(tmp_path / "a", None), _env(tmp_path / "b", None)
        return
    if not _postgres_reachable():
        pytest.skip("PostgreSQL is not running on 127.0.0.1:5432")
    source, target = f"ttdn_backup_rt_a_{os.getpid()}", f"ttdn_backup_rt_b_{os.getpid()}"
    _recreate(source)
    _recreate(target)
    try:
        yield _env(tmp_path / "a", f"{PG}/{source}"), _env(tmp_path / "b", f"{PG}/{target}")
    finally:
        _drop(source)
        _drop(target)


@pytest.fixture
def loaded(installs: tuple[dict[str, str], dict[str, str]]) -> tuple[dict[str, str], ...]:
    source, target = installs
    done = _python(source, "-c", LOAD)
    assert done.returncode == 0, done.stderr
    return source, target


def test_round_trip_restores_every_row_and_file(
    loaded: tuple[dict[str, str], dict[str, str]], tmp_path: Path
) -> None:
    source, target = loaded
    out = tmp_path / "backup"
    done = _ttdn(source, "backup", "--out", str(out))
    assert done.returncode == 0, done.stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    before = _state(source)
    assert manifest["tables"] == before["counts"]
    assert manifest["tables"]["reporting_evidence"] >= 1
    assert ["orgs", "0001_initial"] in manifest["migrations"]
    media = [name for name in manifest["files"] if name.startswith("media/evidence/")]
    assert len(media) == 1
    assert manifest["files"][media[0]]["size"] == len(PDF)

    done = _ttdn(target, "restore", str(out))
    assert done.returncode == 0, done.stderr
    assert "counts and checksums match" in done.stdout
    after = _state(target)
    assert after == before
    assert after["evidence"] == PDF.decode("latin-1")
    assert (Path(target["DATA_DIR"]) / media[0]).read_bytes() == PDF

    # The target now holds data: a second restore is refused, and changes nothing.
    done = _ttdn(target, "restore", str(out))
    assert done.returncode == 2
    assert "--force" in done.stderr
    assert "Traceback" not in done.stderr
    # Told to, it replaces it (the old SQLite file and media are kept beside).
    done = _ttdn(target, "restore", "--force", str(out))
    assert done.returncode == 0, done.stderr
    assert _state(target) == before


def test_damaged_or_incomplete_backups_are_named(
    loaded: tuple[dict[str, str], dict[str, str]], tmp_path: Path
) -> None:
    source, target = loaded
    out = tmp_path / "backup"
    assert _ttdn(source, "backup", "--out", str(out)).returncode == 0
    # Writing into a backup that exists is refused.
    done = _ttdn(source, "backup", "--out", str(out))
    assert (done.returncode, "Traceback" in done.stderr) == (2, False)
    assert str(out) in done.stderr

    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    (name,) = [name for name in manifest["files"] if name.startswith("media/evidence/")]
    damaged = tmp_path / "damaged"
    shutil.copytree(out, damaged)
    (damaged / name).write_bytes(PDF.replace(b"1.4", b"1.5"))
    done = _ttdn(target, "restore", str(damaged))
    assert (done.returncode, "Traceback" in done.stderr) == (2, False)
    assert name in done.stderr

    (damaged / name).unlink()
    done = _ttdn(target, "restore", str(damaged))
    assert done.returncode == 2
    assert name in done.stderr

    (damaged / "manifest.json").unlink()
    done = _ttdn(target, "restore", str(damaged))
    assert done.returncode == 2
    assert "manifest.json" in done.stderr
    # Nothing was restored by the refused attempts.
    if "DATABASE_URL" not in target:
        database = Path(target["DATA_DIR"]) / "ttdn.sqlite3"
        with sqlite3.connect(database) as check:
            tables = check.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
        assert tables == []
    assert not (Path(target["DATA_DIR"]) / "media").exists()


@pytest.mark.parametrize(
    "text", ["{not json", '{"format": 1}', '{"format": 1, "files": [], "tables": {}}']
)
def test_a_damaged_manifest_is_named(tmp_path: Path, text: str) -> None:
    (tmp_path / "manifest.json").write_text(text, encoding="utf-8")
    with pytest.raises(BackupError, match=r"manifest\.json"):
        read_manifest(tmp_path)
