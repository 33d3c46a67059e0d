"""The text at the head of an office file, to look for a state-secret stamp in it.

Word and Excel files are zip packages: they are checked against zip bombs before anything
unpacks them. Only the head is read: the page headers and the first paragraphs of a Word file,
the first rows of each sheet, the first pages of a PDF, which is where a stamp stands
(Thông tư 24/2020/TT-BCA: the stamp is on the first page). Images carry no text we can read
without OCR, which ttdn does not ship.
"""

from __future__ import annotations

import zipfile
from typing import IO

from ttdn.core.classification import classification_of

MAX_UNPACKED = 100 * 1024 * 1024
MAX_RATIO = 200
MAX_ENTRIES = 5000
HEAD_LINES = 40
PDF_PAGES = 3
SHEET_ROWS = 40

WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXCEL = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"


class UnreadableFileError(ValueError):
    """The file's text cannot be read; the message says why, in English for the log."""


def check_zip(file: IO[bytes]) -> None:
    """Refuse a zip package that would unpack to too much (a zip bomb) or is not one."""
    try:
        with zipfile.ZipFile(file) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        raise UnreadableFileError("not a readable zip package") from None
    finally:
        file.seek(0)
    if len(entries) > MAX_ENTRIES:
        raise UnreadableFileError(f"the package holds {len(entries)} parts, over {MAX_ENTRIES}")
    unpacked = sum(entry.file_size for entry in entries)
    packed = sum(entry.compress_size for entry in entries) or 1
    if unpacked > MAX_UNPACKED or unpacked / packed > MAX_RATIO:
        raise UnreadableFileError(
            f"the package would unpack to {unpacked // 2**20} MB ({unpacked // packed}× its size)"
        )


def head_lines(file: IO[bytes], mime: str) -> list[str]:
    """The lines of text at the head of ``file`` (of type ``mime``); [] for an image."""
    try:
        if mime == WORD:
            check_zip(file)
            return _word(file)
        if mime == EXCEL:
            check_zip(file)
            return _excel(file)
        if mime == PDF:
            return _pdf(file)
        if mime.startswith("text/"):
            return file.read(256 * 1024).decode("utf-8", errors="replace").splitlines()
    except UnreadableFileError:
        raise
    except Exception as exc:  # each library raises its own types for a broken file
        raise UnreadableFileError(f"{type(exc).__name__}: {exc}") from None
    finally:
        file.seek(0)
    return []


def stamp_in_file(file: IO[bytes], mime: str) -> str | None:
    """The state-secret stamp at the head of the file, as written, or None."""
    return classification_of(head_lines(file, mime), head=None)


def _word(file: IO[bytes]) -> list[str]:
    from docx import Document

    document = Document(file)
    lines: list[str] = []
    for section in document.sections:
        for part in (section.header, section.first_page_header):
            lines.extend(paragraph.text for paragraph in part.paragraphs)
            for table in part.tables:
                lines.extend(cell.text for row in table.rows for cell in row.cells)
    body: list[str] = []
    for paragraph in document.paragraphs:
        if paragraph.text.strip():
            body.append(paragraph.text)
        if len(body) >= HEAD_LINES:
            break
    for table in document.tables[:2]:  # the header block of an official document is a table
        for row in table.rows[:SHEET_ROWS]:
            body.extend(cell.text for cell in row.cells)
    return [line for text in [*lines, *body] for line in text.splitlines()]


def _excel(file: IO[bytes]) -> list[str]:
    from openpyxl import load_workbook

    workbook = load_workbook(file, read_only=True, data_only=True)
    try:
        lines: list[str] = []
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows(max_row=SHEET_ROWS, values_only=True):
                lines.extend(str(value) for value in row if isinstance(value, str))
        return lines
    finally:
        workbook.close()


def _pdf(file: IO[bytes]) -> list[str]:
    from pypdf import PdfReader

    reader = PdfReader(file)
    if reader.is_encrypted and not reader.decrypt(""):
        raise UnreadableFileError("the PDF is protected by a password")
    lines: list[str] = []
    for page in reader.pages[:PDF_PAGES]:
        lines.extend((page.extract_text() or "").splitlines())
    return lines
