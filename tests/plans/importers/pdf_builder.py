"""Builds PDF plans for the tests with fpdf2 and the DejaVu fonts (Vietnamese glyphs).

The plan is a made-up one of another province, in the shape Word exports: a Decree 30 header in
two columns, body paragraphs wrapped at the margin, a ruled task table that runs over two pages
(its header repeated) with a merged section row and a lead cell merged over two rows.
"""

from __future__ import annotations

import io
import zlib
from pathlib import Path

import pytest

FONTS = Path("/usr/share/fonts/truetype/dejavu")
REGULAR = FONTS / "DejaVuSerif.ttf"
BOLD = FONTS / "DejaVuSerif-Bold.ttf"

BODY = [
    "Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ về quản lý hoạt động thông "
    "tin đối ngoại; thực hiện chỉ đạo của Ban Thường vụ Tỉnh ủy, Ủy ban nhân dân tỉnh Lào Cai ban "
    "hành Kế hoạch thông tin đối ngoại năm 2020 với những nội dung chủ yếu sau đây:",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "Giới thiệu rộng rãi tiềm năng du lịch vùng cao, cửa khẩu quốc tế và bản sắc các dân tộc của "
    "tỉnh tới bạn bè trong nước và quốc tế; phối hợp chặt chẽ giữa các sở, ngành và địa phương.",
    "II. NHIỆM VỤ CỤ THỂ",
    "Các nhiệm vụ, cơ quan chủ trì, cơ quan phối hợp và thời gian thực hiện nêu tại bảng dưới đây.",
]
HEADER = ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"]
# (code, title, lead, partners, time); None for the lead merged with the row above.
ROWS: list[tuple[str, str, str | None, str, str]] = [
    (
        "1",
        "Biên soạn tài liệu giới thiệu cửa khẩu quốc tế Lào Cai bằng tiếng Anh và tiếng Trung",
        "Sở Ngoại vụ",
        "Sở Công Thương; Ban Quản lý Khu kinh tế",
        "Quý II",
    ),
    (
        "2",
        "Tổ chức đoàn phóng viên nước ngoài tìm hiểu du lịch Sa Pa",
        None,
        "Sở Văn hóa và Thể thao",
        "Tháng 9/2020",
    ),
]
MORE = [
    (
        str(number),
        f"Nhiệm vụ tuyên truyền đối ngoại thứ {number} về biên giới và hợp tác",
        "Sở Thông tin và Truyền thông",
        "Báo Lào Cai; Đài Phát thanh và Truyền hình tỉnh",
        "Năm 2020",
    )
    for number in range(3, 13)
]


def fonts_or_skip() -> None:
    if not REGULAR.exists() or not BOLD.exists():
        pytest.skip(f"the DejaVu fonts are missing ({REGULAR}): install fonts-dejavu-core")


def new_pdf() -> object:
    fonts_or_skip()
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(REGULAR))
    pdf.add_font("DejaVu", "B", str(BOLD))
    pdf.set_font("DejaVu", size=12)
    pdf.set_margins(20, 15, 15)
    pdf.set_auto_page_break(True, margin=20)
    return pdf


def header(pdf: object, *, stamp: str | None = None, stamp_beside: bool = False) -> None:
    """The Decree 30 header: issuer and number on the left, the national name and the place and
    date on the right, on the same lines."""
    p: object = pdf
    if stamp:
        p.set_font("DejaVu", "B", 13)  # type: ignore[attr-defined]
        p.set_xy(*((80, 36) if stamp_beside else (20, 12)))  # type: ignore[attr-defined]
        p.cell(40, 6, stamp)  # type: ignore[attr-defined]
    p.set_font("DejaVu", "B", 11)  # type: ignore[attr-defined]
    for y, left, right in [
        (20, "ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        (26, "TỈNH LÀO CAI", "Độc lập - Tự do - Hạnh phúc"),
    ]:
        p.set_xy(20, y)  # type: ignore[attr-defined]
        p.cell(70, 6, left, align="C")  # type: ignore[attr-defined]
        p.set_xy(95, y)  # type: ignore[attr-defined]
        p.cell(100, 6, right, align="C")  # type: ignore[attr-defined]
    p.set_font("DejaVu", "", 11)  # type: ignore[attr-defined]
    p.set_xy(20, 36)  # type: ignore[attr-defined]
    p.cell(70, 6, "Số: 88/KH-UBND", align="C")  # type: ignore[attr-defined]
    p.set_xy(95, 36)  # type: ignore[attr-defined]
    p.cell(100, 6, "Lào Cai, ngày 12 tháng 3 năm 2020", align="C")  # type: ignore[attr-defined]
    p.set_font("DejaVu", "B", 13)  # type: ignore[attr-defined]
    p.set_xy(20, 50)  # type: ignore[attr-defined]
    p.cell(175, 7, "KẾ HOẠCH", align="C")  # type: ignore[attr-defined]
    p.set_xy(20, 57)  # type: ignore[attr-defined]
    p.cell(175, 7, "Thông tin đối ngoại tỉnh Lào Cai năm 2020", align="C")  # type: ignore[attr-defined]
    p.set_xy(20, 70)  # type: ignore[attr-defined]
    p.set_font("DejaVu", "", 12)  # type: ignore[attr-defined]


def page_numbers(pdf: object) -> None:
    pdf.set_auto_page_break(False)  # type: ignore[attr-defined]
    for number in range(1, pdf.page_no() + 1):  # type: ignore[attr-defined]
        pdf.page = number  # type: ignore[attr-defined]
        pdf.set_xy(100, 8)  # type: ignore[attr-defined]
        pdf.set_font("DejaVu", "", 10)  # type: ignore[attr-defined]
        pdf.cell(10, 5, str(number), align="C")  # type: ignore[attr-defined]


def task_table(pdf: object, rows: list[tuple[str, str, str | None, str, str]]) -> None:
    p: object = pdf
    p.set_font("DejaVu", "", 10)  # type: ignore[attr-defined]
    with p.table(  # type: ignore[attr-defined]
        col_widths=(10, 60, 35, 45, 25), text_align="LEFT", repeat_headings=1, line_height=5
    ) as table:
        heading = table.row()
        for text in HEADER:
            heading.cell(text)
        section = table.row()
        section.cell("A. CÔNG TÁC TUYÊN TRUYỀN", colspan=5)
        for index, (code, title, lead, partners, time) in enumerate(rows):
            row = table.row()
            row.cell(code)
            row.cell(title)
            next_merged = index + 1 < len(rows) and rows[index + 1][2] is None
            if lead is not None:
                row.cell(lead, rowspan=2 if next_merged else 1)
            row.cell(partners)
            row.cell(time)


def plan_pdf(*, stamp: str | None = None, stamp_beside: bool = False, rows: int = 12) -> bytes:
    pdf = new_pdf()
    pdf.add_page()  # type: ignore[attr-defined]
    header(pdf, stamp=stamp, stamp_beside=stamp_beside)
    for text in BODY:
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
        pdf.ln(2)  # type: ignore[attr-defined]
    task_table(pdf, (ROWS + MORE)[:rows])
    pdf.ln(4)  # type: ignore[attr-defined]
    pdf.multi_cell(0, 6, "III. TỔ CHỨC THỰC HIỆN", new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
    pdf.multi_cell(  # type: ignore[attr-defined]
        0,
        6,
        "Các cơ quan, đơn vị báo cáo kết quả về Sở Ngoại vụ trước ngày 15/11/2020.",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    page_numbers(pdf)
    return bytes(pdf.output())  # type: ignore[attr-defined]


def scanned_pdf() -> bytes:
    """Page 1 with text, page 2 only an image (a scan), page 3 blank."""
    pdf = new_pdf()
    pdf.add_page()  # type: ignore[attr-defined]
    header(pdf)
    pdf.add_page()  # type: ignore[attr-defined]
    pdf.image(_grey_png(), x=0, y=0, w=210, h=297)  # type: ignore[attr-defined]
    pdf.add_page()  # type: ignore[attr-defined]
    return bytes(pdf.output())  # type: ignore[attr-defined]


def encrypted_pdf(*, user_password: str | None) -> bytes:
    pdf = new_pdf()
    pdf.set_encryption(owner_password="chu-so-huu", user_password=user_password)  # type: ignore[attr-defined]
    pdf.add_page()  # type: ignore[attr-defined]
    header(pdf)
    for text in BODY:
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
    return bytes(pdf.output())  # type: ignore[attr-defined]


def text_pdf(lines: list[str]) -> bytes:
    pdf = new_pdf()
    pdf.add_page()  # type: ignore[attr-defined]
    for text in lines:
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
    return bytes(pdf.output())  # type: ignore[attr-defined]


def _grey_png() -> io.BytesIO:
    """A 200×280 grey PNG, written by hand (no imaging library needed)."""
    width, height = 200, 280
    raw = b"".join(b"\x00" + bytes([180]) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    ihdr = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 0, 0, 0, 0])
    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
    return io.BytesIO(png)


def stream(content: bytes, extra: bytes = b"") -> bytes:
    packed = zlib.compress(content)
    return (
        b"<< /Filter /FlateDecode "
        + extra
        + b"/Length "
        + str(len(packed)).encode()
        + b" >>\nstream\n"
        + packed
        + b"\nendstream"
    )


def raw_pdf(
    content: bytes, *, resources: bytes = b"<< >>", extra: list[bytes] | None = None
) -> bytes:
    """A one-page PDF written by hand around a content stream (for hostile files); ``extra``
    objects are numbered from 5."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources " + resources + b" >>",
        stream(content),
        *(extra or []),
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def running_pdf(paragraphs: list[str], *, head: str) -> bytes:
    """Paragraphs over several pages, each page with a running head and "Trang N/M" at its foot."""
    pdf = new_pdf()
    pdf.set_auto_page_break(True, margin=30)  # type: ignore[attr-defined]
    pdf.add_page()  # type: ignore[attr-defined]
    pdf.set_y(25)  # type: ignore[attr-defined]
    for text in paragraphs:
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
    pages = pdf.page_no()  # type: ignore[attr-defined]
    pdf.set_auto_page_break(False)  # type: ignore[attr-defined]
    for number in range(1, pages + 1):
        pdf.page = number  # type: ignore[attr-defined]
        pdf.set_font("DejaVu", "", 9)  # type: ignore[attr-defined]
        pdf.set_xy(20, 8)  # type: ignore[attr-defined]
        pdf.cell(175, 5, head, align="R")  # type: ignore[attr-defined]
        pdf.set_xy(20, 280)  # type: ignore[attr-defined]
        pdf.cell(175, 5, f"Trang {number}/{pages}", align="C")  # type: ignore[attr-defined]
    return bytes(pdf.output())  # type: ignore[attr-defined]


def ocr_pdf() -> bytes:
    """A scanned page with the invisible text an OCR program lays over the image."""
    from fpdf.enums import TextMode

    pdf = new_pdf()
    pdf.add_page()  # type: ignore[attr-defined]
    pdf.image(_grey_png(), x=0, y=0, w=210, h=297)  # type: ignore[attr-defined]
    pdf.text_mode = TextMode.INVISIBLE  # type: ignore[attr-defined]
    header(pdf)
    for text in BODY:
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
    return bytes(pdf.output())  # type: ignore[attr-defined]
