"""Official Vietnamese documents (Nghị định 30/2020/NĐ-CP) with python-docx: page, fonts, the
national motto header, numbering, "Nơi nhận" and signature blocks, page numbers from page 2."""

from __future__ import annotations

import datetime

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
BODY_SIZE = Pt(14)


def new_document() -> DocumentType:
    """A4, margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman 14 pt."""
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = BODY_SIZE
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(6)
    style.paragraph_format.line_spacing = 1.15
    _page_numbers_from_page_two(document)
    return document


def _page_numbers_from_page_two(document: DocumentType) -> None:
    section = document.sections[0]
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    for tag, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if tag:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), tag)
            run._r.append(char)
        else:
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
    run.font.size = Pt(13)


def _widths(grid: Table, widths: list[float]) -> None:
    """Column widths that Word and LibreOffice both honour (grid and every cell)."""
    grid.autofit = False
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)


def _cell_text(cell: _Cell, lines: list[tuple[str, bool, bool, int]]) -> None:
    """(text, bold, italic, size) lines, centred."""
    cell.paragraphs[0].text = ""
    for index, (text, bold, italic, size) in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(text)
        run.bold, run.italic, run.font.size = bold, italic, Pt(size)


def header(
    document: DocumentType,
    *,
    parent: str,
    issuer: str,
    number: str,
    place: str,
    day: datetime.date,
) -> None:
    """Issuer and number on the left; national name, motto, place and date on the right."""
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, [6.5, 10.0])
    left, right = table.rows[0].cells
    lines = [(parent.upper(), False, False, 13)] if parent else []
    lines += [(line.upper(), True, False, 13) for line in issuer.split("\n")]
    _cell_text(left, [*lines, ("", False, False, 6), (f"Số: {number}", False, False, 13)])
    _cell_text(
        right,
        [
            ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, False, 13),
            ("Độc lập - Tự do - Hạnh phúc", True, False, 14),
            ("", False, False, 6),
            (f"{place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}", False, True, 14),
        ],
    )


def title(document: DocumentType, kind: str, subject: str) -> None:
    for text, size in ((kind, 14), (subject, 14)):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(text)
        run.bold, run.font.size = True, Pt(size)
    document.add_paragraph().paragraph_format.space_after = Pt(6)


def heading(document: DocumentType, text: str) -> Paragraph:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.first_line_indent = Cm(1.27)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    run = paragraph.add_run(text)
    run.bold = True
    return paragraph


def body(document: DocumentType, text: str, *, italic: bool = False) -> Paragraph:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = Cm(1.27)
    run = paragraph.add_run(text)
    run.italic = italic
    return paragraph


def table(
    document: DocumentType, header_row: list[str], rows: list[list[str]], widths: list[float]
) -> None:
    grid = document.add_table(rows=1, cols=len(header_row))
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, header_row, strict=True):
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = cell.paragraphs[0].add_run(text)
        run.bold, run.font.size = True, Pt(12)
    for values in rows:
        cells = grid.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            run = cell.paragraphs[0].add_run(text)
            run.font.size = Pt(12)
            cell.paragraphs[0].paragraph_format.space_after = Pt(0)
    _widths(grid, widths)


def closing(document: DocumentType, *, recipients: list[str], signer: list[str], name: str) -> None:
    """ "Nơi nhận:" on the left; the signature block on the right."""
    document.add_paragraph()
    grid = document.add_table(rows=1, cols=2)
    _widths(grid, [8.0, 8.5])
    left, right = grid.rows[0].cells
    paragraph = left.paragraphs[0]
    run = paragraph.add_run("Nơi nhận:")
    run.bold, run.italic, run.font.size = True, True, Pt(12)
    for recipient in recipients:
        line = left.add_paragraph()
        line.paragraph_format.space_after = Pt(0)
        line.add_run(f"- {recipient};").font.size = Pt(11)
    _cell_text(
        right,
        [(line, True, False, 14) for line in signer]
        + [("(Ký, đóng dấu)", False, True, 13), ("", False, False, 14), ("", False, False, 14)]
        + [(name, True, False, 14)],
    )


def landscape_appendix(document: DocumentType, heading_text: str, subtitle: str) -> None:
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(15)
    section.top_margin = section.bottom_margin = Mm(15)
    for text, bold, italic in ((heading_text, True, False), (subtitle, False, True)):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic
    document.add_paragraph()
