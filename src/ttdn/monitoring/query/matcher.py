"""Many saved queries against each incoming article, evaluating only the likely ones.

For every query we derive *anchors*: strings of which at least one must occur in any article the
query matches (``"a AND b"`` needs the anchor of a or of b, whichever is rarer; ``"a OR b"`` needs
one of both). One Aho-Corasick automaton (pyahocorasick) over all anchors scans the article's
loose text once; only the queries whose anchors were found are evaluated. Queries without an anchor
(``lang:vi``, a lone ``NOT`` branch inside an OR) are evaluated for every article.

Anchors are written between spaces the way tokens are joined in the scanned text, so an anchor is
found only at word boundaries: a whole word, a phrase, the start of a word (wildcards, Korean).
Blocks (lines: headings, paragraphs, list items) are scanned apart, as the evaluator keeps
phrases and NEAR inside one block.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

import ahocorasick

from ttdn.core.text import fold
from ttdn.monitoring.query.ast import And, Meta, Near, Node, Not, Or, Phrase, Word
from ttdn.monitoring.query.evaluate import Hit, matches
from ttdn.monitoring.query.tokens import Document, FieldText, is_cjk

K = TypeVar("K", bound=Hashable)


def _word_anchor(word: Word) -> str:
    loose = word.form if not word.strict else fold(word.form)
    if word.kind == "wildcard":
        return " " + fold(word.stem)
    if word.kind == "prefix":
        return " " + loose
    return f" {loose} "


def _weight(anchor: str) -> int:
    """How selective an anchor is likely to be: its letters, a Han/kana character counting 3."""
    return sum(3 if is_cjk(char) else 1 for char in anchor if not char.isspace())


def anchors(node: Node) -> frozenset[str] | None:
    """Strings one of which occurs in every article ``node`` matches; None if there are none."""
    if isinstance(node, Word):
        return frozenset([_word_anchor(node)])
    if isinstance(node, Phrase):
        if node.window is None:
            forms = [word.form if not word.strict else fold(word.form) for word in node.words]
            last = node.words[-1]
            tail = "" if last.kind == "prefix" else " "
            return frozenset([" " + " ".join(forms) + tail])
        return _best([frozenset([_word_anchor(word)]) for word in node.words])
    if isinstance(node, Near):
        return _best([anchors(node.left), anchors(node.right)])
    if isinstance(node, And):
        return _best([anchors(child) for child in node.children])
    if isinstance(node, Or):
        found: set[str] = set()
        for child in node.children:
            child_anchors = anchors(child)
            if child_anchors is None:
                return None
            found |= child_anchors
        return frozenset(found)
    if isinstance(node, Not | Meta):
        return None
    raise TypeError(f"unknown node {node!r}")  # pragma: no cover


def requirements(node: Node) -> list[frozenset[str]]:
    """Groups of anchors, each of which must be found (one anchor of it) in any article ``node``
    matches: every side of an AND or NEAR, every word of a window. An article missing one group
    is not evaluated. Empty when nothing is required."""
    if isinstance(node, Phrase) and node.window is not None:
        return [frozenset([_word_anchor(word)]) for word in node.words]
    if isinstance(node, Near):
        return requirements(node.left) + requirements(node.right)
    if isinstance(node, And):
        return [group for child in node.children for group in requirements(child)]
    found = anchors(node)
    return [found] if found else []


def _best(options: Iterable[frozenset[str] | None]) -> frozenset[str] | None:
    usable = [option for option in options if option]
    if not usable:
        return None
    return max(usable, key=lambda option: (min(map(_weight, option)), -len(option)))


def scan_text(doc: Document) -> str:
    """The text the automaton scans: loose tokens between spaces, each block of the title and
    of the body apart (a phrase anchor is not found across a block boundary)."""
    return " " + " \n ".join(_blocks(doc.title) + _blocks(doc.text)) + " "


def _blocks(field: FieldText) -> list[str]:
    loose = field.loose
    if isinstance(field.places, range):
        return [" ".join(loose)]
    return [" ".join(loose[block.start : block.stop]) for block in field.blocks()]


class Matcher(Generic[K]):
    """Evaluate many queries against documents, presearching with Aho-Corasick."""

    def __init__(self, queries: Iterable[tuple[K, Node]]) -> None:
        self.queries: dict[K, Node] = {}
        self.always: list[K] = []
        # Beyond the anchor that made a query a candidate, what else it needs (AND, NEAR).
        self.required: dict[K, list[frozenset[str]]] = {}
        by_anchor: dict[str, list[K]] = {}
        for key, node in queries:
            self.queries[key] = node
            found = anchors(node)
            if found is None:
                self.always.append(key)
                continue
            for anchor in found:
                by_anchor.setdefault(anchor, []).append(key)
            groups = [group for group in requirements(node) if group != found]
            if groups:
                self.required[key] = groups
        # One automaton over every anchor: an anchor leads to the queries it makes candidates.
        for groups in self.required.values():
            for group in groups:
                for anchor in group:
                    by_anchor.setdefault(anchor, [])
        self.automaton: ahocorasick.Automaton | None = None
        if by_anchor:
            automaton = ahocorasick.Automaton(ahocorasick.STORE_ANY)
            for anchor, keys in by_anchor.items():
                automaton.add_word(anchor, (anchor, tuple(keys)))
            automaton.make_automaton()
            self.automaton = automaton

    def candidates(self, doc: Document) -> set[K]:
        """The queries worth evaluating: one of their anchors and every required group found."""
        found: set[K] = set(self.always)
        if self.automaton is None:
            return found
        present: set[str] = set()
        for _, (anchor, keys) in self.automaton.iter(scan_text(doc)):
            if anchor not in present:  # an anchor found again adds nothing
                present.add(anchor)
                found.update(keys)
        required = self.required
        return {
            key
            for key in found
            if key not in required or all(not group.isdisjoint(present) for group in required[key])
        }

    def match(self, doc: Document) -> dict[K, list[Hit]]:
        """The queries that match ``doc``, each with its highlighted spans."""
        out: dict[K, list[Hit]] = {}
        for key in self.candidates(doc):
            hits = matches(self.queries[key], doc)
            if hits is not None:
                out[key] = hits
        return out
