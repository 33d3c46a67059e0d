import io
import zipfile
from typing import Any

import pytest

from tests.plans.importers.docx_builder import build_plan
from ttdn.plans.importers.docx import read_docx
from ttdn.plans.importers.names import KnownNames
from ttdn.plans.importers.parse import PlanReadError, parse_plan

KNOWN = KnownNames(
    [
        "Sở Ngoại vụ",
        "Sở Công Thương",
        "Báo Bắc Giang",
        "Các sở, ban, ngành, UBND huyện, thị xã, thành phố",
        "UBND huyện, thị xã, thành phố",
        "Sở Văn hóa, Thể thao và Du lịch",
    ]
)


def test_word_table_with_merged_cells_and_footnote() -> None:
    footnote = "Quyết định số 24/2018/QĐ-UBND ngày 05/9/2018 của UBND tỉnh ban hành Quy định."
    plan = parse_plan(build_plan(footnote=footnote), filename="plan.docx", known=KNOWN)
    rows = [(t.code, t.parent, t.lead, t.partners, t.timeframe.raw) for t in plan.tasks]
    assert rows == [
        (
            "I",
            None,
            ["Sở Ngoại vụ"],
            ["Các sở, ban, ngành, UBND huyện, thị xã, thành phố"],
            "Năm 2025",
        ),
        ("II", None, [], [], ""),
        ("II.1", "II", ["Sở Công Thương"], ["Sở Ngoại vụ", "Báo Bắc Giang"], "Năm 2025"),
        # vMerge: row 2 continues row 1's units and timeframe.
        ("II.2", "II", ["Sở Công Thương"], ["Sở Ngoại vụ", "Báo Bắc Giang"], "Năm 2025"),
    ]
    assert plan.tasks[1].is_heading
    numbers = [c.number_symbol for c in plan.citations]
    assert numbers == ["72/2015/NĐ-CP", "57-KL/TW", "24/2018/QĐ-UBND"]  # footnote included
    assert plan.metadata.number == "69/KH-UBND"
    assert plan.metadata.year == 2025
    assert [c.years for c in plan.commemorations] == [95]
    assert plan.report_deadline is not None
    assert plan.report_deadline.isoformat() == "2025-11-15"
    assert [r.unit for r in plan.responsibilities] == ["Sở Ngoại vụ", "Các sở, ban, ngành"]
    assert plan.warnings == []


def test_units_packed_in_one_cell_and_prose_timeframes() -> None:
    plan = parse_plan(build_plan(packed=True), filename="plan.docx", known=KNOWN)
    one, two = plan.tasks[1], plan.tasks[2]
    assert one.lead == ["Sở Ngoại vụ"]
    assert one.partners == ["Sở Công Thương", "UBND huyện, thị xã, thành phố"]
    assert (one.timeframe.start, one.timeframe.end) == (
        __import__("datetime").date(2025, 4, 1),
        __import__("datetime").date(2025, 6, 30),
    )
    assert two.lead == ["Sở Văn hóa, Thể thao và Du lịch"]
    assert two.partners == []
    assert two.timeframe.end is not None
    assert two.timeframe.end.isoformat() == "2025-11-15"


def test_zip_bomb_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<" + b"a" * (50 * 1024 * 1024) + b">")
    with pytest.raises(PlanReadError, match="would unpack to 50 MB"):
        parse_plan(buffer.getvalue(), filename="bomb.docx")


def test_not_a_word_file() -> None:
    with pytest.raises(PlanReadError, match=r"plan\.docx: the file is not a Word document"):
        parse_plan(b"PK\x03\x04 this is not a zip", filename="plan.docx")


def test_file_over_the_size_limit() -> None:
    with pytest.raises(PlanReadError, match="over the 20 MB limit"):
        parse_plan(b"x" * (21 * 1024 * 1024), filename="huge.txt")


def _rewrite(data: bytes, transform: object) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "word/document.xml":
                content = transform(content)  # type: ignore[operator]
            target.writestr(item, content)
    return out.getvalue()


def test_decomposed_unicode_reads_like_composed() -> None:
    import unicodedata

    nfd = _rewrite(build_plan(), lambda xml: unicodedata.normalize("NFD", xml.decode()).encode())
    plan = parse_plan(nfd, filename="nfd.docx", known=KNOWN)
    assert plan.metadata.number == "69/KH-UBND"
    assert [t.code for t in plan.tasks] == ["I", "II", "II.1", "II.2"]
    assert plan.tasks[2].lead == ["Sở Công Thương"]


def test_a_stamp_in_the_header_table_is_refused() -> None:
    from docx import Document

    document = Document()
    header = document.add_table(rows=2, cols=2)
    header.cell(0, 0).text = "UBND TỈNH BẮC GIANG"
    header.cell(1, 0).text = "Số: 69/KH-UBND"
    header.cell(1, 1).text = "MẬT"
    document.add_paragraph("KẾ HOẠCH")
    buffer = io.BytesIO()
    document.save(buffer)
    with pytest.raises(PlanReadError, match="MẬT"):
        parse_plan(buffer.getvalue(), filename="mat.docx")
    page_header = Document()
    page_header.sections[0].header.paragraphs[0].text = "TỐI MẬT"
    page_header.add_paragraph("KẾ HOẠCH")
    buffer = io.BytesIO()
    page_header.save(buffer)
    with pytest.raises(PlanReadError, match="TỐI MẬT"):
        parse_plan(buffer.getvalue(), filename="mat.docx")


def test_malformed_cell_spans_do_not_crash() -> None:
    for span in (b"x", b"200000000"):
        broken = _rewrite(
            build_plan(),
            lambda xml, span=span: xml.replace(
                b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="' + span + b'"/>', 1
            ),
        )
        parse_plan(broken, filename="broken.docx", known=KNOWN)


# Tables of other shapes, built here with python-docx: a province's plan with its header block
# in a borderless two-column table, its tasks in section II (not an appendix), a two-row header,
# lettered sections spanning the table, and a table split by a page break.


def _fill(table: Any, rows: list[list[str]], start: int = 0) -> None:
    for r, row in enumerate(rows, start=start):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text


def _save(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def lao_cai_plan() -> bytes:
    from docx import Document
    from docx.enum.text import WD_BREAK

    document = Document()
    block = document.add_table(rows=2, cols=2)
    block.cell(0, 0).text = "ỦY BAN NHÂN DÂN"
    block.cell(0, 0).add_paragraph("TỈNH LÀO CAI")
    block.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    block.cell(0, 1).add_paragraph("Độc lập - Tự do - Hạnh phúc")
    block.cell(1, 0).text = "Số: 88/KH-UBND"
    block.cell(1, 1).text = "Lào Cai, ngày 20 tháng 3 năm 2020"
    for text in ("KẾ HOẠCH", "Thông tin đối ngoại tỉnh Lào Cai năm 2020", "II. NHIỆM VỤ"):
        document.add_paragraph(text)
    # Two-row header: "Đơn vị thực hiện" spans "Chủ trì | Phối hợp"; the others span two rows.
    table = document.add_table(rows=6, cols=6)
    _fill(
        table,
        [
            ["TT", "Nội dung", "Đơn vị thực hiện", "", "Thời gian", "Kinh phí"],
            ["", "", "Chủ trì", "Phối hợp", "", ""],
        ],
    )
    table.cell(0, 2).merge(table.cell(0, 3))
    for column in (0, 1, 4, 5):
        table.cell(0, column).merge(table.cell(1, column))
    section = table.cell(2, 0).merge(table.cell(2, 5))  # one cell spanning the table
    section.text = "A. CÔNG TÁC TUYÊN TRUYỀN"
    _fill(
        table,
        [
            ["1", "Tuyên truyền về biên giới", "Báo Lào Cai", "—", "Quý II", "40"],
            ["2", "Phát hành tờ gấp", "Sở Ngoại vụ", "Sở Tư pháp", "Quý III", ""],
        ],
        3,
    )
    section = table.cell(5, 0).merge(table.cell(5, 5))
    section.text = "B. HỢP TÁC QUỐC TẾ"
    # A page break, a caption, and the rest of the table without its header.
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("(tiếp theo)")
    rest = document.add_table(rows=2, cols=6)
    _fill(
        rest,
        [
            ["1", "Hội đàm với tỉnh Vân Nam", "Sở Ngoại vụ", "Công an tỉnh", "Tháng 9", ""],
            ["2", "Đón đoàn nhà báo", "Sở Ngoại vụ", "", "", ""],
        ],
    )
    for column in (3, 4):
        rest.cell(0, column).merge(rest.cell(1, column))
    document.add_paragraph("III. KINH PHÍ")
    document.add_paragraph("Ngân sách tỉnh bảo đảm.")
    signatures = document.add_table(rows=1, cols=2)
    signatures.cell(0, 0).text = "Nơi nhận:"
    signatures.cell(0, 1).text = "TM. ỦY BAN NHÂN DÂN"
    signatures.cell(0, 1).add_paragraph("CHỦ TỊCH")
    return _save(document)


def test_header_block_table_is_read_as_paragraphs_in_reading_order() -> None:
    raw = read_docx(lao_cai_plan())
    texts = [text for _line, text in raw.paragraphs]
    assert texts[:9] == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH LÀO CAI",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 88/KH-UBND",
        "Lào Cai, ngày 20 tháng 3 năm 2020",
        "KẾ HOẠCH",
        "Thông tin đối ngoại tỉnh Lào Cai năm 2020",
        "II. NHIỆM VỤ",
    ]
    # The text after the task table is still the body, signatures included; nothing is appendix.
    assert texts[9:] == [
        "(tiếp theo)",
        "III. KINH PHÍ",
        "Ngân sách tỉnh bảo đảm.",
        "Nơi nhận:",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
    ]
    assert raw.appendix == []
    lines = [line for line, _text in raw.paragraphs]
    assert lines == sorted(lines)
    assert len(set(lines)) == len(lines)


def test_two_row_header_spanning_sections_and_a_table_split_by_a_page_break() -> None:
    plan = parse_plan(lao_cai_plan(), filename="lao-cai.docx")
    rows = [(t.code, t.parent, t.title, t.lead, t.partners, t.timeframe.raw) for t in plan.tasks]
    assert rows == [
        ("A", None, "CÔNG TÁC TUYÊN TRUYỀN", [], [], ""),
        ("A.1", "A", "Tuyên truyền về biên giới", ["Báo Lào Cai"], [], "Quý II"),
        ("A.2", "A", "Phát hành tờ gấp", ["Sở Ngoại vụ"], ["Sở Tư pháp"], "Quý III"),
        ("B", None, "HỢP TÁC QUỐC TẾ", [], [], ""),
        ("B.1", "B", "Hội đàm với tỉnh Vân Nam", ["Sở Ngoại vụ"], ["Công an tỉnh"], "Tháng 9"),
        # vMerge: the partners and time of the row above
        ("B.2", "B", "Đón đoàn nhà báo", ["Sở Ngoại vụ"], ["Công an tỉnh"], "Tháng 9"),
    ]
    assert [t.is_heading for t in plan.tasks] == [True, False, False, True, False, False]
    assert not [w for w in plan.warnings if w.code in ("duplicate_code", "no_lead")]


def test_a_repeated_header_continues_the_table_and_a_second_appendix_starts_a_new_one() -> None:
    from docx import Document

    header = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn"]
    document = Document()
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("PHỤ LỤC I")
    parts = [
        [header, ["I", "Tuyên truyền", "", "", ""], ["1", "Tờ gấp", "Sở Ngoại vụ", "", "Quý I"]],
        [header, ["2", "Sách ảnh", "Sở Ngoại vụ", "—", "Quý II"]],  # the next page
    ]
    for part in parts:
        table = document.add_table(rows=len(part), cols=5)
        _fill(table, part)
        document.add_paragraph("")
    document.add_paragraph("PHỤ LỤC II")
    document.add_paragraph("CÁC ĐOÀN RA, ĐOÀN VÀO")
    table = document.add_table(rows=3, cols=5)
    _fill(
        table,
        [header, ["I", "Đoàn ra", "", "", ""], ["1", "Sang Lào", "Sở Ngoại vụ", "", "Quý III"]],
    )
    plan = parse_plan(_save(document), filename="hai-phu-luc.docx")
    assert [t.code for t in plan.tasks] == ["I", "I.1", "I.2", "B2.I", "B2.I.1"]
    assert not [w for w in plan.warnings if w.code == "duplicate_code"]


def test_a_title_written_in_the_task_tables_first_row_is_a_paragraph() -> None:
    from docx import Document

    document = Document()
    document.add_paragraph("KẾ HOẠCH")
    table = document.add_table(rows=3, cols=4)
    table.cell(0, 0).merge(table.cell(0, 3)).text = "PHỤ LỤC"
    table.cell(0, 0).add_paragraph("(Kèm theo Kế hoạch số 12/KH-UBND ngày 05/01/2023)")
    _fill(
        table,
        [
            ["TT", "Nội dung", "Cơ quan thực hiện", "Thời gian"],
            ["1", "Tờ gấp", "Sở Ngoại vụ", "Quý I"],
        ],
        1,
    )
    raw = read_docx(_save(document))
    assert [text for _line, text in raw.paragraphs] == ["KẾ HOẠCH"]
    assert [text for _line, text in raw.appendix] == [
        "PHỤ LỤC",
        "(Kèm theo Kế hoạch số 12/KH-UBND ngày 05/01/2023)",
    ]
    assert [row.cells[0].text for row in raw.rows] == ["1"]


def test_a_row_starting_further_right_in_the_grid() -> None:
    """w:gridBefore: the header row leaves the table's first (empty) grid column out."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = Document()
    table = document.add_table(rows=2, cols=6)
    _fill(
        table,
        [
            ["", "TT", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian"],
            ["", "1", "Tọa đàm doanh nghiệp FDI", "Sở Ngoại vụ", "Sở Công Thương", "Quý II"],
        ],
    )
    header = table.rows[0]._tr
    header.remove(header.tc_lst[0])
    skip = OxmlElement("w:gridBefore")
    skip.set(qn("w:val"), "1")
    header.get_or_add_trPr().append(skip)
    plan = parse_plan(_save(document), filename="grid.docx")
    assert [(t.code, t.title, t.lead, t.partners) for t in plan.tasks] == [
        ("1", "Tọa đàm doanh nghiệp FDI", ["Sở Ngoại vụ"], ["Sở Công Thương"])
    ]


def test_rows_whose_column_borders_differ_from_the_header() -> None:
    """The header's "Nội dung" spans two grid columns; a row's lead cell starts under its second
    half and spans into the lead column: each value still lands under its header."""
    from docx import Document

    document = Document()
    table = document.add_table(rows=2, cols=7)
    table.cell(0, 1).merge(table.cell(0, 2))
    table.cell(0, 5).merge(table.cell(0, 6))
    _fill(table, [["STT", "Nội dung", "", "Chủ trì", "Phối hợp", "Thời gian", ""]])
    table.cell(1, 2).merge(table.cell(1, 3))
    table.cell(1, 5).merge(table.cell(1, 6))
    _fill(
        table,
        [
            [
                "",
                "Hội nghị xúc tiến đầu tư",
                "Sở Kế hoạch và Đầu tư",
                "",
                "Sở Ngoại vụ",
                "Tháng 4",
                "",
            ]
        ],
        1,
    )
    table.cell(1, 0).text = "1"
    plan = parse_plan(_save(document), filename="grid.docx")
    assert [(t.title, t.lead, t.partners, t.timeframe.raw) for t in plan.tasks] == [
        ("Hội nghị xúc tiến đầu tư", ["Sở Kế hoạch và Đầu tư"], ["Sở Ngoại vụ"], "Tháng 4")
    ]
