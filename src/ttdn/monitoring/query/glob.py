"""Wildcard words (``*`` any run of letters, ``?`` exactly one) matched without backtracking.

A regular expression with one ``.*`` per star backtracks: ``abc*a*a*a*a*a*a*a*a*a*b`` against
``abc`` and 60 ``a`` tries every way of sharing the ``a`` among the stars (50 seconds, holding the
interpreter). Here the pattern is cut at its stars into *pieces*: the first piece must start the
word, the last must end it, and each piece in between is taken at its earliest place after the
previous one. The earliest place never loses a match (whatever fits after a later place fits
after an earlier one), so nothing is ever retried: each search starts where the previous piece
ended, and a match reads each letter of the word a bounded number of times.

A piece without ``?`` is found with ``str.find``. A piece with ``?`` is found by the bit-parallel
Shift-And algorithm: one step per letter of the word, each step a few operations on an integer
with one bit per letter of the piece. Matching is thus linear in the word's length, for any
pattern the parser accepts. Same meaning as ``fnmatch.fnmatchcase`` restricted to ``*`` and ``?``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class _Piece:
    """Letters between two stars; ``?`` stands for any one letter."""

    text: str
    masks: dict[str, int]  # Shift-And: bit j set where the piece's letter j is this one or ``?``
    any: int  # bits of the ``?`` (what a letter absent from ``masks`` matches)

    @classmethod
    def of(cls, text: str) -> _Piece:
        masks: dict[str, int] = {}
        joker = 0
        for at, char in enumerate(text):
            if char == "?":
                joker |= 1 << at
            else:
                masks[char] = masks.get(char, 0) | 1 << at
        return cls(text, {char: mask | joker for char, mask in masks.items()}, joker)

    def fits(self, word: str, at: int) -> bool:
        """Whether the piece matches ``word`` at ``at`` (the caller checks that it fits in)."""
        if not self.any:
            return word.startswith(self.text, at)
        part = word[at : at + len(self.text)]
        return all(p in ("?", w) for p, w in zip(self.text, part, strict=True))

    def find(self, word: str, start: int, end: int) -> int:
        """The first place at or after ``start`` where the piece lies within ``word[:end]``."""
        if not self.any:
            return word.find(self.text, start, end)
        masks, joker = self.masks, self.any
        last = 1 << (len(self.text) - 1)
        state = 0
        for at in range(start, end):
            state = ((state << 1) | 1) & masks.get(word[at], joker)
            if state & last:
                return at - len(self.text) + 1
        return -1


@dataclass(frozen=True)
class Glob:
    """A compiled wildcard pattern; ``match(word)`` says whether it covers the whole word."""

    head: _Piece  # before the first star (the whole pattern when there is no star)
    middle: tuple[_Piece, ...]
    tail: _Piece | None  # after the last star; None when there is no star
    least: int  # the fewest letters a matching word has

    def match(self, word: str) -> bool:
        head, tail = self.head, self.tail
        if tail is None:
            return len(word) == len(head.text) and head.fits(word, 0)
        if len(word) < self.least or not head.fits(word, 0):
            return False
        end = len(word) - len(tail.text)
        if not tail.fits(word, end):
            return False
        at = len(head.text)
        for piece in self.middle:
            found = piece.find(word, at, end)
            if found < 0:
                return False
            at = found + len(piece.text)
        return True


@lru_cache(maxsize=4096)
def compile_glob(pattern: str) -> Glob:
    """``pattern`` (letters, ``*`` and ``?``) compiled; empty pieces between stars dropped."""
    pieces = pattern.split("*")
    head = _Piece.of(pieces[0])
    if len(pieces) == 1:
        return Glob(head, (), None, len(head.text))
    middle = tuple(_Piece.of(piece) for piece in pieces[1:-1] if piece)
    tail = _Piece.of(pieces[-1])
    least = len(head.text) + len(tail.text) + sum(len(piece.text) for piece in middle)
    return Glob(head, middle, tail, least)
