"""Backup and restore of one installation: the database, the media folder and a manifest.

A backup is a directory::

    manifest.json       ttdn version, engine, migration state, rows per table, sha256 per file
    database.sqlite3    SQLite: a consistent copy made with SQLite's online backup API
    database.dump       PostgreSQL: ``pg_dump --format=custom`` of one exported snapshot
    media/...           the uploaded files (evidence, images, documents)

The row counts are read from the same state the copy holds (the copied SQLite file; the
PostgreSQL snapshot that ``pg_dump`` dumps), so ``restore`` can check them exactly. The database
is copied before the media folder: a file uploaded meanwhile is in the backup without its row,
never a row without its file.

``restore`` checks every checksum before it touches anything, refuses a target that holds data
unless told to replace it, and checks the counts and checksums again afterwards. See
docs/operations/backup.md.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Protocol

from django.conf import settings
from django.db import connection, connections
from django.utils.translation import gettext as _

MANIFEST = "manifest.json"
FORMAT = 1
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.dump"
MEDIA = "media"
_CHUNK = 1 << 20


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says what is wrong and where."""


class _Cursor(Protocol):
    def execute(self, sql: str, /) -> Any: ...
    def fetchall(self) -> list[Any]: ...


@dataclass(frozen=True)
class BackupResult:
    path: Path
    engine: str
    tables: int
    rows: int
    files: int
    size: int


@dataclass(frozen=True)
class RestoreResult:
    engine: str
    tables: int
    rows: int
    files: int
    pending_migrations: bool
    warnings: list[str] = field(default_factory=list)


# -- helpers ---------------------------------------------------------------------------------


def _engine() -> str:
    name = str(settings.DATABASES["default"]["ENGINE"])
    if name.endswith("sqlite3"):
        return "sqlite"
    if "postgresql" in name:
        return "postgresql"
    raise BackupError(_("The database engine %(engine)s is not supported.") % {"engine": name})


def _ttdn_version() -> str:
    try:
        return version("ttdn")
    except PackageNotFoundError:
        return "unknown"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _counts(cursor: _Cursor, tables: Iterable[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for table in sorted(tables):
        # Table names come from the database's own catalogue, quoted as identifiers.
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608
        counts[table] = int(cursor.fetchall()[0][0])
    return counts


def _migrations(cursor: _Cursor, tables: Iterable[str]) -> list[list[str]]:
    if "django_migrations" not in set(tables):
        return []
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    return [[str(app), str(name)] for app, name in cursor.fetchall()]


def _sqlite_tables(cursor: _Cursor) -> list[str]:
    cursor.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    return [str(row[0]) for row in cursor.fetchall()]


def _pg_tables(cursor: _Cursor) -> list[str]:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    return [str(row[0]) for row in cursor.fetchall()]


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            _(
                "%(tool)s is not on PATH: install the PostgreSQL client tools of the server's "
                "version (Debian: postgresql-client)."
            )
            % {"tool": name}
        )
    return path


_PG_PARAMETERS = (
    ("HOST", "host", "PGHOST"),
    ("PORT", "port", "PGPORT"),
    ("USER", "user", "PGUSER"),
    ("PASSWORD", "password", "PGPASSWORD"),
    ("NAME", "dbname", "PGDATABASE"),
)


def _pg_parameters() -> dict[str, str]:
    """The ``default`` database's connection as libpq parameters (``host``, ``dbname``...)."""
    db = settings.DATABASES["default"]
    return {libpq: str(db[key]) for key, libpq, _var in _PG_PARAMETERS if db.get(key)}


def _pg_env() -> dict[str, str]:
    """The same connection as libpq environment variables, for pg_dump and pg_restore."""
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    env.update({var: str(db[key]) for key, _libpq, var in _PG_PARAMETERS if db.get(key)})
    return env


def _run(args: list[str], env: dict[str, str]) -> None:
    # The program is found with shutil.which and the arguments are ours: no shell, no user text.
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        lines = [line for line in done.stderr.strip().splitlines() if line.strip()]
        detail = lines[0] if lines else f"exit status {done.returncode}"
        raise BackupError(
            _("%(tool)s failed: %(detail)s") % {"tool": Path(args[0]).name, "detail": detail}
        )


def _media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def _copy_tree(source: Path, target: Path) -> dict[str, dict[str, Any]]:
    """Copy the files under ``source`` to ``target``; their checksums by path relative to it."""
    files: dict[str, dict[str, Any]] = {}
    if not source.is_dir():
        return files
    for path in sorted(source.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        relative = path.relative_to(source)
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, destination)
        files[relative.as_posix()] = {
            "sha256": sha256_of(destination),
            "size": destination.stat().st_size,
        }
    return files


# -- backup ----------------------------------------------------------------------------------


def backup(out: Path) -> BackupResult:
    """Write a backup of the configured database and the media folder into ``out`` (new)."""
    out = out.resolve()
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise BackupError(
            _("%(path)s already exists and is not empty: give a new directory.") % {"path": out}
        )
    engine = _engine()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(
            _("Cannot create %(path)s: %(error)s") % {"path": out, "error": exc.strerror}
        ) from None
    if engine == "sqlite":
        database_file, counts, migrations = _backup_sqlite(out / SQLITE_FILE)
    else:
        database_file, counts, migrations = _backup_postgresql(out / PG_FILE)
    files: dict[str, dict[str, Any]] = {
        database_file.name: {
            "sha256": sha256_of(database_file),
            "size": database_file.stat().st_size,
        }
    }
    for name, entry in _copy_tree(_media_root(), out / MEDIA).items():
        files[f"{MEDIA}/{name}"] = entry
    manifest = {
        "format": FORMAT,
        "ttdn_version": _ttdn_version(),
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "engine": engine,
        "database_file": database_file.name,
        "migrations": migrations,
        "tables": counts,
        "files": files,
    }
    (out / MANIFEST).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8"
    )
    return BackupResult(
        path=out,
        engine=engine,
        tables=len(counts),
        rows=sum(counts.values()),
        files=len(files),
        size=sum(int(entry["size"]) for entry in files.values()),
    )


def _backup_sqlite(target: Path) -> tuple[Path, dict[str, int], list[list[str]]]:
    source_path = Path(str(settings.DATABASES["default"]["NAME"]))
    if not source_path.is_file():
        raise BackupError(
            _("There is no database at %(path)s: nothing to back up.") % {"path": source_path}
        )
    source = sqlite3.connect(f"{source_path.as_uri()}?mode=ro", uri=True)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
        # The copy keeps the source's write-ahead-log mode: turn it into one standalone file.
        copy.execute("PRAGMA journal_mode=DELETE")
        cursor = copy.cursor()
        tables = _sqlite_tables(cursor)
        return target, _counts(cursor, tables), _migrations(cursor, tables)
    finally:
        copy.close()
        source.close()


def _backup_postgresql(target: Path) -> tuple[Path, dict[str, int], list[list[str]]]:
    """Dump one snapshot with pg_dump, counting the rows of that same snapshot."""
    import psycopg

    pg_dump = _tool("pg_dump")
    env = _pg_env()
    conninfo = psycopg.conninfo.make_conninfo("", **_pg_parameters())
    with psycopg.connect(conninfo, autocommit=False) as snapshot_connection:
        snapshot_connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        row = snapshot_connection.execute("SELECT pg_export_snapshot()").fetchone()
        assert row is not None  # noqa: S101 - the function always returns one row
        cursor = snapshot_connection.cursor()
        _run(
            [pg_dump, "--format=custom", f"--snapshot={row[0]}", f"--file={target}"],
            env,
        )
        tables = _pg_tables(cursor)
        counts, migrations = _counts(cursor, tables), _migrations(cursor, tables)
        snapshot_connection.rollback()
    return target, counts, migrations


# -- restore ---------------------------------------------------------------------------------


def read_manifest(source: Path) -> dict[str, Any]:
    """The backup's manifest, after checking every file it lists (names the first bad one)."""
    path = source / MANIFEST
    if not source.is_dir():
        raise BackupError(_("%(path)s is not a directory.") % {"path": source})
    if not path.is_file():
        raise BackupError(
            _("%(path)s is missing: this is not a ttdn backup, or an incomplete one.")
            % {"path": path}
        )
    try:
        manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        files: dict[str, dict[str, Any]] = manifest["files"]
        tables: dict[str, int] = manifest["tables"]
        engine, database_file = manifest["engine"], manifest["database_file"]
        if not isinstance(manifest["migrations"], list):
            raise TypeError("migrations")
        checksums = {name: str(entry["sha256"]) for name, entry in files.items()}
    except (ValueError, KeyError, TypeError) as exc:
        raise BackupError(
            _("%(path)s is damaged: %(error)s") % {"path": path, "error": exc}
        ) from None
    if manifest.get("format") != FORMAT or engine not in ("sqlite", "postgresql"):
        raise BackupError(_("%(path)s is of an unknown format or engine.") % {"path": path})
    if database_file not in files or not isinstance(tables, dict):
        raise BackupError(_("%(path)s lists no database copy.") % {"path": path})
    for name, checksum in sorted(checksums.items()):
        file = source / name
        if ".." in Path(name).parts or Path(name).is_absolute():
            raise BackupError(_("%(path)s names a file outside the backup.") % {"path": path})
        if not file.is_file():
            raise BackupError(_("The backup is incomplete: %(file)s is missing.") % {"file": name})
        if sha256_of(file) != checksum:
            raise BackupError(
                _("The backup is damaged: the checksum of %(file)s does not match the manifest.")
                % {"file": name}
            )
    return manifest


def _tables(cursor: _Cursor) -> list[str]:
    return _sqlite_tables(cursor) if _engine() == "sqlite" else _pg_tables(cursor)


def _database_is_empty() -> bool:
    with connection.cursor() as cursor:
        return not _tables(cursor)


def _media_is_empty() -> bool:
    root = _media_root()
    return not root.exists() or not any(root.iterdir())


def restore(source: Path, *, force: bool = False) -> RestoreResult:
    """Restore the backup in ``source`` into the configured database and media folder.

    The target must be empty; with ``force`` the old SQLite file and media folder are kept
    beside the new ones (``*.before-restore-<time>``) and the PostgreSQL schema is replaced.
    """
    source = source.resolve()
    manifest = read_manifest(source)
    engine = _engine()
    if manifest["engine"] != engine:
        raise BackupError(
            _("This backup is of a %(backup)s database; the configured database is %(target)s.")
            % {"backup": manifest["engine"], "target": engine}
        )
    database_empty = _database_is_empty()
    occupied = [
        what
        for what, empty in (
            (_("the database"), database_empty),
            (_("the media folder %(path)s") % {"path": _media_root()}, _media_is_empty()),
        )
        if not empty
    ]
    if occupied and not force:
        raise BackupError(
            _("Refusing to restore: %(what)s already holds data (use --force to replace it).")
            % {"what": ", ".join(str(item) for item in occupied)}
        )
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    database_file = source / str(manifest["database_file"])
    if engine == "sqlite":
        _restore_sqlite(database_file, stamp)
    else:
        _restore_postgresql(database_file, replace=not database_empty)
    root = _media_root()
    if root.exists() and any(root.iterdir()):
        root.rename(root.with_name(f"{root.name}.before-restore-{stamp}"))
    restored = _copy_tree(source / MEDIA, root)
    return _verify(manifest, restored)


def _restore_sqlite(database_file: Path, stamp: str) -> None:
    target = Path(str(settings.DATABASES["default"]["NAME"]))
    connections.close_all()
    if target.exists() and target.stat().st_size:
        target.rename(target.with_name(f"{target.name}.before-restore-{stamp}"))
    for suffix in ("-wal", "-shm", "-journal"):
        leftover = target.with_name(target.name + suffix)
        if leftover.exists():
            leftover.rename(leftover.with_name(f"{leftover.name}.before-restore-{stamp}"))
    target.parent.mkdir(parents=True, exist_ok=True)
    copy = sqlite3.connect(f"{database_file.as_uri()}?mode=ro", uri=True)
    restored = sqlite3.connect(target)
    try:
        copy.backup(restored)
    finally:
        restored.close()
        copy.close()


def _restore_postgresql(database_file: Path, *, replace: bool) -> None:
    pg_restore = _tool("pg_restore")
    connections.close_all()
    if replace:
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
        connections.close_all()
    _run(
        [
            pg_restore,
            "--exit-on-error",
            "--no-owner",
            "--no-privileges",
            f"--dbname={settings.DATABASES['default']['NAME']}",
            str(database_file),
        ],
        _pg_env(),
    )


def _verify(manifest: dict[str, Any], restored: dict[str, dict[str, Any]]) -> RestoreResult:
    """Compare the restored database and files with the manifest; name the first difference."""
    from django.db.migrations.executor import MigrationExecutor

    connections.close_all()
    with connection.cursor() as cursor:
        tables = _tables(cursor)
        counts = _counts(cursor, tables)
        migrations = _migrations(cursor, tables)
    expected: dict[str, int] = manifest["tables"]
    for table in sorted(set(expected) | set(counts)):
        if counts.get(table) != expected.get(table):
            raise BackupError(
                _(
                    "The restored table %(table)s has %(found)s rows; the backup recorded "
                    "%(expected)s."
                )
                % {"table": table, "found": counts.get(table), "expected": expected.get(table)}
            )
    if migrations != manifest["migrations"]:
        raise BackupError(_("The restored migration state differs from the backup's."))
    files = {
        name.removeprefix(f"{MEDIA}/"): entry
        for name, entry in manifest["files"].items()
        if name.startswith(f"{MEDIA}/")
    }
    for name in sorted(set(files) | set(restored)):
        if files.get(name, {}).get("sha256") != restored.get(name, {}).get("sha256"):
            raise BackupError(
                _("The restored file media/%(file)s differs from the backup.") % {"file": name}
            )
    executor = MigrationExecutor(connection)
    pending = bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    known = {(app, name) for app, name in executor.loader.graph.nodes}
    warnings = [
        _("The backup has migration %(app)s.%(name)s, which this version of ttdn does not know.")
        % {"app": app, "name": name}
        for app, name in manifest["migrations"]
        if (app, name) not in known
    ]
    return RestoreResult(
        engine=str(manifest["engine"]),
        tables=len(counts),
        rows=sum(counts.values()),
        files=len(restored),
        pending_migrations=pending,
        warnings=warnings,
    )
