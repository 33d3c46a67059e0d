import io
import zipfile

import pytest

from tests.plans.importers.docx_builder import build_plan
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
