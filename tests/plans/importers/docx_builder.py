"""Builds .docx plans for the tests with python-docx (merged cells, footnotes, packed units)."""

from __future__ import annotations

import io
import zipfile

from docx import Document

FOOTNOTES_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:id="1"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:footnote>'
    "</w:footnotes>"
)
FOOTNOTES_REL = (
    '<Relationship Id="rIdFootnotes" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" '
    'Target="footnotes.xml"/>'
)
FOOTNOTES_TYPE = (
    '<Override PartName="/word/footnotes.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
)

BODY = [
    "KẾ HOẠCH",
    "HOẠT ĐỘNG THÔNG TIN ĐỐI NGOẠI CỦA TỈNH BẮC GIANG NĂM 2025",
    "Thực hiện Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ về quản lý hoạt động "
    "thông tin đối ngoại, UBND tỉnh ban hành kế hoạch như sau:",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Mục đích",
    "II. NỘI DUNG THỰC HIỆN",
    "Tuyên truyền kỷ niệm 95 năm ngày thành lập Đảng (3/2/1930 - 3/2/2025).",
    "III. KINH PHÍ",
    "Kinh phí do ngân sách tỉnh bảo đảm.",
    "IV. TỔ CHỨC THỰC HIỆN",
    "1. Sở Ngoại vụ:",
    "- Chủ trì tổ chức các đoàn ra, đoàn vào.",
    "2. Các sở, ban, ngành:",
    "- Báo cáo kết quả (trước ngày 15/11) gửi Sở Ngoại vụ để tổng hợp.",
    "PHỤ LỤC",
    "(Kèm theo Kế hoạch số 69/KH-UBND ngày 06 tháng 11 năm 2024 của UBND tỉnh Bắc Giang)",
]


def build_plan(*, packed: bool = False, footnote: str | None = None) -> bytes:
    document = Document()
    for text in BODY:
        document.add_paragraph(text)
    if packed:
        header = ["TT", "Nội dung nhiệm vụ", "Đơn vị thực hiện", "Thời gian"]
        rows = [
            ["I", "Hợp tác quốc tế", "", ""],
            [
                "1",
                "Đón đoàn tỉnh Xay Sổm Bun",
                "Chủ trì: Sở Ngoại vụ; Phối hợp: Sở Công Thương, UBND huyện, thị xã, thành phố",
                "Quý II",
            ],
            [
                "2",
                "Báo cáo kết quả thực hiện",
                "Chủ trì: Sở Văn hóa, Thể thao và Du lịch",
                "Trước 15/11",
            ],
        ]
    else:
        header = [
            "TT",
            "Chương trình, nhiệm vụ",
            "Đơn vị chủ trì",
            "Đơn vị phối hợp",
            "Thời gian thực hiện",
        ]
        rows = [
            [
                "I",
                "Triển khai Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ Chính trị",
                "Sở Ngoại vụ",
                "Các sở, ban, ngành, UBND huyện, thị xã, thành phố.",
                "Năm 2025",
            ],
            ["II", "Quảng bá hình ảnh của tỉnh", "", "", ""],
            [
                "1",
                "Xuất bản ấn phẩm TTĐN",
                "Sở Công Thương",
                "Sở Ngoại vụ; Báo Bắc Giang",
                "Năm 2025",
            ],
            ["2", "Phát hành bản tin đối ngoại", "", "", ""],  # merged with the row above
        ]
    table = document.add_table(rows=1 + len(rows), cols=len(header))
    for index, text in enumerate(header):
        table.rows[0].cells[index].text = text
    for r, row in enumerate(rows, start=1):
        for c, text in enumerate(row):
            if text:
                table.rows[r].cells[c].text = text
    if not packed:
        for column in (2, 3, 4):  # rows "1" and "2" share their units and time (vMerge)
            table.cell(3, column).merge(table.cell(4, column))
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    return _with_footnote(data, footnote) if footnote else data


def _with_footnote(data: bytes, text: str) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "word/_rels/document.xml.rels":
                content = content.replace(
                    b"</Relationships>", FOOTNOTES_REL.encode() + b"</Relationships>"
                )
            elif item.filename == "[Content_Types].xml":
                content = content.replace(b"</Types>", FOOTNOTES_TYPE.encode() + b"</Types>")
            target.writestr(item, content)
        target.writestr("word/footnotes.xml", FOOTNOTES_XML.format(text=text))
    return out.getvalue()
