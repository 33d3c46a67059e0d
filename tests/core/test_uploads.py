"""Uploads are streamed to disk, refused unread over the limit, and the form keeps its data.

The request bodies here are generated while they are read (never built in memory), so
tracemalloc's peak is what the server holds while it handles the request.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

from tests.files import pdf_parts
from tests.reporting.conftest import member, part, plan  # noqa: F401 (the seed plan)
from ttdn.orgs.models import Role
from ttdn.plans.models import Plan
from ttdn.reporting.models import Evidence

MB = 2**20
BOUNDARY = "ttdn-boundary-7MA4YWxkTrZu0gW"


class Body:
    """A multipart/form-data body of fields and one file whose middle is ``padding`` zeros,
    produced piece by piece as the server reads it."""

    def __init__(
        self,
        fields: dict[str, str],
        file_field: str,
        name: str,
        file_parts: tuple[bytes, int, bytes],
    ) -> None:
        head, padding, tail = file_parts
        before = b"".join(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n'
            f"{value}\r\n".encode()
            for key, value in fields.items()
        )
        before += (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{file_field}"; '
            f'filename="{name}"\r\nContent-Type: application/pdf\r\n\r\n'
        ).encode() + head
        after = tail + f"\r\n--{BOUNDARY}--\r\n".encode()
        self.length = len(before) + padding + len(after)
        self._pieces: Iterator[bytes] = self._generate(before, padding, after)
        self._buffer = b""

    @staticmethod
    def _generate(before: bytes, padding: int, after: bytes) -> Iterator[bytes]:
        yield before
        chunk = b"0" * (256 * 1024)
        while padding > 0:
            yield chunk[:padding]
            padding -= len(chunk)
        yield after

    def read(self, size: int = -1) -> bytes:
        while size < 0 or len(self._buffer) < size:
            piece = next(self._pieces, None)
            if piece is None:
                break
            self._buffer += piece
        if size < 0:
            size = len(self._buffer)
        data, self._buffer = self._buffer[:size], self._buffer[size:]
        return data

    def readline(self, size: int = -1) -> bytes:  # pragma: no cover (the parser reads blocks)
        return self.read(size)


def post_streamed(client: Client, url: str, body: Body) -> tuple[int, str, float]:
    """POST ``body``; the status, the text of the answer, and the peak memory in MB."""
    tracemalloc.start()
    try:
        response = client.request(
            REQUEST_METHOD="POST",
            PATH_INFO=url,
            CONTENT_TYPE=f"multipart/form-data; boundary={BOUNDARY}",
            CONTENT_LENGTH=str(body.length),
            **{"wsgi.input": body},
        )
        peak = tracemalloc.get_traced_memory()[1] / MB
    finally:
        tracemalloc.stop()
    return response.status_code, response.content.decode(), peak


@pytest.fixture
def officer_client(plan: Plan) -> tuple[Client, str]:  # noqa: F811
    officer = member("officer", "hoi-nha-bao-tinh", Role.FOCAL_OFFICER)
    client = Client()
    client.force_login(officer)
    url = reverse("reporting_assignment", args=[part(plan, "IV.5.8", "hoi-nha-bao-tinh").pk])
    client.get(url)  # warm up: imports and caches are not the upload's memory
    fields = {"evidence-kind": "file", "evidence-title": "Biên bản"}
    post_streamed(client, url, Body(fields, "evidence-file", "a.pdf", pdf_parts("warm up")))
    Evidence.objects.all().delete()
    return client, url


def _temporary_uploads() -> set[Path]:
    import tempfile

    folder = Path(settings.FILE_UPLOAD_TEMP_DIR or tempfile.gettempdir())
    return set(folder.glob("*.upload*"))


def test_an_over_limit_body_is_refused_unread(officer_client: tuple[Client, str]) -> None:
    client, url = officer_client
    fields = {"evidence-kind": "file", "evidence-title": "Biên bản giao lưu"}
    body = Body(fields, "evidence-file", "lon.pdf", pdf_parts("x", padding=50 * MB))
    status, text, peak = post_streamed(client, url, body)
    assert status == 413
    assert "chỉ nhận tệp tối đa 20 MB" in text
    assert "những gì bạn đã nhập vẫn còn đó" in text
    assert peak < 5, peak  # the 50 MB were never read
    assert body.read(10) == b"--" + BOUNDARY[:8].encode()  # not even the first byte
    assert not Evidence.objects.exists()


def test_an_accepted_upload_is_streamed(officer_client: tuple[Client, str]) -> None:
    client, url = officer_client
    before = _temporary_uploads()
    fields = {"evidence-kind": "file", "evidence-title": "Biên bản giao lưu"}
    body = Body(fields, "evidence-file", "bien-ban.pdf", pdf_parts("Bien ban", padding=15 * MB))
    status, _text, peak = post_streamed(client, url, body)
    assert status == 302
    evidence = Evidence.objects.get()
    assert evidence.content_type == "application/pdf"
    assert evidence.file.size > 15 * MB
    assert peak < 5, peak  # a 15 MB file went through in a few MB
    assert _temporary_uploads() == before  # the temporary file was moved, not copied and left


@override_settings(UPLOAD_MAX_BYTES=2 * MB)
def test_a_file_over_the_limit_is_dropped_and_the_form_keeps_its_data(
    officer_client: tuple[Client, str],
) -> None:
    client, url = officer_client
    before = _temporary_uploads()
    fields = {"evidence-kind": "file", "evidence-title": "Biên bản giao lưu ngày 02/06"}
    body = Body(fields, "evidence-file", "lon.pdf", pdf_parts("x", padding=6 * MB))
    status, text, peak = post_streamed(client, url, body)
    assert status == 200  # the declared size is within the request limit: the form answers
    assert "“lon.pdf” lớn hơn 2 MB" in text
    assert 'value="Biên bản giao lưu ngày 02/06"' in text  # what the user typed is kept
    assert peak < 4, peak
    assert not Evidence.objects.exists()
    assert _temporary_uploads() == before
