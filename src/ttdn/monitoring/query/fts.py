"""Compile a parsed query to a full-text engine's query: SQLite FTS5 or PostgreSQL tsquery.

The compiled expression is a *superset filter*: every document that ``evaluate.matches`` matches,
the expression matches too. ``Compiled.exact`` says that it matches exactly those documents, so a
caller may skip re-checking them; otherwise it re-checks every candidate with ``matches()``.
``expression=None`` means that no text condition could be derived (``lang:vi``, an OR with a
metadata side): the caller scans every document (filtered on metadata columns) and re-checks.

What the engines index
----------------------
Both fields hold the document's loose tokens between single spaces, as written by
``fts_text(doc.title)`` and ``fts_text(doc.text)``: the same string as ``FieldText.joined()``,
except that a token which folds to nothing (a lone kana voicing mark) is written ``đ``, a token no
query term can be (folding turns every đ into d), so that positions stay aligned, and that a
``đ`` is also written between two blocks of a field (its lines: headings, paragraphs, list
items). The evaluator puts a large gap between blocks (``tokens.GAP``); in the index one token
stands for it: enough to keep a phrase inside a block, not a NEAR (see the rules).

SQLite::

    CREATE VIRTUAL TABLE docs USING fts5(title, text, tokenize = "ascii")

(other column names: ``to_fts5(node, columns=(…, …))``).

The ``ascii`` tokenizer splits on ASCII spaces and punctuation only and keeps every non-ASCII
character in tokens, so each of our tokens (letters and digits, already folded and lower case) is
exactly one FTS5 token, the same on the document and the query side: a phrase, a prefix and a NEAR
distance mean what they mean to the evaluator. It is the recommended choice.
``tokenize = "unicode61 remove_diacritics 0"`` works too (``to_fts5(…, tokenizer="unicode61")``):
it drops the tokens that the query language takes from kana punctuation and unassigned code points
of the CJK blocks (a term made of them gives no condition here), folds a few letters together
(ſ → s, ς → σ, µ → μ, some Hebrew marks) and splits a token at a few combining marks, so on text
holding those an *exact* expression may match a little more than the evaluator.

PostgreSQL::

    setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', text), 'B')
        @@ to_tsquery('simple', expression)

The default parser drops some of our tokens (``½``, ``²``, code points unassigned in its Unicode
tables) and words longer than 2,047 bytes; a term with such a character gives no condition here. A
tsvector keeps at most 256 positions of a word and none past 16,383, so phrase operators (``<->``)
can miss a phrase in a very long article (more than 16,383 tokens, or a word of the phrase seen more
than 256 times before it): pass ``phrases=False`` to ``to_tsquery`` to compile phrases as ``&``
when such articles matter.

Rules, and where a rule is inexact (the caller re-checks)
---------------------------------------------------------
- A loose word: the term (``"vai"``; ``'vai'``), exact. A strict word (``=hòa``): its folded form,
  inexact.
- A wildcard: a prefix query on the letters before the first wildcard (``"inv" *``; ``'inv':*``),
  exact when the wildcards are only ``*`` at the end. A Korean word: a prefix query, exact.
- A phrase: FTS5 ``"a b"`` (``"a" + "b" *`` with a Korean word inside), exact; tsquery
  ``'a' <-> 'b'``, inexact (a phrase may run from the title into the text; the limits above).
- ``title:``/``text:``: an FTS5 column filter (``title : "a"``), a tsquery weight (``'a':A``).
- ``a NEAR/n b``: FTS5 ``NEAR(a b, n)``, one per pair of alternatives when a side is an OR;
  inexact, as the index's one token between blocks does not keep a NEAR inside a block (and
  FTS5's NEAR has no order and lets its phrases overlap). Sides that are not words, phrases or an
  OR of them (a nested NEAR, a ``~n`` phrase), or more than 64 pairs: the sides ANDed; tsquery:
  ``a & b`` (it has only exact distances). Sides in different fields (``title:a NEAR/2 text:b``)
  never match.
- ``"a b"~n``: FTS5 ``NEAR("a" "b", n + words - 2)``; tsquery ``a & b``; inexact.
- ``AND``/``OR``/``NOT``: FTS5's NOT is binary, so ``a -b -c`` is ``a NOT (b OR c)``; a NOT
  around an inexact part, and metadata (``site:``, ``lang:``…), give no condition and are inexact.
- Every term is quoted (``"…"``; ``'…'``), so no query yields a syntax error; expressions nested
  deeper than the engines' parsers allow are cut (the deepest parts give no condition, inexact).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Literal

from ttdn.core.text import fold
from ttdn.monitoring.query.ast import And, Meta, Near, Node, Not, Or, Phrase, TextField, Word
from ttdn.monitoring.query.tokens import FieldText

FTS5_TOKENIZE = "ascii"
PLACEHOLDER = "đ"  # what fts_text writes for a token that folds to nothing
MAX_NEAR_PAIRS = 64
_FTS5_MAX_DEPTH = 20  # FTS5's parser stack overflows at about 30 right-nested parentheses
_TSQUERY_MAX_DEPTH = 60
_PG_MAX_WORD_BYTES = 2047


@dataclass(frozen=True)
class Compiled:
    """A full-text expression (None: no text condition) and whether it is exactly the query."""

    expression: str | None
    exact: bool


def fts_text(field: FieldText) -> str:
    """What to index for a field: its loose tokens between single spaces, and ``PLACEHOLDER``
    between two blocks (see the module doc)."""
    tokens = [token or PLACEHOLDER for token in field.loose]
    if isinstance(field.places, range):
        return " ".join(tokens)
    return f" {PLACEHOLDER} ".join(" ".join(tokens[b.start : b.stop]) for b in field.blocks())


def to_fts5(
    node: Node,
    *,
    columns: tuple[str, str] = ("title", "text"),
    tokenizer: Literal["ascii", "unicode61"] = "ascii",
) -> Compiled:
    """Compile ``node`` to an SQLite FTS5 MATCH expression.

    ``columns`` names the table's title and text columns, used in column filters (``title:``);
    ``tokenizer`` is the table's: ``ascii``, or ``unicode61`` (with ``remove_diacritics 0``).
    """
    for column in columns:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", column):
            raise ValueError(f"not a column name for an FTS5 column filter: {column!r}")
    names = dict(zip(("title", "text"), columns, strict=True))
    return _compile(node, _fts5_engine(names, tokenizer), _FTS5_MAX_DEPTH)


def to_tsquery(node: Node, *, phrases: bool = True) -> Compiled:
    """Compile ``node`` to PostgreSQL ``to_tsquery('simple', …)`` text (weights: A title, B text).

    ``phrases=False`` writes phrases as ``&`` instead of ``<->``: a superset even for articles past
    the tsvector's position limits (see the module doc).
    """
    return _compile(node, _TSQUERY if phrases else _TSQUERY_NO_PHRASES, _TSQUERY_MAX_DEPTH)


# ---------------------------------------------------------------------------------------------
# Terms


@dataclass(frozen=True)
class _Term:
    """One token to look for: its loose form, or a prefix of it."""

    text: str
    prefix: bool
    exact: bool  # matches exactly the tokens that the query word matches


def _term(word: Word) -> _Term:
    if word.kind == "wildcard":
        stem = fold(word.stem) if word.strict else word.stem
        rest = word.form[len(word.stem) :]
        return _Term(stem, prefix=True, exact=not word.strict and set(rest) == {"*"})
    form = fold(word.form) if word.strict else word.form
    return _Term(form, prefix=word.kind == "prefix", exact=not word.strict)


# ---------------------------------------------------------------------------------------------
# The engines' expressions, before rendering


@dataclass(frozen=True)
class _Leaf:
    text: str
    depth: int = 0  # parentheses inside the leaf (NEAR groups)


@dataclass(frozen=True)
class _All:
    children: tuple[_Expr, ...]


@dataclass(frozen=True)
class _Any:
    children: tuple[_Expr, ...]


@dataclass(frozen=True)
class _Without:
    """``positive`` and not ``negative``."""

    positive: _Expr
    negative: _Expr


_Expr = _Leaf | _All | _Any | _Without


def _all_of(parts: Sequence[_Expr]) -> _Expr:
    flat: dict[_Expr, None] = {}  # in order, without repeats
    for part in parts:
        flat.update(dict.fromkeys(part.children if isinstance(part, _All) else (part,)))
    return next(iter(flat)) if len(flat) == 1 else _All(tuple(flat))


def _any_of(parts: Sequence[_Expr]) -> _Expr:
    flat: dict[_Expr, None] = {}
    for part in parts:
        flat.update(dict.fromkeys(part.children if isinstance(part, _Any) else (part,)))
    return next(iter(flat)) if len(flat) == 1 else _Any(tuple(flat))


def _depth(expr: _Expr) -> int:
    if isinstance(expr, _Leaf):
        return expr.depth
    children = expr.children if isinstance(expr, _All | _Any) else (expr.positive, expr.negative)
    return 1 + max(_depth(child) for child in children)


# ---------------------------------------------------------------------------------------------
# What a node compiles to


Kind = Literal["pos", "neg", "all", "none"]


@dataclass(frozen=True)
class _Result:
    """``pos``: the node's documents are among ``expr``'s (all of them if ``exact``).
    ``neg``: they are among the documents *not* matching ``expr`` (all of those if ``exact``).
    ``all``: no condition (``exact``: every document matches). ``none``: no document matches.
    """

    kind: Kind
    expr: _Expr | None = None
    exact: bool = True


_NOTHING = _Result("none")
_UNKNOWN = _Result("all", exact=False)


def _negate(result: _Result) -> _Result:
    if result.kind == "none":
        return _Result("all", exact=True)
    if not result.exact:
        return _UNKNOWN
    if result.kind == "all":
        return _NOTHING
    return _Result("neg" if result.kind == "pos" else "pos", result.expr, exact=True)


def _and(results: Sequence[_Result]) -> _Result:
    if any(result.kind == "none" for result in results):
        return _NOTHING
    exact = all(result.exact for result in results)
    positive = [result.expr for result in results if result.kind == "pos" and result.expr]
    negative = [result.expr for result in results if result.kind == "neg" and result.expr]
    if positive and negative:
        return _Result("pos", _Without(_all_of(positive), _any_of(negative)), exact)
    if positive:
        return _Result("pos", _all_of(positive), exact)
    if negative:
        return _Result("neg", _any_of(negative), exact)
    return _Result("all", exact=exact)


def _or(results: Sequence[_Result]) -> _Result:
    results = [result for result in results if result.kind != "none"]
    if not results:
        return _NOTHING
    unknown = [result for result in results if result.kind == "all"]
    if unknown:
        return _Result("all", exact=any(result.exact for result in unknown))
    exact = all(result.exact for result in results)
    positive = [result.expr for result in results if result.kind == "pos" and result.expr]
    negative = [result.expr for result in results if result.kind == "neg" and result.expr]
    if not negative:
        return _Result("pos", _any_of(positive), exact)
    # p ∪ ¬n1 ∪ ¬n2 = ¬((n1 ∩ n2) \ p)
    inner = _all_of(negative)
    if positive:
        inner = _Without(inner, _any_of(positive))
    return _Result("neg", inner, exact)


# ---------------------------------------------------------------------------------------------
# The two engines


@dataclass(frozen=True)
class _Engine:
    phrase: Callable[[Sequence[_Term], TextField | None], str]
    column_filter: Callable[[TextField | None, str], str]  # for a NEAR group
    representable: Callable[[_Term], bool]
    positions_exact: bool  # phrases are exact
    near: Literal["fts5", "and"]
    phrase_joiner: Literal["phrase", "and"]
    render: Callable[[_Expr], str]
    top_negation: Callable[[str], str | None]
    nothing: str


def _compile(node: Node, engine: _Engine, max_depth: int) -> Compiled:
    budget = _node_depth(node)
    while True:
        result = _Compiler(engine, budget).node(node, 0)
        if result.expr is None or _depth(result.expr) <= max_depth or budget == 0:
            break
        budget -= 1
    if result.kind == "none":
        return Compiled(engine.nothing, exact=True)
    if result.expr is None:
        return Compiled(None, exact=False)
    text = engine.render(result.expr)
    if result.kind == "neg":
        negated = engine.top_negation(text)
        return Compiled(negated, result.exact) if negated else Compiled(None, exact=False)
    return Compiled(text, result.exact)


def _node_depth(node: Node) -> int:
    if isinstance(node, And | Or):
        return 1 + max(_node_depth(child) for child in node.children)
    if isinstance(node, Not):
        return 1 + _node_depth(node.child)
    if isinstance(node, Near):
        return 1 + max(_node_depth(node.left), _node_depth(node.right))
    return 0


@dataclass(frozen=True)
class _Alternative:
    """One side of a NEAR, or one branch of an OR on that side: words next to each other."""

    terms: tuple[_Term, ...]
    field: TextField | None


class _Compiler:
    def __init__(self, engine: _Engine, budget: int) -> None:
        self.engine = engine
        self.budget = budget

    def node(self, node: Node, depth: int) -> _Result:
        if isinstance(node, Meta):
            return _UNKNOWN
        if isinstance(node, Word):
            return self.words((node,), node.field)
        if isinstance(node, Phrase):
            if node.window is not None:
                return self.window(node)
            return self.words(node.words, node.field)
        if depth >= self.budget:
            return _UNKNOWN
        if isinstance(node, Not):
            return _negate(self.node(node.child, depth + 1))
        if isinstance(node, And):
            return _and([self.node(child, depth + 1) for child in node.children])
        if isinstance(node, Or):
            return _or([self.node(child, depth + 1) for child in node.children])
        return self.near(node, depth)

    def words(self, words: Sequence[Word], field: TextField | None) -> _Result:
        """Words next to each other: a phrase, split where a term cannot be written."""
        terms = [_term(word) for word in words]
        segments: list[list[_Term]] = [[]]
        for term in terms:
            if self.engine.representable(term):
                segments[-1].append(term)
            elif segments[-1]:
                segments.append([])
        segments = [segment for segment in segments if segment]
        if not segments:
            return _UNKNOWN
        if self.engine.phrase_joiner == "and":
            segments = [[term] for segment in segments for term in segment]
        exact = (
            len(segments) == 1
            and len(segments[0]) == len(terms)
            and all(term.exact for term in terms)
            and (len(terms) == 1 or self.engine.positions_exact)
        )
        leaves = [_Leaf(self.engine.phrase(segment, field)) for segment in segments]
        return _Result("pos", _all_of(leaves), exact)

    def window(self, phrase: Phrase) -> _Result:
        terms = [_term(word) for word in phrase.words]
        if self.engine.near == "fts5" and all(map(self.engine.representable, terms)):
            groups = " ".join(self.engine.phrase([term], None) for term in terms)
            distance = (phrase.window or 0) + len(terms) - 2
            group = self.engine.column_filter(phrase.field, f"NEAR({groups}, {distance})")
            return _Result("pos", _Leaf(group, depth=1), exact=False)
        words = _and([self.words((word,), phrase.field) for word in phrase.words])
        return _Result(words.kind, words.expr, exact=False) if words.kind != "none" else words

    def near(self, node: Near, depth: int) -> _Result:
        left, right = _alternatives(node.left), _alternatives(node.right)
        usable = (
            self.engine.near == "fts5"
            and left is not None
            and right is not None
            and len(left) * len(right) <= MAX_NEAR_PAIRS
            and all(self.engine.representable(t) for alt in (*left, *right) for t in alt.terms)
        )
        if not usable or left is None or right is None:
            sides = _and([self.node(node.left, depth + 1), self.node(node.right, depth + 1)])
            return _Result(sides.kind, sides.expr, exact=False) if sides.kind != "none" else sides
        groups: list[_Expr] = []
        for a in left:
            for b in right:
                if a.field and b.field and a.field != b.field:
                    continue  # the two sides are in different fields: never near
                pair = f"{self.engine.phrase(a.terms, None)} {self.engine.phrase(b.terms, None)}"
                group = f"NEAR({pair}, {node.distance})"
                groups.append(_Leaf(self.engine.column_filter(a.field or b.field, group), depth=1))
        if not groups:
            return _NOTHING
        # Never exact: the index has one placeholder between two blocks where the evaluator has
        # GAP places, so FTS5 also finds a pair across a block boundary (and FTS5 lets NEAR's
        # phrases overlap, and has no order). The caller re-checks.
        return _Result("pos", _any_of(groups), exact=False)


def _alternatives(node: Node) -> list[_Alternative] | None:
    """A NEAR side as words-next-to-each-other alternatives; None if it is not that simple."""
    if isinstance(node, Word):
        return [_Alternative((_term(node),), node.field)]
    if isinstance(node, Phrase) and node.window is None:
        return [_Alternative(tuple(_term(word) for word in node.words), node.field)]
    if isinstance(node, Or):
        found: list[_Alternative] = []
        for child in node.children:
            alternatives = _alternatives(child)
            if alternatives is None:
                return None
            found.extend(alternatives)
        return found
    return None


# ---------------------------------------------------------------------------------------------
# SQLite FTS5


def _fts5_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _fts5_phrase(terms: Sequence[_Term]) -> str:
    pieces: list[str] = []
    run: list[str] = []
    for term in terms:
        run.append(term.text)
        if term.prefix:
            pieces.append(_fts5_string(" ".join(run)) + " *")
            run = []
    if run:
        pieces.append(_fts5_string(" ".join(run)))
    return " + ".join(pieces)


def _fts5_render(expr: _Expr) -> str:
    if isinstance(expr, _Leaf):
        return expr.text
    if isinstance(expr, _Without):
        return f"{_fts5_operand(expr.positive)} NOT {_fts5_operand(expr.negative)}"
    joiner = " AND " if isinstance(expr, _All) else " OR "
    return joiner.join(_fts5_operand(child) for child in expr.children)


def _fts5_operand(expr: _Expr) -> str:
    text = _fts5_render(expr)
    return text if isinstance(expr, _Leaf) else f"({text})"


def _unicode61_representable(term: _Term) -> bool:
    """Whether unicode61 keeps the term's characters (it drops punctuation, symbols, unassigned)."""
    return bool(term.text) and all(unicodedata.category(char)[0] in "LNM" for char in term.text)


def _fts5_engine(columns: dict[str, str], tokenizer: str) -> _Engine:
    def column_filter(field: TextField | None, text: str) -> str:
        return f"{columns[field]} : {text}" if field else text

    if tokenizer not in ("ascii", "unicode61"):
        raise ValueError(f"unknown FTS5 tokenizer: {tokenizer!r} (ascii or unicode61)")
    return _Engine(
        phrase=lambda terms, field: column_filter(field, _fts5_phrase(terms)),
        column_filter=column_filter,
        representable=_unicode61_representable
        if tokenizer == "unicode61"
        else lambda term: bool(term.text),
        positions_exact=True,
        near="fts5",
        phrase_joiner="phrase",
        render=_fts5_render,
        top_negation=lambda text: None,  # FTS5 has no unary NOT
        nothing='"a" NOT "a"',
    )


# ---------------------------------------------------------------------------------------------
# PostgreSQL tsquery


def _pg_representable(term: _Term) -> bool:
    """Whether the default parser keeps the term as one lexeme, unchanged."""
    if not term.text or len(term.text.encode()) > _PG_MAX_WORD_BYTES:
        return False
    return all(
        unicodedata.category(char)[0] in "LM" or unicodedata.category(char) == "Nd"
        for char in term.text
    )


def _tsquery_term(term: _Term, field: TextField | None) -> str:
    quoted = "'" + term.text.replace("\\", "\\\\").replace("'", "''") + "'"
    marks = ("*" if term.prefix else "") + ({"title": "A", "text": "B"}[field] if field else "")
    return f"{quoted}:{marks}" if marks else quoted


def _tsquery_phrase(terms: Sequence[_Term], field: TextField | None) -> str:
    return " <-> ".join(_tsquery_term(term, field) for term in terms)


def _tsquery_render(expr: _Expr) -> str:
    if isinstance(expr, _Leaf):
        return expr.text
    if isinstance(expr, _Without):
        return f"{_tsquery_operand(expr.positive)} & !{_tsquery_operand(expr.negative)}"
    joiner = " & " if isinstance(expr, _All) else " | "
    return joiner.join(_tsquery_operand(child) for child in expr.children)


def _tsquery_operand(expr: _Expr) -> str:
    text = _tsquery_render(expr)
    simple = isinstance(expr, _Leaf) and " " not in text
    return text if simple else f"({text})"


_TSQUERY = _Engine(
    phrase=_tsquery_phrase,
    column_filter=lambda field, text: text,  # tsquery has no NEAR groups
    representable=_pg_representable,
    positions_exact=False,
    near="and",
    phrase_joiner="phrase",
    render=_tsquery_render,
    top_negation=lambda text: f"!({text})",
    nothing="'a' & !'a'",
)
_TSQUERY_NO_PHRASES = replace(_TSQUERY, phrase_joiner="and")


# ---------------------------------------------------------------------------------------------
# Word pairs: an accelerator for phrases
#
# Vietnamese words are made of syllables that are each very common ("Lục Ngạn" is luc + ngan),
# so a phrase's words alone select most of a large archive and the engine must then check
# positions in every one of those articles. Each article therefore also indexes its pairs of
# neighbouring tokens as single tokens ("lucđngan"; ``đ`` never occurs in a folded token, and
# both engines keep it inside a token). A phrase implies its pairs, so ANDing them to the
# compiled query keeps it a superset (and exact when it was), while the engine starts from the
# rare pair instead of the common syllables. Chinese and Japanese benefit the same way: their
# characters are tokens, their pairs are bigrams.

PAIR_JOINER = "đ"
# "all"/"any": every / one of the parts; "seq": the pairs of a phrase, next to each other in order
# (on SQLite a phrase of pairs: far cheaper for FTS5 than the same pairs ANDed).
PairExpr = tuple[Literal["all", "any", "seq"], tuple["PairExpr | str", ...]]


def pairs_text(*fields: FieldText) -> str:
    """What to index in the pairs column: the neighbouring loose tokens of each block of each
    field, joined; ``PLACEHOLDER`` between two blocks (no pair crosses a block boundary)."""
    runs: list[str] = []
    for field_text in fields:
        tokens = [token or PLACEHOLDER for token in field_text.loose]
        for block in field_text.blocks():
            pairs = pairwise(tokens[block.start : block.stop])
            runs.append(" ".join(a + PAIR_JOINER + b for a, b in pairs))
    return f" {PLACEHOLDER} ".join(run for run in runs if run)


def pair_filter(node: Node) -> PairExpr | str | None:
    """Pairs an article must contain for ``node`` to match it; None when nothing is implied."""
    if isinstance(node, Phrase):
        if node.window is not None or any(word.kind != "exact" for word in node.words):
            return None
        forms = [fold(word.form) if word.strict else word.form for word in node.words]
        pairs = [a + PAIR_JOINER + b for a, b in pairwise(forms) if a and b]
        if not pairs:
            return None
        if len(pairs) != len(forms) - 1:  # an empty form: the pairs are not all neighbours
            return pairs[0] if len(pairs) == 1 else ("all", tuple(dict.fromkeys(pairs)))
        return pairs[0] if len(pairs) == 1 else ("seq", tuple(pairs))
    if isinstance(node, Near):
        return _pairs_all([pair_filter(node.left), pair_filter(node.right)])
    if isinstance(node, And):
        return _pairs_all([pair_filter(child) for child in node.children])
    if isinstance(node, Or):
        return _pairs_any([pair_filter(child) for child in node.children])
    return None  # a word, NOT, metadata: no pair is implied


def _pairs_any(options: list[PairExpr | str | None]) -> PairExpr | str | None:
    if any(option is None for option in options):
        return None  # an option that implies no pair: the OR implies none
    unique = tuple(dict.fromkeys(option for option in options if option is not None))
    return unique[0] if len(unique) == 1 else ("any", unique)


def _pairs_all(parts: list[PairExpr | str | None]) -> PairExpr | str | None:
    kept = tuple(dict.fromkeys(part for part in parts if part is not None))
    if not kept:
        return None
    return kept[0] if len(kept) == 1 else ("all", kept)


def fts5_pairs(expr: PairExpr | str, column: str) -> str:
    """The pair filter as an FTS5 expression on ``column``."""
    if isinstance(expr, str):
        return f"{column} : {_fts5_string(expr)}"
    if expr[0] == "seq":
        return f"{column} : {_fts5_string(' '.join(str(part) for part in expr[1]))}"
    operator = " AND " if expr[0] == "all" else " OR "
    return "(" + operator.join(fts5_pairs(part, column) for part in expr[1]) + ")"


def tsquery_pairs(expr: PairExpr | str) -> str:
    """The pair filter as tsquery text.

    No weight: a pair token (``ađb``) never occurs in the title or text vectors (folded tokens
    have no ``đ``; the placeholder is ``đ`` alone), and a lexeme without weight lets GIN answer
    without re-reading each row's vector.
    """
    if isinstance(expr, str):
        return "'" + expr.replace("\\", "\\\\").replace("'", "''") + "'"
    operator = " | " if expr[0] == "any" else " & "  # GIN has no positions: "seq" as "all"
    return "(" + operator.join(tsquery_pairs(part) for part in expr[1]) + ")"


def exact_pairs(node: Node) -> PairExpr | str | None:
    """The pairs that say exactly whether ``node`` matches, if there are such.

    A loose two-word phrase in any field ("du lịch", 出口) matches exactly the articles whose
    pairs column holds its pair: neighbours in the title or in the text. Common subjects are
    such phrases, and their syllables are the commonest of all.
    """
    if isinstance(node, Phrase):
        loose = not any(word.strict for word in node.words)
        if node.window is None and node.field is None and len(node.words) == 2 and loose:
            return pair_filter(node)  # its one pair, or None (a wildcard, an empty form)
        return None
    if isinstance(node, Or):
        return _pairs_any([exact_pairs(child) for child in node.children])
    return None


def with_pairs(compiled: Compiled, node: Node, *, engine: str, column: str = "") -> Compiled:
    """``compiled`` ANDed with the pairs ``node`` implies (same documents, found faster), or
    the pairs alone where they are exact (``exact_pairs``)."""
    if compiled.expression is None:
        return compiled
    exact = exact_pairs(node)
    if exact is not None:
        if engine == "postgresql":
            return Compiled(tsquery_pairs(exact), True)
        return Compiled(fts5_pairs(exact, column), True)
    pairs = pair_filter(node)
    if pairs is None:
        return compiled
    if engine == "postgresql":
        extra = tsquery_pairs(pairs)
        return Compiled(f"({compiled.expression}) & {extra}", compiled.exact)
    # The pairs first: FTS5 then starts from them rather than from the common syllables.
    return Compiled(f"{fts5_pairs(pairs, column)} AND ({compiled.expression})", compiled.exact)
