"""The parsed form of a query: a tree of small immutable nodes.

Positional nodes (``Word``, ``Phrase``, ``Near`` and an ``Or`` of those) match at places in a
field; boolean nodes (``And``, ``Or``, ``Not``, ``Meta``) only say yes or no. Every node keeps the
column where it starts in the query so that messages can point at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ttdn.monitoring.query.glob import Glob, compile_glob
from ttdn.monitoring.query.tokens import is_cjk

TextField = Literal["title", "text"]
MetaField = Literal["site", "url", "lang", "country", "source"]
WordKind = Literal["exact", "wildcard", "prefix"]


@dataclass(frozen=True)
class Word:
    """One token: exact, a wildcard pattern, or (Korean) a word start."""

    form: str  # loose or strict form; for a wildcard the pattern with * and ?
    strict: bool
    kind: WordKind
    field: TextField | None
    column: int

    @property
    def glob(self) -> Glob:
        """The wildcard pattern, compiled (``glob.py``: linear, never backtracks)."""
        return compile_glob(self.form)

    @property
    def stem(self) -> str:
        """The letters before the first wildcard (the whole form otherwise)."""
        return re.split(r"[*?]", self.form, maxsplit=1)[0]


@dataclass(frozen=True)
class Phrase:
    """Words next to each other in order, or (``window``) within a window in any order."""

    words: tuple[Word, ...]
    window: int | None
    field: TextField | None
    column: int


@dataclass(frozen=True)
class Near:
    left: Node
    right: Node
    distance: int
    ordered: bool
    column: int


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]
    column: int


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]
    column: int


@dataclass(frozen=True)
class Not:
    child: Node
    column: int


@dataclass(frozen=True)
class Meta:
    """A filter on the article's metadata: site, url, lang, country, source."""

    name: MetaField
    value: str
    column: int


Node = Word | Phrase | Near | And | Or | Not | Meta


def is_positional(node: Node) -> bool:
    """True for nodes that match at places in a text (and can be operands of NEAR)."""
    if isinstance(node, Word | Phrase | Near):
        return True
    if isinstance(node, Or):
        return all(is_positional(child) for child in node.children)
    return False


def render(node: Node, indent: int = 0) -> str:
    """The tree as indented lines, for ``ttdn query check`` and the topic editor."""
    pad = "  " * indent
    if isinstance(node, Word):
        marks: list[str] = [node.kind] if node.kind != "exact" else []
        if node.strict:
            marks.append("strict")
        if node.field:
            marks.append(node.field)
        suffix = f"  ({', '.join(marks)})" if marks else ""
        return f"{pad}WORD {node.form}{suffix}"
    if isinstance(node, Phrase):
        phrase_marks: list[str] = []
        if node.window is not None:
            phrase_marks.append(f"within {node.window}")
        if any(word.strict for word in node.words):
            phrase_marks.append("strict")
        if node.field:
            phrase_marks.append(node.field)
        suffix = f"  ({', '.join(phrase_marks)})" if phrase_marks else ""
        joiner = "" if all(is_cjk(word.form) for word in node.words) else " "
        inner = joiner.join(word.form for word in node.words)
        return f'{pad}PHRASE "{inner}"{suffix}'
    if isinstance(node, Near):
        name = "ONEAR" if node.ordered else "NEAR"
        return "\n".join(
            [
                f"{pad}{name}/{node.distance}",
                render(node.left, indent + 1),
                render(node.right, indent + 1),
            ]
        )
    if isinstance(node, And | Or):
        name = "AND" if isinstance(node, And) else "OR"
        return "\n".join([f"{pad}{name}", *(render(child, indent + 1) for child in node.children)])
    if isinstance(node, Not):
        return f"{pad}NOT\n{render(node.child, indent + 1)}"
    return f"{pad}{node.name.upper()} {node.value}"
