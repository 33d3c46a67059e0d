"""Structured logs: one JSON object per line, each carrying the id of the request it belongs to.

``RequestIdMiddleware`` takes a well-formed ``X-Request-ID`` from the client or the proxy (so one
id follows a request through nginx, gunicorn and Django) or makes one, keeps it in a context
variable for the request's duration, and returns it in the response header. ``RequestIdFilter``
puts it on every log record; ``JsonFormatter`` writes the record as a JSON line.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime

from django.http import HttpRequest, HttpResponseBase

HEADER = "X-Request-ID"
# Letters, digits and - _ . : only, 8 to 64 of them: a UUID, a hex id, nginx's $request_id.
_WELL_FORMED = re.compile(r"[A-Za-z0-9_.:-]{8,64}")
_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
# One line per request (method, path, status, duration): the access log, with the request id.
access_log = logging.getLogger("ttdn.request")


def current_request_id() -> str:
    """The id of the request being served in this context, ``-`` outside a request."""
    return _request_id.get()


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        given = request.headers.get(HEADER, "")
        request_id = given if _WELL_FORMED.fullmatch(given) else uuid.uuid4().hex
        token = _request_id.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[HEADER] = request_id
            access_log.info(
                "%s %s %s %.1f ms",
                request.method,
                request.path,
                response.status_code,
                (time.perf_counter() - started) * 1000,
                extra={"status_code": response.status_code},
            )
        finally:
            _request_id.reset(token)
        return response


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """``{"time", "level", "logger", "message", "request_id"[, "exception"]}`` on one line."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", _request_id.get()),
        }
        status = getattr(record, "status_code", None)
        if isinstance(status, int):
            entry["status"] = status
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
