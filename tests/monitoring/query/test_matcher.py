from hypothesis import given, settings
from hypothesis import strategies as st

from ttdn.monitoring.query import Document, QueryError, matches, parse
from ttdn.monitoring.query.matcher import Matcher, anchors

QUERIES = {
    "lychee": '"vải thiều" (Lục Ngạn OR 陆岸)',
    "fdi": "(samsung OR foxconn OR 삼성) NOT tuyển",
    "sea": '"Hoàng Sa" OR "Trường Sa" OR 西沙 OR paracel',
    "vi-only": "lang:vi",
    "heritage": "quan NEAR/1 họ",
}


def test_only_queries_whose_anchors_occur_are_evaluated() -> None:
    matcher = Matcher((key, parse(query)) for key, query in QUERIES.items())
    doc = Document.of(title="Vải thiều Lục Ngạn", text="Samsung tuyển dụng.", lang="vi")
    assert matcher.candidates(doc) == {"lychee", "fdi", "vi-only"}
    assert set(matcher.match(doc)) == {"lychee", "vi-only"}


def test_anchors_pick_the_rarer_side_of_an_and() -> None:
    assert anchors(parse("ban Samsung")) == frozenset({" samsung "})
    assert anchors(parse("a OR lang:vi")) is None
    assert anchors(parse("đầu* tư")) == frozenset({" dau"})
    assert anchors(parse("北江 NEAR/5 ab")) == frozenset({" 北 江 "})


def test_korean_and_wildcard_anchors_match_word_starts_only() -> None:
    matcher = Matcher([("ko", parse("삼성")), ("inv", parse("invest*"))])
    assert set(matcher.match(Document.of(text="삼성전자의 reinvest"))) == {"ko"}
    assert set(matcher.match(Document.of(text="investors"))) == {"inv"}


def test_a_heading_and_its_paragraph_are_not_near() -> None:
    matcher = Matcher(
        [
            ("onear", parse("prices ONEAR/5 lychee")),
            ("phrase", parse('"record prices the lychee"')),
            ("inside", parse("lychee ONEAR/5 prices")),
        ]
    )
    doc = Document.of(
        title="Bac Giang growers see record prices",
        text="BAC GIANG LYCHEE SELLS AT RECORD PRICES\nThe lychee harvest began early.",
    )
    assert set(matcher.match(doc)) == {"inside"}
    assert "phrase" not in matcher.candidates(doc)  # its anchor is not found across blocks


def test_no_queries_match_nothing() -> None:
    assert Matcher[str]([]).match(Document.of(text="anything")) == {}


_WORDS = [
    "vải",
    "VAI",
    "thiều",
    "lục",
    "Luc",
    "ngạn",
    "hoà",
    "hòa",
    "北",
    "江",
    "박닌성은",
    "invest",
]
_QUERY_PARTS = [
    *_WORDS,
    '"vải thiều"',
    '"lục ngạn"~2',
    "=hòa",
    "thiề?",
    "inves*",
    "박닌",
    "AND",
    "OR",
    "NOT",
    "NEAR/2",
    "ONEAR/1",
    "(",
    ")",
    "title:",
    "lang:vi",
]


@settings(max_examples=300, deadline=None)
@given(
    queries=st.lists(st.lists(st.sampled_from(_QUERY_PARTS), min_size=1, max_size=7), max_size=8),
    title=st.lists(st.sampled_from(_WORDS), max_size=6),
    text=st.lists(st.sampled_from(_WORDS), max_size=25),
    breaks=st.sets(st.integers(0, 25), max_size=4),
)
def test_presearch_never_loses_a_match(
    queries: list[list[str]], title: list[str], text: list[str], breaks: set[int]
) -> None:
    parsed = {}
    for i, parts in enumerate(queries):
        try:
            parsed[i] = parse(" ".join(parts))
        except QueryError:
            continue
    body = "".join(word + ("\n" if i in breaks else " ") for i, word in enumerate(text))
    doc = Document.of(title=" ".join(title), text=body, lang="vi")
    naive = {key: hits for key, node in parsed.items() if (hits := matches(node, doc)) is not None}
    assert Matcher(parsed.items()).match(doc) == naive
