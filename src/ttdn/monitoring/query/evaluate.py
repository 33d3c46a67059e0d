"""Evaluate a parsed query against one document, returning where it matched.

Positional nodes produce *intervals* per field: ``(first token, last token, leaves)``, where
``leaves`` are the token ranges of the words that matched (what gets highlighted).
NEAR/n allows at most ``n`` other tokens between its two sides; a phrase with ``~n`` allows at
most ``n`` other tokens inside the span that holds all its words. Distances are counted in the
tokens' *places* (``FieldText.places``), which jump by ``GAP`` at each block boundary (a heading,
a paragraph, a list item): no phrase and no NEAR reaches across one, nor from title to text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ttdn.monitoring.query.ast import And, Meta, Near, Node, Not, Or, Phrase, Word
from ttdn.monitoring.query.tokens import Document, FieldText

FIELDS = ("title", "text")

Leaf = tuple[int, int]
Interval = tuple[int, int, tuple[Leaf, ...]]
Places = dict[str, list[Interval]]


@dataclass(frozen=True)
class Hit:
    """A highlighted span: characters ``start:end`` of the field's NFC text."""

    field: str
    start: int
    end: int


def matches(node: Node, doc: Document) -> list[Hit] | None:
    """The hits if ``node`` matches ``doc``, else None (a match may have no hits: ``lang:vi``)."""
    leaves: list[tuple[str, Leaf]] = []
    if not _eval(node, doc, leaves):
        return None
    return _hits(doc, leaves)


def _hits(doc: Document, leaves: list[tuple[str, Leaf]]) -> list[Hit]:
    merged: list[Hit] = []
    for name in FIELDS:
        spans = doc.field(name).spans
        ranges = sorted((spans[s][0], spans[e][1]) for field, (s, e) in leaves if field == name)
        for start, end in ranges:
            if merged and merged[-1].field == name and start <= merged[-1].end:
                last = merged[-1]
                merged[-1] = Hit(name, last.start, max(last.end, end))
            else:
                merged.append(Hit(name, start, end))
    return merged


def _eval(node: Node, doc: Document, leaves: list[tuple[str, Leaf]]) -> bool:
    if isinstance(node, And):
        return all(_eval(child, doc, leaves) for child in node.children)
    if isinstance(node, Or):
        found = False
        for child in node.children:
            found = _eval(child, doc, leaves) or found
        return found
    if isinstance(node, Not):
        return not _eval(node.child, doc, [])
    if isinstance(node, Meta):
        return _meta(node, doc)
    places = places_of(node, doc)
    for name, intervals in places.items():
        for _, _, parts in intervals:
            leaves.extend((name, leaf) for leaf in parts)
    return any(places.values())


def _meta(node: Meta, doc: Document) -> bool:
    if node.name == "site":
        return doc.site == node.value or doc.site.endswith("." + node.value)
    if node.name == "url":
        return node.value in doc.url.lower()
    if node.name == "lang":
        return doc.lang == node.value or doc.lang.startswith(node.value + "-")
    if node.name == "country":
        return doc.country == node.value
    return doc.source == node.value


def places_of(node: Node, doc: Document) -> Places:
    """Where a positional node matches, per field."""
    if isinstance(node, Word):
        return {name: _word(node, doc.field(name)) for name in _fields(node.field)}
    if isinstance(node, Phrase):
        return {name: _phrase(node, doc.field(name)) for name in _fields(node.field)}
    if isinstance(node, Near):
        left, right = places_of(node.left, doc), places_of(node.right, doc)
        return {
            name: _near(
                left.get(name, []),
                right.get(name, []),
                node.distance,
                node.ordered,
                doc.field(name).places,
            )
            for name in FIELDS
        }
    if isinstance(node, Or):
        out: Places = {name: [] for name in FIELDS}
        for child in node.children:
            for name, intervals in places_of(child, doc).items():
                out[name].extend(intervals)
        return out
    raise TypeError(f"not a positional node: {node!r}")  # the parser never builds this


def _fields(field: str | None) -> tuple[str, ...]:
    return FIELDS if field is None else (field,)


def word_positions(word: Word, text: FieldText) -> list[int]:
    if word.kind == "exact":
        return text.positions(word.form, strict=word.strict)
    if word.kind == "prefix":
        found = text.starting_with(word.form, strict=word.strict)
    else:
        glob = word.glob
        found = [
            form for form in text.starting_with(word.stem, strict=word.strict) if glob.match(form)
        ]
    positions: list[int] = []
    for form in found:
        positions.extend(text.positions(form, strict=word.strict))
    positions.sort()
    return positions


def _word(word: Word, text: FieldText) -> list[Interval]:
    return [(p, p, ((p, p),)) for p in word_positions(word, text)]


def _phrase(phrase: Phrase, text: FieldText) -> list[Interval]:
    size = len(phrase.words)
    places = text.places
    if phrase.window is None and all(word.kind == "exact" for word in phrase.words):
        # Start from the rarest word and compare the neighbouring tokens directly.
        lists = [word_positions(word, text) for word in phrase.words]
        if not all(lists):
            return []
        rarest = min(range(size), key=lambda i: len(lists[i]))
        found: list[Interval] = []
        for position in lists[rarest]:
            start = position - rarest
            if start < 0 or start + size > len(text.loose):
                continue
            if places[start + size - 1] - places[start] != size - 1:
                continue  # across a block boundary
            if all(
                (text.strict if word.strict else text.loose)[start + i] == word.form
                for i, word in enumerate(phrase.words)
            ):
                found.append((start, start + size - 1, ((start, start + size - 1),)))
        return found
    lists = [word_positions(word, text) for word in phrase.words]
    if not all(lists):
        return []
    if phrase.window is None:
        later = [set(positions) for positions in lists[1:]]
        return [
            (p, p + size - 1, ((p, p + size - 1),))
            for p in lists[0]
            if all(p + i + 1 in positions for i, positions in enumerate(later))
            and places[p + size - 1] - places[p] == size - 1
        ]
    keys: list[tuple[str, bool, str]] = [(w.form, w.strict, str(w.kind)) for w in phrase.words]
    return _window(lists, keys, phrase.window, places)


def _window(
    lists: list[list[int]], keys: list[tuple[str, bool, str]], extra: int, places: Sequence[int]
) -> list[Interval]:
    """Spans holding every word of the phrase (any order) with ≤ ``extra`` other tokens.

    A word written twice must occur twice. Other tokens may be anything, including more
    occurrences of the phrase's words ("a b b c" matches ``"a b c"~1``).
    """
    need = Counter(keys)
    events = sorted(
        {(p, key) for key, positions in zip(keys, lists, strict=True) for p in positions}
    )
    found: list[Interval] = []
    have: Counter[tuple[str, bool, str]] = Counter()
    left = 0
    for right, (position, key) in enumerate(events):
        have[key] += 1
        while have[events[left][1]] > need[events[left][1]]:
            have[events[left][1]] -= 1
            left += 1
        if all(have[k] >= count for k, count in need.items()):
            start = events[left][0]
            if places[position] - places[start] + 1 - len(keys) <= extra:
                leaves = tuple((p, p) for p, _ in events[left : right + 1])
                found.append((start, position, leaves))
    return found


def _near(
    left: list[Interval],
    right: list[Interval],
    distance: int,
    ordered: bool,
    places: Sequence[int],
) -> list[Interval]:
    found: list[Interval] = []
    for l_start, l_end, l_parts in left:
        for r_start, r_end, r_parts in right:
            if l_end < r_start and places[r_start] - places[l_end] - 1 <= distance:
                found.append((l_start, r_end, l_parts + r_parts))
            elif (
                not ordered and r_end < l_start and places[l_start] - places[r_end] - 1 <= distance
            ):
                found.append((r_start, l_end, r_parts + l_parts))
    return found
