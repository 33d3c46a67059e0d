"""Queries compiled to SQLite FTS5 and PostgreSQL tsquery: superset filters of the evaluator.

FTS5 runs for real in an in-memory table. The tsquery tests run against the PostgreSQL server at
``TTDN_TEST_POSTGRES`` (default ``postgresql://postgres@127.0.0.1:5432/postgres``) and are skipped
when it cannot be reached; they only compute ``to_tsvector``/``to_tsquery``, no table is made.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator

import psycopg
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ttdn.monitoring.query import Document, Node, QueryError, matches, parse
from ttdn.monitoring.query.fts import (
    FTS5_TOKENIZE,
    PLACEHOLDER,
    Compiled,
    exact_pairs,
    fts5_pairs,
    fts_text,
    pair_filter,
    pairs_text,
    to_fts5,
    to_tsquery,
    with_pairs,
)
from ttdn.monitoring.search_schema import VECTOR

POSTGRES = os.environ.get("TTDN_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")

_FTS = sqlite3.connect(":memory:")
_FTS.execute(f"CREATE VIRTUAL TABLE docs USING fts5(title, text, tokenize = '{FTS5_TOKENIZE}')")
_FTS.execute(
    "CREATE VIRTUAL TABLE docs61 USING fts5"
    "(search_title, search_text, tokenize = 'unicode61 remove_diacritics 0')"
)


def fts5_matches(expression: str, doc: Document, table: str = "docs") -> bool:
    """Whether the FTS5 table ``docs`` (ascii) or ``docs61`` (unicode61) matches ``doc`` alone."""
    _FTS.execute(f"DELETE FROM {table}")  # noqa: S608 - one of two names
    _FTS.execute(
        f"INSERT INTO {table} VALUES (?, ?)",  # noqa: S608
        (fts_text(doc.title), fts_text(doc.text)),
    )
    found = _FTS.execute(f"SELECT 1 FROM {table} WHERE {table} MATCH ?", (expression,))  # noqa: S608
    return found.fetchone() is not None


def to_fts5_unicode61(node: Node) -> Compiled:
    return to_fts5(node, columns=("search_title", "search_text"), tokenizer="unicode61")


_TSQUERY_SQL = (
    "SELECT (setweight(to_tsvector('simple', %s), 'A')"
    " || setweight(to_tsvector('simple', %s), 'B')) @@ to_tsquery('simple', %s)"
)


@pytest.fixture(scope="module")
def pg() -> Iterator[psycopg.Connection[tuple[object, ...]]]:
    try:
        conn = psycopg.connect(POSTGRES, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        pytest.skip(f"PostgreSQL at {POSTGRES} is unreachable ({error}); tsquery not run")
    with conn:
        conn.execute("SET client_min_messages = warning")  # no NOTICE about dropped words
        yield conn


def tsquery_matches(
    pg: psycopg.Connection[tuple[object, ...]], expression: str, doc: Document
) -> bool:
    row = pg.execute(_TSQUERY_SQL, (fts_text(doc.title), fts_text(doc.text), expression)).fetchone()
    assert row is not None
    return bool(row[0])


# ---------------------------------------------------------------------------------------------
# What the compilers write


@pytest.mark.parametrize(
    ("query", "fts5", "exact"),
    [
        ("vải", '"vai"', True),
        ("=Hòa", '"hoa"', False),
        ("Lục Ngạn", '"luc" AND "ngan"', True),
        ('"vải thiều"', '"vai thieu"', True),
        ("北江", '"北 江"', True),
        ("박닌성", '"박닌성" *', True),
        ('"a 박닌 c"', '"a 박닌" * + "c"', True),
        ("invest*", '"invest" *', True),
        ("inv*st", '"inv" *', False),
        ("thiề?", '"thie" *', False),
        ("=đầu*", '"dau" *', False),
        ("title:vải", 'title : "vai"', True),
        ('text:"vải thiều"', 'text : "vai thieu"', True),
        ("a OR b", '"a" OR "b"', True),
        ("a -b -c", '"a" NOT ("b" OR "c")', True),
        ("a NOT (b OR c) d", '("a" AND "d") NOT ("b" OR "c")', True),
        ("a -(b -c)", '"a" NOT ("b" NOT "c")', True),
        ("x (a OR -b)", '"x" NOT ("b" NOT "a")', True),
        ("a -=b", '"a"', False),
        ("a NEAR/3 b", 'NEAR("a" "b", 3)', False),  # FTS5 may find it across blocks
        ("a NEAR/3 a", 'NEAR("a" "a", 3)', False),
        ("abc* NEAR/3 abcd", 'NEAR("abc" * "abcd", 3)', False),
        ('"a b" NEAR/3 "b c"', 'NEAR("a b" "b c", 3)', False),
        ("a ONEAR/3 b", 'NEAR("a" "b", 3)', False),
        (
            '(a OR "b c") NEAR/5 title:d',
            'title : NEAR("a" "d", 5) OR title : NEAR("b c" "d", 5)',
            False,
        ),
        ("title:a NEAR/2 text:b", '"a" NOT "a"', True),
        ("a NEAR/1 b NEAR/2 c", 'NEAR("a" "b", 1) AND "c"', False),
        ('"a b c"~3', 'NEAR("a" "b" "c", 4)', False),
        ('title:"a b"~1', 'title : NEAR("a" "b", 1)', False),
        ("lang:vi", None, False),
        ("vải lang:vi", '"vai"', False),
        ("vải OR lang:vi", None, False),
        ("vải -site:x.vn", '"vai"', False),
        ("near and or not", '"near" AND "and" AND "or" AND "not"', True),  # words, not operators
    ],
)
def test_fts5_expressions(query: str, fts5: str | None, exact: bool) -> None:
    assert to_fts5(parse(query)) == Compiled(fts5, exact)


@pytest.mark.parametrize(
    ("query", "tsquery", "exact"),
    [
        ("vải", "'vai'", True),
        ("=Hòa", "'hoa'", False),
        ('"vải thiều"', "'vai' <-> 'thieu'", False),
        ("박닌성", "'박닌성':*", True),
        ("invest*", "'invest':*", True),
        ("title:vải", "'vai':A", True),
        ("text:invest*", "'invest':*B", True),
        ('title:"vải thiều"', "'vai':A <-> 'thieu':A", False),
        ("a -b -c", "'a' & !('b' | 'c')", True),
        ("a OR (b c)", "'a' | ('b' & 'c')", True),
        ("a -(b -c)", "'a' & !('b' & !'c')", True),
        ('a -"b c"', "'a'", False),
        ("a NEAR/3 (b OR c)", "'a' & ('b' | 'c')", False),
        ('"a b c"~3', "'a' & 'b' & 'c'", False),
        ("x½ OR y", None, False),
        ("x½ y", "'y'", False),
        ('"a x½ b c"', "'a' & ('b' <-> 'c')", False),
        ("it's", "'it' <-> 's'", False),
        ("lang:vi", None, False),
    ],
)
def test_tsquery_expressions(query: str, tsquery: str | None, exact: bool) -> None:
    assert to_tsquery(parse(query)) == Compiled(tsquery, exact)


def test_tsquery_without_phrases_ands_the_words() -> None:
    node = parse('"vải thiều" NOT title:"Lục Ngạn"')
    assert to_tsquery(node, phrases=False) == Compiled("'vai' & 'thieu'", False)
    assert to_tsquery(parse("title:x"), phrases=False) == Compiled("'x':A", True)


def test_fts5_column_names_can_be_chosen() -> None:
    node = parse("title:a NEAR/2 b text:c")
    compiled = to_fts5(node, columns=("search_title", "search_text"))
    assert compiled == Compiled('search_title : NEAR("a" "b", 2) AND search_text : "c"', False)
    with pytest.raises(ValueError, match="column name"):
        to_fts5(node, columns=("title", "text : x"))


def test_unicode61_gives_no_condition_for_the_tokens_it_drops() -> None:
    assert to_fts5_unicode61(parse("・ OR a")) == Compiled(None, False)
    assert to_fts5_unicode61(parse("title:a ・")) == Compiled('search_title : "a"', False)
    assert to_fts5(parse("・ OR a")) == Compiled('"・" OR "a"', True)
    with pytest.raises(ValueError, match="tokenizer"):
        to_fts5(parse("a"), tokenizer="porter")  # type: ignore[arg-type]


def test_a_token_that_folds_to_nothing_keeps_its_place() -> None:
    doc = Document.of(text="a \u3099 b")
    assert doc.text.loose == ["a", "", "b"]
    assert fts_text(doc.text) == f"a {PLACEHOLDER} b"
    compiled = to_fts5(parse('"a b"'))
    assert compiled.exact
    assert matches(parse('"a b"'), doc) is None
    assert not fts5_matches(compiled.expression or "", doc)
    assert to_fts5(parse("=\u3099")) == Compiled(None, False)


def test_deep_queries_are_cut_rather_than_overflowing_fts5() -> None:
    query = "a"
    for i in range(9):
        query = f"(b{i} {'OR' if i % 2 else 'AND'} (d{i} -(c{i} OR {query})))"
    node = parse(query)
    compiled = to_fts5(node)
    assert compiled.expression is not None
    assert not compiled.exact
    fts5_matches(compiled.expression, Document.of(text="a"))


# ---------------------------------------------------------------------------------------------
# Real documents, FTS5 and PostgreSQL

ARTICLE = Document.of(
    title="VẢI THIỀU LỤC NGẠN sang Nhật Bản",
    text=(
        "Năm nay vải thiều Luc Ngan được mùa lớn. Xã Hoà Bình (cũ) xuất khẩu lô vải đầu tiên. "
        "北江省陆岸荔枝出口日本。박닌성은 삼성전자의 투자를 환영했다. Samsung invests in Bac Giang."
    ),
    lang="vi",
    site="baobacninh.vn",
)

EXAMPLES = [
    '"vải thiều" (Lục Ngạn OR "Luc Ngan" OR 陆岸 OR 리치)',
    '("Hoàng Sa" OR "Trường Sa" OR Paracel* OR Spratly OR 西沙 OR 南沙) -"du lịch"',
    '(Samsung OR Foxconn OR "Hon Hai" OR 삼성) NEAR/10 ("Bắc Giang" OR "Bắc Ninh")',
    'title:("Bắc Giang" OR "Bac Giang" OR 北江) lang:en',
    '"tin giả" OR "sai sự thật" OR "xuyên tạc" site:baobacninh.vn',
    '=Hòa -"Hòa Bình"',
    "=Hoà =Bình",
    "vải NEAR/2 ngạn",
    "ngạn ONEAR/2 vải",
    "荔枝 NEAR/3 北江",
    "荔枝 NEAR/2 北江",
    "title:(vải nhật) -text:nhật",
    "thiề? xuất*",
    "박닌성 삼성",
    '"ngan thieu"~3',
    "invest* NEAR/2 giang",
]


@pytest.mark.parametrize("query", EXAMPLES)
def test_fts5_on_an_article(query: str) -> None:
    node = parse(query)
    found = matches(node, ARTICLE) is not None
    for compiled, table in ((to_fts5(node), "docs"), (to_fts5_unicode61(node), "docs61")):
        if compiled.expression is not None:
            assert fts5_matches(compiled.expression, ARTICLE, table) >= found
            if compiled.exact:
                assert fts5_matches(compiled.expression, ARTICLE, table) == found


@pytest.mark.parametrize("query", EXAMPLES)
def test_tsquery_on_an_article(pg: psycopg.Connection[tuple[object, ...]], query: str) -> None:
    node = parse(query)
    found = matches(node, ARTICLE) is not None
    for compiled in (to_tsquery(node), to_tsquery(node, phrases=False)):
        if compiled.expression is not None:
            assert tsquery_matches(pg, compiled.expression, ARTICLE) >= found
            if compiled.exact:
                assert tsquery_matches(pg, compiled.expression, ARTICLE) == found


# ---------------------------------------------------------------------------------------------
# Properties

_WORDS = [
    "vải",
    "VAI",
    "thiều",
    "lục",
    "Luc",
    "ngạn",
    "hoà",
    "hòa",
    "hoa",
    "北",
    "江",
    "박닌성은",
    "박닌",
    "invest",
    "investor",
    "x½",
]
_QUERY_PARTS = [
    *_WORDS,
    '"vải thiều"',
    '"thiều vải"',
    '"lục ngạn vải"',  # three words: the pairs must be neighbours, in order
    '"vải thiều vải thiều"',
    '"lục ngạn"~2',
    '"vải vải"~1',
    '"hoa 박닌 vải"',
    "=hòa",
    '="Hòa vải"',
    "thiề?",
    "inves*",
    "inv*r",
    "=thiề*",
    "박닌",
    "AND",
    "OR",
    "NOT",
    "-",
    "NEAR/1",
    "NEAR/2",
    "ONEAR/1",
    "(",
    ")",
    "title:",
    "text:",
    "lang:vi",
    "site:x.vn",
]
_queries = st.lists(
    st.lists(st.sampled_from(_QUERY_PARTS), min_size=1, max_size=9).map(
        lambda parts: " ".join(parts).replace("- ", "-").replace(": ", ":")
    ),
    max_size=8,
)
# Words joined by spaces and line breaks: a text of several blocks (headings, paragraphs).
_SEPARATORS = st.sampled_from([" ", " ", " ", " ", "\n", ". ", "\n\n"])
_fields = st.lists(st.tuples(st.sampled_from(_WORDS), _SEPARATORS), max_size=25).map(
    lambda pairs: "".join(word + separator for word, separator in pairs)
)
_docs = st.builds(
    lambda title, text, lang: Document.of(title=title, text=text, lang=lang, site="x.vn"),
    st.lists(st.tuples(st.sampled_from(_WORDS), _SEPARATORS), max_size=6).map(
        lambda pairs: "".join(word + separator for word, separator in pairs)
    ),
    _fields,
    st.sampled_from(["vi", "en"]),
)


@settings(max_examples=400, deadline=None)
@given(queries=_queries, doc=_docs)
def test_fts5_is_a_superset_and_exact_when_it_says_so(queries: list[str], doc: Document) -> None:
    for query in queries:
        try:
            node = parse(query)
        except QueryError:
            continue
        found = matches(node, doc) is not None
        for compiled, table in ((to_fts5(node), "docs"), (to_fts5_unicode61(node), "docs61")):
            if compiled.expression is None:
                continue
            filtered = fts5_matches(compiled.expression, doc, table)
            assert filtered or not found, (query, compiled)
            if compiled.exact:
                assert filtered == found, (query, compiled)


@settings(max_examples=200, deadline=None)
@given(queries=_queries, doc=_docs)
def test_tsquery_is_a_superset_and_exact_when_it_says_so(
    pg: psycopg.Connection[tuple[object, ...]], queries: list[str], doc: Document
) -> None:
    for query in queries:
        try:
            node = parse(query)
        except QueryError:
            continue
        found = matches(node, doc) is not None
        for compiled in (to_tsquery(node), to_tsquery(node, phrases=False)):
            if compiled.expression is None:
                continue
            filtered = tsquery_matches(pg, compiled.expression, doc)
            assert filtered or not found, (query, compiled)
            if compiled.exact:
                assert filtered == found, (query, compiled)


_ANY_PART = st.one_of(
    st.sampled_from(
        [
            *_QUERY_PARTS,
            "AND",
            '"',
            "'",
            "\\",
            "*",
            "^",
            "{title}",
            "+",
            ":",
            "NEAR(",
            "col:",
            "=",
            "~2",
            "it's",
            '"a"b"',
            "'; DROP TABLE x; --",
        ]
    ),
    st.text(min_size=1, max_size=6),
)


@settings(max_examples=400, deadline=None)
@given(parts=st.lists(_ANY_PART, min_size=1, max_size=12), joiner=st.sampled_from([" ", ""]))
def test_no_query_gives_an_fts5_syntax_error(parts: list[str], joiner: str) -> None:
    try:
        node = parse(joiner.join(parts))
    except QueryError:
        return
    doc = Document.of(title="a", text="b")
    for compiled, table in ((to_fts5(node), "docs"), (to_fts5_unicode61(node), "docs61")):
        if compiled.expression is not None:
            fts5_matches(compiled.expression, doc, table)


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(_ANY_PART, min_size=1, max_size=12), joiner=st.sampled_from([" ", ""]))
def test_no_query_gives_a_tsquery_syntax_error(
    pg: psycopg.Connection[tuple[object, ...]], parts: list[str], joiner: str
) -> None:
    try:
        node = parse(joiner.join(parts))
    except QueryError:
        return
    for compiled in (to_tsquery(node), to_tsquery(node, phrases=False)):
        if compiled.expression is not None:
            tsquery_matches(pg, compiled.expression, Document.of(title="a", text="b"))


@settings(max_examples=100, deadline=None)
@given(
    words=st.lists(
        st.one_of(
            st.text(st.characters(codec="utf-8", categories=["L", "Nd", "No", "Mn"]), min_size=1),
            st.from_regex(r"[0-9]+[a-z][0-9]*|[a-z]+[0-9]+", fullmatch=True),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_postgres_keeps_the_tokens_we_say_it_keeps(
    pg: psycopg.Connection[tuple[object, ...]], words: list[str]
) -> None:
    """Each token that compiles to a condition is found by tsquery as a word and a phrase."""
    doc = Document.of(text=" ".join(words))
    for token in doc.text.loose:
        compiled = to_tsquery(parse(f'"{token}"')) if token else Compiled(None, False)
        if compiled.expression is not None:
            assert tsquery_matches(pg, compiled.expression, doc), (token, compiled)
    if len(doc.text.loose) > 1 and all(doc.text.loose):
        phrase = to_tsquery(parse('"' + " ".join(doc.text.loose) + '"'))
        if phrase.expression is not None:
            assert tsquery_matches(pg, phrase.expression, doc), phrase


_PAIRS = sqlite3.connect(":memory:")
_PAIRS.execute(
    "CREATE VIRTUAL TABLE docs USING fts5"
    f"(search_title, search_text, search_pairs, tokenize = '{FTS5_TOKENIZE}')"
)


def test_pairs_are_the_neighbouring_tokens_of_each_block() -> None:
    doc = Document.of(title="Vải thiều", text="Lục Ngạn, 北江\nvải\n\nvải thiều")
    assert pairs_text(doc.title, doc.text) == "vaiđthieu đ lucđngan nganđ北 北đ江 đ vaiđthieu"


@pytest.mark.parametrize(
    ("query", "pairs"),
    [
        ('"Lục Ngạn"', "lucđngan"),
        ('"Lục Ngạn" OR "LUC NGAN"', "lucđngan"),
        ('"vải thiều" "Lục Ngạn"', ("all", ("vaiđthieu", "lucđngan"))),
        ('"vải thiều" OR "Lục Ngạn"', ("any", ("vaiđthieu", "lucđngan"))),
        ('"Công ty Hòa An"', ("seq", ("congđty", "tyđhoa", "hoađan"))),  # neighbours, in order
        ('"xã Hòa xã Hòa"', ("seq", ("xađhoa", "hoađxa", "xađhoa"))),
        ('"vải thiều" OR Lục', None),  # a single word implies no pair
        ('"vải thiều"~3', None),  # nor does a window
        ('"vải thiều" -"Lục Ngạn"', "vaiđthieu"),
        ('北江 NEAR/3 "Lục Ngạn"', ("all", ("北đ江", "lucđngan"))),
    ],
)
def test_the_pairs_a_query_implies(query: str, pairs: object) -> None:
    assert pair_filter(parse(query)) == pairs


@settings(max_examples=300, deadline=None)
@given(queries=_queries, doc=_docs)
def test_pairs_keep_fts5_a_superset_and_exact(queries: list[str], doc: Document) -> None:
    _PAIRS.execute("DELETE FROM docs")
    _PAIRS.execute(
        "INSERT INTO docs VALUES (?, ?, ?)",
        (fts_text(doc.title), fts_text(doc.text), pairs_text(doc.title, doc.text)),
    )
    for query in queries:
        try:
            node = parse(query)
        except QueryError:
            continue
        compiled = with_pairs(
            to_fts5(node, columns=("search_title", "search_text")),
            node,
            engine="sqlite",
            column="search_pairs",
        )
        if compiled.expression is None:
            continue
        found = matches(node, doc) is not None
        row = _PAIRS.execute("SELECT 1 FROM docs WHERE docs MATCH ?", (compiled.expression,))
        filtered = row.fetchone() is not None
        assert filtered or not found, (query, compiled)
        if compiled.exact:
            assert filtered == found, (query, compiled)


@pytest.mark.parametrize(
    ("title", "text", "query", "found"),
    [
        ("", "Công ty Hòa An ký hợp đồng", '"Công ty Hòa An"', True),
        ("", "Hòa An, công ty mới", '"Công ty Hòa An"', False),  # the pairs, not in order
        ("Tin vải", "vải thiều Lục Ngạn", '"vải vải thiều"', False),  # across title and text
        ("", "vải thiều vải thiều", '"vải thiều vải thiều"', True),
        ("Xã Hòa xã Hòa", "", '"xã hòa xã hòa"', True),
    ],
)
def test_a_phrase_finds_its_pairs_as_neighbours(
    title: str, text: str, query: str, found: bool
) -> None:
    doc = Document.of(title=title, text=text)
    node = parse(query)
    assert (matches(node, doc) is not None) == found
    _PAIRS.execute("DELETE FROM docs")
    _PAIRS.execute(
        "INSERT INTO docs VALUES (?, ?, ?)",
        (fts_text(doc.title), fts_text(doc.text), pairs_text(doc.title, doc.text)),
    )
    pairs = pair_filter(node)
    assert pairs is not None
    alone = _PAIRS.execute(
        "SELECT 1 FROM docs WHERE docs MATCH ?", (fts5_pairs(pairs, "search_pairs"),)
    )
    assert alone.fetchone() is not None or not found
    compiled = with_pairs(
        to_fts5(node, columns=("search_title", "search_text")),
        node,
        engine="sqlite",
        column="search_pairs",
    )
    row = _PAIRS.execute("SELECT 1 FROM docs WHERE docs MATCH ?", (compiled.expression,))
    assert (row.fetchone() is not None) == found


_PAIRS_TSQUERY_SQL = (
    "SELECT "
    + VECTOR.replace("search_title", "%s")
    .replace("search_text", "%s")
    .replace("search_pairs", "%s")
    + " @@ to_tsquery('simple', %s)"
)


@settings(max_examples=200, deadline=None)
@given(queries=_queries, doc=_docs)
def test_pairs_keep_tsquery_a_superset_and_exact(
    pg: psycopg.Connection[tuple[object, ...]], queries: list[str], doc: Document
) -> None:
    """The application's stored vector (``search_schema.VECTOR``) against ``with_pairs``."""
    texts = (fts_text(doc.title), fts_text(doc.text), pairs_text(doc.title, doc.text))
    for query in queries:
        try:
            node = parse(query)
        except QueryError:
            continue
        compiled = with_pairs(to_tsquery(node), node, engine="postgresql")
        if compiled.expression is None:
            continue
        row = pg.execute(_PAIRS_TSQUERY_SQL, (*texts, compiled.expression)).fetchone()
        assert row is not None
        found = matches(node, doc) is not None
        assert row[0] or not found, (query, compiled)
        if compiled.exact:
            assert row[0] == found, (query, compiled)


@pytest.mark.parametrize(
    ("query", "expression"),
    [
        ('"du lịch"', "'duđlich'"),
        ('"Lục Ngạn" OR "LUC NGAN"', "'lucđngan'"),
        ("出口", "'出đ口'"),
        ('"Lục Ngạn" OR 北江', "('lucđngan' | '北đ江')"),
    ],
)
def test_a_two_word_phrase_is_its_pair(query: str, expression: str) -> None:
    node = parse(query)
    assert exact_pairs(node) is not None
    assert with_pairs(to_tsquery(node), node, engine="postgresql") == Compiled(expression, True)


@pytest.mark.parametrize("query", ['title:"du lịch"', '="dù lịch"', '"du lịch"~2', '"a b c"', "du"])
def test_other_queries_are_not_their_pairs(query: str) -> None:
    assert exact_pairs(parse(query)) is None


_PAIR_DOCS = [
    ("Du lịch Bắc Ninh", ""),
    ("", "Khách du lịch đến Lục Ngạn"),
    ("Lịch du xuân", "du, lịch"),  # the words, never next to each other in order
    ("Tin du", "lịch trình"),  # across title and text
    ("出口", "北江"),
    ("", "北 江 出 口"),
]


@pytest.mark.parametrize("query", ['"du lịch"', '"DU LICH" OR "Lục Ngạn"', "出口", "北江 OR 出口"])
@pytest.mark.parametrize(("title", "text"), _PAIR_DOCS)
def test_a_two_word_phrase_pair_agrees_with_the_evaluator(
    pg: psycopg.Connection[tuple[object, ...]], query: str, title: str, text: str
) -> None:
    doc = Document.of(title=title, text=text)
    node = parse(query)
    found = matches(node, doc) is not None
    texts = (fts_text(doc.title), fts_text(doc.text), pairs_text(doc.title, doc.text))
    tsquery = with_pairs(to_tsquery(node), node, engine="postgresql")
    row = pg.execute(_PAIRS_TSQUERY_SQL, (*texts, tsquery.expression)).fetchone()
    assert row is not None
    assert row[0] == found
    fts5 = with_pairs(
        to_fts5(node, columns=("search_title", "search_text")),
        node,
        engine="sqlite",
        column="search_pairs",
    )
    assert fts5.exact
    assert tsquery.exact
    _PAIRS.execute("DELETE FROM docs")
    _PAIRS.execute("INSERT INTO docs VALUES (?, ?, ?)", texts)
    hit = _PAIRS.execute("SELECT 1 FROM docs WHERE docs MATCH ?", (fts5.expression,))
    assert (hit.fetchone() is not None) == found


# ---------------------------------------------------------------------------------------------
# Block boundaries: no phrase or NEAR reaches from one heading, paragraph or list item into the
# next, nor from the title into the text, on either engine (issue 11, item 9)

LYCHEE = Document.of(
    title="Bac Giang growers see record prices",
    text=(
        "BAC GIANG LYCHEE SELLS AT RECORD PRICES\n"
        "The lychee harvest in Luc Ngan began two weeks early this year.\n"
        "- prices\n- lychee exports to Japan"
    ),
)


def engines(
    pg: psycopg.Connection[tuple[object, ...]], node: Node, doc: Document
) -> list[tuple[str, Compiled, bool]]:
    """What each engine says of ``doc`` alone: (engine, compiled query, matched)."""
    said: list[tuple[str, Compiled, bool]] = []
    for name, compiled, table in (
        ("fts5", to_fts5(node), "docs"),
        ("fts5 unicode61", to_fts5_unicode61(node), "docs61"),
    ):
        if compiled.expression is not None:
            said.append((name, compiled, fts5_matches(compiled.expression, doc, table)))
    texts = (fts_text(doc.title), fts_text(doc.text), pairs_text(doc.title, doc.text))
    _PAIRS.execute("DELETE FROM docs")
    _PAIRS.execute("INSERT INTO docs VALUES (?, ?, ?)", texts)
    paired = with_pairs(
        to_fts5(node, columns=("search_title", "search_text")),
        node,
        engine="sqlite",
        column="search_pairs",
    )
    if paired.expression is not None:
        row = _PAIRS.execute("SELECT 1 FROM docs WHERE docs MATCH ?", (paired.expression,))
        said.append(("fts5 with pairs", paired, row.fetchone() is not None))
    for name, compiled in (
        ("tsquery", to_tsquery(node)),
        ("tsquery without phrases", to_tsquery(node, phrases=False)),
    ):
        if compiled.expression is not None:
            said.append((name, compiled, tsquery_matches(pg, compiled.expression, doc)))
    stored = with_pairs(to_tsquery(node), node, engine="postgresql")
    if stored.expression is not None:
        answer = pg.execute(_PAIRS_TSQUERY_SQL, (*texts, stored.expression)).fetchone()
        assert answer is not None
        said.append(("tsquery with pairs", stored, bool(answer[0])))
    return said


def assert_agree(pg: psycopg.Connection[tuple[object, ...]], query: str, doc: Document) -> None:
    node = parse(query)
    found = matches(node, doc) is not None
    for name, compiled, filtered in engines(pg, node, doc):
        assert filtered or not found, (query, name, compiled)
        if compiled.exact:
            assert filtered == found, (query, name, compiled)


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("prices ONEAR/5 lychee", False),  # the heading's last word, the paragraph's first
        ("prices NEAR/5 lychee", True),  # in the heading: LYCHEE SELLS AT RECORD PRICES
        ("prices NEAR/2 lychee", False),
        ("lychee ONEAR/5 prices", True),
        ("prices ONEAR/3 lychee", False),  # the list items "- prices", "- lychee exports"
        ('"record prices the lychee"', False),
        ('"prices lychee"', False),
        ('"record prices"', True),
        ('"prices lychee"~2', False),
        ('"prices bac giang"', False),  # from the title's end into the text
        ("prices ONEAR/2 (bac OR giang)", False),
        ('"year prices"', False),
    ],
)
def test_nothing_is_near_across_a_block_boundary(
    pg: psycopg.Connection[tuple[object, ...]], query: str, found: bool
) -> None:
    assert (matches(parse(query), LYCHEE) is not None) == found
    assert_agree(pg, query, LYCHEE)


_BLOCK_WORDS = ["vải", "thiều", "lục", "ngạn"]
_block_queries = st.one_of(
    st.tuples(
        st.sampled_from(_BLOCK_WORDS),
        st.sampled_from(["NEAR/1", "NEAR/2", "ONEAR/1", "ONEAR/3"]),
        st.sampled_from(_BLOCK_WORDS),
    ).map(" ".join),
    st.lists(st.sampled_from(_BLOCK_WORDS), min_size=2, max_size=3).map(
        lambda words: '"' + " ".join(words) + '"'
    ),
    st.tuples(st.lists(st.sampled_from(_BLOCK_WORDS), min_size=2, max_size=3), st.integers(0, 2))
    .map(lambda phrase: f'"{" ".join(phrase[0])}"~{phrase[1]}')
    .filter(lambda query: not query.endswith("~0")),
)
_block_fields = st.lists(
    st.tuples(st.sampled_from(_BLOCK_WORDS), st.sampled_from([" ", "\n", "\n\n", " "])),
    max_size=8,
).map(lambda pairs: "".join(word + separator for word, separator in pairs))


@settings(max_examples=300, deadline=None)
@given(query=_block_queries, title=_block_fields, text=_block_fields)
def test_engines_agree_with_the_evaluator_on_blocks(
    pg: psycopg.Connection[tuple[object, ...]], query: str, title: str, text: str
) -> None:
    assert_agree(pg, query, Document.of(title=title, text=text))
