"""Reader of Word (.docx) plans: body paragraphs in order, the appendix table, footnotes.

Vertically merged cells (``w:vMerge`` continuing a cell above) are marked merged, so the
interpreter inherits their value from the row above, exactly as for the text export. A table
whose units share one cell ("Chủ trì: …; Phối hợp: …") is split into lead and partners.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from ttdn.plans.importers.raw import RawCell, RawDocument
from ttdn.plans.importers.tables import task_table

MAX_UNPACKED = 100 * 1024 * 1024
MAX_RATIO = 200
MAX_ENTRIES = 5000
MAX_SPAN = 50  # a cell spanning more grid columns than any plan table has is malformed


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
    number = 0
    table_found = False
    in_appendix = False
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            number += 1
            text = _text(child)
            if text:
                raw.stamps.append(text)
                in_appendix = in_appendix or text.upper().startswith("PHỤ LỤC")
                target = raw.appendix if in_appendix or table_found else raw.paragraphs
                target.append((number, text))
        elif child.tag == qn("w:tbl"):
            rows = _table_rows(child)
            raw.stamps.extend(cell.text for _n, cells in rows for cell in cells if cell.text)
            if table_found:
                continue
            task_rows = task_table(rows)
            if task_rows is None:
                continue
            table_found = True
            raw.rows.extend(task_rows)
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


def _table_rows(table: object) -> list[tuple[int, list[RawCell]]]:
    rows: list[tuple[int, list[RawCell]]] = []
    for index, tr in enumerate(table.iter(qn("w:tr")), start=1):  # type: ignore[attr-defined]
        cells: list[RawCell] = []
        for tc in tr.iterchildren(qn("w:tc")):
            paragraphs = [_text(p) for p in tc.iterchildren(qn("w:p"))]
            text = "\n".join(p for p in paragraphs if p)
            properties = tc.find(qn("w:tcPr"))
            merge = properties.find(qn("w:vMerge")) if properties is not None else None
            continued = merge is not None and merge.get(qn("w:val"), "continue") == "continue"
            span = properties.find(qn("w:gridSpan")) if properties is not None else None
            value = span.get(qn("w:val"), "1") if span is not None else "1"
            width = min(int(value), MAX_SPAN) if value.isdigit() else 1
            cells.append(RawCell(text=text, merged=continued and not text))
            cells.extend(RawCell(text="", merged=False) for _ in range(width - 1))
        rows.append((index, cells))
    return rows


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
