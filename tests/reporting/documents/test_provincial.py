"""The provincial report read back as Word, Excel, and as PDF pages."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from tests.reporting.conftest import D
from ttdn.demo.load import load_reporting
from ttdn.plans.models import Plan
from ttdn.reporting.documents.provincial import render_docx, render_xlsx
from ttdn.reporting.selectors import report_data

SCREENSHOTS = Path.cwd() / "var" / "screenshots"
SOFFICE = shutil.which("soffice")
PDFTOPPM = shutil.which("pdftoppm")


@pytest.fixture
def data(plan: Plan) -> dict[str, object]:
    load_reporting(plan)
    return report_data(plan, today=D(2025, 11, 20))


def test_docx_follows_decree_30(data: dict[str, object]) -> None:
    document = Document(io.BytesIO(render_docx(data, today=D(2025, 11, 20))))
    section = document.sections[0]

    def mm(length: object) -> int:
        return round(length.mm)  # type: ignore[attr-defined]

    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert (mm(section.top_margin), mm(section.bottom_margin)) == (20, 20)
    assert (mm(section.left_margin), mm(section.right_margin)) == (30, 15)
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert document.styles["Normal"].font.size.pt == 14  # type: ignore[union-attr]
    assert section.different_first_page_header_footer  # page numbers from page 2
    assert "PAGE" in section.header._element.xml
    header = document.tables[0]._cells
    texts = [cell.text for cell in header]
    assert any("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text for text in texts)
    assert any("Độc lập - Tự do - Hạnh phúc" in text for text in texts)
    assert any("Số:" in text and "/BC-UBND" in text for text in texts)
    assert any("Bắc Giang, ngày 20 tháng 11 năm 2025" in text for text in texts)
    paragraphs = [p.text for p in document.paragraphs]
    assert "BÁO CÁO" in paragraphs
    assert any(p.startswith("Thực hiện Kế hoạch số 69/KH-UBND ngày 06/11/2024") for p in paragraphs)
    body = next(p for p in document.paragraphs if p.text.startswith("Thực hiện Kế hoạch"))
    assert body.alignment == 3  # justified
    assert body.paragraph_format.first_line_indent is not None
    closing = document.tables[-2]._cells[0].text
    assert closing.startswith("Nơi nhận:")
    appendix = document.tables[-1]
    assert len(appendix.rows) == 1 + 63
    assert appendix.rows[0].cells[2].text == "Chủ trì"
    indicators = document.tables[1]
    assert indicators.rows[1].cells[1].text == "Số tin, bài đã đăng"
    assert int(indicators.rows[1].cells[3].text.replace(".", "")) > 0


def test_xlsx_appendix(data: dict[str, object]) -> None:
    workbook = load_workbook(io.BytesIO(render_xlsx(data)))
    tasks = workbook["Nhiệm vụ"]
    assert tasks.max_row == 64
    assert [c.value for c in tasks[1]][:4] == ["TT", "Mã", "Nhiệm vụ", "Chủ trì"]
    assert workbook["Chỉ tiêu"].max_row == 9


@pytest.mark.skipif(
    not (SOFFICE and PDFTOPPM) and os.environ.get("CI") != "true",
    reason="LibreOffice and poppler-utils are not installed (make test installs them as root)",
)
def test_the_report_as_pdf_pages(data: dict[str, object], tmp_path: Path) -> None:
    source = tmp_path / "bao-cao.docx"
    source.write_bytes(render_docx(data, today=D(2025, 11, 20)))
    subprocess.run(  # noqa: S603
        [str(SOFFICE), "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "bao-cao.pdf"
    assert pdf.exists()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(  # noqa: S603
        [
            str(PDFTOPPM),
            "-r",
            "70",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            str(pdf),
            str(SCREENSHOTS / "report"),
        ],
        check=True,
        timeout=60,
    )
    pages = list(SCREENSHOTS.glob("report-*.png"))
    assert pages
    assert pages[0].stat().st_size > 20_000  # a page with text, not a blank
