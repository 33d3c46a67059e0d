"""PDF plans: what is read from a Word export, and every refusal, in one clear line."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest

from tests.plans.importers import pdf_builder as build
from ttdn.plans.importers import pdf as pdf_reader
from ttdn.plans.importers.parse import PlanReadError, parse_plan
from ttdn.plans.importers.pdf import PdfError, read_pdf
from ttdn.plans.importers.raw import RawCell

WORD_EXPORT = Path(__file__).parent / "data" / "soffice-export.pdf"


@pytest.fixture(scope="module")
def plan() -> bytes:
    return build.plan_pdf()


def paragraphs(data: bytes) -> list[str]:
    return [text for _line, text in read_pdf(data).paragraphs]


def test_body_lines_in_order_with_the_header_side_by_side(plan: bytes) -> None:
    raw = read_pdf(plan)
    texts = [text for _line, text in raw.paragraphs]
    assert texts[:5] == [
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "TỈNH LÀO CAI Độc lập - Tự do - Hạnh phúc",
        "Số: 88/KH-UBND Lào Cai, ngày 12 tháng 3 năm 2020",
        "KẾ HOẠCH",
        "Thông tin đối ngoại tỉnh Lào Cai năm 2020",
    ]
    # A paragraph comes as its lines, as wrapped at the margin (unwrap joins them later).
    assert texts[5].startswith("Căn cứ Nghị định số 72/2015/NĐ-CP")
    assert " ".join(texts[5:9]).endswith("với những nội dung chủ yếu sau đây:")
    assert "II. NHIỆM VỤ CỤ THỂ" in texts
    # Line numbers run on across pages, table rows numbered among the lines.
    numbers = [line for line, _text in raw.paragraphs] + [row.line for row in raw.rows]
    assert len(numbers) == len(set(numbers))
    assert max(line for line, _text in raw.paragraphs) < raw.rows[0].line
    # What follows the task table is the appendix, as for a Word file.
    assert raw.appendix[0][1] == "III. TỔ CHỨC THỰC HIỆN"
    assert all(line > raw.rows[-1].line for line, _text in raw.appendix)


def test_page_numbers_are_dropped_from_the_body_but_kept_for_the_stamp_check(plan: bytes) -> None:
    raw = read_pdf(plan)
    texts = [text for _line, text in [*raw.paragraphs, *raw.appendix]]
    assert "1" not in texts
    assert "2" not in texts
    assert raw.stamps[0] == "1"


def test_a_task_table_over_two_pages_is_one_table(plan: bytes) -> None:
    with pdfplumber.open(io.BytesIO(plan)) as document:
        assert len(document.pages) == 2
        assert document.pages[1].find_tables()  # the table goes on over the page
    rows = read_pdf(plan).rows
    codes = [row.cells[0].text for row in rows]
    # The section row spanning the table, then the tasks; the repeated header left out.
    assert codes == ["A", *(str(number) for number in range(1, 13))]
    assert rows[0].cells[1].text == "CÔNG TÁC TUYÊN TRUYỀN"
    second = rows[2]
    assert second.cells[2] == RawCell("", merged=True)  # the lead merged with the row above
    assert second.cells[3] == RawCell("Sở Văn hóa và Thể thao")
    assert rows[1].cells[1].text == (
        "Biên soạn tài liệu giới thiệu cửa khẩu quốc tế Lào Cai bằng tiếng Anh và tiếng Trung"
    )


def test_merged_cells_and_a_section_row_spanning_the_table(plan: bytes) -> None:
    with pdfplumber.open(io.BytesIO(plan)) as document:
        extracted = document.pages[0].find_tables()[0].extract()
    rows = pdf_reader._table_rows(extracted)
    assert rows[1] == [RawCell("A. CÔNG TÁC TUYÊN TRUYỀN"), *[RawCell("")] * 4]
    assert rows[3][2] == RawCell("", merged=True)
    assert rows[2][3] == RawCell("Sở Công Thương; Ban Quản lý Khu kinh tế")


def test_a_cell_keeps_its_items_on_their_own_lines() -> None:
    text = "Chủ trì: Sở Ngoại vụ;\nPhối hợp: Sở Tư\npháp và các\nhuyện\n- Báo Lào Cai"
    assert pdf_reader._cell_text(text) == (
        "Chủ trì: Sở Ngoại vụ;\nPhối hợp: Sở Tư pháp và các huyện\n- Báo Lào Cai"
    )


def test_the_plan_parses_with_the_merged_lead_inherited(plan: bytes) -> None:
    parsed = parse_plan(plan, filename="ke-hoach.pdf")
    by_label = {task.label: task for task in parsed.tasks}
    assert [label for label in by_label if label.isdigit()] == [str(n) for n in range(1, 13)]
    assert by_label["1"].lead == ["Sở Ngoại vụ"]
    assert by_label["2"].lead == ["Sở Ngoại vụ"]  # the merged cell takes the row above's value
    assert by_label["2"].partners == ["Sở Văn hóa và Thể thao"]
    assert by_label["12"].partners == ["Báo Lào Cai", "Đài Phát thanh và Truyền hình tỉnh"]
    assert parsed.metadata.number == "88/KH-UBND"


def test_running_heads_and_page_feet_are_dropped() -> None:
    paragraph = (
        "Tăng cường giới thiệu hình ảnh, con người và tiềm năng hợp tác của tỉnh với các địa "
        "phương nước bạn qua các ấn phẩm song ngữ, trang thông tin điện tử và mạng xã hội."
    )
    data = build.running_pdf([f"{n}. {paragraph}" for n in range(1, 40)], head="Kế hoạch TTĐN")
    raw = read_pdf(data)
    texts = [text for _line, text in raw.paragraphs]
    pages = sum(1 for text in raw.stamps if text.startswith("Trang "))
    assert pages >= 3
    assert not any(text.startswith("Trang ") or text == "Kế hoạch TTĐN" for text in texts)
    assert raw.stamps.count("Kế hoạch TTĐN") == pages
    assert sum(1 for text in texts if text.startswith(("1. ", "39. "))) == 2


def test_a_scanned_page_is_refused_naming_it() -> None:
    with pytest.raises(PlanReadError) as refused:
        parse_plan(build.scanned_pdf(), filename="scan.pdf")
    assert str(refused.value) == (
        "scan.pdf: page 2 has no text layer (1 of 3 pages): it is a scanned image; ttdn reads "
        "PDFs exported from Word or with OCR text"
    )  # the blank page 3 is not a scan
    assert refused.value.code == "scanned"
    assert refused.value.params == {"page": "2", "count": "1", "pages": "3"}


def test_a_scan_with_an_ocr_text_layer_is_read() -> None:
    texts = paragraphs(build.ocr_pdf())
    assert "Số: 88/KH-UBND Lào Cai, ngày 12 tháng 3 năm 2020" in texts
    assert "I. MỤC ĐÍCH, YÊU CẦU" in texts


@pytest.mark.parametrize(("stamp", "beside"), [("MẬT", False), ("Tối mật", False), ("MẬT", True)])
def test_a_stamped_pdf_is_refused(stamp: str, beside: bool) -> None:
    data = build.plan_pdf(stamp=stamp, stamp_beside=beside, rows=2)
    if beside:  # on the line of the number, set apart: not a line of its own in the text
        assert f"Số: 88/KH-UBND {stamp} Lào Cai, ngày 12 tháng 3 năm 2020" in paragraphs(data)
    with pytest.raises(PlanReadError) as refused:
        parse_plan(data, filename="mat.pdf")
    assert refused.value.stamp == stamp


def test_a_password_protected_pdf_is_refused() -> None:
    with pytest.raises(PlanReadError) as refused:
        parse_plan(build.encrypted_pdf(user_password="bi-mat"), filename="khoa.pdf")
    assert str(refused.value) == (
        "khoa.pdf: the PDF is protected by a password: save it again without one, then upload it"
    )
    assert refused.value.code == "encrypted"


def test_a_pdf_restricted_only_by_its_owner_opens_without_a_password_and_is_read() -> None:
    texts = paragraphs(build.encrypted_pdf(user_password=None))
    assert "Số: 88/KH-UBND Lào Cai, ngày 12 tháng 3 năm 2020" in texts


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.9])
def test_a_truncated_pdf_is_refused(plan: bytes, keep: float) -> None:
    with pytest.raises(PlanReadError) as refused:
        parse_plan(plan[: int(len(plan) * keep)], filename="cut.pdf")
    assert str(refused.value).startswith("cut.pdf: the PDF is damaged or truncated")
    assert refused.value.code == "broken"


def test_too_many_pages(monkeypatch: pytest.MonkeyPatch, plan: bytes) -> None:
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 1)
    with pytest.raises(PdfError, match="over 1 pages"):
        read_pdf(plan)


def test_text_in_a_legacy_font_encoding_is_refused_naming_it_and_the_page() -> None:
    tcvn3 = "KÕ ho¹ch th«ng tin ®èi ngo¹i cña tØnh Lµo Cai n¨m 2020 vÒ ViÖt Nam vµ thÕ giíi"
    data = build.text_pdf(["Trang đầu bằng Unicode."] * 3 + [tcvn3] * 2)
    with pytest.raises(PlanReadError) as refused:
        parse_plan(data, filename="abc.pdf")
    assert "page 1 is in the TCVN3 legacy font encoding" in str(refused.value)
    assert refused.value.params == {"encoding": "TCVN3", "page": "1"}
    vni = "Keá hoaïch thoâng tin ñoái ngoaïi cuûa tænh Laøo Cai naêm 2020 Vieät Nam"
    with pytest.raises(PdfError, match="VNI legacy font encoding"):
        read_pdf(build.text_pdf([vni]))


def test_vietnamese_text_is_not_taken_for_a_legacy_encoding() -> None:
    line = "Quân đội, xuân, tuân thủ, khuyến khích, quốc tế: những từ có “uâ” và “yê”."
    assert paragraphs(build.text_pdf([line])) == [line]


def test_a_page_drawing_too_many_objects_is_refused_quickly() -> None:
    data = build.raw_pdf(b"0 0 1 1 re f\n" * 60_000)  # 60,000 tiny squares, 780 KB
    with pytest.raises(PdfError, match=r"^page 1 draws over 20,000 objects") as refused:
        read_pdf(data)
    assert refused.value.code == "too_complex"


def test_a_page_with_megabytes_of_instructions_is_refused_before_reading_them() -> None:
    with pytest.raises(PdfError, match=r"^page 1 holds over 1 MB of drawing instructions"):
        read_pdf(build.raw_pdf(b"q Q " * 1_000_000))


def test_a_page_invoking_a_drawing_thousands_of_times_is_refused() -> None:
    form = build.stream(b"q Q", b"/Type /XObject /Subtype /Form /BBox [0 0 1 1] ")
    data = build.raw_pdf(
        b"/F Do " * 3_000, resources=b"<< /XObject << /F 5 0 R >> >>", extra=[form]
    )
    with pytest.raises(PdfError, match=r"^page 1 invokes over 2,000 drawings"):
        read_pdf(data)


def test_a_decompression_bomb_is_refused_unopened() -> None:
    bomb = build.stream(b" " * (40 * 2**20))  # 40 MB of spaces, 40 KB packed
    with pytest.raises(PdfError, match="unpacks to over 32 MB"):
        read_pdf(build.raw_pdf(b"", extra=[bomb]))


def test_a_pdf_is_read_as_pdf_whatever_its_name(plan: bytes) -> None:
    assert parse_plan(plan, filename="ke-hoach.txt").metadata.number == "88/KH-UBND"


def test_an_unknown_binary_file_is_refused_as_not_a_document() -> None:
    png = build._grey_png().getvalue()
    with pytest.raises(PlanReadError) as refused:
        parse_plan(png, filename="anh.pdf")
    assert str(refused.value) == "anh.pdf is not a text, Word (.docx) or PDF document"
    assert refused.value.code == "not_a_document"


def test_garbage_after_the_pdf_signature_is_refused() -> None:
    with pytest.raises(PlanReadError, match=r"^x\.pdf: the PDF is damaged or truncated"):
        parse_plan(b"%PDF-1.7\n" + bytes(range(256)) * 8, filename="x.pdf")


def test_a_plan_exported_by_libreoffice() -> None:
    """A real export (tests/plans/importers/data/README.md): the table runs over 7 pages, rows
    break across pages, and lead and time cells merged down go on over a page break."""
    raw = read_pdf(WORD_EXPORT.read_bytes())
    # The page numbers (1 to 7) are dropped; the year wrapped under the place and date stays.
    assert [text for _line, text in raw.paragraphs if text.isdigit()] == ["2023"]
    assert raw.stamps[0] == "1"
    assert ("Thông tin đối ngoại tỉnh Cao Bằng năm 2023") in [t for _l, t in raw.paragraphs]
    codes = [row.cells[0].text for row in raw.rows if not row.cells[0].text.startswith("A")]
    assert codes == ["I", *map(str, range(1, 11)), "II", *map(str, range(1, 16))]
    parsed = parse_plan(WORD_EXPORT.read_bytes(), filename="cao-bang.pdf")
    tasks = [task for task in parsed.tasks if task.label.isdigit()]
    assert len(tasks) == 25
    for task in tasks[:10]:  # merged down in threes and fours, over page breaks too
        assert task.lead == ["Bộ Chỉ huy Bộ đội Biên phòng tỉnh"], task.label
        assert task.timeframe.raw == "Năm 2023", task.label
        assert task.title.startswith("Tuyên truyền về công tác quản lý, bảo vệ đường biên")
        assert task.title.endswith(f"cửa khẩu số {task.label} cho nhân dân các xã biên giới")
    assert tasks[-1].timeframe.raw == "Tháng 4/2023"
    assert parsed.metadata.number == "45/KH-UBND"


def test_a_file_with_more_objects_than_any_plan_is_refused(
    monkeypatch: pytest.MonkeyPatch, plan: bytes
) -> None:
    monkeypatch.setattr(pdf_reader, "MAX_OBJECTS", 10)
    with pytest.raises(PdfError, match="holds over 10 objects"):
        read_pdf(plan)


def test_reading_stops_at_the_time_limit(monkeypatch: pytest.MonkeyPatch, plan: bytes) -> None:
    monkeypatch.setattr(pdf_reader, "MAX_SECONDS", 0.0)
    with pytest.raises(PdfError, match=r"^page 1 is still being read after 0 seconds"):
        read_pdf(plan)
