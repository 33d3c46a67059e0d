"""Uploads are never read whole into memory, and an upload over the limit is never read at all.

Three guards, from the outside in (docs/configuration.md, ``UPLOAD_MAX_BYTES``):

1. The reverse proxy refuses a body over its own limit (nginx ``client_max_body_size``).
2. :class:`UploadLimitMiddleware` refuses a request whose declared length (Content-Length) is
   over the largest legitimate form (one file at the limit plus the form's fields) with a 413
   and a message in the user's language, before anything reads the body.
3. :class:`LimitedUploadHandler` streams each file to a temporary file on disk (small requests
   stay in memory, ``FILE_UPLOAD_MAX_MEMORY_SIZE``); a file that turns out larger than the limit
   is dropped chunk by chunk as it arrives and reaches the form as a :class:`RefusedUpload`
   (its name, its size so far, no content), so the form says which file was too large and keeps
   everything else the user typed.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _


def upload_limit() -> int:
    """The largest file accepted, in bytes (``UPLOAD_MAX_BYTES``)."""
    return int(settings.UPLOAD_MAX_BYTES)


def request_limit() -> int:
    """The largest request body: one file at the limit, plus the form's other fields."""
    return upload_limit() + int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)


def megabytes(size: int) -> str:
    return f"{size / 2**20:.0f}" if size >= 2**20 else f"{size / 2**20:.1f}"


class RefusedUpload(UploadedFile):
    """A file that was larger than the limit: its name and the size received, no content."""

    def __init__(self, name: str, content_type: str, size: int) -> None:
        super().__init__(io.BytesIO(b""), name, content_type, size)


class LimitedUploadHandler(TemporaryFileUploadHandler):
    """Streams a file to a temporary file; past ``UPLOAD_MAX_BYTES`` it drops the rest."""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0
        self.refused = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.refused:
            return None
        if self.received > upload_limit():
            self.refused = True
            self.file.close()  # the temporary file is deleted with what it held so far
            return None
        return super().receive_data_chunk(raw_data, start)

    def file_complete(self, file_size: int) -> UploadedFile | None:
        if self.refused:
            return RefusedUpload(
                self.file_name or "", self.content_type or "application/octet-stream", file_size
            )
        return super().file_complete(file_size)


class UploadLimitMiddleware:
    """413 for a request that declares a body over :func:`request_limit`, unread."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0  # as Django reads it: no body
        if declared > request_limit():
            return self.too_large(request, declared)
        return self.get_response(request)

    @staticmethod
    def too_large(request: HttpRequest, declared: int) -> HttpResponse:
        message = _(
            "The upload is %(size)s MB: files of up to %(limit)s MB are accepted. Nothing was "
            "received. Go back to the form, where what you typed is still there, and choose a "
            "smaller file."
        ) % {"size": megabytes(declared), "limit": megabytes(upload_limit())}
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            return JsonResponse({"errors": [message]}, status=413)
        response = HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        response["Connection"] = "close"  # the body is not read: do not reuse the connection
        return response
