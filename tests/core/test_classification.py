import io
import zipfile
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError

from tests.files import make_docx, make_pdf, make_xlsx
from ttdn.core.classification import classification_of, classified_fields, refuse_classified
from ttdn.core.filetext import EXCEL, WORD, UnreadableFileError, stamp_in_file
from ttdn.plans.importers.parse import PlanReadError, parse_plan


@pytest.mark.parametrize("stamp", ["MẬT", "TỐI MẬT", "Tuyệt mật", "Độ mật: Mật", "TUYỆT MẬT."])
def test_stamps_are_found(stamp: str) -> None:
    assert classification_of(["UBND TỈNH BẮC GIANG", "Số: 12/KH-UBND", stamp, "KẾ HOẠCH"]) == stamp


def test_the_word_in_a_sentence_is_not_a_stamp() -> None:
    lines = ["KẾ HOẠCH", "Bảo vệ bí mật nhà nước trong hoạt động thông tin đối ngoại", "MẬT KHẨU"]
    assert classification_of(lines) is None


def test_a_classified_plan_is_refused_before_anything_is_stored() -> None:
    data = "TỐI MẬT\nKẾ HOẠCH\nHOẠT ĐỘNG NĂM 2025\n".encode()
    with pytest.raises(PlanReadError, match="marked “TỐI MẬT”"):
        parse_plan(data, filename="kh.txt")


@pytest.mark.parametrize(
    "text",
    [
        "Giữ bí mật thông tin theo quy định.",
        "Mật ong Lục Ngạn",
        "mật ong",
        "Mật độ tin bài tăng",
        "Bí mật",
        "Tài liệu không mật",
        "Mật khẩu",
    ],
)
def test_prose_is_allowed_in_typed_text(text: str) -> None:
    assert classified_fields({"narrative": f"Báo cáo\n{text}\nHết"}) == {}


@pytest.mark.parametrize("stamp", ["MẬT", "Tối mật", "  TUYỆT MẬT  ", "Độ mật: Tối mật"])
def test_a_stamp_on_any_line_of_typed_text_is_refused(stamp: str) -> None:
    text = "\n".join(["Đoạn văn"] * 30 + [stamp])  # past the head of a document, too
    with pytest.raises(ValidationError) as caught:
        refuse_classified({"narrative": text, "reason": "Bình thường"})
    assert list(caught.value.message_dict) == ["narrative"]
    assert stamp.strip() in caught.value.message_dict["narrative"][0]


@pytest.mark.parametrize(
    ("mime", "data"),
    [
        ("application/pdf", lambda: make_pdf("UBND TINH", "Bien ban")),
        (WORD, lambda: make_docx("Giữ bí mật thông tin khách hàng.", "Mật ong")),
        (EXCEL, lambda: make_xlsx(["Bí mật kinh doanh", "mật ong"], ["Mật độ", 3])),
    ],
)
def test_ordinary_files_bear_no_stamp(mime: str, data: Callable[[], bytes]) -> None:
    assert stamp_in_file(io.BytesIO(data()), mime) is None


def test_a_zip_bomb_is_not_unpacked() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("word/document.xml", b"\x00" * (150 * 2**20))
    with pytest.raises(UnreadableFileError, match="unpack"):
        stamp_in_file(buffer, WORD)
