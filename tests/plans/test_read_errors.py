"""Every reason a PDF is refused has its Vietnamese text, with its page and counts."""

from __future__ import annotations

import pytest
from django.utils import translation

from ttdn.plans.importers.parse import PlanReadError
from ttdn.plans.read_errors import read_error_text

CASES = [
    ("scanned", {"page": "3", "count": "2", "pages": "9"}, "Trang 3 của “a.pdf” không có lớp chữ"),
    ("encrypted", {}, "“a.pdf” được bảo vệ bằng mật khẩu"),
    ("broken", {}, "“a.pdf” bị hỏng hoặc không đầy đủ"),
    ("too_many_pages", {"limit": "1,000"}, "“a.pdf” có hơn 1,000 trang"),
    (
        "legacy_encoding",
        {"encoding": "VNI", "page": "4"},
        "trang 4 của “a.pdf” dùng bảng mã cũ VNI",
    ),
    ("too_complex", {"page": "7"}, "Trang 7 của “a.pdf” quá lớn để đọc an toàn"),
    ("too_complex", {"page": ""}, "“a.pdf” quá lớn để đọc an toàn: đó không phải một kế hoạch"),
    ("not_a_document", {}, "“a.pdf” không phải văn bản, tệp Word (.docx) hay tệp PDF"),
]


@pytest.mark.parametrize(("code", "params", "vietnamese"), CASES)
def test_each_reason_in_vietnamese(code: str, params: dict[str, str], vietnamese: str) -> None:
    error = PlanReadError("a.pdf: in English", code=code, params=params)
    with translation.override("vi"):
        assert vietnamese in read_error_text(error, name="a.pdf")


def test_a_reason_without_a_code_is_shown_as_written() -> None:
    error = PlanReadError("a.docx: the Word package holds 9000 parts, over 5000")
    with translation.override("vi"):
        assert read_error_text(error, name="a.docx") == str(error)
