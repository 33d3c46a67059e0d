"""Writing spreadsheet rows so that text stays text (no formula injection).

openpyxl turns any string beginning with "=" into a live formula, and "#N/A" into an error: a
task titled ``=HYPERLINK("http://…","Bấm vào đây")`` would become a link in the official appendix.
Every xlsx writer of ttdn appends its rows through :func:`append_row`, which stores each text as
a string, unchanged, and marks the ones a spreadsheet would read as a formula (=, +, -, @, tab,
CR) with Excel's "quote prefix", so that editing the cell later keeps it text too.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def text_value(value: str) -> str:
    """The text as a cell can hold it: without the control characters a workbook cannot store
    (NUL, bell…), which openpyxl refuses with an exception; tab, LF and CR are kept."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def append_row(sheet: Worksheet, values: Iterable[Any]) -> None:
    """Append a row; text cells are written as strings, never as formulas or error codes."""
    row = [text_value(value) if isinstance(value, str) else value for value in values]
    sheet.append(row)
    for cell, value in zip(sheet[sheet.max_row], row, strict=False):
        if isinstance(value, str):
            cell.data_type = "s"
            if value.startswith(FORMULA_PREFIXES):
                cell.quotePrefix = True
