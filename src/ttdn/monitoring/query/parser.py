"""The query language: text → tree, with messages that say where and what.

Grammar (highest precedence last)::

    query    := or
    or       := and ("OR" and)*
    and      := unary (["AND"] unary)*          adjacent terms are ANDed
    unary    := ("NOT" | "-") unary | near
    near     := primary (("NEAR/n" | "ONEAR/n") primary)*
    primary  := "(" or ")" | ("title:" | "text:") primary | META:value | ["="] term | ["="] phrase
    phrase   := '"' words '"' ["~" n]

See docs/monitoring/queries.md for the user's guide.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal, cast

from ttdn.monitoring.query.ast import (
    And,
    Meta,
    MetaField,
    Near,
    Node,
    Not,
    Or,
    Phrase,
    TextField,
    Word,
    is_positional,
)
from ttdn.monitoring.query.tokens import forms, is_cjk, is_hangul, words

MAX_LENGTH = 2000
MAX_WILDCARDS = 20
MIN_STEM = 3
MAX_DEPTH = 30
MAX_DISTANCE = 100
TEXT_FIELDS = ("title", "text")
META_FIELDS = ("site", "url", "lang", "country", "source")
_QUOTES = {'"': '"', "“": "”", "„": "”", "”": "”"}
_OPERATOR = re.compile(r"(AND|OR|NOT|NEAR|ONEAR)(?:/(\S*))?\Z")
_FIELD = re.compile(r"([A-Za-z]+):(.*)\Z", re.DOTALL)
_BREAK = set("()") | set(_QUOTES)


class QueryError(ValueError):
    """A query that cannot be used; ``column`` is 1-based, or 0 for the whole query."""

    def __init__(self, message: str, column: int = 0) -> None:
        self.message = message
        self.column = column
        super().__init__(f"column {column}: {message}" if column else message)


Kind = Literal["(", ")", "op", "field", "meta", "word", "phrase", "minus", "end"]


@dataclass(frozen=True)
class Lexeme:
    kind: Kind
    text: str
    column: int
    strict: bool = False
    window: int | None = None
    distance: int = 0


def lex(query: str) -> list[Lexeme]:
    out: list[Lexeme] = []
    i, n = 0, len(query)
    while i < n:
        char = query[i]
        column = i + 1
        if char.isspace():
            i += 1
        elif char in "()":
            out.append(Lexeme(cast(Kind, char), char, column))
            i += 1
        elif char == "-" and (i + 1 >= n or query[i + 1].isspace()):
            raise QueryError("'-' must be written right before the term it excludes", column)
        elif char == "-" and (not out or out[-1].kind != "field"):
            out.append(Lexeme("minus", char, column))
            i += 1
        elif char in _QUOTES or (char == "=" and i + 1 < n and query[i + 1] in _QUOTES):
            strict = char == "="
            start = i + 1 if strict else i
            close = _QUOTES[query[start]]
            end = query.find(close, start + 1)
            if end < 0 and close != '"':
                end = query.find('"', start + 1)
            if end < 0:
                raise QueryError("this quote is never closed", start + 1)
            text = query[start + 1 : end]
            i = end + 1
            window = None
            if i < n and query[i] == "~":
                digits = re.match(r"\d+", query[i + 1 :])
                if not digits:
                    raise QueryError("'~' after a phrase needs a number of words, e.g. ~5", i + 1)
                window = _distance(int(digits.group(0)), i + 1, "~")
                i += 1 + len(digits.group(0))
            out.append(Lexeme("phrase", text, column, strict=strict, window=window))
        else:
            j = i
            while j < n and not query[j].isspace() and query[j] not in _BREAK:
                j += 1
            text = query[i:j]
            field = _FIELD.match(text)
            operator = _OPERATOR.match(text)
            if operator:
                out.append(_operator(operator, text, column))
                i = j
            elif field and field.group(1).lower() in TEXT_FIELDS and not field.group(2):
                if j >= n or query[j].isspace():
                    raise QueryError(f"{text} needs a term right after the colon", column)
                out.append(Lexeme("field", field.group(1).lower(), column))
                i = j
            elif field and field.group(1).lower() in TEXT_FIELDS:
                # title:word — the field, then the word lexed on its own.
                out.append(Lexeme("field", field.group(1).lower(), column))
                i = i + len(field.group(1)) + 1
            elif field and field.group(1).lower() in META_FIELDS:
                value = field.group(2)
                if not value:
                    raise QueryError(f"{text} needs a value right after the colon", column)
                out.append(Lexeme("meta", field.group(1).lower() + ":" + value, column))
                i = j
            elif field and field.group(1).isascii() and field.group(2):
                known = ", ".join(f"{name}:" for name in (*TEXT_FIELDS, *META_FIELDS))
                raise QueryError(f"unknown field '{field.group(1)}:' (fields: {known})", column)
            else:
                out.append(Lexeme("word", text, column))
                i = j
    out.append(Lexeme("end", "", n + 1))
    return out


def _distance(value: int, column: int, name: str) -> int:
    if not 1 <= value <= MAX_DISTANCE:
        raise QueryError(f"{name} takes a distance from 1 to {MAX_DISTANCE}", column)
    return value


def _operator(match: re.Match[str], text: str, column: int) -> Lexeme:
    name, argument = match.group(1), match.group(2)
    if name in ("NEAR", "ONEAR"):
        if not argument or not argument.isdigit():
            raise QueryError(f"{name} needs a distance in words, e.g. {name}/5", column)
        return Lexeme("op", name, column, distance=_distance(int(argument), column, text))
    if argument is not None:
        raise QueryError(f"'{text}' is not an operator; did you mean {name}?", column)
    return Lexeme("op", name, column)


class _Parser:
    def __init__(self, lexemes: list[Lexeme], *, strict: bool = False) -> None:
        self.lexemes = lexemes
        self.strict = strict
        self.at = 0
        self.depth = 0
        self.wildcards = 0
        self.field: TextField | None = None  # inside title: or text:

    @property
    def peek(self) -> Lexeme:
        return self.lexemes[self.at]

    def kind(self) -> Kind:
        return self.lexemes[self.at].kind

    def take(self) -> Lexeme:
        lexeme = self.lexemes[self.at]
        self.at += 1
        return lexeme

    def is_op(self, name: str) -> bool:
        return self.kind() == "op" and self.peek.text == name

    def parse(self) -> Node:
        if self.kind() == "end":
            raise QueryError("the query is empty")
        node = self.or_()
        if self.kind() == ")":
            raise QueryError("this ')' has no '(' to close", self.peek.column)
        if self.kind() != "end":  # pragma: no cover - every other lexeme starts a unary
            raise QueryError(f"unexpected '{self.peek.text}'", self.peek.column)
        return node

    def or_(self) -> Node:
        first = self.and_()
        children = [first]
        while self.is_op("OR"):
            operator = self.take()
            if self._ends_operand():
                raise QueryError("OR needs a term on its right", operator.column)
            children.append(self.and_())
        return first if len(children) == 1 else Or(tuple(children), _column(first))

    def and_(self) -> Node:
        first = self.unary()
        children = [first]
        while True:
            if self.is_op("AND"):
                operator = self.take()
                if self._ends_operand():
                    raise QueryError("AND needs a term on its right", operator.column)
            elif self.kind() in ("end", ")") or self.is_op("OR"):
                break
            elif self.kind() == "op" and self.peek.text in ("NEAR", "ONEAR"):
                raise QueryError(f"{self.peek.text} needs a term on its left", self.peek.column)
            children.append(self.unary())
        return first if len(children) == 1 else And(tuple(children), _column(first))

    def unary(self) -> Node:
        if self.is_op("NOT") or self.kind() == "minus":
            operator = self.take()
            name = "NOT" if operator.kind == "op" else "'-'"
            if self._ends_operand():
                raise QueryError(f"{name} needs a term on its right", operator.column)
            return Not(self.unary(), operator.column)
        return self.near()

    def near(self) -> Node:
        left = self.primary()
        while self.kind() == "op" and self.peek.text in ("NEAR", "ONEAR"):
            operator = self.take()
            label = f"{operator.text}/{operator.distance}"
            if self._ends_operand() or self.is_op("NOT") or self.kind() == "minus":
                raise QueryError(f"{label} needs a term on its right", operator.column)
            right = self.primary()
            for side, node in (("left", left), ("right", right)):
                if not is_positional(node):
                    raise QueryError(
                        f"{label} needs terms, phrases or an OR of them on its {side}",
                        operator.column,
                    )
            left = Near(left, right, operator.distance, operator.text == "ONEAR", _column(left))
        return left

    def _ends_operand(self) -> bool:
        return self.kind() in ("end", ")") or (
            self.kind() == "op" and self.peek.text in ("AND", "OR", "NEAR", "ONEAR")
        )

    def primary(self) -> Node:
        field = self.field
        lexeme = self.take()
        if lexeme.kind == "(":
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise QueryError(f"more than {MAX_DEPTH} nested parentheses", lexeme.column)
            if self.kind() == ")":
                raise QueryError("empty parentheses", lexeme.column)
            node = self.or_()
            if self.kind() != ")":
                raise QueryError("this '(' is never closed", lexeme.column)
            self.take()
            self.depth -= 1
            return node
        if lexeme.kind == "field":
            if field is not None:
                raise QueryError(f"{lexeme.text}: inside {field}: is not allowed", lexeme.column)
            if self.kind() not in ("(", "word", "phrase"):
                raise QueryError(
                    f"{lexeme.text}: needs a term right after the colon", lexeme.column
                )
            self.field = cast(TextField, lexeme.text)
            try:
                return self.primary()
            finally:
                self.field = None
        if lexeme.kind == "meta":
            if field is not None:
                raise QueryError(f"{lexeme.text} inside {field}: is not allowed", lexeme.column)
            name, value = lexeme.text.split(":", 1)
            return _meta(cast(MetaField, name), value, lexeme.column)
        if lexeme.kind == "word":
            return self._word(lexeme, field)
        if lexeme.kind == "phrase":
            return self._phrase(lexeme, field)
        if lexeme.kind == ")":
            raise QueryError("this ')' has no '(' to close", lexeme.column)
        if lexeme.kind == "end":
            raise QueryError("the query ends where a term is expected", lexeme.column)
        raise QueryError(f"{lexeme.text} needs a term on its left", lexeme.column)

    def _word(self, lexeme: Lexeme, field: TextField | None) -> Node:
        text = unicodedata.normalize("NFC", lexeme.text)
        marked = text.startswith("=")
        if marked:
            text = text[1:]
        strict = marked or self.strict
        if not text:
            raise QueryError("'=' must be written right before a term or a phrase", lexeme.column)
        if "*" in text or "?" in text:
            return self._wildcard(text, strict, field, lexeme.column)
        return _terms(text, strict, field, lexeme.column, window=None)

    def _wildcard(self, text: str, strict: bool, field: TextField | None, column: int) -> Word:
        self.wildcards += text.count("*") + text.count("?")
        if self.wildcards > MAX_WILDCARDS:
            raise QueryError(f"more than {MAX_WILDCARDS} wildcards in one query", column)
        if any(is_cjk(char) for char in text):
            raise QueryError(f"'{text}': wildcards work on words, not Chinese or Japanese", column)
        stem = re.split(r"[*?]", text, maxsplit=1)[0]
        letters = [char for char in stem if char.isalnum()]
        if len(letters) < MIN_STEM or len(letters) != len(stem):
            raise QueryError(
                f"'{text}': a wildcard needs at least {MIN_STEM} letters before it", column
            )
        pieces = re.split(r"([*?])", text)
        if any(piece and piece not in "*?" and not piece.isalnum() for piece in pieces):
            raise QueryError(f"'{text}': a wildcard term is a single word", column)
        form = "".join(
            piece if piece in ("*", "?", "") else forms(piece)[0 if strict else 1]
            for piece in pieces
        )
        return Word(form, strict, "wildcard", field, column)

    def _phrase(self, lexeme: Lexeme, field: TextField | None) -> Node:
        text = unicodedata.normalize("NFC", lexeme.text)
        if "*" in text or "?" in text:
            raise QueryError("wildcards are not allowed inside a phrase", lexeme.column)
        strict = lexeme.strict or self.strict
        return _terms(text, strict, field, lexeme.column, window=lexeme.window)


def _terms(
    text: str, strict: bool, field: TextField | None, column: int, window: int | None
) -> Node:
    found = words(text)
    if not found:
        raise QueryError(f"'{text}' has no letters or digits", column)
    parts = tuple(
        Word(
            forms(word)[0 if strict else 1],
            strict,
            "prefix" if is_hangul(word) else "exact",
            field,
            column,
        )
        for word, _, _ in found
    )
    if window is not None and len(parts) < 2:
        raise QueryError("'~' needs a phrase of at least two words", column)
    if len(parts) == 1:
        return parts[0]
    return Phrase(parts, window, field, column)


def _meta(name: MetaField, value: str, column: int) -> Meta:
    value = value.strip()
    if name == "lang":
        value = value.lower()
        if not re.fullmatch(r"[a-z]{2,3}", value):
            raise QueryError(f"lang:{value}: a language is a code such as vi, en, zh", column)
    elif name == "country":
        value = value.upper()
        if not re.fullmatch(r"[A-Z]{2}", value):
            raise QueryError(f"country:{value}: a country is a code such as VN, CN, US", column)
    elif name == "site":
        value = value.lower().removeprefix("www.").strip("/")
        if "/" in value or not value:
            raise QueryError(f"site:{value}: give a host such as baobacninh.vn", column)
    else:
        value = value.lower()
    return Meta(name, value, column)


def _column(node: Node) -> int:
    return node.column


def _check_positive(node: Node) -> None:
    """Refuse queries that would match almost everything (only NOT terms)."""
    if not _positive(node):
        raise QueryError(
            "the query needs a term that must appear; NOT alone matches almost every article",
            node.column,
        )


def _positive(node: Node) -> bool:
    if isinstance(node, Not):
        return False
    if isinstance(node, And):
        return any(_positive(child) for child in node.children)
    if isinstance(node, Or):
        for child in node.children:
            if not _positive(child):
                raise QueryError(
                    "this OR has a side with only NOT terms; it would match almost every article",
                    child.column,
                )
        return True
    return True


def parse(query: str, *, strict: bool = False) -> Node:
    """Parse ``query``; raise ``QueryError`` naming the column and the problem.

    ``strict`` makes every term strict (search's "exact diacritics" mode), as if written ``=term``.
    """
    if len(query) > MAX_LENGTH:
        raise QueryError(f"the query is {len(query)} characters long; the limit is {MAX_LENGTH}")
    if "\x00" in query:
        raise QueryError("the query contains a NUL character", query.index("\x00") + 1)
    try:
        node = _Parser(lex(query), strict=strict).parse()
    except RecursionError:  # pragma: no cover - MAX_DEPTH keeps far below the limit
        raise QueryError("the query is nested too deeply") from None
    _check_positive(node)
    return node
