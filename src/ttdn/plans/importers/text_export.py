"""Reader of the text export of a Word plan (the seed's format).

Table cells are lines starting with a TAB, rows are separated by a blank line, a line without a
TAB continues the cell above it. A cell of non-breaking spaces is an empty heading cell; a cell
with nothing after its TAB is a vertically merged cell; a section row written in one cell
spanning the table is one TAB line ("\tA. CÔNG TÁC TUYÊN TRUYỀN").

A table pasted as text, one row a line with its cells separated by TABs, is read the same way
from a line holding such a header to the first line without a TAB.

A task table starts at a row whose cells are a task table's header (``tables.find_columns``:
any column order, extra columns), wherever it stands, and ends at the first line after a blank
line that does not start with a TAB. A table right after a task table (only a short caption
between) without a header, or with the same header, continues it (``tables.TaskTables``).
Every other line is a paragraph: of the body before the first "PHỤ LỤC" line, of the appendix
after it. Footnotes ("[1] …") are read after the first task table or "PHỤ LỤC" line.
"""

from __future__ import annotations

import re

from ttdn.plans.importers.raw import (
    NBSP,
    RawCell,
    RawDocument,
    is_appendix_title,
    is_blank_heading_cell,
)
from ttdn.plans.importers.tables import TaskTables, find_columns, is_header_word

_SECTION = re.compile(r"^[IVX]+\.\s+\S")
_SECTION_LABEL = re.compile(r"^(?:[IVXLC]+|[A-ZĐ])$")
_FOOTNOTE = re.compile(r"^\[(\d+)\]\s*(.+)$")
_CAPTION = 2  # at most this many short lines between two parts of one table
_HEADER_LINES = 24  # a header row is at most this many lines long


def read_text_export(text: str) -> RawDocument:
    lines = text.split("\n")
    document = RawDocument()
    tables = TaskTables()
    in_appendix = False
    after: int | None = None  # lines of text since the last task table ended (None: no table)
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.startswith("\t"):
            follows = after is not None and after <= _CAPTION
            if follows or _header_at(lines, index):
                rows, end = _table(lines, index)
                if rows and tables.read(rows, follows=follows):
                    document.stamps.extend(
                        cell.text for _number, cells in rows for cell in cells if cell.text
                    )
                    for at, cells in tables.above:  # a title written in the table's first rows
                        for cell in cells:
                            cleaned = " ".join(cell.text.replace(NBSP, " ").split())
                            in_appendix = in_appendix or is_appendix_title(cleaned)
                            target = document.appendix if in_appendix else document.paragraphs
                            if cleaned:
                                target.append((at, cleaned))
                    after, index = 0, end
                    continue
        elif "\t" in line and _header_in_line(line):
            rows, end = _lined_table(lines, index)
            tables.read(rows, follows=False)  # the header was found: it is a task table
            document.stamps.extend(cell.text for _n, cells in rows for cell in cells if cell.text)
            after, index = 0, end
            continue
        cleaned = line.strip().strip(NBSP).strip()
        index += 1
        if not cleaned:
            continue
        in_appendix = in_appendix or is_appendix_title(line)
        note = _FOOTNOTE.match(cleaned)
        if note and (in_appendix or after is not None):
            document.footnotes.append((index, note.group(2).strip()))
            continue
        document.stamps.extend(part.strip() for part in cleaned.split("\t") if part.strip())
        (document.appendix if in_appendix else document.paragraphs).append((index, cleaned))
        if after is not None:
            long_line = len(cleaned) > 120 or _SECTION.match(cleaned) or is_appendix_title(line)
            after = _CAPTION + 1 if long_line else after + 1
    document.rows = tables.rows
    return document


def _header_at(lines: list[str], start: int) -> bool:
    """Whether the row starting at ``start`` is a task table's header."""
    if not is_header_word(lines[start][1:]) or (start > 0 and lines[start - 1].startswith("\t")):
        return False
    block: list[tuple[int, str]] = []
    for index in range(start, min(start + _HEADER_LINES, len(lines))):
        if _blank(lines[index]):
            break
        block.append((index + 1, lines[index]))
    return find_columns([_cells(block)]) is not None


def _header_in_line(line: str) -> bool:
    """A header written on one line, its cells separated by TABs (a table pasted as text)."""
    cells = line.split("\t")
    return len(cells) >= 3 and find_columns([(0, [RawCell(cell) for cell in cells])]) is not None


def _lined_table(lines: list[str], start: int) -> tuple[list[tuple[int, list[RawCell]]], int]:
    """A table written one row a line, cells separated by TABs, up to a line without one (but a
    line of one cell between two rows, a section row spanning the table, is a row). An empty
    cell continues the cell above, unless the row is a heading: at most two cells written (code
    and title), a Roman numeral or a letter, or a number whose rows follow ("7", then "7.1")."""
    rows: list[tuple[int, list[RawCell]]] = []
    index = start
    while index < len(lines):
        line = lines[index]
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if "\t" not in line and not (line.strip() and "\t" in following):
            break
        cells = line.split("\t")
        if sum(1 for cell in cells if cell.strip()) <= 2 and _heads(cells[0], following):
            rows.append((index + 1, [RawCell(cell) for cell in cells]))
        else:
            rows.append((index + 1, _raw_cells(cells)))
        index += 1
    return rows, index


def _heads(code: str, following: str) -> bool:
    label = code.strip().rstrip(".)")
    return bool(_SECTION_LABEL.match(label)) or (
        bool(label) and following.split("\t", 1)[0].strip().startswith(f"{label}.")
    )


def _table(lines: list[str], start: int) -> tuple[list[tuple[int, list[RawCell]]], int]:
    """The rows from ``start`` on, and the index of the first line after the table."""
    rows: list[tuple[int, list[RawCell]]] = []
    block: list[tuple[int, str]] = []
    index = start
    while index < len(lines):
        line = lines[index]
        if _blank(line):
            if block:
                rows.append(_cells(block))
                block = []
        elif not block and not line.startswith("\t"):
            break  # after a blank line, a line without a TAB: the table has ended
        elif not line.startswith("\t") and _ends_table(line):
            break
        else:
            block.append((index + 1, line))
        index += 1
    if block:
        rows.append(_cells(block))
    return rows, index


def _blank(line: str) -> bool:
    return line.strip(" ") == "" and not line.startswith("\t")


def _ends_table(line: str) -> bool:
    """A line no cell continues with: a footnote, an appendix title, a section heading."""
    cleaned = line.strip()
    return bool(
        _FOOTNOTE.match(cleaned)
        or is_appendix_title(line)
        or (_SECTION.match(cleaned) and cleaned.isupper())
    )


def _cells(block: list[tuple[int, str]]) -> tuple[int, list[RawCell]]:
    cells: list[str] = []
    for _number, line in block:
        if line.startswith("\t"):
            cells.append(line[1:])
        elif cells:
            cells[-1] = f"{cells[-1]}\n{line}"
    return block[0][0], _raw_cells(cells)


def _raw_cells(cells: list[str]) -> list[RawCell]:
    """An empty cell is merged (continues the cell above); one of NBSP is a blank heading cell."""
    return [
        RawCell(text=cell, merged=(cell.strip(" ") == "" and not is_blank_heading_cell(cell)))
        for cell in cells
    ]
