"""Sections, the units' responsibilities and the report deadline, in the shapes plans use."""

from __future__ import annotations

import datetime

import pytest

from tests.plans.importers.plan_headers import PLANS, SHAPES, TRA_VINH_2023, Plan, lines, numbered
from ttdn.plans.importers.body import (
    DUTIES,
    read_report_deadline,
    read_responsibilities,
    read_sections,
    section_body,
)
from ttdn.plans.importers.header import plan_body
from ttdn.plans.importers.parse import parse_plan
from ttdn.plans.importers.shape import Responsibility


def test_roman_sections_upper_case_or_starting_with_a_section_word() -> None:
    paragraphs = numbered(
        [
            "I. MỤC ĐÍCH, YÊU CẦU",
            "1. Mục đích",
            "II. Nhiệm vụ và giải pháp",
            "III. Bạn bè quốc tế quan tâm đến tỉnh",  # a sentence, not a section
            "IV. TỔ CHỨC THỰC HIỆN",
        ]
    )
    assert read_sections(paragraphs) == [
        (1, "I. MỤC ĐÍCH, YÊU CẦU"),
        (3, "II. Nhiệm vụ và giải pháp"),
        (5, "IV. TỔ CHỨC THỰC HIỆN"),
    ]


def test_arabic_sections_when_there_is_no_roman_one() -> None:
    paragraphs = numbered(
        [
            "1. Mục đích, yêu cầu",
            "1.1. Mục đích",
            "2. NỘI DUNG",
            "1. Nội dung tuyên truyền về biển, đảo",  # an item of section 2, numbered anew
            "2.1. Giới thiệu tiềm năng của tỉnh",
            "3. Kinh phí",
            "4. Các cơ quan cùng làm",  # not a section word, mixed case: an item
            "4. Tổ chức thực hiện",
            "5. Chế độ báo cáo",
        ]
    )
    assert read_sections(paragraphs) == [
        (1, "1. Mục đích, yêu cầu"),
        (3, "2. NỘI DUNG"),
        (6, "3. Kinh phí"),
        (8, "4. Tổ chức thực hiện"),
        (9, "5. Chế độ báo cáo"),
    ]


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("plan", PLANS, ids=lambda plan: plan.name)
def test_sections_responsibilities_and_deadline_of_each_plan(plan: Plan, shape: str) -> None:
    parsed = parse_plan("\n".join(SHAPES[shape](plan)).encode(), filename="plan.txt")
    assert parsed.sections == plan.sections
    assert [(r.unit, len(r.duties)) for r in parsed.responsibilities] == plan.responsibilities
    deadline = parsed.report_deadline
    assert (deadline.strftime("%d/%m/%Y") if deadline else None) == plan.report_deadline


def test_a_decisions_articles_are_not_the_plans() -> None:
    paragraphs = numbered(lines(TRA_VINH_2023))
    parsed = parse_plan("\n".join(lines(TRA_VINH_2023)).encode(), filename="qd.txt")
    assert "QUYẾT ĐỊNH:" not in parsed.sections
    assert not [r for r in parsed.responsibilities if "Điều" in r.unit]
    # Điều 2 asks for a report by 30/11/2023; the plan's own section asks for 20/11/2023.
    assert parsed.report_deadline == datetime.date(2023, 11, 20)
    assert read_sections(plan_body(paragraphs)) == read_sections(
        paragraphs[[text for _line, text in paragraphs].index("KẾ HOẠCH") :]
    )


def test_responsibilities_in_every_item_shape() -> None:
    paragraphs = numbered(
        [
            "III. PHÂN CÔNG TRÁCH NHIỆM",
            "1. Sở Ngoại vụ:",
            "- Hướng dẫn phóng viên nước ngoài.",
            "+ Cấp phép phỏng vấn theo quy định.",
            "a) Công an tỉnh: Bảo đảm an ninh thông tin.",
            "2.1. Văn phòng UBND tỉnh: Cập nhật cổng thông tin điện tử.",
            "Các cơ quan triển khai nghiêm túc Kế hoạch này.",
            "Nơi nhận:",
            "- Như trên;",
        ]
    )
    assert read_responsibilities(paragraphs, read_sections(paragraphs)) == [
        Responsibility(
            "Sở Ngoại vụ",
            ["Hướng dẫn phóng viên nước ngoài.", "Cấp phép phỏng vấn theo quy định."],
            2,
        ),
        Responsibility("Công an tỉnh", ["Bảo đảm an ninh thông tin."], 5),
        Responsibility("Văn phòng UBND tỉnh", ["Cập nhật cổng thông tin điện tử."], 6),
    ]


def test_dash_items_name_units_and_their_duties_follow() -> None:
    paragraphs = numbered(
        [
            "IV. TỔ CHỨC THỰC HIỆN",
            "- Đề nghị Ủy ban Mặt trận Tổ quốc tỉnh: Vận động kiều bào về thăm quê hương.",
            "- Sở Du lịch:",
            "+ Quảng bá các điểm đến bằng nhiều thứ tiếng;",
            "+ Đón các đoàn khảo sát du lịch.",
            "- Ban hành văn bản: không phải một đơn vị",  # "Ban hành" is a verb
        ]
    )
    got = read_responsibilities(paragraphs, read_sections(paragraphs))
    assert [(r.unit, r.duties) for r in got] == [
        ("Ủy ban Mặt trận Tổ quốc tỉnh", ["Vận động kiều bào về thăm quê hương."]),
        (
            "Sở Du lịch",
            [
                "Quảng bá các điểm đến bằng nhiều thứ tiếng;",
                "Đón các đoàn khảo sát du lịch.",
                "Ban hành văn bản: không phải một đơn vị",
            ],
        ),
    ]


@pytest.mark.parametrize(
    ("duty", "year", "want"),
    [
        ("Báo cáo kết quả chậm nhất ngày 15/11 để tổng hợp.", 2021, datetime.date(2021, 11, 15)),
        ("Gửi báo cáo trước ngày 15 tháng 11 năm 2021.", 2022, datetime.date(2021, 11, 15)),
        ("Báo cáo trước ngày 15/11 hằng năm.", 2023, datetime.date(2023, 11, 15)),
        ("Báo cáo chậm nhất là ngày 05/12/2020.", 2020, datetime.date(2020, 12, 5)),
        ("Báo cáo trước ngày 31/02.", 2020, None),  # no such day: no deadline, no crash
        ("Hoàn thành trước ngày 15/11.", 2020, None),  # not about a report
    ],
)
def test_report_deadline_forms(duty: str, year: int, want: datetime.date | None) -> None:
    assert read_report_deadline([Responsibility("Sở X", [duty], 1)], year) == want


def test_report_deadline_from_the_section_text_when_no_duty_names_it() -> None:
    paragraphs = numbered(
        [
            "1. MỤC ĐÍCH, YÊU CẦU",
            "Thông tin kịp thời, chính xác.",
            "2. TỔ CHỨC THỰC HIỆN",
            "Các cơ quan gửi báo cáo kết quả về Sở Ngoại vụ trước ngày 10/12/2022.",
        ]
    )
    sections = read_sections(paragraphs)
    texts = section_body(paragraphs, sections, *DUTIES)
    assert read_report_deadline([], 2022, texts) == datetime.date(2022, 12, 10)
