"""Builds the corpus's Word (.docx) and PDF documents; the .txt documents are written by hand.

Run from the checkout: ``PYTHONPATH=src .venv/bin/python tests/plans/importers/corpus/build.py``.
Word files are made with python-docx as Word lays them out: a borderless two-column header table
(ND 30/2020's "ỦY BAN NHÂN DÂN / TỈNH …" beside "CỘNG HÒA …"), ruled task tables with ``gridSpan``
(a row spanning several columns) and ``vMerge`` (a cell merged with the one above). The PDFs are
LibreOffice's export of Word files built here (``soffice --headless --convert-to pdf``), so their
text layer is the one a plan "saved as PDF" from Word has; the scanned PDF is one page holding
only a picture of text (Pillow + fpdf2), with no text layer at all.

Each document's expectation (NAME.expected.json) was written by reading the document, never
from the parser's output: see README.md.
"""

from __future__ import annotations

import datetime
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table

HERE = Path(__file__).resolve().parent
NBSP = "\u00a0"


@dataclass(frozen=True)
class Span:
    """A cell spanning ``columns`` grid columns (``w:gridSpan``)."""

    text: str
    columns: int


class Merged:
    """A cell merged with the cell above it (``w:vMerge`` continuation): no text of its own."""


MERGED = Merged()
Cell = str | Span | Merged


def new_document(*, landscape: bool = False) -> DocumentType:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    section = document.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    section.left_margin = section.right_margin = Cm(2)
    return document


def paragraphs(document: DocumentType, lines: Sequence[str], *, centred: bool = False) -> None:
    for text in lines:
        paragraph = document.add_paragraph(text)
        if centred:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def header_table(document: DocumentType, left: Sequence[str], right: Sequence[str]) -> None:
    """The ND 30 header as Word lays it out: a two-column table without borders."""
    table = document.add_table(rows=1, cols=2)
    for cell, lines in zip(table.rows[0].cells, (left, right), strict=True):
        cell.paragraphs[0].text = lines[0]
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        for text in lines[1:]:
            cell.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.CENTER


def task_table(document: DocumentType, rows: Sequence[Sequence[Cell]]) -> Table:
    """A ruled table; each row lists its cells left to right (a Span covers several columns)."""
    columns = max(sum(c.columns if isinstance(c, Span) else 1 for c in row) for row in rows)
    table = document.add_table(rows=len(rows), cols=columns)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        column = 0
        for cell in row:
            width = cell.columns if isinstance(cell, Span) else 1
            target = table.cell(r, column)
            if width > 1:
                target = target.merge(table.cell(r, column + width - 1))
            if isinstance(cell, Merged):
                _continue_vertical_merge(table, r, column)
            else:
                _set_text(target, cell.text if isinstance(cell, Span) else cell)
            column += width
    return table


def _set_text(cell: object, text: str) -> None:
    lines = text.split("\n")
    paragraphs_ = cell.paragraphs  # type: ignore[attr-defined]
    paragraphs_[0].text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)  # type: ignore[attr-defined]


def _continue_vertical_merge(table: Table, row: int, column: int) -> None:
    """Mark (row, column) as continuing the vertical merge of the cell above it."""
    above = table.cell(row - 1, column)._tc
    below = table.cell(row, column)._tc
    for tc, value in ((above, "restart"), (below, None)):
        properties = tc.get_or_add_tcPr()
        if tc is above and properties.find(qn("w:vMerge")) is not None:
            continue  # the cell above already continues (or starts) a merge
        merge = OxmlElement("w:vMerge")
        if value:
            merge.set(qn("w:val"), value)
        properties.append(merge)


def save(document: DocumentType, path: Path) -> None:
    document.save(str(path))


def to_pdf(docx: Path, pdf: Path) -> None:
    """LibreOffice's PDF export of a Word file (its own profile: other users may run soffice)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise SystemExit("soffice (LibreOffice) is needed to export the PDFs")
    with tempfile.TemporaryDirectory() as work:
        subprocess.run(  # noqa: S603
            [
                soffice,
                f"-env:UserInstallation=file://{work}/profile",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                work,
                str(docx),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        shutil.copyfile(Path(work) / (docx.stem + ".pdf"), pdf)


ND30_RIGHT = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]


def lao_cai_2021(path: Path) -> None:
    """ND 30 header in a borderless table; the date left blank for signing; the task table in the
    body with its columns reordered (time before units, then budget and notes)."""
    document = new_document()
    header_table(
        document,
        ["ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI", "", "Số: 45/KH-UBND"],
        [*ND30_RIGHT, "", "Lào Cai, ngày      tháng      năm 2021"],
    )
    paragraphs(document, ["KẾ HOẠCH", "THÔNG TIN ĐỐI NGOẠI TỈNH LÀO CAI NĂM 2021"], centred=True)
    paragraphs(
        document,
        [
            "Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ về quản lý hoạt động "
            "thông tin đối ngoại;",
            "Thực hiện Kết luận số 16-KL/TW ngày 14/02/2017 của Bộ Chính trị về Chiến lược phát "
            "triển thông tin đối ngoại giai đoạn 2017 - 2020; Chỉ thị số 03/CT-UBND "
            "ngày 05/02/2021 của Chủ tịch UBND tỉnh Lào Cai về tăng cường công tác đối ngoại "
            "trong tình hình mới, "
            "UBND tỉnh Lào Cai ban hành Kế hoạch thông tin đối ngoại năm 2021 như sau:",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "Thông tin kịp thời, chính xác về tình hình kinh tế - xã hội, quốc phòng - an ninh, "
            "đối ngoại của tỉnh tới bạn bè quốc tế và đồng bào ta ở nước ngoài; góp phần xây dựng "
            "đường biên giới Việt Nam - Trung Quốc hòa bình, hữu nghị, hợp tác và phát triển.",
            "II. NHIỆM VỤ TRỌNG TÂM",
        ],
    )
    rows: list[list[Cell]] = [
        [
            "TT",
            "Nội dung",
            "Thời gian",
            "Cơ quan chủ trì",
            "Cơ quan phối hợp",
            "Kinh phí",
            "Ghi chú",
        ],
        ["I", "Thông tin đối ngoại về biên giới", "", "", "", "", ""],
        [
            "1",
            "Thông tin về kỷ niệm 30 năm bình thường hóa quan hệ Việt Nam - Trung Quốc "
            "(1991 - 2021)",
            "Quý IV",
            "Sở Ngoại vụ",
            "Báo Lào Cai, Đài Phát thanh và Truyền hình tỉnh",
            "Ngân sách tỉnh",
            "",
        ],
        [
            "2",
            "Phối hợp với các cơ quan tỉnh Vân Nam (Trung Quốc) quản lý thông tin tại cửa khẩu "
            "quốc tế Lào Cai",
            "Thường xuyên",
            "Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
            "Sở Ngoại vụ; Ban Quản lý Khu kinh tế tỉnh",
            "—",
            "",
        ],
        [
            "3",
            "Tuyên truyền phòng, chống xuất nhập cảnh trái phép qua đường mòn, lối mở biên giới",
            MERGED,
            MERGED,
            MERGED,
            "—",
            "Lồng ghép",
        ],
        ["II", "Quảng bá hình ảnh, tiềm năng của tỉnh", "", "", "", "", ""],
        [
            "1",
            "Quảng bá điểm đến Sa Pa, Bắc Hà trên các nền tảng số bằng tiếng Anh, tiếng Pháp",
            "Quý II, III",
            "Sở Văn hóa, Thể thao và Du lịch",
            "Sở Thông tin và Truyền thông",
            "Ngân sách tỉnh",
            "",
        ],
        [
            "2",
            "Cập nhật Cơ sở dữ liệu quốc gia về thông tin đối ngoại",
            "Năm 2021",
            "Sở Thông tin và Truyền thông",
            "Các sở, ban, ngành; UBND các huyện, thị xã, thành phố",
            "Ngân sách tỉnh",
            "",
        ],
        [
            "3",
            "Đón tiếp, cung cấp thông tin cho đoàn phóng viên báo chí nước ngoài tìm hiểu về "
            "Khu kinh tế cửa khẩu Lào Cai",
            "Tháng 10/2021",
            "Sở Ngoại vụ",
            "Công an tỉnh",
            "Ngân sách tỉnh",
            "",
        ],
        [
            "III",
            "Tập huấn kỹ năng thông tin đối ngoại và phát ngôn cho cán bộ các sở, ngành, huyện",
            "6 tháng đầu năm",
            "Sở Thông tin và Truyền thông",
            "Sở Ngoại vụ",
            "Ngân sách tỉnh",
            "",
        ],
    ]
    task_table(document, rows)
    paragraphs(
        document,
        [
            "III. TỔ CHỨC THỰC HIỆN",
            "1. Sở Ngoại vụ: Theo dõi, đôn đốc, tổng hợp kết quả thực hiện, báo cáo UBND tỉnh "
            "trước ngày 30/11/2021.",
            "2. Sở Tài chính: Bố trí kinh phí thực hiện Kế hoạch theo quy định.",
            "TM. ỦY BAN NHÂN DÂN",
            "CHỦ TỊCH",
            "Trịnh Xuân Trường",
        ],
    )
    save(document, path)


def ha_noi_2022(path: Path) -> None:
    """A centrally-run city; prose tasks, each with one inline "(Chủ trì: …; phối hợp: …;
    thời gian: …)"; a heading item naming its own units, which its unit-less child inherits."""
    document = new_document()
    paragraphs(
        document,
        [
            "ỦY BAN NHÂN DÂN",
            "THÀNH PHỐ HÀ NỘI",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Số: 112/KH-UBND",
            "Hà Nội, ngày 12 tháng 4 năm 2022",
            "KẾ HOẠCH",
            "Thông tin đối ngoại của thành phố Hà Nội năm 2022",
        ],
        centred=True,
    )
    paragraphs(
        document,
        [
            "Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ về quản lý hoạt động "
            "thông tin đối ngoại; thực hiện Chương trình số 03-CTr/TU ngày 17/3/2021 của Thành ủy "
            "Hà Nội về đẩy mạnh công tác đối ngoại, hội nhập quốc tế giai đoạn 2021 - 2025, UBND "
            "Thành phố ban hành Kế hoạch thông tin đối ngoại năm 2022 như sau:",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "Quảng bá hình ảnh Thủ đô Hà Nội văn hiến, văn minh, hiện đại, “Thành phố vì hòa "
            "bình”, “Thành phố sáng tạo”; chủ động cung cấp thông tin chính thống, kịp thời về "
            "các sự kiện lớn của Thủ đô tới bạn bè quốc tế.",
            "II. NHIỆM VỤ VÀ GIẢI PHÁP",
            "1. Thông tin đối ngoại về các sự kiện chính trị, đối ngoại lớn của Thủ đô",
            "1.1. Tuyên truyền kỷ niệm 50 năm Chiến thắng “Hà Nội - Điện Biên Phủ trên không” tới "
            "bạn bè quốc tế (Chủ trì: Sở Thông tin và Truyền thông; phối hợp: Báo Hànộimới, Đài "
            "Phát thanh và Truyền hình Hà Nội; thời gian: Quý IV).",
            "1.2. Thông tin về Đại hội Thể thao Đông Nam Á lần thứ 31 tổ chức tại Hà Nội "
            "(Chủ trì: Sở Văn hóa và Thể thao; phối hợp: Sở Du lịch, Sở Ngoại vụ; "
            "thời gian: Tháng 5/2022).",
            "2. Quảng bá hình ảnh Thủ đô ra thế giới (Chủ trì: Sở Ngoại vụ; phối hợp: Sở Du lịch, "
            "Trung tâm Xúc tiến Đầu tư, Thương mại, Du lịch thành phố Hà Nội; thời gian: Năm "
            "2022).",
            "- Xây dựng bộ ấn phẩm giới thiệu Hà Nội bằng tiếng Anh, tiếng Pháp, tiếng Nhật.",
            "- Phối hợp với các cơ quan đại diện Việt Nam ở nước ngoài tổ chức “Ngày Hà Nội” tại "
            "một số thủ đô kết nghĩa.",
            "3. Cung cấp thông tin cho phóng viên nước ngoài thường trú tại Hà Nội về tình hình "
            "kinh tế - xã hội của Thủ đô (Chủ trì: Sở Ngoại vụ; phối hợp: Công an thành phố, Sở "
            "Thông tin và Truyền thông; thời gian: Thường xuyên).",
            "4. Đấu tranh, phản bác các thông tin sai lệch về dân chủ, nhân quyền, tôn giáo trên "
            "không gian mạng (Chủ trì: Công an thành phố; phối hợp: Sở Thông tin và Truyền thông, "
            "Ban Tôn giáo thành phố; thời gian: Thường xuyên).",
            "5. Bồi dưỡng nghiệp vụ thông tin đối ngoại (Chủ trì: Sở Thông tin và Truyền thông; "
            "phối hợp: Sở Ngoại vụ; thời gian: Năm 2022).",
            "a) Tập huấn kỹ năng cho người phát ngôn của các sở, ngành, quận, huyện, thị xã (Chủ "
            "trì: Sở Nội vụ; phối hợp: Sở Thông tin và Truyền thông; thời gian: Quý III).",
            "b) Bồi dưỡng ngoại ngữ cho cán bộ làm công tác thông tin đối ngoại của các quận, "
            "huyện, thị xã.",
            "6. Phát triển phiên bản tiếng Anh, tiếng Pháp, tiếng Trung của Cổng Giao tiếp điện tử "
            "thành phố (Chủ trì: Văn phòng UBND thành phố; phối hợp: Sở Thông tin và Truyền thông; "
            "thời gian: Trước 30/9).",
            "III. TỔ CHỨC THỰC HIỆN",
            "1. Sở Ngoại vụ: Chủ trì theo dõi, tổng hợp, báo cáo UBND Thành phố kết quả thực hiện "
            "trước ngày 15/12/2022.",
            "2. Sở Tài chính: Tham mưu bố trí kinh phí thực hiện Kế hoạch.",
            "3. UBND các quận, huyện, thị xã: Xây dựng kế hoạch thông tin đối ngoại của địa "
            "phương mình.",
            "TM. ỦY BAN NHÂN DÂN",
            "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "Chử Xuân Dũng",
        ],
    )
    save(document, path)


def tra_vinh_2023(path: Path) -> None:
    """A plan issued by a Quyết định (the plan has no number of its own); a lettered task table
    (A, B, C, D), with Roman groups under C."""
    document = new_document()
    header_table(
        document,
        ["ỦY BAN NHÂN DÂN", "TỈNH TRÀ VINH", "", "Số: 1466/QĐ-UBND"],
        [*ND30_RIGHT, "", "Trà Vinh, ngày 28 tháng 02 năm 2023"],
    )
    paragraphs(
        document,
        [
            "QUYẾT ĐỊNH",
            "Ban hành Kế hoạch thông tin đối ngoại tỉnh Trà Vinh năm 2023",
            "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TRÀ VINH",
        ],
        centred=True,
    )
    paragraphs(
        document,
        [
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
            "Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ về quản lý hoạt động "
            "thông tin đối ngoại;",
            "Căn cứ Quyết định số 25/2016/QĐ-UBND ngày 10/8/2016 của UBND tỉnh Trà Vinh ban hành "
            "Quy chế quản lý hoạt động thông tin đối ngoại trên địa bàn tỉnh;",
            "Xét Tờ trình số 18/TTr-SNgV ngày 20/02/2023 của Sở Ngoại vụ.",
            "QUYẾT ĐỊNH:",
            "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thông tin đối ngoại tỉnh Trà Vinh "
            "năm 2023.",
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
            "Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Ngoại vụ, Thủ trưởng các sở, ban, "
            "ngành tỉnh, Chủ tịch UBND các huyện, thị xã, thành phố chịu trách nhiệm thi hành "
            "Quyết định này./.",
            "Nơi nhận:",
            "- Như Điều 3;",
            "- Bộ Ngoại giao;",
            "- Lưu: VT, NC.",
            "CHỦ TỊCH",
            "Lê Văn Hẳn",
        ],
    )
    paragraphs(
        document,
        [
            "KẾ HOẠCH",
            "THÔNG TIN ĐỐI NGOẠI TỈNH TRÀ VINH NĂM 2023",
            "(Ban hành kèm theo Quyết định số 1466/QĐ-UBND ngày 28/02/2023 của Chủ tịch UBND tỉnh "
            "Trà Vinh)",
        ],
        centred=True,
    )
    paragraphs(
        document,
        [
            "I. MỤC ĐÍCH, YÊU CẦU",
            "Giới thiệu hình ảnh Trà Vinh đoàn kết, đa dạng văn hóa Kinh - Khmer - Hoa, tiềm năng "
            "kinh tế biển và năng lượng tái tạo tới cộng đồng quốc tế; thực hiện Kế hoạch số "
            "30-KH/TU ngày 05/01/2023 của Ban Thường vụ Tỉnh ủy Trà Vinh về công tác đối ngoại "
            "năm 2023.",
            "II. NHIỆM VỤ CỤ THỂ",
        ],
    )
    tv = "Đài Phát thanh và Truyền hình Trà Vinh"
    rows: list[list[Cell]] = [
        ["TT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện"],
        ["A", "Thông tin đối ngoại về dân tộc, tôn giáo, nhân quyền", "", "", ""],
        [
            "1",
            "Cung cấp thông tin về chính sách dân tộc, tôn giáo của tỉnh cho các đoàn quốc tế "
            "đến làm việc",
            "Ban Dân tộc tỉnh",
            "Sở Nội vụ; Công an tỉnh",
            "Thường xuyên",
        ],
        [
            "2",
            "Tuyên truyền Lễ hội Ok Om Bok của đồng bào Khmer trên chương trình tiếng Khmer",
            tv,
            "Sở Văn hóa, Thể thao và Du lịch",
            "Tháng 11/2023",
        ],
        ["B", "Thông tin về biển, đảo và kinh tế biển", "", "", ""],
        [
            "1",
            "Tuyên truyền về chủ quyền biển, đảo và chống khai thác hải sản bất hợp pháp cho "
            "ngư dân",
            "Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
            "UBND thị xã Duyên Hải; UBND huyện Cầu Ngang",
            "Quý II",
        ],
        [
            "2",
            "Quảng bá Khu kinh tế Định An và các dự án điện gió ven biển tới nhà đầu tư nước ngoài",
            "Ban Quản lý Khu kinh tế tỉnh",
            "Sở Kế hoạch và Đầu tư",
            "Năm 2023",
        ],
        ["C", "Hợp tác quốc tế, xúc tiến đầu tư", "", "", ""],
        ["I", "Đoàn ra", "", "", ""],
        [
            "1",
            "Tổ chức đoàn xúc tiến đầu tư, thương mại tại Hàn Quốc",
            "Sở Kế hoạch và Đầu tư",
            "Sở Ngoại vụ; Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tỉnh",
            "Quý III",
        ],
        [
            "2",
            "Tham gia Diễn đàn hợp tác kinh tế giữa các tỉnh Đồng bằng sông Cửu Long và Campuchia",
            "Sở Công Thương",
            "Sở Ngoại vụ",
            "Tháng 9/2023",
        ],
        ["II", "Đoàn vào", "", "", ""],
        [
            "1",
            "Đón tiếp, cung cấp thông tin cho các đoàn doanh nghiệp, tổ chức phi chính phủ nước "
            "ngoài",
            "Sở Ngoại vụ",
            "Công an tỉnh; UBND các huyện, thị xã, thành phố",
            "Thường xuyên",
        ],
        [
            "D",
            "Sơ kết, báo cáo kết quả thực hiện Kế hoạch",
            "Sở Ngoại vụ",
            "Các sở, ban, ngành",
            "Trước 15/12",
        ],
    ]
    task_table(document, rows)
    paragraphs(
        document,
        [
            "III. TỔ CHỨC THỰC HIỆN",
            "Các sở, ban, ngành tỉnh, UBND các huyện, thị xã, thành phố căn cứ Kế hoạch này triển "
            "khai thực hiện, báo cáo kết quả về Sở Ngoại vụ trước ngày 15/12/2023.",
        ],
    )
    save(document, path)


def cao_bang_2024(path: Path) -> None:
    """A two-row table header ("Đơn vị thực hiện" over "Chủ trì" / "Phối hợp"), Arabic section
    rows (one with its title spanning the other columns, one a single cell spanning every
    column), "—" for no unit, and the table after "PHỤ LỤC"."""
    document = new_document(landscape=True)
    paragraphs(
        document,
        [
            "ỦY BAN NHÂN DÂN",
            "TỈNH CAO BẰNG",
            "Số: 215/KH-UBND",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Cao Bằng, ngày 25 tháng 01 năm 2024",
            "KẾ HOẠCH",
            "HOẠT ĐỘNG THÔNG TIN ĐỐI NGOẠI TỈNH CAO BẰNG NĂM 2024",
        ],
        centred=True,
    )
    paragraphs(
        document,
        [
            "Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ về quản lý hoạt động "
            "thông tin đối ngoại; Quyết định số 1191/QĐ-TTg ngày 05/8/2020 của Thủ tướng Chính phủ "
            "phê duyệt Đề án tăng cường hoạt động thông tin đối ngoại, UBND tỉnh Cao Bằng ban "
            "hành Kế hoạch hoạt động thông tin đối ngoại năm 2024 như sau:",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "Quảng bá hình ảnh Cao Bằng và Công viên địa chất toàn cầu UNESCO Non nước Cao Bằng; "
            "xây dựng đường biên giới Việt Nam - Trung Quốc hòa bình, ổn định.",
            "II. NỘI DUNG",
            "Nội dung, cơ quan thực hiện và thời gian hoàn thành tại Phụ lục kèm theo.",
            "III. TỔ CHỨC THỰC HIỆN",
            "Sở Ngoại vụ theo dõi, tổng hợp, báo cáo UBND tỉnh kết quả thực hiện trước ngày "
            "20/11/2024.",
            "TM. ỦY BAN NHÂN DÂN",
            "CHỦ TỊCH",
            "Hoàng Xuân Ánh",
            "PHỤ LỤC",
            "NHIỆM VỤ THÔNG TIN ĐỐI NGOẠI NĂM 2024",
            "(Kèm theo Kế hoạch số 215/KH-UBND ngày 25/01/2024 của UBND tỉnh Cao Bằng)",
        ],
    )
    geo = "Ban Quản lý Công viên địa chất Non nước Cao Bằng"
    rows: list[list[Cell]] = [
        ["TT", "Nội dung công việc", Span("Đơn vị thực hiện", 2), "Thời gian hoàn thành"],
        [MERGED, MERGED, "Chủ trì", "Phối hợp", MERGED],
        ["1", Span("Thông tin đối ngoại về biên giới Việt Nam - Trung Quốc", 4)],
        [
            "1.1",
            "Tuyên truyền ba văn kiện pháp lý về biên giới đất liền Việt Nam - Trung Quốc cho "
            "nhân dân các xã biên giới",
            "Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
            "Sở Ngoại vụ; UBND các huyện Hà Quảng, Trùng Khánh và Thạch An",
            "Quý I, II",
        ],
        [
            "1.2",
            "Thông tin về hợp tác khai thác thác Bản Giốc - Đức Thiên",
            "Sở Ngoại vụ",
            "Sở Văn hóa, Thể thao và Du lịch",
            "Năm 2024",
        ],
        [Span("2. Quảng bá hình ảnh, tiềm năng du lịch của tỉnh", 5)],
        [
            "2.1",
            "Quảng bá Công viên địa chất toàn cầu UNESCO Non nước Cao Bằng bằng tiếng Anh, tiếng "
            "Trung, tiếng Pháp",
            geo,
            "Sở Văn hóa, Thể thao và Du lịch, Sở Thông tin và Truyền thông",
            "Quý II",
        ],
        [
            "2.2",
            "Cập nhật thông tin về tỉnh trên Cơ sở dữ liệu quốc gia về thông tin đối ngoại",
            "Sở Thông tin và Truyền thông",
            "—",
            "Thường xuyên",
        ],
        [
            "2.3",
            "Mời phóng viên báo chí nước ngoài viết bài về Lễ hội Lồng Tồng và văn hóa Tày, Nùng",
            "Sở Ngoại vụ",
            "Báo Cao Bằng, Đài Phát thanh và Truyền hình Cao Bằng",
            "Tháng 2/2024",
        ],
        ["3", Span("Nâng cao năng lực thông tin đối ngoại", 4)],
        [
            "3.1",
            "Bồi dưỡng kiến thức thông tin đối ngoại cho cán bộ cấp xã biên giới",
            "Sở Thông tin và Truyền thông",
            "Sở Ngoại vụ, Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
            "Quý III",
        ],
        [
            "3.2",
            "Tổng hợp, báo cáo kết quả thực hiện Kế hoạch",
            "Sở Ngoại vụ",
            "—",
            "Trước 20/11",
        ],
    ]
    task_table(document, rows)
    save(document, path)


SON_LA_ROWS: list[list[Cell]] = [
    ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"],
    ["I", "Thông tin đối ngoại về hợp tác Việt Nam - Lào", "", "", ""],
    [
        "1",
        "Tuyên truyền kỷ niệm 61 năm Ngày thiết lập quan hệ ngoại giao Việt Nam - Lào và 46 năm "
        "Ngày ký Hiệp ước Hữu nghị và Hợp tác Việt Nam - Lào",
        "Sở Ngoại vụ",
        "Báo Sơn La; Đài Phát thanh và Truyền hình tỉnh",
        "Quý III",
    ],
    [
        "2",
        "Xây dựng chuyên mục “Sơn La - Lào: tình hữu nghị đặc biệt” trên sóng phát thanh bằng "
        "tiếng Lào",
        "Đài Phát thanh và Truyền hình tỉnh",
        "Sở Ngoại vụ",
        "Năm 2023",
    ],
    [
        "3",
        "Cung cấp thông tin về tỉnh cho các tỉnh Bắc Lào có chung đường biên giới (Hủa Phăn, "
        "Luông Pha Bang)",
        "Sở Ngoại vụ",
        "Bộ Chỉ huy Bộ đội Biên phòng tỉnh; UBND các huyện Sốp Cộp, Mộc Châu",
        "Thường xuyên",
    ],
    ["II", "Thông tin về biên giới và người dân vùng biên", "", "", ""],
    [
        "1",
        "Tuyên truyền Nghị định về quản lý, bảo vệ biên giới quốc gia cho đồng bào các dân tộc "
        "khu vực biên giới",
        "Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
        "Sở Tư pháp; Ban Dân tộc tỉnh",
        "Quý I, II",
    ],
    [
        "2",
        "Biên soạn, phát hành tờ gấp song ngữ Việt - Lào về thủ tục qua lại biên giới",
        "Sở Ngoại vụ",
        "Công an tỉnh",
        "Quý II",
    ],
    [
        "3",
        "Tổ chức giao lưu văn hóa, thể thao giữa các bản kết nghĩa hai bên biên giới",
        MERGED,
        MERGED,
        MERGED,
    ],
    ["III", "Quảng bá hình ảnh, xúc tiến đầu tư, thương mại, du lịch", "", "", ""],
    [
        "1",
        "Quảng bá sản phẩm nông sản Sơn La (xoài, nhãn, mận, cà phê) tại các thị trường nước ngoài",
        "Sở Công Thương",
        "Sở Nông nghiệp và Phát triển nông thôn; Hiệp hội Doanh nghiệp tỉnh",
        "Tháng 6/2023",
    ],
    [
        "2",
        "Giới thiệu Khu du lịch quốc gia Mộc Châu tới các hãng lữ hành quốc tế",
        "Sở Văn hóa, Thể thao và Du lịch",
        "UBND huyện Mộc Châu; UBND huyện Vân Hồ",
        "Quý IV",
    ],
    [
        "3",
        "Cập nhật thông tin kinh tế - xã hội, cơ hội đầu tư trên trang tiếng Anh của Cổng Thông "
        "tin điện tử tỉnh",
        "Văn phòng UBND tỉnh",
        "Sở Kế hoạch và Đầu tư",
        "Thường xuyên",
    ],
    [
        "4",
        "Tổ chức Hội nghị xúc tiến đầu tư vào tỉnh Sơn La năm 2023 có sự tham gia của nhà đầu "
        "tư nước ngoài",
        "Sở Kế hoạch và Đầu tư",
        "Sở Ngoại vụ, Sở Tài chính",
        "Tháng 8/2023",
    ],
    ["IV", "Quản lý nhà nước về thông tin đối ngoại", "", "", ""],
    [
        "1",
        "Hướng dẫn, quản lý hoạt động của phóng viên nước ngoài đến tác nghiệp tại tỉnh",
        "Sở Ngoại vụ",
        "Công an tỉnh; Sở Thông tin và Truyền thông",
        "Thường xuyên",
    ],
    [
        "2",
        "Thu thập, xử lý thông tin báo chí nước ngoài viết về Sơn La; kịp thời đính chính thông "
        "tin sai lệch",
        "Sở Thông tin và Truyền thông",
        "Sở Ngoại vụ",
        "Thường xuyên",
    ],
    [
        "3",
        "Tập huấn nghiệp vụ thông tin đối ngoại cho cán bộ các sở, ngành, huyện, thành phố",
        "Sở Thông tin và Truyền thông",
        "Sở Ngoại vụ",
        "Quý III",
    ],
    [
        "4",
        "Sơ kết, đánh giá kết quả thực hiện Kế hoạch",
        "Sở Ngoại vụ",
        "Các sở, ban, ngành; UBND các huyện, thành phố",
        "Trước 25/11",
    ],
]


def son_la_2023(path: Path) -> None:
    """Exported to PDF by LibreOffice: the header table, prose, a task table over two pages."""
    document = new_document()
    header_table(
        document,
        ["ỦY BAN NHÂN DÂN", "TỈNH SƠN LA", "", "Số: 37/KH-UBND"],
        [*ND30_RIGHT, "", "Sơn La, ngày 16 tháng 02 năm 2023"],
    )
    paragraphs(
        document,
        ["KẾ HOẠCH", "THÔNG TIN ĐỐI NGOẠI TỈNH SƠN LA NĂM 2023"],
        centred=True,
    )
    paragraphs(
        document,
        [
            "Thực hiện Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ về quản lý hoạt "
            "động thông tin đối ngoại; Kế hoạch số 141-KH/TU ngày 10/01/2023 của Ban Thường vụ "
            "Tỉnh ủy Sơn La về công tác đối ngoại năm 2023, UBND tỉnh Sơn La ban hành Kế hoạch "
            "thông tin đối ngoại năm 2023 như sau:",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "Thông tin đầy đủ, kịp thời về thành tựu phát triển kinh tế - xã hội của tỉnh; củng cố "
            "quan hệ hữu nghị đặc biệt với các tỉnh Bắc Lào; quảng bá tiềm năng nông nghiệp, du "
            "lịch của Sơn La tới bạn bè quốc tế.",
            "Các cơ quan, đơn vị chủ động phối hợp, bảo đảm thông tin thống nhất, đúng quy định.",
            "II. NHIỆM VỤ CỤ THỂ",
        ],
    )
    task_table(document, SON_LA_ROWS)
    paragraphs(
        document,
        [
            "III. KINH PHÍ",
            "Kinh phí thực hiện từ nguồn ngân sách tỉnh giao cho các cơ quan, đơn vị năm 2023.",
            "IV. TỔ CHỨC THỰC HIỆN",
            "1. Sở Ngoại vụ: Chủ trì theo dõi, đôn đốc và tổng hợp kết quả thực hiện, báo cáo UBND "
            "tỉnh trước ngày 30/11/2023.",
            "2. Các sở, ban, ngành, UBND các huyện, thành phố: Triển khai thực hiện các nhiệm vụ "
            "được giao.",
            "TM. ỦY BAN NHÂN DÂN",
            "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "Đặng Ngọc Hậu",
        ],
    )
    save(document, path)


def nghe_an_2022(path: Path) -> None:
    """A prose plan (no task table), exported to PDF by LibreOffice."""
    document = new_document()
    paragraphs(
        document,
        [
            "ỦY BAN NHÂN DÂN",
            "TỈNH NGHỆ AN",
            "Số: 156/KH-UBND",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Nghệ An, ngày 08 tháng 3 năm 2022",
            "KẾ HOẠCH",
            "THÔNG TIN ĐỐI NGOẠI TỈNH NGHỆ AN NĂM 2022",
        ],
        centred=True,
    )

    def task(label: str, title: str, lead: str, partners: str, time: str) -> list[str]:
        return [
            f"{label} {title}",
            f"- Cơ quan chủ trì: {lead}",
            f"- Cơ quan phối hợp: {partners}",
            f"- Thời gian thực hiện: {time}",
        ]

    paragraphs(
        document,
        [
            "Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ về quản lý hoạt động "
            "thông tin đối ngoại; thực hiện Hướng dẫn số 25-HD/BTGTW ngày 10/01/2022 của Ban Tuyên "
            "giáo Trung ương về công tác thông tin đối ngoại năm 2022, UBND tỉnh ban hành Kế hoạch "
            "thông tin đối ngoại năm 2022 như sau:",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "Giới thiệu quê hương Chủ tịch Hồ Chí Minh, tiềm năng và cơ hội đầu tư của Nghệ An tới "
            "bạn bè quốc tế; củng cố quan hệ hữu nghị với các tỉnh của nước Cộng hòa Dân chủ Nhân "
            "dân Lào có chung đường biên giới.",
            "II. NHIỆM VỤ",
            *task(
                "1.",
                "Quảng bá Khu di tích Kim Liên nhân kỷ niệm 132 năm Ngày sinh Chủ tịch Hồ Chí Minh "
                "tới du khách quốc tế",
                "Sở Văn hóa và Thể thao",
                "Sở Du lịch; Báo Nghệ An",
                "Tháng 5/2022",
            ),
            "2. Thông tin đối ngoại về hợp tác với các tỉnh của Lào",
            *task(
                "2.1.",
                "Tuyên truyền Năm Đoàn kết hữu nghị Việt Nam - Lào 2022",
                "Sở Ngoại vụ",
                "Liên hiệp các tổ chức hữu nghị tỉnh, Đài Phát thanh và Truyền hình Nghệ An",
                "Năm 2022",
            ),
            *task(
                "2.2.",
                "Cung cấp thông tin về quy chế quản lý cửa khẩu quốc tế Nậm Cắn cho các doanh "
                "nghiệp xuất nhập khẩu",
                "Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
                "Sở Công Thương; Cục Hải quan tỉnh",
                "Quý II",
            ),
            *task(
                "3.",
                "Xúc tiến đầu tư vào Khu kinh tế Đông Nam Nghệ An",
                "Ban Quản lý Khu kinh tế Đông Nam",
                "Sở Kế hoạch và Đầu tư",
                "Thường xuyên",
            ),
            *task(
                "4.",
                "Quản lý, hướng dẫn phóng viên nước ngoài đến tác nghiệp tại tỉnh",
                "Sở Ngoại vụ",
                "Công an tỉnh, Sở Thông tin và Truyền thông",
                "Thường xuyên",
            ),
            *task(
                "5.",
                "Bồi dưỡng kiến thức thông tin đối ngoại cho đội ngũ báo cáo viên, tuyên truyền "
                "viên",
                "Sở Thông tin và Truyền thông",
                "Ban Tuyên giáo Tỉnh ủy",
                "Quý III",
            ),
            *task(
                "6.",
                "Tổng hợp, báo cáo kết quả thực hiện Kế hoạch",
                "Sở Ngoại vụ",
                "Các sở, ban, ngành, địa phương",
                "Trước 10/12",
            ),
            "III. KINH PHÍ",
            "Kinh phí thực hiện bố trí trong dự toán năm 2022 của các cơ quan, đơn vị.",
            "TM. ỦY BAN NHÂN DÂN",
            "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "Bùi Đình Long",
        ],
    )
    save(document, path)


SCANNED_LINES = [
    "ỦY BAN NHÂN DÂN TỈNH YÊN BÁI",
    "Số: 62/KH-UBND",
    "KẾ HOẠCH",
    "THÔNG TIN ĐỐI NGOẠI TỈNH YÊN BÁI NĂM 2021",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "Quảng bá hình ảnh Yên Bái tới bạn bè quốc tế.",
    "II. NHIỆM VỤ",
    "1. Tuyên truyền về Mù Cang Chải bằng tiếng Anh.",
]


def scanned_2021(path: Path) -> None:
    """A scanned page: one picture of printed text, no text layer (Pillow draws, fpdf2 places)."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (1240, 1754), color=255)  # A4 at 150 dpi, greyscale like a scanner
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", 28)
    for index, line in enumerate(SCANNED_LINES):
        draw.text((120, 150 + index * 60), line, fill=0, font=font)
    with tempfile.TemporaryDirectory() as work:
        png = Path(work) / "page.png"
        image.save(png)
        pdf = FPDF(unit="mm", format="A4")
        pdf.set_creation_date(datetime.datetime(2021, 3, 1, tzinfo=datetime.UTC))
        pdf.add_page()
        pdf.image(str(png), x=0, y=0, w=210, h=297)
        pdf.output(str(path))


WORD = {
    "lao-cai-2021": lao_cai_2021,
    "ha-noi-2022": ha_noi_2022,
    "tra-vinh-2023": tra_vinh_2023,
    "cao-bang-2024": cao_bang_2024,
}
EXPORTED = {"son-la-2023": son_la_2023, "nghe-an-2022": nghe_an_2022}


def main() -> None:
    for name, build in WORD.items():
        build(HERE / f"{name}.docx")
    with tempfile.TemporaryDirectory() as work:
        for name, build in EXPORTED.items():
            docx = Path(work) / f"{name}.docx"
            build(docx)
            to_pdf(docx, HERE / f"{name}.pdf")
    scanned_2021(HERE / "scanned-2021.pdf")
    print(f"built {len(WORD)} Word files and {len(EXPORTED) + 1} PDFs in {HERE}")


if __name__ == "__main__":
    main()
