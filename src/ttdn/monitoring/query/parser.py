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
from collections.abc import Callable
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


def gettext_noop(text: str) -> str:
    """Mark ``text`` for makemessages without importing Django: the UI translates it later."""
    return text


_AT_COLUMN = gettext_noop("column %(column)d: %(message)s")


class QueryError(ValueError):
    """A query that cannot be used; ``column`` is 1-based, or 0 for the whole query.

    ``template`` is the English message with ``%(name)s`` placeholders, marked for translation;
    ``params`` fill it (pieces of the query, kept verbatim, and limits); ``message`` is the two
    put together. ``str(error)`` is the English text; ``localized(gettext)`` the translated one.
    """

    def __init__(self, template: str, column: int = 0, /, **params: str | int) -> None:
        self.template = template
        self.params: dict[str, str | int] = params
        self.column = column
        self.message = _fill(template, params)
        super().__init__(self.localized(lambda text: text))

    def localized(self, translate: Callable[[str], str]) -> str:
        """The message in the language of ``translate`` (e.g. Django's ``gettext``)."""
        message = _fill(translate(self.template), self.params)
        if not self.column:
            return message
        return translate(_AT_COLUMN) % {"column": self.column, "message": message}


def _fill(template: str, params: dict[str, str | int]) -> str:
    return template % params if params else template


# Templates raised from several places.
_NEEDS_RIGHT = gettext_noop("%(operator)s needs a term on its right")
_NEEDS_LEFT = gettext_noop("%(operator)s needs a term on its left")
_POSITIONAL_LEFT = gettext_noop("%(operator)s needs terms, phrases or an OR of them on its left")
_POSITIONAL_RIGHT = gettext_noop("%(operator)s needs terms, phrases or an OR of them on its right")
_INSIDE = gettext_noop("%(inner)s inside %(outer)s is not allowed")


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
            raise QueryError(
                gettext_noop("'-' must be written right before the term it excludes"), column
            )
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
                raise QueryError(gettext_noop("this quote is never closed"), start + 1)
            text = query[start + 1 : end]
            i = end + 1
            window = None
            if i < n and query[i] == "~":
                digits = re.match(r"\d+", query[i + 1 :])
                if not digits:
                    raise QueryError(
                        gettext_noop("'~' after a phrase needs a number of words, e.g. ~5"), i + 1
                    )
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
                    raise QueryError(
                        gettext_noop("%(field)s needs a term right after the colon"),
                        column,
                        field=text,
                    )
                out.append(Lexeme("field", field.group(1).lower(), column))
                i = j
            elif field and field.group(1).lower() in TEXT_FIELDS:
                # title:word — the field, then the word lexed on its own.
                out.append(Lexeme("field", field.group(1).lower(), column))
                i = i + len(field.group(1)) + 1
            elif field and field.group(1).lower() in META_FIELDS:
                value = field.group(2)
                if not value:
                    raise QueryError(
                        gettext_noop("%(field)s needs a value right after the colon"),
                        column,
                        field=text,
                    )
                out.append(Lexeme("meta", field.group(1).lower() + ":" + value, column))
                i = j
            elif field and field.group(1).isascii() and field.group(2):
                known = ", ".join(f"{name}:" for name in (*TEXT_FIELDS, *META_FIELDS))
                raise QueryError(
                    gettext_noop("unknown field '%(field)s' (fields: %(fields)s)"),
                    column,
                    field=field.group(1) + ":",
                    fields=known,
                )
            else:
                out.append(Lexeme("word", text, column))
                i = j
    out.append(Lexeme("end", "", n + 1))
    return out


def _distance(value: int, column: int, name: str) -> int:
    if not 1 <= value <= MAX_DISTANCE:
        raise QueryError(
            gettext_noop("%(operator)s takes a distance from 1 to %(limit)d"),
            column,
            operator=name,
            limit=MAX_DISTANCE,
        )
    return value


def _operator(match: re.Match[str], text: str, column: int) -> Lexeme:
    name, argument = match.group(1), match.group(2)
    if name in ("NEAR", "ONEAR"):
        if not argument or not argument.isdigit():
            raise QueryError(
                gettext_noop("%(operator)s needs a distance in words, e.g. %(operator)s/5"),
                column,
                operator=name,
            )
        return Lexeme("op", name, column, distance=_distance(int(argument), column, text))
    if argument is not None:
        raise QueryError(
            gettext_noop("'%(text)s' is not an operator; did you mean %(operator)s?"),
            column,
            text=text,
            operator=name,
        )
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
            raise QueryError(gettext_noop("the query is empty"))
        node = self.or_()
        if self.kind() == ")":
            raise QueryError(gettext_noop("this ')' has no '(' to close"), self.peek.column)
        if self.kind() != "end":  # pragma: no cover - every other lexeme starts a unary
            raise QueryError(
                gettext_noop("unexpected '%(text)s'"), self.peek.column, text=self.peek.text
            )
        return node

    def or_(self) -> Node:
        first = self.and_()
        children = [first]
        while self.is_op("OR"):
            operator = self.take()
            if self._ends_operand():
                raise QueryError(_NEEDS_RIGHT, operator.column, operator="OR")
            children.append(self.and_())
        return first if len(children) == 1 else Or(tuple(children), _column(first))

    def and_(self) -> Node:
        first = self.unary()
        children = [first]
        while True:
            if self.is_op("AND"):
                operator = self.take()
                if self._ends_operand():
                    raise QueryError(_NEEDS_RIGHT, operator.column, operator="AND")
            elif self.kind() in ("end", ")") or self.is_op("OR"):
                break
            elif self.kind() == "op" and self.peek.text in ("NEAR", "ONEAR"):
                raise QueryError(_NEEDS_LEFT, self.peek.column, operator=self.peek.text)
            children.append(self.unary())
        return first if len(children) == 1 else And(tuple(children), _column(first))

    def unary(self) -> Node:
        if self.is_op("NOT") or self.kind() == "minus":
            operator = self.take()
            name = "NOT" if operator.kind == "op" else "'-'"
            if self._ends_operand():
                raise QueryError(_NEEDS_RIGHT, operator.column, operator=name)
            return Not(self.unary(), operator.column)
        return self.near()

    def near(self) -> Node:
        left = self.primary()
        while self.kind() == "op" and self.peek.text in ("NEAR", "ONEAR"):
            operator = self.take()
            label = f"{operator.text}/{operator.distance}"
            if self._ends_operand() or self.is_op("NOT") or self.kind() == "minus":
                raise QueryError(_NEEDS_RIGHT, operator.column, operator=label)
            right = self.primary()
            for template, node in ((_POSITIONAL_LEFT, left), (_POSITIONAL_RIGHT, right)):
                if not is_positional(node):
                    raise QueryError(template, operator.column, operator=label)
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
                raise QueryError(
                    gettext_noop("more than %(limit)d nested parentheses"),
                    lexeme.column,
                    limit=MAX_DEPTH,
                )
            if self.kind() == ")":
                raise QueryError(gettext_noop("empty parentheses"), lexeme.column)
            node = self.or_()
            if self.kind() != ")":
                raise QueryError(gettext_noop("this '(' is never closed"), lexeme.column)
            self.take()
            self.depth -= 1
            return node
        if lexeme.kind == "field":
            if field is not None:
                raise QueryError(_INSIDE, lexeme.column, inner=lexeme.text + ":", outer=field + ":")
            if self.kind() not in ("(", "word", "phrase"):
                raise QueryError(
                    gettext_noop("%(field)s needs a term right after the colon"),
                    lexeme.column,
                    field=lexeme.text + ":",
                )
            self.field = cast(TextField, lexeme.text)
            try:
                return self.primary()
            finally:
                self.field = None
        if lexeme.kind == "meta":
            if field is not None:
                raise QueryError(_INSIDE, lexeme.column, inner=lexeme.text, outer=field + ":")
            name, value = lexeme.text.split(":", 1)
            return _meta(cast(MetaField, name), value, lexeme.column)
        if lexeme.kind == "word":
            return self._word(lexeme, field)
        if lexeme.kind == "phrase":
            return self._phrase(lexeme, field)
        if lexeme.kind == ")":
            raise QueryError(gettext_noop("this ')' has no '(' to close"), lexeme.column)
        if lexeme.kind == "end":
            raise QueryError(gettext_noop("the query ends where a term is expected"), lexeme.column)
        raise QueryError(_NEEDS_LEFT, lexeme.column, operator=lexeme.text)

    def _word(self, lexeme: Lexeme, field: TextField | None) -> Node:
        text = unicodedata.normalize("NFC", lexeme.text)
        marked = text.startswith("=")
        if marked:
            text = text[1:]
        strict = marked or self.strict
        if not text:
            raise QueryError(
                gettext_noop("'=' must be written right before a term or a phrase"), lexeme.column
            )
        if "*" in text or "?" in text:
            return self._wildcard(text, strict, field, lexeme.column)
        return _terms(text, strict, field, lexeme.column, window=None)

    def _wildcard(self, text: str, strict: bool, field: TextField | None, column: int) -> Word:
        self.wildcards += text.count("*") + text.count("?")
        if self.wildcards > MAX_WILDCARDS:
            raise QueryError(
                gettext_noop("more than %(limit)d wildcards in one query"),
                column,
                limit=MAX_WILDCARDS,
            )
        if any(is_cjk(char) for char in text):
            raise QueryError(
                gettext_noop("'%(term)s': wildcards work on words, not Chinese or Japanese"),
                column,
                term=text,
            )
        stem = re.split(r"[*?]", text, maxsplit=1)[0]
        letters = [char for char in stem if char.isalnum()]
        if len(letters) < MIN_STEM or len(letters) != len(stem):
            raise QueryError(
                gettext_noop("'%(term)s': a wildcard needs at least %(count)d letters before it"),
                column,
                term=text,
                count=MIN_STEM,
            )
        pieces = re.split(r"([*?])", text)
        if any(piece and piece not in "*?" and not piece.isalnum() for piece in pieces):
            raise QueryError(
                gettext_noop("'%(term)s': a wildcard term is a single word"), column, term=text
            )
        form = "".join(
            piece if piece in ("*", "?", "") else forms(piece)[0 if strict else 1]
            for piece in pieces
        )
        return Word(form, strict, "wildcard", field, column)

    def _phrase(self, lexeme: Lexeme, field: TextField | None) -> Node:
        text = unicodedata.normalize("NFC", lexeme.text)
        if "*" in text or "?" in text:
            raise QueryError(
                gettext_noop("wildcards are not allowed inside a phrase"), lexeme.column
            )
        strict = lexeme.strict or self.strict
        return _terms(text, strict, field, lexeme.column, window=lexeme.window)


def _terms(
    text: str, strict: bool, field: TextField | None, column: int, window: int | None
) -> Node:
    found = words(text)
    if not found:
        raise QueryError(gettext_noop("'%(term)s' has no letters or digits"), column, term=text)
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
        raise QueryError(gettext_noop("'~' needs a phrase of at least two words"), column)
    if len(parts) == 1:
        return parts[0]
    return Phrase(parts, window, field, column)


def _meta(name: MetaField, value: str, column: int) -> Meta:
    value = value.strip()
    if name == "lang":
        value = value.lower()
        if not re.fullmatch(r"[a-z]{2,3}", value):
            raise QueryError(
                gettext_noop("%(term)s: a language is a code such as vi, en, zh"),
                column,
                term=f"lang:{value}",
            )
    elif name == "country":
        value = value.upper()
        if not re.fullmatch(r"[A-Z]{2}", value):
            raise QueryError(
                gettext_noop("%(term)s: a country is a code such as VN, CN, US"),
                column,
                term=f"country:{value}",
            )
    elif name == "site":
        value = value.lower().removeprefix("www.").strip("/")
        if "/" in value or not value:
            raise QueryError(
                gettext_noop("%(term)s: give a host such as baobacninh.vn"),
                column,
                term=f"site:{value}",
            )
    else:
        value = value.lower()
    return Meta(name, value, column)


def _column(node: Node) -> int:
    return node.column


def _check_positive(node: Node) -> None:
    """Refuse queries that would match almost everything (only NOT terms)."""
    if not _positive(node):
        raise QueryError(
            gettext_noop(
                "the query needs a term that must appear; NOT alone matches almost every article"
            ),
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
                    gettext_noop(
                        "this OR has a side with only NOT terms;"
                        " it would match almost every article"
                    ),
                    child.column,
                )
        return True
    return True


def parse(query: str, *, strict: bool = False) -> Node:
    """Parse ``query``; raise ``QueryError`` naming the column and the problem.

    ``strict`` makes every term strict (search's "exact diacritics" mode), as if written ``=term``.
    """
    if len(query) > MAX_LENGTH:
        raise QueryError(
            gettext_noop("the query is %(length)d characters long; the limit is %(limit)d"),
            length=len(query),
            limit=MAX_LENGTH,
        )
    if "\x00" in query:
        raise QueryError(
            gettext_noop("the query contains a NUL character"), query.index("\x00") + 1
        )
    try:
        node = _Parser(lex(query), strict=strict).parse()
    except RecursionError:  # pragma: no cover - MAX_DEPTH keeps far below the limit
        raise QueryError(gettext_noop("the query is nested too deeply")) from None
    _check_positive(node)
    return node
