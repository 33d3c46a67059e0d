"""Every warning code the parser gives reads in Vietnamese, with where it is."""

from __future__ import annotations

import pytest
from django.utils import translation

from ttdn.plans.importers.shape import ParseWarning
from ttdn.plans.messages import warning_location, warning_text


@pytest.mark.parametrize(
    ("warning", "text"),
    [
        (
            ParseWarning(
                "no_tasks", "", "", params={"task_section": "", "sections": "I. A; II. B"}
            ),
            "Không tìm thấy nhiệm vụ nào. Hệ thống tìm bảng nhiệm vụ (dòng tiêu đề có cột “TT” "
            "hoặc “STT”, một cột nội dung và một cột đơn vị chủ trì hoặc đơn vị thực hiện) và "
            "các mục đánh số (1., 1.1., a), -) trong phần có tên NHIỆM VỤ hoặc NỘI DUNG. Văn bản "
            "có các phần: I. A; II. B. Hãy trình bày nhiệm vụ trong một bảng như vậy, hoặc đánh "
            "số các nhiệm vụ trong phần đó, mỗi nhiệm vụ ghi rõ đơn vị (“Cơ quan chủ trì: …”, "
            "“Cơ quan phối hợp: …”, “Thời gian thực hiện: …”).",
        ),
        (
            ParseWarning(
                "no_tasks", "", "", line=9, params={"task_section": "II. NHIỆM VỤ", "sections": ""}
            ),
            "Phần “II. NHIỆM VỤ” không có mục nào được đánh số.",
        ),
        (
            ParseWarning("no_tasks", "", "", params={"task_section": "", "sections": ""}),
            "Văn bản không có phần nào được đánh số (“I. …”, “II. …”).",
        ),
        (
            ParseWarning("no_units", "", "", line=12, params={"count": "4", "labels": "1, 2, 3"}),
            "Tìm thấy 4 nhiệm vụ (1, 2, 3) nhưng không nhiệm vụ nào nêu đơn vị chủ trì hay đơn vị "
            "phối hợp.",
        ),
        (
            ParseWarning(
                "citation_date_before_year",
                "",
                "",
                line=30,
                params={"number": "12/2020/QĐ-UBND", "date": "05/3/2019", "year": "2020"},
            ),
            "12/2020/QĐ-UBND được trích dẫn với ngày 05/3/2019, trước năm 2020 ghi trong chính "
            "số hiệu của văn bản.",
        ),
        (
            ParseWarning("no_date", "the header has no date", "the whole document"),
            "Phần đầu kế hoạch không có ngày ban hành đọc được.",
        ),
    ],
    ids=["no-tasks", "no-items", "no-sections", "no-units", "citation-date", "no-date"],
)
def test_new_warnings_read_in_vietnamese(warning: ParseWarning, text: str) -> None:
    with translation.override("vi"):
        assert text in warning_text(warning)
        where = warning_location(warning)
    assert where == (f"dòng {warning.line}" if warning.line else "toàn văn bản")
