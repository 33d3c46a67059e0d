"""Wildcards match in time linear in the word, with fnmatch's meaning (issue 11, item 8)."""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from fnmatch import fnmatchcase
from types import FrameType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ttdn.monitoring.query import Document, matches, parse, render
from ttdn.monitoring.query.glob import compile_glob
from ttdn.monitoring.query.matcher import Matcher
from ttdn.monitoring.query.parser import MAX_WILDCARDS

FREEZER = "abc*a*a*a*a*a*a*a*a*a*b"


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Fail, rather than hang, when the block runs longer than ``seconds`` (SIGALRM interrupts
    even a backtracking regular expression)."""

    def expired(signum: int, frame: FrameType | None) -> None:
        raise AssertionError(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("count", [60, 70, 1000])
def test_the_query_that_froze_the_server_answers_at_once(count: int) -> None:
    node = parse(FREEZER)
    matcher = Matcher([("freezer", node)])
    word = "abc" + "a" * count
    with deadline(0.5):
        assert matches(node, Document.of(title="Giá vải", text=f"xyz {word} xyz")) is None
        assert matcher.match(Document.of(text=word)) == {}
        found = matches(node, Document.of(text=f"xyz {word}b xyz"))
        assert found is not None
        assert matcher.match(Document.of(text=word + "b")) != {}
        assert compile_glob("abc" + "*a" * 20 + "*b").match("abc" + "a" * 100_000) is False


@pytest.mark.parametrize(
    ("pattern", "word", "expected"),
    [
        ("inv*st", "invest", True),
        ("inv*st", "investors", False),
        ("thie?", "thieu", True),
        ("thie?", "thie", False),
        ("abc*", "abc", True),
        ("abc*d?f*", "abcxdef", True),
        ("abc*d?f*x", "abcdfx", False),
        ("abc**b", "abcb", True),
        ("a?c*c?a", "abcca", False),  # the pieces may not overlap
        ("a?c*c?a", "abccba", True),
        ("abc*?a?*b", "abcab", False),
        ("abc*?a?*b", "abcxaxb", True),
    ],
)
def test_glob_examples(pattern: str, word: str, expected: bool) -> None:
    assert compile_glob(pattern).match(word) is expected
    assert fnmatchcase(word, pattern) is expected


_LETTERS = "ab"


@settings(max_examples=1000, deadline=None)
@given(
    pattern=st.text(alphabet=_LETTERS + "*?", max_size=12),
    word=st.text(alphabet=_LETTERS, max_size=14),
)
def test_glob_agrees_with_fnmatch(pattern: str, word: str) -> None:
    assert compile_glob(pattern).match(word) is fnmatchcase(word, pattern), (pattern, word)


def _seconds(call: object, repeat: int = 3) -> float:
    assert callable(call)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - start)
    return best


_RUNS = st.lists(
    st.tuples(st.sampled_from("ab"), st.integers(1, 3000)), min_size=1, max_size=3
).map(lambda runs: "abc" + "".join(letter * count for letter, count in runs))
_PIECES = st.lists(st.text(alphabet="ab?", max_size=40), min_size=1, max_size=12).filter(
    lambda pieces: len(pieces) + sum(piece.count("?") for piece in pieces) <= MAX_WILDCARDS
)


@settings(max_examples=150, deadline=None)
@given(word=_RUNS, pieces=_PIECES)
def test_adversarial_wildcards_take_linear_time(word: str, pieces: list[str]) -> None:
    """Long runs of one letter against many stars and ``?``, through the parser and the
    evaluator: the time stays within a generous multiple of one Python step per letter of the
    word (a backtracking match takes exponential time)."""
    node = parse("abc" + "".join("*" + piece for piece in pieces))
    doc = Document.of(text=word)

    def scan() -> None:
        for _ in word:
            pass

    unit = _seconds(scan)
    with deadline(2):
        spent = _seconds(lambda: matches(node, doc))
    assert spent <= 50 * unit + 0.01, (render(node), len(word), spent, unit)
