"""Words of a text with their places, in the two forms the query language compares.

Free of Django. Each token keeps its character span in the NFC text so that matches can be
highlighted. Two forms per token:

- ``strict``: NFC, one canonical tone placement (hòa = hoà), lower case;
- ``loose``: ``strict`` without any diacritic (đ → d), the default for matching.

Chinese and Japanese are written without spaces: each Han, Hiragana or Katakana character is a
token of its own, so a term is a sequence of characters and NEAR counts characters. Korean is
written in words with particles attached at the end; a Korean term matches at the start of a word.

A field is made of *blocks*: the lines of its text (extraction writes each heading, paragraph and
list item on a line of its own). As Lucene's position gap does, a token's *place* counts ``GAP``
more at each block boundary, so that no phrase or NEAR reaches from one block into the next (a
heading "… RECORD PRICES" and the paragraph "The lychee …" under it are not near).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from ttdn.core.text import canonical, unmarked

_CJK = "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+", re.UNICODE)
_HANGUL = re.compile("[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_CJK_CHAR = re.compile(f"[{_CJK}]")
# What ends a block: a line break of any kind (those of ``str.splitlines``).
BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
# Places between two blocks: more than any distance a query can ask for (NEAR/100; a ~100 window
# over a phrase of at most MAX_LENGTH / 2 words).
GAP = 10_000


def is_cjk(token: str) -> bool:
    """True for a Chinese or Japanese character token."""
    return bool(_CJK_CHAR.fullmatch(token))


def is_hangul(token: str) -> bool:
    return bool(_HANGUL.search(token))


@lru_cache(maxsize=200_000)
def forms(word: str) -> tuple[str, str]:
    """The (strict, loose) forms of one word."""
    if word.isascii():  # no mark to place or drop (most English words, many syllables)
        lower = word.lower()
        return lower, lower
    strict = canonical(word)
    return strict, unmarked(strict)


def words(text: str) -> list[tuple[str, int, int]]:
    """The words of ``text`` (NFC) with their character spans."""
    return [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]


@dataclass
class FieldText:
    """One field (title or text) of a document, tokenised."""

    text: str
    strict: list[str]
    loose: list[str]
    spans: list[tuple[int, int]]
    # Each token's place: its index, plus GAP for every block boundary before it.
    places: Sequence[int]
    _positions: dict[tuple[bool, str], list[int]] | None = field(default=None, repr=False)
    _sorted: dict[bool, list[str]] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, text: str) -> FieldText:
        text = unicodedata.normalize("NFC", text or "")
        places: Sequence[int]
        if not any(char in text for char in BREAKS):  # one block (titles)
            found = list(_TOKEN.finditer(text))
            places = range(len(found))
        else:
            found = []
            gapped: list[int] = []
            at = 0
            for block, line in enumerate(text.splitlines(keepends=True)):
                end = at + len(line)
                tokens = list(_TOKEN.finditer(text, at, end))
                first = len(found) + block * GAP
                gapped.extend(range(first, first + len(tokens)))
                found.extend(tokens)
                at = end
            places = gapped
        both = [forms(match.group()) for match in found]
        return cls(
            text=text,
            strict=[pair[0] for pair in both],
            loose=[pair[1] for pair in both],
            spans=[match.span() for match in found],
            places=places,
        )

    def blocks(self) -> list[range]:
        """The token indices of each block that has tokens, in order."""
        places = self.places
        if isinstance(places, range):
            return [places] if places else []
        starts = [0, *(i for i, (a, b) in enumerate(pairwise(places), 1) if b - a != 1)]
        return [range(a, b) for a, b in pairwise([*starts, len(places)]) if a < b]

    def positions(self, form: str, *, strict: bool) -> list[int]:
        """Where the token ``form`` occurs (in its strict or loose form)."""
        if self._positions is None:
            index: dict[tuple[bool, str], list[int]] = {}
            for i, (s, f) in enumerate(zip(self.strict, self.loose, strict=True)):
                index.setdefault((True, s), []).append(i)
                index.setdefault((False, f), []).append(i)
            self._positions = index
        return self._positions.get((strict, form), [])

    def vocabulary(self, *, strict: bool) -> list[str]:
        """The distinct forms of the field's tokens, sorted (computed once)."""
        if strict not in self._sorted:
            self.positions("", strict=strict)
            index = self._positions or {}
            self._sorted[strict] = sorted(form for is_strict, form in index if is_strict == strict)
        return self._sorted[strict]

    def starting_with(self, stem: str, *, strict: bool) -> list[str]:
        """The distinct forms that start with ``stem``."""
        forms = self.vocabulary(strict=strict)
        at = bisect_left(forms, stem)
        out = []
        while at < len(forms) and forms[at].startswith(stem):
            out.append(forms[at])
            at += 1
        return out

    def joined(self) -> str:
        """The loose tokens separated by single spaces (what the content hash is made of)."""
        return " ".join(self.loose)


@dataclass
class Document:
    """What a query is evaluated against: two text fields and the article's metadata."""

    title: FieldText
    text: FieldText
    url: str = ""
    site: str = ""
    lang: str = ""
    country: str = ""
    source: str = ""

    @classmethod
    def of(
        cls,
        *,
        title: str = "",
        text: str = "",
        url: str = "",
        site: str = "",
        lang: str = "",
        country: str = "",
        source: str = "",
    ) -> Document:
        return cls(
            title=FieldText.of(title),
            text=FieldText.of(text),
            url=url,
            site=site.lower().removeprefix("www."),
            lang=lang.lower(),
            country=country.upper(),
            source=source.lower(),
        )

    def field(self, name: str) -> FieldText:
        return self.title if name == "title" else self.text
