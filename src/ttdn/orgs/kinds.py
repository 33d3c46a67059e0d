"""The kind of unit a name usually denotes: "Sở Tư pháp" is a department, "UBND xã Đồng Tâm" a
commune. A proposal for a person to confirm, never a decision: anything not recognised is "other".

Names are compared folded (no diacritics, lower case, "Uỷ"/"Ủy" alike) with the usual
abbreviations written out ("UBND" → "ủy ban nhân dân", "TP." → "thành phố").
"""

from __future__ import annotations

import re

from ttdn.core.text import fold, nfc
from ttdn.orgs.models import UnitKind

_WORDS = re.compile(r"[a-z0-9&]+")
_ABBREVIATIONS = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "ubmttq": "uy ban mat tran to quoc",
    "mttq": "mat tran to quoc",
    "tp": "thanh pho",
    "tx": "thi xa",
    "tt": "thi tran",
    "bch": "ban chap hanh",
    "bchqs": "bo chi huy quan su",
    "bdbp": "bo doi bien phong",
    "tw": "trung uong",
    "ttxvn": "thong tan xa viet nam",
}
# Cities run by the centre: "UBND thành phố Hà Nội" is a provincial People's Committee.
_CENTRAL_CITIES = ("ha noi", "ho chi minh", "hai phong", "da nang", "can tho", "hue")

_UBND = "uy ban nhan dan"
# (kind, phrases at the start of the name). First match wins; more specific rules come first.
_STARTS: tuple[tuple[UnitKind, tuple[str, ...]], ...] = (
    (UnitKind.FOREIGN_PARTNER, ("dai su quan", "tong lanh su quan", "lanh su quan")),
    (
        UnitKind.AGENCY,
        (
            "bo chi huy quan su",
            "bo chi huy bo doi bien phong",
            "bo doi bien phong",
            "cuc hai quan",
            "chi cuc",
            "cong an",
        ),
    ),
    (UnitKind.COMMUNE, (f"{_UBND} xa", f"{_UBND} phuong", f"{_UBND} thi tran")),
    (UnitKind.PEOPLES_COMMITTEE, (f"{_UBND} tinh",)),
    (UnitKind.DISTRICT, (f"{_UBND} huyen", f"{_UBND} thi xa", f"{_UBND} quan")),
    (
        UnitKind.PRESS,
        (
            "bao",
            "dai phat thanh",
            "dai truyen hinh",
            "dai tieng noi",
            "tap chi",
            "thong tan",
            "kenh truyen hinh",
            "cong thong tin dien tu",
        ),
    ),
    (
        UnitKind.MASS_ORGANISATION,
        (
            "hiep hoi",
            "lien hiep",
            "lien doan",
            "doan thanh nien",
            "tinh doan",
            "thanh doan",
            "mat tran",
            "uy ban mat tran",
        ),
    ),
    (UnitKind.PARTY, ("tinh uy", "thanh uy", "dang uy", "dang bo")),
    (UnitKind.CENTRAL, ("bo", "tong cuc", "cuc", "chinh phu", "quoc hoi", "van phong chinh phu")),
    (UnitKind.DEPARTMENT, ("so",)),
    (
        UnitKind.AGENCY,
        ("ban quan ly", "trung tam", "van phong", "thanh tra", "kho bac", "ban"),
    ),
)


def _words(name: str) -> list[str]:
    words: list[str] = []
    for word in _WORDS.findall(fold(name)):
        words += _ABBREVIATIONS.get(word, word).split()
    return words


def _starts(words: list[str], phrase: str) -> bool:
    wanted = phrase.split()
    return words[: len(wanted)] == wanted


def _contains(words: list[str], phrase: str) -> bool:
    wanted = phrase.split()
    return any(words[i : i + len(wanted)] == wanted for i in range(len(words)))


def propose_kind(name: str) -> UnitKind:
    """The kind of unit ``name`` usually denotes, or ``UnitKind.OTHER``."""
    words = _words(name)
    if not words:
        return UnitKind.OTHER
    text = " ".join(words)
    # A party committee's boards and offices: "Ban Tuyên giáo Tỉnh ủy", "Văn phòng Thành ủy".
    party_body = any(_contains(words, p) for p in ("tinh uy", "thanh uy", "huyen uy", "dang uy"))
    if party_body and not text.startswith("uy ban"):
        return UnitKind.PARTY
    if _starts(words, "ban") and _contains(words, "trung uong"):
        return UnitKind.CENTRAL  # "Ban Tuyên giáo Trung ương"
    if _starts(words, "ban tuyen giao") or _starts(words, "ban dan van"):
        return UnitKind.PARTY
    if _starts(words, "hoi") and not _starts(words, "hoi dong"):
        return UnitKind.MASS_ORGANISATION  # Hội Nông dân, Hội Liên hiệp Phụ nữ, Hội Cựu chiến binh
    if _starts(words, "uy ban nhan dan thanh pho"):
        rest = " ".join(words[6:])
        if not rest or rest.startswith(_CENTRAL_CITIES):
            return UnitKind.PEOPLES_COMMITTEE
        return UnitKind.DISTRICT  # a city within the province
    for kind, phrases in _STARTS:
        if any(_starts(words, phrase) for phrase in phrases):
            return kind
    return UnitKind.OTHER


_SHORT_FORMS = (
    (re.compile(r"\b(?:ủy|uỷ) ban nhân dân\b", re.IGNORECASE), "UBND"),
    (re.compile(r"\bhội đồng nhân dân\b", re.IGNORECASE), "HĐND"),
    (re.compile(r"\b(?:ủy|uỷ) ban mặt trận tổ quốc\b", re.IGNORECASE), "UBMTTQ"),
)


def propose_short_name(name: str) -> str:
    """The usual abbreviated form of ``name`` ("Ủy ban nhân dân huyện X" → "UBND huyện X"),
    or "" when there is none: other short names are for a person to write."""
    written = nfc(" ".join(name.split()))
    short = written
    for pattern, abbreviation in _SHORT_FORMS:
        short = pattern.sub(abbreviation, short)
    return short if short != written else ""
