import pytest

from ttdn.monitoring.language import detect


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Vải thiều Lục Ngạn được mùa, xuất khẩu sang Nhật Bản tăng mạnh trong năm nay.", "vi"),
        ("Luc Ngan lychee exports to Japan rose sharply this year, officials said.", "en"),
        ("北江省陆岸荔枝今年丰收，对日本出口大幅增长。", "zh"),
        ("バクザン省のライチは今年豊作で、日本への輸出が大きく伸びた。", "ja"),
        ("日本語の記事です。", "ja"),  # kana decides, whatever the kanji
        ("박장성 리치가 올해 풍년을 맞아 일본 수출이 크게 늘었다.", "ko"),
    ],
)
def test_the_five_languages_of_the_portal(text: str, code: str) -> None:
    assert detect(text)[0] == code


def test_too_little_text_says_so() -> None:
    assert detect("12/11 — ") == ("", 0.0)
