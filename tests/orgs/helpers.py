"""Unit registry files built as a province would fill them in (xlsx with openpyxl, csv), and
what a refused staff screen answers."""

from __future__ import annotations

import io

from django.http import HttpResponse
from django.urls import reverse
from openpyxl import Workbook

HEADER = [
    "Tên đầy đủ",
    "Tên viết tắt",
    "Loại",
    "Đơn vị cấp trên",
    "Tên khác",
    "Hiệu lực từ",
    "Hiệu lực đến",
    "E-mail",
    "Mã",
]


def row(name: str, **cells: str) -> list[str]:
    """A row by column key: row("Sở Tư pháp", kind="Sở, ngành", parent="UBND tỉnh Lào Cai")."""
    keys = ["name", "short_name", "kind", "parent", "aliases", "valid_from", "valid_until"]
    keys += ["email", "code"]
    values = {"name": name, **cells}
    return [values.get(key, "") for key in keys]


def xlsx(rows: list[list[object]], header: list[str] = HEADER) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Đơn vị"
    sheet.append(header)
    for values in rows:
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: list[list[str]], *, delimiter: str = ";", bom: bool = True) -> bytes:
    lines = [delimiter.join(f'"{v}"' if delimiter in v else v for v in r) for r in [HEADER, *rows]]
    text = "\r\n".join(lines) + "\r\n"
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


def refused(response: HttpResponse) -> bool:
    """Wagtail answers a refused admin view with a redirect to the dashboard (and a message)."""
    if response.status_code == 403:
        return True
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
