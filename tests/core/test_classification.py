import pytest

from ttdn.core.classification import classification_of
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
