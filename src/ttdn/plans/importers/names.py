"""Unit names in plan cells: splitting a cell into names, and knowing which names exist.

A cell lists names separated by ";" and ",", but commas also sit inside names ("Sở Văn hóa,
Thể thao và Du lịch") and collective phrases ("UBND huyện, thị xã, thành phố"). A segment the
registry knows stays whole; otherwise a comma splits only where a new name begins (a head word
such as Sở, Ban, UBND, Báo, Đài, các ...).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import fuzz, process

from ttdn.core.text import canonical, fold, name_key

_HEADS = (
    "Sở|Ban|UBND|Ủy ban|Uỷ ban|HĐND|Hội đồng|Văn phòng|Báo|Đài|Công an|Hội|Hiệp hội|Liên hiệp|"
    "Liên đoàn|Liên minh|Thông tấn|Trung tâm|Bộ|Cổng|Tỉnh ủy|Tỉnh đoàn|Viện|Trường|Thường trực|Cục|"
    "Chi cục|Tổng cục|Học viện|Tạp chí|Mặt trận|Đoàn|Quân khu|Thanh tra|Kho bạc|Ngân hàng|"
    "Các|các|Đại sứ quán|Tổng lãnh sự quán|Cơ quan|Hải quan"
)
_NEW_NAME = re.compile(rf"^(?:{_HEADS})(?=\s|$)")
_DISTRIBUTIVE = re.compile(
    r"^(?P<head>UBND|Ủy ban nhân dân)\s+các\s+(?P<level>huyện|thị xã|thành phố|xã|phường)\s+"
    r"(?P<names>.+)$"
)


# Collective phrases every plan uses, kept whole even without a unit registry. They name groups
# (resolved to member units on import), never a unit.
COLLECTIVE_PHRASES = (
    "Các sở, ban, ngành, UBND huyện, thị xã, thành phố",
    "Các sở, ban, ngành, địa phương",
    "Các sở, ban, ngành, địa phương liên quan",
    "Các sở, ban, ngành cấp tỉnh",
    "Các sở, ban, ngành",
    "Các sở, cơ quan cấp tỉnh, UBND huyện, thị xã, thành phố",
    "UBND huyện, thị xã, thành phố",
    "UBND các huyện, thị xã, thành phố",
    "Các cơ quan, đơn vị liên quan",
    "Các cơ quan, đơn vị, địa phương",
    "Các cơ quan báo chí Trung ương và địa phương",
    "UBND xã, phường",
    "UBND các xã, phường",
)


class KnownNames:
    """Names (units, groups, aliases) the registry knows, compared by their name key."""

    def __init__(self, names: Iterable[str]) -> None:
        self.display: dict[str, str] = {}
        self._phrases: set[str] = set()
        for name in names:
            if name and name.strip():
                self.display.setdefault(name_key(name), name)
                self._phrases.add(_phrase_key(name))
        self._folded = {fold(name): name for name in self.display.values()}

    def __contains__(self, name: str) -> bool:
        return name_key(name) in self.display

    def has_phrase(self, text: str) -> bool:
        """Known with its punctuation: keeps a cell from being split inside a known phrase."""
        key = _phrase_key(text)
        return key in self._phrases or key in _COMMON_PHRASES

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        matches = process.extract(
            fold(name), list(self._folded), scorer=fuzz.WRatio, limit=limit, score_cutoff=70
        )
        return [self._folded[key] for key, _score, _index in matches]


def begins_unit_name(text: str) -> bool:
    """Whether ``text`` starts with a word that begins a unit's name (Sở, Ban, UBND, các …)."""
    return _NEW_NAME.match(text) is not None


def _phrase_key(text: str) -> str:
    return re.sub(r"\s*([,;])\s*", r"\1 ", canonical(text)).strip(" .")


def split_units(cell: str, known: KnownNames) -> list[str]:
    """The unit and group names of a lead or partners cell, in order."""
    names: list[str] = []
    for line in cell.split("\n"):
        for segment in _split_outside_parentheses(line, ";"):
            names.extend(_split_segment(_clean(segment), known))
    return [name for name in names if name]


def _clean(text: str) -> str:
    text = " ".join(text.replace("\u00a0", " ").split())
    return text.strip(" .,;:")


def _split_segment(segment: str, known: KnownNames) -> list[str]:
    if not segment:
        return []
    if (match := _DISTRIBUTIVE.match(segment)) and match.group("names")[:1].isupper():
        return _expand_distributive(segment)
    if known.has_phrase(segment):
        return [segment]
    pieces: list[str] = []
    for part in _split_outside_parentheses(segment, ","):
        part = _clean(part)
        if pieces and not _NEW_NAME.match(part):
            pieces[-1] = f"{pieces[-1]}, {part}"
        else:
            pieces.append(part)
    # " và các ..." joins two names: "Văn phòng UBND tỉnh và các sở, ban, ngành cấp tỉnh".
    result: list[str] = []
    for piece in pieces:
        head, sep, tail = piece.partition(" và các ")
        if sep and not known.has_phrase(piece) and _NEW_NAME.match(head):
            result.extend([_clean(head), _clean("các " + tail)])
        else:
            result.append(piece)
    return [expanded for piece in result for expanded in _expand_distributive(piece)]


def _expand_distributive(name: str) -> list[str]:
    """ "UBND các huyện Sơn Động, Lục Ngạn và Yên Thế" → one name per district."""
    match = _DISTRIBUTIVE.match(name)
    if match is None or not match.group("names")[:1].isupper():
        return [name]  # "UBND các huyện biên giới": a description, not a list of places
    places = re.split(r",\s*|\s+và\s+", match.group("names"))
    return [f"{match.group('head')} {match.group('level')} {place.strip()}" for place in places]


def _split_outside_parentheses(text: str, separator: str) -> list[str]:
    parts: list[str] = []
    depth = 0
    current: list[str] = []
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        if char == separator and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


_COMMON_PHRASES = frozenset(_phrase_key(phrase) for phrase in COLLECTIVE_PHRASES)
