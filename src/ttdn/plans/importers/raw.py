"""What a reader hands to the interpreter: paragraphs and table rows, with their locations."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass
class RawCell:
    text: str
    merged: bool = False  # a vertically merged cell: the value continues from the row above
    # Part of the cell to its left, which spans several grid columns (Word's gridSpan; in a PDF,
    # a cell covered by a wider one): a row has one cell per grid column.
    covered: bool = False


@dataclass
class RawRow:
    line: int
    cells: list[RawCell]
    table: int = 1  # which task table of the document (from 1): numbering may restart in each


@dataclass
class RawDocument:
    paragraphs: list[tuple[int, str]] = field(default_factory=list)  # (line, text) of the body
    # The task tables' rows (tables.TaskTables), header excluded: five standard cells (code,
    # title, lead, partners, timeframe), then the other columns' non-empty cells (Cơ sở pháp
    # lý, Sản phẩm, Ghi chú …: not a task's fields, but where legal documents may be cited).
    rows: list[RawRow] = field(default_factory=list)
    footnotes: list[tuple[int, str]] = field(default_factory=list)
    # What stands outside the task tables from the first "PHỤ LỤC" line on (its title lines …).
    appendix: list[tuple[int, str]] = field(default_factory=list)
    # Every text block in reading order, page headers and all tables included: where a
    # state-secret stamp may stand.
    stamps: list[str] = field(default_factory=list)
    # Lines a reader knows reach the right margin (a PDF's geometry): they go on in the next line
    # unless it starts a block. None when the reader cannot tell (text, Word).
    full_lines: set[int] | None = None


NBSP = "\u00a0"


def is_blank_heading_cell(text: str) -> bool:
    """A cell holding only non-breaking spaces: a heading row's empty cell, not a merged one."""
    return NBSP in text and text.replace(NBSP, "").strip() == ""


_APPENDIX = re.compile(
    r"^(?:PHỤ LỤC\b.*|Phụ lục(?:\s+(?:số\s+)?[IVXLC\d]+[a-z]?)?\s*:?)$", re.DOTALL
)


def is_appendix_title(text: str) -> bool:
    """Where the appendix begins: "PHỤ LỤC", "PHỤ LỤC II: …", "Phụ lục 01" (not a sentence
    that mentions an appendix)."""
    return bool(_APPENDIX.match(text.strip().strip(NBSP).strip()))
