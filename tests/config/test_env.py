from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured

from ttdn.config import env


def test_bool_refuses_anything_but_true_or_false(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEBUG", "yes")
    with pytest.raises(ImproperlyConfigured, match="DEBUG='yes'"):
        env.env_bool("DEBUG", default=False)
    monkeypatch.setenv("DEBUG", "True")
    assert env.env_bool("DEBUG", default=False) is True


def test_required_secret_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("SECRET_KEY_FILE", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY is required"):
        env.env_secret("SECRET_KEY")


def test_secret_is_read_from_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("s3cret\n")
    monkeypatch.setenv("SECRET_KEY_FILE", str(secret))
    assert env.env_secret("SECRET_KEY") == "s3cret"
    monkeypatch.setenv("SECRET_KEY_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured, match=r"SECRET_KEY_FILE=.*cannot be read"):
        env.env_secret("SECRET_KEY")


def test_database_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ttdn")
    config = env.env_database("DATABASE_URL", "sqlite:///x")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "ttdn"
    monkeypatch.setenv("DATABASE_URL", "mysql://root@localhost/ttdn")
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL: scheme 'mysql'"):
        env.env_database("DATABASE_URL", "sqlite:///x")


def test_sqlite_files_use_write_ahead_logging(tmp_path: Path, django_db_blocker: Any) -> None:
    """Web, worker and monitor share the file: readers never wait for a writer."""
    import sqlite3

    from django.db.backends.sqlite3.base import DatabaseWrapper

    path = tmp_path / "office.sqlite3"
    config = env.env_database("DATABASE_URL_UNSET_FOR_TEST", f"sqlite:///{path}")
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    config.update(TIME_ZONE=None, CONN_HEALTH_CHECKS=False, AUTOCOMMIT=True, TEST={})
    config.update(ATOMIC_REQUESTS=False)
    wrapper = DatabaseWrapper(config)
    with django_db_blocker.unblock(), wrapper.cursor() as cursor:
        cursor.execute("CREATE TABLE t (x int)")
    wrapper.close()
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_email_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EMAIL_URL", "smtp://user:p%40ss@mail.example.org:587?tls=True")
    config = env.env_email("EMAIL_URL", "console://")
    assert config["EMAIL_HOST"] == "mail.example.org"
    assert config["EMAIL_PORT"] == 587
    assert config["EMAIL_HOST_PASSWORD"] == "p@ss"
    assert config["EMAIL_USE_TLS"] is True
    monkeypatch.setenv("EMAIL_URL", "smtp://mail:abc")
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL: the port is not a number"):
        env.env_email("EMAIL_URL", "console://")


def test_timezone_and_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIME_ZONE", "Asia/Hanoi_City")
    with pytest.raises(ImproperlyConfigured, match="TIME_ZONE='Asia/Hanoi_City'"):
        env.env_timezone("TIME_ZONE", "Asia/Ho_Chi_Minh")
    monkeypatch.setenv("ALLOWED_HOSTS", "a.example,,b.example")
    with pytest.raises(ImproperlyConfigured, match="ALLOWED_HOSTS"):
        env.env_list("ALLOWED_HOSTS", [])
    monkeypatch.setenv("TASKS_BACKEND", "celery")
    with pytest.raises(ImproperlyConfigured, match="TASKS_BACKEND='celery'"):
        env.env_choice("TASKS_BACKEND", "database", ("database", "immediate"))
