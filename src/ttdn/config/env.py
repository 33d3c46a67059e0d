"""Typed readers for environment variables.

Every setting of ttdn comes from the environment through these helpers. A bad value raises
``ImproperlyConfigured`` naming the variable, so a misconfigured deployment stops at start-up
instead of running with a silent fallback. See docs/configuration.md for the list.
"""

from __future__ import annotations

import os
import zoneinfo
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = "True"
_FALSE = "False"


def env_str(name: str, default: str | None = None) -> str:
    """Return ``name`` or ``default``; raise when neither exists (``default=None``)."""
    value = os.environ.get(name)
    if value is None or value == "":
        if default is None:
            raise ImproperlyConfigured(f"Environment variable {name} is required but not set")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name, "")
    if value == "":
        return default
    if value not in (_TRUE, _FALSE):
        raise ImproperlyConfigured(f"Unexpected value {name}={value!r}, use 'True' or 'False'")
    return value == _TRUE


def env_int(name: str, default: int, *, minimum: int = 0, maximum: int = 2**31) -> int:
    value = os.environ.get(name, "")
    if value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(
            f"Unexpected value {name}={value!r}, use a whole number"
        ) from None
    if not minimum <= number <= maximum:
        raise ImproperlyConfigured(
            f"Unexpected value {name}={value!r}, use a number from {minimum} to {maximum}"
        )
    return number


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name, "")
    if value == "":
        return default
    items = [item.strip() for item in value.split(",")]
    if any(item == "" for item in items):
        raise ImproperlyConfigured(f"Unexpected value {name}={value!r}: an empty item in the list")
    return items


def env_networks(name: str, default: list[str]) -> list[str]:
    """A comma-separated list of IP networks (``127.0.0.1/32,10.0.0.0/8``)."""
    import ipaddress

    items = env_list(name, default)
    for item in items:
        try:
            ipaddress.ip_network(item, strict=False)
        except ValueError:
            raise ImproperlyConfigured(
                f"Unexpected value {name}={item!r}: not an IP network such as 127.0.0.1/32"
            ) from None
    return items


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = os.environ.get(name, "") or default
    if value not in choices:
        raise ImproperlyConfigured(
            f"Unexpected value {name}={value!r}, use one of: {', '.join(choices)}"
        )
    return value


def env_secret(name: str, default: str | None = None) -> str:
    """Read a secret from ``name`` or from the file named by ``name_FILE``."""
    file_name = os.environ.get(f"{name}_FILE", "")
    if file_name:
        path = Path(file_name)
        try:
            value = path.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(
                f"{name}_FILE={file_name!r} cannot be read: {exc.strerror}"
            ) from None
        if not value:
            raise ImproperlyConfigured(f"{name}_FILE={file_name!r} is empty")
        return value
    return env_str(name, default)


def env_timezone(name: str, default: str) -> str:
    value = env_str(name, default)
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ImproperlyConfigured(
            f"Unexpected value {name}={value!r}, use an IANA time zone such as Asia/Ho_Chi_Minh"
        ) from None
    return value


def env_database(name: str, default: str) -> dict[str, Any]:
    value = env_str(name, default)
    scheme = value.split(":", 1)[0]
    if scheme not in ("sqlite", "postgres", "postgresql", "pgsql"):
        raise ImproperlyConfigured(
            f"Unexpected value {name}: scheme {scheme!r} is not supported, "
            "use sqlite:///path or postgres://user@host:port/name"
        )
    try:
        config: dict[str, Any] = dict(dj_database_url.parse(value, conn_max_age=60))
    except ValueError as exc:
        raise ImproperlyConfigured(f"Unexpected value {name}: {exc}") from None
    if not config.get("NAME"):
        raise ImproperlyConfigured(f"Unexpected value {name}: the database name is missing")
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # One office box runs the web server, the worker and the press monitor on one file:
        # write-ahead logging lets them read while one writes, IMMEDIATE transactions queue
        # writers instead of failing with "database is locked", and NORMAL sync skips an fsync
        # per commit (a power cut may lose the last transactions, never corrupt the file).
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    return config


_EMAIL_BACKENDS = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "smtps": "django.core.mail.backends.smtp.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "memory": "django.core.mail.backends.locmem.EmailBackend",
    "dummy": "django.core.mail.backends.dummy.EmailBackend",
}


def env_email(name: str, default: str) -> dict[str, Any]:
    """Parse ``smtp://user:password@host:port?tls=True`` (or console://, memory://, dummy://)."""
    value = env_str(name, default)
    parts = urlsplit(value)
    if parts.scheme not in _EMAIL_BACKENDS:
        raise ImproperlyConfigured(
            f"Unexpected value {name}: scheme {parts.scheme!r} is not supported, "
            f"use one of: {', '.join(sorted(_EMAIL_BACKENDS))}"
        )
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    for flag in ("tls", "ssl"):
        if query.get(flag, _FALSE) not in (_TRUE, _FALSE):
            raise ImproperlyConfigured(f"Unexpected value {name}: {flag}= must be True or False")
    try:
        port = parts.port
    except ValueError:
        raise ImproperlyConfigured(f"Unexpected value {name}: the port is not a number") from None
    if parts.scheme.startswith("smtp") and not parts.hostname:
        raise ImproperlyConfigured(f"Unexpected value {name}: the SMTP host is missing")
    return {
        "EMAIL_BACKEND": _EMAIL_BACKENDS[parts.scheme],
        "EMAIL_HOST": parts.hostname or "localhost",
        "EMAIL_PORT": port or (465 if parts.scheme == "smtps" else 25),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": query.get("tls") == _TRUE,
        "EMAIL_USE_SSL": parts.scheme == "smtps" or query.get("ssl") == _TRUE,
    }
