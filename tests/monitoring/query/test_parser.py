import ast
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ttdn.monitoring.query import QueryError, parse, parser, render
from ttdn.monitoring.query.ast import And, Meta, Near, Not, Or, Phrase, Word


def test_precedence_is_near_then_not_then_and_then_or() -> None:
    node = parse("a OR b c NOT d NEAR/2 e")
    assert isinstance(node, Or)
    left, right = node.children
    assert left == Word("a", False, "exact", None, 1)
    assert isinstance(right, And)
    assert [type(child) for child in right.children] == [Word, Word, Not]
    negated = right.children[2]
    assert isinstance(negated, Not)
    assert isinstance(negated.child, Near)


def test_terms_are_loose_and_strict_with_equals() -> None:
    assert parse("Hoà") == Word("hoa", False, "exact", None, 1)
    assert parse("=Hoà") == Word("hòa", True, "exact", None, 1)
    phrase = parse('="Bắc Giang"')
    assert isinstance(phrase, Phrase)
    assert [w.form for w in phrase.words] == ["bắc", "giang"]
    assert all(word.strict for word in phrase.words)


def test_a_term_of_several_tokens_is_a_phrase() -> None:
    # Chinese characters are tokens of their own; hyphenated words are two tokens.
    chinese = parse("北江省")
    assert isinstance(chinese, Phrase)
    assert [w.form for w in chinese.words] == ["北", "江", "省"]
    assert isinstance(parse("covid-19"), Phrase)


def test_korean_terms_match_word_starts() -> None:
    assert parse("박닌성") == Word("박닌성", False, "prefix", None, 1)


def test_fields_bind_to_every_term_inside_the_group() -> None:
    node = parse('title:(lục OR "vải thiều") site:www.BaoBacNinh.vn lang:VI country:vn')
    assert isinstance(node, And)
    group, site, lang, country = node.children
    assert isinstance(group, Or)
    assert all(child.field == "title" for child in group.children)  # type: ignore[union-attr]
    assert site == Meta("site", "baobacninh.vn", 28)
    assert lang == Meta("lang", "vi", 51)
    assert country == Meta("country", "VN", 59)


def test_near_and_windows() -> None:
    near = parse('"vải thiều" ONEAR/5 (Nhật OR Mỹ)')
    assert isinstance(near, Near)
    assert near.ordered
    assert near.distance == 5
    window = parse('"xuất khẩu vải"~4')
    assert isinstance(window, Phrase)
    assert window.window == 4


def test_wildcards_keep_their_pattern_in_loose_form() -> None:
    word = parse("Thiề?")
    assert word == Word("thie?", False, "wildcard", None, 1)
    assert parse("đầu*") == Word("dau*", False, "wildcard", None, 1)


ERRORS = [
    ("", "the query is empty"),
    ("   ", "the query is empty"),
    ("Lục Ngạn AND vải NEAR/5", "column 18: NEAR/5 needs a term on its right"),
    ("NEAR/3 vải", "column 1: NEAR needs a term on its left"),
    ("vải NEAR thiều", "column 5: NEAR needs a distance in words, e.g. NEAR/5"),
    ("vải NEAR/0 thiều", "column 5: NEAR/0 takes a distance from 1 to 100"),
    ("vải NEAR/3 (a AND b)", "column 5: NEAR/3 needs terms, phrases or an OR of them"),
    ("(vải OR thiều", "column 1: this '(' is never closed"),
    ("vải)", "column 4: this ')' has no '(' to close"),
    ("()", "column 1: empty parentheses"),
    ('"vải thiều', "column 1: this quote is never closed"),
    ("vải AND", "column 5: AND needs a term on its right"),
    ("vải OR", "column 5: OR needs a term on its right"),
    ("NOT vải", "NOT alone matches almost every article"),
    ("vải OR -thiều", "column 8: this OR has a side with only NOT terms"),
    ("ab*", "column 1: 'ab*': a wildcard needs at least 3 letters before it"),
    ("*abc", "column 1: '*abc': a wildcard needs at least 3 letters"),
    ("北江*", "wildcards work on words, not Chinese or Japanese"),
    ('"vải thi*"', "wildcards are not allowed inside a phrase"),
    ("foo:bar", "column 1: unknown field 'foo:' (fields: title:, text:, site:"),
    ("title: vải", "column 1: title: needs a term right after the colon"),
    ("lang:vietnamese", "lang:vietnamese: a language is a code such as vi"),
    ("country:VNM", "a country is a code such as VN"),
    ("vải - thiều", "column 5: '-' must be written right before the term it excludes"),
    ('"vải"~3', "'~' needs a phrase of at least two words"),
    ("...", "'...' has no letters or digits"),
    ("title:(text:vải)", "column 8: text: inside title: is not allowed"),
    ("a " + "(" * 40 + "b" + ")" * 40, "nested parentheses"),
    ("x" * 2001, "the limit is 2000"),
    (" ".join(f"abc{i}*" for i in range(21)), "more than 20 wildcards"),
]


@pytest.mark.parametrize(("query", "message"), ERRORS)
def test_errors_say_where_and_what(query: str, message: str) -> None:
    with pytest.raises(QueryError) as error:
        parse(query)
    assert message in str(error.value)


@pytest.mark.parametrize(("query", "message"), ERRORS)
def test_errors_carry_a_template_and_its_params(query: str, message: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse(query)
    error = caught.value
    assert error.template % error.params == error.message
    assert error.localized(lambda text: text) == str(error)


def test_a_localized_error_translates_the_template_and_keeps_the_query_verbatim() -> None:
    catalogue = {
        "column %(column)d: %(message)s": "cột %(column)d: %(message)s",
        "%(operator)s needs a term on its right": "%(operator)s cần một từ ở bên phải",
    }
    with pytest.raises(QueryError) as caught:
        parse("Lục Ngạn AND vải NEAR/5")
    error = caught.value
    assert error.params == {"operator": "NEAR/5"}
    assert error.localized(lambda text: catalogue.get(text, text)) == (
        "cột 18: NEAR/5 cần một từ ở bên phải"
    )
    assert str(error) == "column 18: NEAR/5 needs a term on its right"
    with pytest.raises(QueryError) as caught:
        parse("")
    assert caught.value.localized(lambda text: text.upper()) == "THE QUERY IS EMPTY"  # no column


def test_the_parser_does_not_import_django() -> None:
    tree = ast.parse(Path(parser.__file__).read_text(encoding="utf-8"))
    imported = [
        name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for name in (
            [alias.name for alias in node.names]
            if isinstance(node, ast.Import)
            else [node.module or ""]
        )
    ]
    assert imported
    assert not [name for name in imported if name.split(".")[0] == "django"]


def test_render_shows_the_tree() -> None:
    assert render(parse('lục ngạn OR (title:"vải thiều" -=Hoà)')).splitlines() == [
        "OR",
        "  AND",
        "    WORD luc",
        "    WORD ngan",
        "  AND",
        '    PHRASE "vai thieu"  (title)',
        "    NOT",
        "      WORD hòa  (strict)",
    ]


_ALPHABET = st.sampled_from(
    [*list('abcĐđưộ北江박 ()"=-*?:~/'), "AND", "OR", "NOT", "NEAR/3", "ONEAR/2", "title:", "site:"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_ALPHABET, max_size=30).map(" ".join) | st.text(max_size=60))
def test_any_text_parses_or_raises_a_query_error(query: str) -> None:
    try:
        node = parse(query)
    except QueryError as error:
        problem = error
    else:
        assert render(node)
        return
    assert problem.message
    assert 0 <= problem.column <= len(query) + 1


def test_strict_mode_makes_every_term_strict() -> None:
    node = parse('Hoà "Lục Ngạn" invest*', strict=True)
    assert isinstance(node, And)
    hoa, phrase, wildcard = node.children
    assert hoa == Word("hòa", True, "exact", None, 1)
    assert isinstance(phrase, Phrase)
    assert [word.form for word in phrase.words if word.strict] == ["lục", "ngạn"]
    assert wildcard == Word("invest*", True, "wildcard", None, 16)
