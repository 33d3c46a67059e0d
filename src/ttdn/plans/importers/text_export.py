"""Reader of the text export of a Word plan (the seed's format).

Table cells are lines starting with a TAB, rows are separated by a blank line, a line without a
TAB continues the cell above it. A cell of non-breaking spaces is an empty heading cell; a cell
with nothing after its TAB is a vertically merged cell.
"""

from __future__ import annotations

import re

from ttdn.plans.importers.raw import NBSP, RawCell, RawDocument, RawRow, is_blank_heading_cell

_APPENDIX = re.compile(r"^\s*PHỤ LỤC\s*$")
_HEADER_FIRST = re.compile(r"^\t\s*(TT|STT)\s*$")
_CODE = re.compile(r"^(?:[IVXLC]+|\d+(?:\.\d+)*)\.?$")
_FOOTNOTE = re.compile(r"^\[(\d+)\]\s*(.+)$")


def read_text_export(text: str) -> RawDocument:
    lines = text.split("\n")
    document = RawDocument()
    appendix_at = next((i for i, line in enumerate(lines) if _APPENDIX.match(line)), len(lines))
    for number, line in enumerate(lines[:appendix_at], start=1):
        cleaned = line.strip().strip(NBSP).strip()
        if cleaned:
            document.paragraphs.append((number, cleaned))
            document.stamps.extend(part.strip() for part in cleaned.split("\t") if part.strip())
    header_at = next(
        (i for i in range(appendix_at, len(lines)) if _HEADER_FIRST.match(lines[i])), None
    )
    if header_at is None:
        _footnotes(lines, appendix_at, document)
        return document
    for number in range(appendix_at + 1, header_at + 1):
        cleaned = lines[number - 1].strip()
        if cleaned:
            document.appendix.append((number, cleaned))
    # Skip the header row (up to the first blank line), then read blocks.
    first = header_at
    while first < len(lines) and lines[first].strip(" ") != "":
        first += 1
    block: list[tuple[int, str]] = []
    end = len(lines)
    for index in range(first, len(lines)):
        line = lines[index]
        if line == "" or (line.strip(" ") == "" and not line.startswith("\t")):
            if block:
                row = _row(block)
                block = []
                if row is None:
                    end = index
                    break
                document.rows.append(row)
            continue
        if _FOOTNOTE.match(line):
            end = index
            break
        block.append((index + 1, line))
    else:
        if block and (row := _row(block)) is not None:
            document.rows.append(row)
    _footnotes(lines, end, document)
    return document


def _row(block: list[tuple[int, str]]) -> RawRow | None:
    cells: list[str] = []
    for _number, line in block:
        if line.startswith("\t"):
            cells.append(line[1:])
        elif cells:
            cells[-1] = f"{cells[-1]}\n{line}"
        else:
            return None
    if not cells or not _CODE.match(cells[0].strip()):
        return None
    raw = [
        RawCell(text=cell, merged=(cell.strip(" ") == "" and not is_blank_heading_cell(cell)))
        for cell in cells
    ]
    return RawRow(line=block[0][0], cells=raw)


def _footnotes(lines: list[str], start: int, document: RawDocument) -> None:
    for number in range(start, len(lines)):
        match = _FOOTNOTE.match(lines[number].strip())
        if match:
            document.footnotes.append((number + 1, match.group(2).strip()))
