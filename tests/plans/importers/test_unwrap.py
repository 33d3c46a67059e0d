"""Hard-wrapped lines joined back into the paragraphs they were cut from."""

from __future__ import annotations

import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.plans.importers.plan_headers import PLANS, SHAPES, Plan, numbered
from ttdn.demo.files import PLAN_FILE
from ttdn.plans.importers import body, header
from ttdn.plans.importers.text_export import read_text_export
from ttdn.plans.importers.unwrap import unwrap


def rewrap(texts: list[str], width: int) -> list[str]:
    """Each paragraph cut at spaces into lines of at most ``width`` characters (a longer word
    stays whole on its own line), as a PDF or a text editor does."""
    lines: list[str] = []
    for text in texts:
        lines.extend(textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False))
    return lines


def texts(paragraphs: list[tuple[int, str]]) -> list[str]:
    return [text for _line, text in paragraphs]


def after_title(paragraphs: list[tuple[int, str]], title: str | None) -> list[str]:
    """The plan's paragraphs after its kind word and title (which may share a line or not)."""
    rest = texts(paragraphs)
    while rest and title and rest[0].casefold() in title.casefold():
        rest = rest[1:]
    return rest


def test_lines_of_one_paragraph_are_joined_and_keep_the_first_line_number() -> None:
    lines = [
        (10, "KẾ HOẠCH"),
        (11, "Thông tin đối ngoại năm 2021"),
        (12, "I. MỤC ĐÍCH"),
        (13, "Giới thiệu hình ảnh của tỉnh với bạn bè quốc tế"),
        (14, "trong năm 2021 và những năm sau."),
        (15, "II. NHIỆM VỤ"),
    ]
    assert unwrap(lines) == [
        (10, "KẾ HOẠCH"),
        (11, "Thông tin đối ngoại năm 2021"),
        (12, "I. MỤC ĐÍCH"),
        (
            13,
            "Giới thiệu hình ảnh của tỉnh với bạn bè quốc tế trong năm 2021 và những năm sau.",
        ),
        (15, "II. NHIỆM VỤ"),
    ]


def test_numbers_cut_from_a_sentence_are_not_labels_or_bullets() -> None:
    paragraphs = [
        "KẾ HOẠCH",
        "I. NỘI DUNG",
        "1. Tuyên truyền kết quả thực hiện kế hoạch phát triển kinh tế - xã hội giai đoạn 2021 "
        "- 2025 của tỉnh, chào mừng Đại hội Đảng bộ tỉnh lần thứ XIV. Hoàn thành trước Quý IV năm "
        "2025. Các cơ quan chủ động phối hợp với Sở Ngoại vụ.",
        "2. Quảng bá du lịch",
    ]
    starts: set[str] = set()
    for width in range(10, 121):
        lines = rewrap(paragraphs, width)
        starts.update(line.split(" ", 1)[0] for line in lines)
        assert texts(unwrap(numbered(lines))) == paragraphs, width
    assert {"-", "XIV.", "2025."} <= starts  # lines that looked like a bullet or a label


def test_labels_bullets_and_units_lines_start_blocks() -> None:
    lines = numbered(
        [
            "KẾ HOẠCH",
            "II. NHIỆM VỤ",
            "1. Phát hành ấn phẩm giới thiệu tỉnh bằng tiếng Anh, tiếng Nhật và tiếng Hàn",
            "- Cơ quan chủ trì: Sở Văn hóa, Thể thao và Du lịch",
            "- Thời gian thực hiện: Quý III",
            "a) Bản tin hằng tháng cho các cơ quan đại diện của Việt Nam ở nước ngoài, gửi qua",
            "thư điện tử;",
            "b) Sách ảnh về các lễ hội.",
        ]
    )
    assert texts(unwrap(lines)) == [
        "KẾ HOẠCH",
        "II. NHIỆM VỤ",
        "1. Phát hành ấn phẩm giới thiệu tỉnh bằng tiếng Anh, tiếng Nhật và tiếng Hàn",
        "- Cơ quan chủ trì: Sở Văn hóa, Thể thao và Du lịch",
        "- Thời gian thực hiện: Quý III",
        "a) Bản tin hằng tháng cho các cơ quan đại diện của Việt Nam ở nước ngoài, gửi qua "
        "thư điện tử;",
        "b) Sách ảnh về các lễ hội.",
    ]


def test_the_header_block_is_left_as_it_is() -> None:
    lines = numbered(
        [
            "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "TỈNH LÀO CAI Độc lập - Tự do - Hạnh phúc",
            "Số: 88/KH-UBND Lào Cai, ngày 20 tháng",
            "3 năm 2020",
            "KẾ HOẠCH",
            "Thông tin đối ngoại tỉnh Lào Cai năm 2020",
            "Căn cứ hướng dẫn của Bộ Thông tin và Truyền thông về công tác thông tin đối",
            "ngoại, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:",
        ]
    )
    assert unwrap(lines) == [*lines[:6], (7, f"{lines[6][1]} {lines[7][1]}")]


def test_a_text_of_one_paragraph_per_line_is_returned_unchanged() -> None:
    seed = read_text_export(PLAN_FILE.read_text(encoding="utf-8")).paragraphs
    assert unwrap(seed) == seed
    for plan in PLANS:
        for build in SHAPES.values():
            paragraphs = numbered(build(plan))
            assert unwrap(paragraphs) == paragraphs, plan.name


def test_a_kind_word_cut_in_two_is_put_back() -> None:
    lines = numbered(["UBND TỈNH X", "CHƯƠNG", "TRÌNH", "Thông tin đối ngoại năm 2022"])
    assert texts(unwrap(lines)) == ["UBND TỈNH X", "CHƯƠNG TRÌNH", "Thông tin đối ngoại năm 2022"]


@settings(max_examples=300, deadline=None)
@given(
    plan=st.sampled_from(PLANS),
    shape=st.sampled_from(sorted(SHAPES)),
    width=st.integers(min_value=10, max_value=120),
)
def test_rewrapping_at_any_width_changes_nothing_read(plan: Plan, shape: str, width: int) -> None:
    original = numbered(SHAPES[shape](plan))
    wrapped = unwrap(numbered(rewrap(texts(original), width)))
    want, got = header.read_header(original, []), header.read_header(wrapped, [])
    assert got.metadata == want.metadata
    assert after_title(got.body, got.metadata.title) == after_title(want.body, want.metadata.title)
    want_sections = body.read_sections(want.body)
    got_sections = body.read_sections(got.body)
    assert texts(got_sections) == texts(want_sections)
    duties = [(r.unit, r.duties) for r in body.read_responsibilities(got.body, got_sections)]
    assert duties == [
        (r.unit, r.duties) for r in body.read_responsibilities(want.body, want_sections)
    ]


def test_the_seed_rewrapped_as_a_pdf_would_reads_the_same() -> None:
    """The seed's body cut at 60 to 110 characters, the widths of a PDF's lines."""
    raw = read_text_export(PLAN_FILE.read_text(encoding="utf-8"))
    want = header.read_header(raw.paragraphs, raw.appendix)
    want_sections = texts(body.read_sections(want.body))
    for width in range(60, 111, 5):
        got = header.read_header(unwrap(numbered(rewrap(texts(raw.paragraphs), width))), [])
        assert got.metadata.title == want.metadata.title
        assert got.metadata.year == want.metadata.year
        assert texts(body.read_sections(got.body)) == want_sections, width
        # Two plain paragraphs in a row whose first ends on a full line are joined (a limit):
        # at these widths at least 85 % of the seed's 106 paragraphs come back exactly.
        found = set(texts(got.body))
        kept = sum(1 for text in texts(raw.paragraphs) if text in found)
        assert kept >= 0.85 * len(raw.paragraphs), width
