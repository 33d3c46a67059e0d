"""`ttdn serve`: gunicorn (gthread workers) in front of the WSGI application.

Static files are served by WhiteNoise from STATIC_ROOT (collected at start). Workers and threads
come from WEB_WORKERS and WEB_THREADS. Prometheus metrics are gathered across the worker processes
through prometheus_client's multiprocess mode (a folder under DATA_DIR, emptied at each start).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger

from ttdn.core.logging import JsonFormatter

METRICS_ENV = "PROMETHEUS_MULTIPROC_DIR"


def prepare_metrics(data_dir: Path) -> None:
    """Before Django (and prometheus_client) is imported: a fresh folder for the workers'
    metric files."""
    folder = data_dir / "prometheus"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    os.environ[METRICS_ENV] = str(folder)


def _child_exit(server: Any, worker: Any) -> None:
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)  # type: ignore[no-untyped-call]


class JsonLogger(Logger):
    """gunicorn's own messages (start, workers, signals) as JSON lines, like Django's."""

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        if os.environ.get("LOG_FORMAT", "json") == "json":
            for handler in self.error_log.handlers:
                handler.setFormatter(JsonFormatter())


class Server(BaseApplication):
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from ttdn.config.wsgi import application

        return application


def serve(host: str, port: int) -> None:
    """Run gunicorn until it is stopped (SIGTERM or Ctrl+C)."""
    from django.conf import settings
    from django.db import connections

    # The workers are forked from this process: none may share its database connections.
    connections.close_all()
    options: dict[str, Any] = {
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": settings.WEB_WORKERS,
        "threads": settings.WEB_THREADS,
        "worker_class": "gthread",
        "timeout": settings.WEB_TIMEOUT,
        "graceful_timeout": 30,
        "keepalive": 5,
        # A worker is replaced after this many requests, which bounds any slow leak.
        "max_requests": 5000,
        "max_requests_jitter": 500,
        # Django writes the access log (JSON, with the request id): see ttdn.core.logging.
        "accesslog": None,
        "errorlog": "-",
        "logger_class": JsonLogger,
        "loglevel": "info",
        "proc_name": "ttdn-web",
        "control_socket_disable": True,
        "child_exit": _child_exit,
        # Behind the proxy on the same box; X-Forwarded-* are trusted from loopback only.
        "forwarded_allow_ips": "127.0.0.1,::1",
    }
    Server(options).run()
