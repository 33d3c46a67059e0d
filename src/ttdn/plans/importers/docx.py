"""Reader of Word (.docx) plans: body paragraphs in order, task tables, footnotes.

Every table in the body goes to ``tables.TaskTables``: a task table anywhere (any column order,
a two-row header, the units packed in one cell), and a table split in two by a page break or a
caption (up to two short paragraphs) continues when it repeats the header or has none and as
many columns. Vertically merged cells (``w:vMerge`` continuing a cell above) are marked merged,
so the interpreter inherits their value from the row above, exactly as for the text export; a
cell spanning columns (``w:gridSpan``) is followed by empty cells. A table that is not a task
table (the two-column header block, the signatures) is read as paragraphs at its place: row by
row, cell by cell, one paragraph per paragraph in the cell.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from typing import Any

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from ttdn.plans.importers.raw import RawCell, RawDocument, is_appendix_title
from ttdn.plans.importers.tables import TaskTables

MAX_UNPACKED = 100 * 1024 * 1024
MAX_RATIO = 200
MAX_ENTRIES = 5000
MAX_SPAN = 50  # a cell spanning more grid columns than any plan table has is malformed
_CAPTION = 2  # at most this many short paragraphs between two parts of one table
_SECTION = re.compile(r"^[IVX]+\.\s")


class DocxError(ValueError):
    """The .docx cannot be read safely; the message says why."""


def read_docx(data: bytes) -> RawDocument:
    _check_zip(data)
    try:
        document = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several unrelated types for a broken package
        raise DocxError(f"the file is not a readable Word document ({exc})") from None
    raw = RawDocument()
    for section in document.sections:
        for part in (section.header, section.first_page_header):
            raw.stamps.extend(_text(p._p) for p in part.paragraphs if p.text.strip())
            for header_table in part.tables:
                raw.stamps.extend(
                    _text(cell._tc) for row in header_table.rows for cell in row.cells
                )
    tables = TaskTables()
    number = 0  # one count for paragraphs and table rows: the "line" of what is read
    in_appendix = False
    after: int | None = None  # paragraphs since the last task table ended (None: no table yet)

    def paragraph(text: str, line: int | None = None) -> None:
        nonlocal number, in_appendix
        if line is None:
            number += 1
        in_appendix = in_appendix or is_appendix_title(text)
        (raw.appendix if in_appendix else raw.paragraphs).append((line or number, text))

    for child in _blocks(document.element.body):
        if child.tag == qn("w:p"):
            text = _text(child)
            if not text:
                continue
            raw.stamps.append(text)
            paragraph(text)
            if after is not None:
                caption = (
                    len(text) <= 120 and not _SECTION.match(text) and not is_appendix_title(text)
                )
                after = after + 1 if caption else _CAPTION + 1
        else:
            rows = _table_rows(child, number)
            raw.stamps.extend(cell.text for _n, cells in rows for cell in cells if cell.text)
            if tables.read(rows, follows=after is not None and after <= _CAPTION):
                for line, cells in tables.above:  # a title written in the table's first rows
                    for text in "\n".join(cell.text for cell in cells).split("\n"):
                        if text:
                            paragraph(text, line)
                number += len(rows)
                after = 0
                continue
            # Not a task table (the header block, the signatures): its cells are paragraphs,
            # row by row, cell by cell, in reading order.
            for _n, cells in rows:
                for cell in cells:
                    for text in cell.text.split("\n"):
                        if text:
                            paragraph(text)
            if after is not None:
                after = _CAPTION + 1
    raw.rows = tables.rows
    raw.footnotes = _footnotes(document)
    return raw


def _check_zip(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise DocxError("the file is not a Word document (.docx is a zip package)") from None
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ENTRIES:
            raise DocxError(f"the Word package holds {len(entries)} parts, over {MAX_ENTRIES}")
        unpacked = sum(entry.file_size for entry in entries)
        packed = sum(entry.compress_size for entry in entries) or 1
        if unpacked > MAX_UNPACKED or unpacked / packed > MAX_RATIO:
            raise DocxError(
                "the Word package would unpack to "
                f"{unpacked // (1024 * 1024)} MB ({unpacked // packed}× its size): refused"
            )
        if "word/document.xml" not in archive.namelist():
            raise DocxError("the zip package has no word/document.xml: not a Word document")


def _text(element: object) -> str:
    parts = [node.text or "" for node in element.iter(qn("w:t"))]  # type: ignore[attr-defined]
    text = " ".join("".join(parts).split()) if parts else ""
    return unicodedata.normalize("NFC", text)  # Unikey's "Unicode tổ hợp" types NFD


def _blocks(body: object) -> Iterator[Any]:
    """The body's paragraphs and tables in order, those inside content controls included."""
    for child in body.iterchildren():  # type: ignore[attr-defined]
        if child.tag in (qn("w:p"), qn("w:tbl")):
            yield child
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _blocks(content)


def _table_rows(table: object, before: int) -> list[tuple[int, list[RawCell]]]:
    """The table's rows (their line: ``before`` plus the row's number) as cells, a cell spanning
    several grid columns followed by empty cells, so that every row has the grid's width."""
    rows: list[tuple[int, list[RawCell]]] = []
    trs = table.iterchildren(qn("w:tr"))  # type: ignore[attr-defined]
    for index, tr in enumerate(trs, start=before + 1):
        # A row starting further right in the grid (w:gridBefore): empty cells first.
        cells = [RawCell("") for _ in range(_grid_skip(tr, "w:gridBefore"))]
        for tc in tr.iterchildren(qn("w:tc")):
            paragraphs = [_text(p) for p in tc.iterchildren(qn("w:p"))]
            text = "\n".join(p for p in paragraphs if p)
            properties = tc.find(qn("w:tcPr"))
            merge = properties.find(qn("w:vMerge")) if properties is not None else None
            continued = merge is not None and merge.get(qn("w:val"), "continue") == "continue"
            span = properties.find(qn("w:gridSpan")) if properties is not None else None
            value = span.get(qn("w:val"), "1") if span is not None else "1"
            width = min(int(value), MAX_SPAN) if value.isdigit() and value != "0" else 1
            cells.append(RawCell(text=text, merged=continued and not text))
            cells.extend(RawCell(text="", covered=True) for _ in range(width - 1))
        rows.append((index, cells))
    return rows


def _grid_skip(tr: Any, tag: str) -> int:
    properties = tr.find(qn("w:trPr"))
    skip = properties.find(qn(tag)) if properties is not None else None
    value = skip.get(qn("w:val"), "0") if skip is not None else "0"
    return min(int(value), MAX_SPAN) if value.isdigit() else 0


def _footnotes(document: object) -> list[tuple[int, str]]:
    part = next(
        (
            rel.target_part
            for rel in document.part.rels.values()  # type: ignore[attr-defined]
            if rel.reltype.endswith("/footnotes")
        ),
        None,
    )
    if part is None:
        return []
    # python-docx's own parser: no entity resolution, no network.
    root = parse_xml(part.blob)
    notes: list[tuple[int, str]] = []
    for note in root.iterchildren(qn("w:footnote")):
        if note.get(qn("w:type")) in ("separator", "continuationSeparator"):
            continue
        text = _text(note)
        if text:
            notes.append((int(note.get(qn("w:id"), "0")), text))
    return notes
