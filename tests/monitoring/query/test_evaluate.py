import pytest

from ttdn.monitoring.query import Document, matches, parse

ARTICLE = Document.of(
    title="VẢI THIỀU LỤC NGẠN sang Nhật Bản",
    text=(
        "Năm nay vải thiều Luc Ngan được mùa lớn. Xã Hoà Bình (cũ) xuất khẩu lô vải đầu tiên. "
        "北江省陆岸荔枝出口日本。박닌성은 삼성전자의 투자를 환영했다."
    ),
    url="https://baobacninh.vn/kinh-te/vai-thieu.html?utm_source=x",
    site="www.baobacninh.vn",
    lang="vi",
    country="VN",
    source="baobacninh",
)


def highlighted(query: str) -> list[str] | None:
    hits = matches(parse(query), ARTICLE)
    if hits is None:
        return None
    return [ARTICLE.field(hit.field).text[hit.start : hit.end] for hit in hits]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Loose by default: case, diacritics and tone placement do not matter.
        ("Lục Ngạn", ["LỤC", "NGẠN", "Luc", "Ngan"]),
        ("luc ngan", ["LỤC", "NGẠN", "Luc", "Ngan"]),
        ("hòa bình", ["Hoà", "Bình"]),
        # Strict keeps diacritics but not case or tone placement.
        ('="Lục Ngạn"', ["LỤC NGẠN"]),
        ("=hòa", ["Hoà"]),
        ("=Hoa", None),
        ('"vải thiều"', ["VẢI THIỀU", "vải thiều"]),
        ('"thiều vải"', None),
        ('"ngan thieu"~3', ["THIỀU", "NGẠN", "thiều", "Ngan"]),
        ('"vải ngạn"~1', None),
        ('"vải ngạn"~2', ["VẢI", "NGẠN", "vải", "Ngan"]),
        ("vải NEAR/2 ngạn", ["VẢI", "NGẠN", "vải", "Ngan"]),
        ("ngạn NEAR/2 vải", ["VẢI", "NGẠN", "vải", "Ngan"]),
        ("ngạn ONEAR/2 vải", None),
        ("vải ONEAR/2 ngạn", ["VẢI", "NGẠN", "vải", "Ngan"]),
        ("vải NEAR/1 ngạn", None),
        ("title:(vải nhật)", ["VẢI", "Nhật"]),
        ("text:nhật", None),
        ("thiề?", ["THIỀU", "thiều"]),
        ("xuất*", ["xuất"]),
        ("luc ngan -nhat", None),
        ("luc ngan NOT mỹ", ["LỤC", "NGẠN", "Luc", "Ngan"]),
        ("mỹ OR pháp", None),
        ("(mỹ OR nhật) AND vải", ["VẢI", "Nhật", "vải", "vải"]),
        # Chinese as characters, NEAR counting characters; Korean at word starts.
        ("北江", ["北江"]),
        ("荔枝 NEAR/2 北江", None),
        ("荔枝 NEAR/3 北江", ["北江", "荔枝"]),
        ("박닌성", ["박닌성은"]),
        ("삼성", ["삼성전자의"]),
        # Metadata filters.
        ("site:baobacninh.vn vải", ["VẢI", "vải", "vải"]),
        ("site:bacninh.vn vải", None),
        ("lang:vi country:vn source:baobacninh", []),
        ("url:utm_source lang:en", None),
    ],
)
def test_matches_and_highlights(query: str, expected: list[str] | None) -> None:
    assert highlighted(query) == expected


def test_overlapping_hits_merge_into_one_span() -> None:
    assert highlighted('"lục ngạn" OR ngạn') == ["LỤC NGẠN", "Luc Ngan"]


def test_a_window_may_hold_a_word_of_the_phrase_twice() -> None:
    doc = Document.of(text="a b b c")
    assert matches(parse('"a b c"~1'), doc) is not None
    assert matches(parse('"a c"~1'), doc) is None
    assert matches(parse('"b b"~1'), doc) is not None
    assert matches(parse('"c c"~3'), doc) is None


HEADED = Document.of(
    title="Bac Giang growers see record prices",
    text=(
        "BAC GIANG LYCHEE SELLS AT RECORD PRICES\n"
        "The lychee harvest in Luc Ngan began two weeks early this year.\r\n\r\n"
        "- prices\n- lychee exports to Japan"
    ),
)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # A heading, then its paragraph: not near each other (issue 11, item 9).
        ("prices ONEAR/5 lychee", None),
        ("prices NEAR/2 lychee", None),
        ('"record prices the lychee"', None),
        ('"prices lychee"', None),  # two list items
        ('"prices lychee"~2', None),
        ('"prices bac giang"', None),  # from the title into the text
        ("prices ONEAR/3 (bac OR giang)", None),
        # Inside one block: found, and only that block's words highlighted.
        ("lychee ONEAR/5 prices", ["LYCHEE", "PRICES"]),
        ("prices NEAR/5 lychee", ["LYCHEE", "PRICES"]),
        ('"lychee sells"~1', ["LYCHEE", "SELLS"]),
        ('"year prices"~60', None),
        ("harvest NEAR/3 (lychee OR prices)", ["lychee", "harvest"]),
    ],
)
def test_nothing_is_near_across_a_block_boundary(query: str, expected: list[str] | None) -> None:
    hits = matches(parse(query), HEADED)
    found = (
        None
        if hits is None
        else [HEADED.field(hit.field).text[hit.start : hit.end] for hit in hits]
    )
    assert found == expected


def test_blocks_are_the_lines_of_a_field() -> None:
    text = Document.of(text="a b\nc\r\n\r\n d e\u2029f").text
    assert [text.loose[block.start : block.stop] for block in text.blocks()] == [
        ["a", "b"],
        ["c"],
        ["d", "e"],
        ["f"],
    ]
    assert Document.of(text="a b c").text.blocks() == [range(3)]
    assert Document.of(text="").text.blocks() == []
