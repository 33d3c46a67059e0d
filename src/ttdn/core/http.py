"""The edges of a view: query parameters read by type, downloads named safely.

A parameter that does not parse is the caller's mistake: it gets a 400 naming the parameter and
what is wrong with it, never a 500. Every download names its file through :func:`attachment`,
built on Django's ``content_disposition_header`` (quotes escaped, non-ASCII names as RFC 6266
``filename*``), so no value can add a second ``filename`` to the header.
"""

from __future__ import annotations

import re
from typing import TypeVar

from django import forms
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

MAX_PAGE = 100_000
_UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f/\\"]+')

ResponseT = TypeVar("ResponseT", bound=HttpResponseBase)


def attachment(response: ResponseT, filename: str) -> ResponseT:
    """Mark ``response`` as a download named ``filename`` (path separators, quotes and control
    characters replaced, so the name is one plain file name even for a naive client)."""
    safe = _UNSAFE_NAME.sub("-", filename).strip(" .") or "download"
    header = content_disposition_header(as_attachment=True, filename=safe)
    assert header is not None  # noqa: S101 (always a header for an attachment)
    response["Content-Disposition"] = header
    return response


class BadQueryError(Exception):
    """A query parameter that does not parse; ``response()`` is the 400 that says which."""

    def __init__(self, form: forms.BaseForm) -> None:
        self.form = form
        super().__init__(self.message)

    @property
    def message(self) -> str:
        lines = []
        for name, errors in self.form.errors.items():
            for error in errors:
                lines.append(
                    _("Parameter “%(name)s”: %(error)s") % {"name": name, "error": error}
                    if name != "__all__"
                    else str(error)
                )
        return "\n".join(lines)

    def response(self) -> HttpResponse:
        return HttpResponse(self.message, status=400, content_type="text/plain; charset=utf-8")


FormT = TypeVar("FormT", bound=forms.Form)


def parse_query(request: HttpRequest, form_class: type[FormT]) -> FormT:
    """``request.GET`` read through ``form_class``; raises BadQueryError when a value is bad."""
    form = form_class(request.GET)
    if not form.is_valid():
        raise BadQueryError(form)
    return form


def page_number(value: str | None) -> int:
    """A page number from ``?p=``: a whole number from 1 to MAX_PAGE; anything else is page 1
    (as Django's ``Paginator.get_page`` does for a number that is not one)."""
    if value is None or not value.isascii() or not value.isdigit() or len(value) > 6:
        return 1
    return max(1, min(int(value), MAX_PAGE))
