"""Request ids: taken when well formed, made otherwise, on every log line and in the answer."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest
from django.test import Client

from ttdn.core.logging import JsonFormatter, RequestIdFilter, current_request_id


@pytest.fixture
def log_lines() -> Iterator[io.StringIO]:
    """The settings' handler set-up (filter and JSON formatter) on the access logger."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("ttdn.request")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield stream
    logger.removeHandler(handler)
    logger.setLevel(level)


@pytest.mark.django_db
def test_a_well_formed_request_id_is_kept(client: Client, log_lines: io.StringIO) -> None:
    response = client.get("/healthz", HTTP_HOST="127.0.0.1", HTTP_X_REQUEST_ID="nginx-4f2a9c1d")
    assert response["X-Request-ID"] == "nginx-4f2a9c1d"
    entry = json.loads(log_lines.getvalue().splitlines()[-1])
    assert entry["request_id"] == "nginx-4f2a9c1d"
    assert entry["logger"] == "ttdn.request"
    assert entry["message"].startswith("GET /healthz 200 ")
    assert entry["status"] == 200
    assert current_request_id() == "-"  # nothing leaks past the request


@pytest.mark.django_db
@pytest.mark.parametrize(
    "given", ["", "short", "x" * 65, "abc def ghi", "id\r\nSet-Cookie: a=b", "<script>alert(1)"]
)
def test_a_malformed_request_id_is_replaced(
    client: Client, log_lines: io.StringIO, given: str
) -> None:
    response = client.get("/healthz", HTTP_HOST="127.0.0.1", HTTP_X_REQUEST_ID=given)
    made = response["X-Request-ID"]
    assert made != given
    assert len(made) == 32
    assert int(made, 16) >= 0
    assert json.loads(log_lines.getvalue().splitlines()[-1])["request_id"] == made


@pytest.mark.django_db
def test_every_record_of_a_request_carries_its_id(client: Client) -> None:
    """Django's own loggers too: a refused host is logged by django.security with the id."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("django.security.DisallowedHost")
    logger.addHandler(handler)
    try:
        response = client.get("/healthz", HTTP_HOST="evil.example", HTTP_X_REQUEST_ID="abcd-1234")
    finally:
        logger.removeHandler(handler)
    assert response.status_code == 400
    entry = json.loads(stream.getvalue().splitlines()[0])
    assert entry["request_id"] == "abcd-1234"
    assert entry["level"] == "ERROR"
    assert "evil.example" in entry["message"]
    assert "DisallowedHost" in entry["exception"]


def test_records_outside_a_request_say_so() -> None:
    record = logging.LogRecord(
        "ttdn", logging.INFO, __file__, 1, "Vải thiều %s", ("Lục Ngạn",), None
    )
    RequestIdFilter().filter(record)
    entry = json.loads(JsonFormatter().format(record))
    assert entry["request_id"] == "-"
    assert entry["message"] == "Vải thiều Lục Ngạn"
