import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ttdn.core.text import canonical, fold, name_key


@pytest.mark.parametrize(
    ("new_style", "old_style"),
    [
        ("hoà bình", "hòa bình"),
        ("thuỷ lợi", "thủy lợi"),
        ("khoẻ", "khỏe"),
        ("uỷ ban", "ủy ban"),
        ("tuỳ", "tùy"),
        ("Hoà", "hòa"),
    ],
)
def test_canonical_puts_tone_in_the_official_place(new_style: str, old_style: str) -> None:
    assert canonical(new_style) == canonical(old_style) == old_style.lower()


@pytest.mark.parametrize(
    "word", ["hoàn", "thuyền", "người", "cửa", "quý", "quỳnh", "giá", "gì", "nghiệp", "Việt"]
)
def test_canonical_keeps_syllables_already_right(word: str) -> None:
    assert canonical(word) == word.lower()


def test_canonical_accepts_decomposed_input() -> None:
    text = "Sở Văn hóa, Thể thao và Du lịch"
    assert canonical(unicodedata.normalize("NFD", text)) == canonical(text)


def test_fold_drops_every_diacritic_and_d_bar() -> None:
    assert fold("Lục Ngạn") == fold("LỤC NGẠN") == "luc ngan"
    assert fold("Đà Nẵng") == "da nang"


def test_name_key_tolerates_spacing_punctuation_and_abbreviations() -> None:
    assert name_key("  UBND   tỉnh ") == name_key("Ủy ban nhân dân tỉnh")
    assert name_key("Sở Lao động-Thương binh và Xã hội") == name_key(
        "Sở Lao động - Thương binh và Xã hội"
    )
    assert name_key("TP. Bắc Giang") == name_key("thành phố Bắc Giang")


def test_eth_typed_for_d_bar_is_d_bar() -> None:
    assert fold("\u00d0à Nẵng") == "da nang"
    assert name_key("\u00d0ảng ủy tỉnh") == name_key("Đảng ủy tỉnh")


def test_name_key_keeps_different_names_apart() -> None:
    assert name_key("Sở Tư pháp") != name_key("Sở Tài chính")
    assert name_key("Lục Nam") != name_key("Lục Ngạn")


LETTERS = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxy àáạảãằắặẳẵầấậẩẫèéẹẻẽềếệểễìíịỉĩòóọỏõồốộổỗờớợởỡùúụủũừứựửữỳýỵỷỹÐðƉĐ"
)
vietnamese = st.text(alphabet=st.sampled_from(list(LETTERS)), max_size=40)


@given(vietnamese)
def test_canonical_is_idempotent(text: str) -> None:
    once = canonical(text)
    assert canonical(once) == once
    assert unicodedata.is_normalized("NFC", once)


@given(vietnamese)
def test_fold_is_ascii_for_vietnamese_letters(text: str) -> None:
    assert fold(text).isascii()
