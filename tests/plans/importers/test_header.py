"""The header block read in every shape it reaches us, and the plan a Quyết định issues."""

from __future__ import annotations

import datetime
from dataclasses import asdict
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.plans.importers.plan_headers import (
    BA_RIA_VUNG_TAU_2021,
    LAO_CAI_2020,
    PLANS,
    SHAPES,
    TRA_VINH_2023,
    Plan,
    lines,
    numbered,
)
from ttdn.plans.importers.header import plan_body, read_header, read_metadata
from ttdn.plans.importers.shape import Metadata


def as_json(metadata: Metadata) -> dict[str, Any]:
    def value(item: Any) -> Any:
        if isinstance(item, datetime.date):
            return item.strftime("%d/%m/%Y")
        if isinstance(item, dict):
            return {key: value(inner) for key, inner in item.items()}
        return item

    return {key: value(item) for key, item in asdict(metadata).items()}


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("plan", PLANS, ids=lambda plan: plan.name)
def test_every_province_in_every_shape(plan: Plan, shape: str) -> None:
    head = read_header(numbered(SHAPES[shape](plan)), [])
    assert as_json(head.metadata) == plan.metadata
    assert [warning.code for warning in head.warnings] == plan.warnings


def test_a_draft_without_date_is_warned_about_on_its_date_line() -> None:
    paragraphs = numbered(lines(BA_RIA_VUNG_TAU_2021))
    (warning,) = read_header(paragraphs, []).warnings
    assert warning.code == "no_date"
    assert warning.line == 8  # "Bà Rịa - Vũng Tàu, ngày    tháng    năm 2021"
    assert "ngày" in paragraphs[warning.line - 1][1]
    assert "no readable date" in warning.message


def test_a_city_on_one_line_and_a_split_date() -> None:
    metadata = read_metadata(
        numbered(
            [
                "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI",
                "Số: 205/KH-UBND",
                "Hà Nội, ngày 30 tháng",
                "9 năm 2022",
                "KẾ HOẠCH Thông tin đối ngoại năm 2023",
                "I. MỤC ĐÍCH, YÊU CẦU",
            ]
        ),
        [],
    )
    assert (metadata.issuer, metadata.province, metadata.level) == (
        "UBND thành phố Hà Nội",
        "Hà Nội",
        "thành phố",
    )
    assert metadata.date == datetime.date(2022, 9, 30)
    assert metadata.title == "Kế hoạch thông tin đối ngoại năm 2023"
    assert metadata.year == 2023  # the title's year, not the date's


def test_the_decision_is_recorded_and_the_attached_plan_is_the_plan() -> None:
    paragraphs = numbered(lines(TRA_VINH_2023))
    body = plan_body(paragraphs)
    assert body[0][1] == "KẾ HOẠCH"
    texts = [text for _line, text in body]
    assert not [text for text in texts if text.startswith(("Điều", "Căn cứ", "QUYẾT ĐỊNH"))]
    assert "Nơi nhận:" not in texts
    decision = read_metadata(paragraphs, []).decision
    assert decision is not None
    assert (decision.number, decision.date) == ("1466/QĐ-UBND", datetime.date(2023, 8, 18))


def test_an_attached_plan_with_a_number_of_its_own_keeps_it() -> None:
    text = lines(TRA_VINH_2023)
    at = text.index("KẾ HOẠCH")
    own = ["UBND TỈNH TRÀ VINH", "Số: 151/KH-UBND", "Trà Vinh, ngày 21 tháng 8 năm 2023"]
    metadata = read_metadata(numbered([*text[:at], *own, *text[at:]]), [])
    assert (metadata.number, metadata.date) == ("151/KH-UBND", datetime.date(2023, 8, 21))
    assert metadata.decision is not None
    assert metadata.decision.number == "1466/QĐ-UBND"


def test_only_the_attached_plan_its_caption_names_the_decision() -> None:
    text = lines(TRA_VINH_2023)
    metadata = read_metadata(numbered(text[text.index("KẾ HOẠCH") :]), [])
    assert metadata.decision is not None
    assert (metadata.decision.number, metadata.decision.date) == (
        "1466/QĐ-UBND",
        datetime.date(2023, 8, 18),
    )
    # No number of its own: the plan is known by its decision's.
    assert (metadata.number, metadata.date) == ("1466/QĐ-UBND", datetime.date(2023, 8, 18))
    assert (metadata.province, metadata.level, metadata.issuer) == (
        "Trà Vinh",
        "tỉnh",
        "UBND tỉnh Trà Vinh",
    )


def test_a_wrapped_plan_has_the_same_identity_each_time() -> None:
    one = read_metadata(numbered(lines(TRA_VINH_2023)), [])
    two = read_metadata(numbered(SHAPES["side_by_side"](TRA_VINH_2023)), [])
    assert (one.number, one.date, one.issuer) == (two.number, two.date, two.issuer)
    assert one.number
    assert one.date
    assert one.issuer


def test_the_year_from_the_body_then_from_the_date() -> None:
    header = [
        "UBND TỈNH ĐIỆN BIÊN",
        "Số: 3/KH-UBND",
        "Điện Biên, ngày 28 tháng 12 năm 2021",
        "KẾ HOẠCH",
        "Công tác thông tin đối ngoại",
        "I. MỤC ĐÍCH, YÊU CẦU",
    ]
    for_next_year = read_metadata(
        numbered(
            [
                *header,
                "Kết quả năm 2021 được phát huy trong năm 2022; các cơ quan triển khai trong năm "
                "2022 các nhiệm vụ sau, căn cứ Luật ban hành ngày 15 tháng 6 năm 2021.",
            ]
        ),
        [],
    )
    assert for_next_year.year == 2022
    silent = read_metadata(numbered([*header, "Tuyên truyền về du lịch của tỉnh."]), [])
    assert silent.year == 2021  # the date's year


def test_nothing_readable_gives_empty_metadata_and_a_warning() -> None:
    head = read_header([], [])
    assert head.metadata == Metadata()
    assert head.warnings == []  # no header at all: nothing to say about its date
    head = read_header(numbered(["Số:", "Hà Nội, ngày    tháng    năm 2021", "KẾ HOẠCH"]), [])
    assert head.metadata.number is None
    assert [warning.code for warning in head.warnings] == ["no_date"]
    assert head.metadata.kind == "Kế hoạch"


def test_the_appendix_caption_gives_the_number_when_the_header_has_none() -> None:
    metadata = read_metadata(
        numbered(["KẾ HOẠCH", "THÔNG TIN ĐỐI NGOẠI CỦA TỈNH YÊN BÁI NĂM 2024", "Thực hiện …"]),
        [(90, "(Kèm theo Kế hoạch số 7/KH-UBND ngày 05/01/2024 của UBND tỉnh Yên Bái)")],
    )
    assert as_json(metadata) == {
        "issuer": "UBND tỉnh Yên Bái",
        "number": "7/KH-UBND",
        "date": "05/01/2024",
        "title": "Kế hoạch thông tin đối ngoại của tỉnh Yên Bái năm 2024",
        "year": 2024,
        "province": "Yên Bái",
        "level": "tỉnh",
        "kind": "Kế hoạch",
        "decision": None,
    }


def test_a_title_naming_no_province_gives_none() -> None:
    metadata = read_metadata(
        numbered(
            ["KẾ HOẠCH", "Tuyên truyền trên địa bàn tỉnh giai đoạn 2021 - 2025", "I. MỤC TIÊU"]
        ),
        [],
    )
    assert (metadata.province, metadata.year) == (None, 2021)
    assert metadata.title == "Kế hoạch tuyên truyền trên địa bàn tỉnh giai đoạn 2021 - 2025"


def test_a_one_row_table_gives_each_column_whole() -> None:
    """A header table of one row: the issuer's cell (with the number), then the motto's."""
    plan = TRA_VINH_2023
    cells = [
        *plan.issuer,
        "-----",
        plan.number,
        "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập – Tự do – Hạnh phúc",
        "———————",
        *plan.place_date,
        *plan.text,
    ]
    assert as_json(read_metadata(numbered(cells), [])) == plan.metadata


@settings(max_examples=150, deadline=None)
@given(plan=st.sampled_from(PLANS), breaks=st.lists(st.booleans(), min_size=60, max_size=60))
def test_the_header_reads_the_same_however_its_lines_are_broken(
    plan: Plan, breaks: list[bool]
) -> None:
    """Any space of the header block may be a line break (a narrow column, a PDF)."""
    text = lines(plan)
    at = next(i for i, line in enumerate(text) if line.startswith(("KẾ HOẠCH", "CHƯƠNG", "QUY")))
    words = " | ".join(text[:at]).split(" ")
    broken: list[str] = []
    current: list[str] = []
    for index, word in enumerate(words):
        if word == "|" or (current and breaks[index % len(breaks)]):
            if current:
                broken.append(" ".join(current))
            current = []
        if word != "|":
            current.append(word)
    broken.append(" ".join(current))
    assert as_json(read_metadata(numbered([*broken, *text[at:]]), [])) == plan.metadata


def test_without_a_kind_word_the_bodys_dates_are_not_the_plans() -> None:
    head = read_header(
        numbered(
            [
                "UBND TỈNH SƠN LA",
                "Số: 12/KH-UBND",
                "Thực hiện Kết luận ngày 15 tháng 6 năm 2023 của Bộ Chính trị, tỉnh Sơn La …",
                "I. MỤC ĐÍCH, YÊU CẦU",
            ]
        ),
        [],
    )
    assert (head.metadata.number, head.metadata.date) == ("12/KH-UBND", None)
    assert head.metadata.province == "Sơn La"
    assert [warning.code for warning in head.warnings] == ["no_date"]


def test_columns_a_pdf_reads_a_line_apart() -> None:
    """The motto's column sits higher than the issuer's: their lines pair differently."""
    metadata = read_metadata(
        numbered(
            [
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "ỦY BAN NHÂN DÂN Độc lập - Tự do - Hạnh phúc",
                "TỈNH LÀO CAI ---------------",
                "------- Lào Cai, ngày 20 tháng 3 năm 2020",
                "Số: 88/KH-UBND",
                *LAO_CAI_2020.text,
            ]
        ),
        [],
    )
    assert as_json(metadata) == LAO_CAI_2020.metadata
