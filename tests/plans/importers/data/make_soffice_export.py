"""Makes soffice-export.pdf: a Word plan (python-docx) exported to PDF by LibreOffice.

Run from the repository root: ``python tests/plans/importers/data/make_soffice_export.py``
(needs ``soffice``, from libreoffice-writer-nogui). The plan is made up, in the shape other
provinces publish: a Decree 30 header in a borderless two-column table, a page number in the
page header, a ruled task table of 30 rows that runs over two pages with its header row repeated,
roman section rows, a section row merged across the table, and lead and time cells merged down
over several rows.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

HERE = Path(__file__).parent
HEADER = ["TT", "Nội dung công việc", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện"]


def rows() -> list[list[str]]:
    out: list[list[str]] = [
        ["A. HOẠT ĐỘNG THÔNG TIN ĐỐI NGOẠI TRÊN ĐỊA BÀN TỈNH", "", "", "", ""],
        ["I", "Thông tin, tuyên truyền về biên giới", "", "", ""],
    ]
    for n in range(1, 11):
        out.append(
            [
                str(n),
                "Tuyên truyền về công tác quản lý, bảo vệ đường biên, mốc giới tại khu vực "
                f"cửa khẩu số {n} cho nhân dân các xã biên giới",
                "Bộ Chỉ huy Bộ đội Biên phòng tỉnh" if n in (1, 4, 7) else "",
                "UBND các huyện biên giới; Sở Ngoại vụ",
                "Năm 2023" if n in (1, 4, 7) else "",
            ]
        )
    out.append(["II", "Quảng bá hình ảnh, tiềm năng du lịch", "", "", ""])
    for n in range(1, 16):
        out.append(
            [
                str(n),
                "Giới thiệu Công viên địa chất toàn cầu Non nước Cao Bằng tới du khách "
                f"quốc tế, đợt {n}",
                "Sở Văn hóa, Thể thao và Du lịch",
                "Sở Thông tin và Truyền thông; Báo Cao Bằng",
                f"Tháng {(n % 12) + 1}/2023",
            ]
        )
    return out


def no_borders(table: object) -> None:
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)  # type: ignore[attr-defined]


def build_docx(path: Path) -> None:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "DejaVu Serif"  # type: ignore[attr-defined]
    style.font.size = Pt(12)  # type: ignore[attr-defined]
    header = document.sections[0].header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = header.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
            run._r.append(field)
        else:
            code = OxmlElement("w:instrText")
            code.text = text
            run._r.append(code)
    top = document.add_table(rows=3, cols=2)
    no_borders(top)
    for r, (left, right) in enumerate(
        [
            ("ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            ("TỈNH CAO BẰNG", "Độc lập - Tự do - Hạnh phúc"),
            ("Số: 45/KH-UBND", "Cao Bằng, ngày 20 tháng 01 năm 2023"),
        ]
    ):
        top.cell(r, 0).text = left
        top.cell(r, 1).text = right
    for text in ["KẾ HOẠCH", "Thông tin đối ngoại tỉnh Cao Bằng năm 2023"]:
        document.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in [
        "Thực hiện Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ về quản lý hoạt động "
        "thông tin đối ngoại, Ủy ban nhân dân tỉnh Cao Bằng ban hành Kế hoạch thông tin đối ngoại "
        "năm 2023 như sau:",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "Nâng cao hiệu quả thông tin đối ngoại gắn với bảo vệ chủ quyền biên giới quốc gia và "
        "quảng bá hình ảnh đất nước, con người Cao Bằng.",
        "II. NHIỆM VỤ (chi tiết tại bảng dưới đây)",
    ]:
        document.add_paragraph(text)
    body = rows()
    table = document.add_table(rows=1 + len(body), cols=len(HEADER))
    table.style = "Table Grid"
    heading = table.rows[0]
    properties = heading._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    properties.append(repeat)
    for index, text in enumerate(HEADER):
        heading.cells[index].text = text
    for r, row in enumerate(body, start=1):
        for c, text in enumerate(row):
            if text:
                table.rows[r].cells[c].text = text
    table.cell(1, 0).merge(table.cell(1, 4))  # the section row across the table
    for start in (3, 6, 9):  # rows 1-3, 4-6, 7-10 of section I share their lead and time
        end = start + (3 if start == 9 else 2)
        for column in (2, 4):
            table.cell(start, column).merge(table.cell(end, column))
    document.add_paragraph("III. TỔ CHỨC THỰC HIỆN")
    document.add_paragraph("Các sở, ngành báo cáo kết quả về Sở Ngoại vụ trước ngày 30/11/2023.")
    document.save(str(path))


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "soffice-export.docx"
        build_docx(source)
        subprocess.run(  # noqa: S603
            [
                shutil.which("soffice") or "soffice",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                work,
                str(source),
            ],
            check=True,
            capture_output=True,
        )
        shutil.copy(Path(work) / "soffice-export.pdf", HERE / "soffice-export.pdf")


if __name__ == "__main__":
    main()
