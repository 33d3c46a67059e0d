"""Legal documents cited in a plan: "Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ".

A citation is a kind, a number and symbol, then, in either order, a date ("ngày …") and an issuer
("của …"). Its parts may be separated by line breaks and runs of spaces (a table cell, an unwrapped
PDF line). The issuer ends where the issuing body's name ends: the name is read word by word from
the known heads of bodies ("Bộ", "UBND", "Tỉnh ủy", "Ban Chỉ đạo" …) and from capitalisation, so
"của UBND tỉnh Lào Cai quyết định …" gives "UBND tỉnh Lào Cai".

Every pattern here is possessive or bounded, and the issuer is read from a bounded window, so the
time taken grows linearly with the text.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ttdn.core.text import canonical
from ttdn.plans.importers.shape import Citation

# Nghị định 30/2020/NĐ-CP (administrative documents), the legal acts of the Law on legal
# documents, and the Party's documents (Quy định 66-QĐ/TW).
KINDS: tuple[str, ...] = tuple(
    sorted(
        {
            # Administrative documents (Nghị định 30/2020/NĐ-CP, Article 7)
            "Nghị quyết",
            "Quyết định",
            "Chỉ thị",
            "Quy chế",
            "Quy định",
            "Thông cáo",
            "Thông báo",
            "Hướng dẫn",
            "Chương trình",
            "Kế hoạch",
            "Phương án",
            "Đề án",
            "Dự án",
            "Báo cáo",
            "Biên bản",
            "Tờ trình",
            "Hợp đồng",
            "Công văn",
            "Công điện",
            "Bản ghi nhớ",
            "Bản thỏa thuận",
            "Giấy ủy quyền",
            "Giấy mời",
            "Giấy giới thiệu",
            "Giấy nghỉ phép",
            "Phiếu gửi",
            "Phiếu chuyển",
            "Phiếu báo",
            "Thư công",
            # Legal acts
            "Hiến pháp",
            "Luật",
            "Bộ luật",
            "Pháp lệnh",
            "Nghị định",
            "Thông tư",
            "Thông tư liên tịch",
            "Nghị quyết liên tịch",
            "Lệnh",
            # The Party's own kinds (the others are above)
            "Kết luận",
            "Thông tri",
            # A document named by its form only, and the consolidated text of a legal act
            "Văn bản",
            "Văn bản hợp nhất",
        },
        key=lambda kind: (-len(kind), kind),
    )
)
# Spellings with the tone mark in the new style ("thoả", "uỷ") name the same kind.
_SPELLINGS = {kind: kind for kind in KINDS} | {
    "Bản thoả thuận": "Bản thỏa thuận",
    "Giấy uỷ quyền": "Giấy ủy quyền",
    "Thông báo kết luận": "Thông báo",  # the Party's "Thông báo kết luận số 12-TB/TU"
}


_BY_SPELLING = {spelling.lower(): kind for spelling, kind in _SPELLINGS.items()}
# As written, in lower case, in title case and in capitals ("Quyết định", "quyết định", "Quyết
# Định", "QUYẾT ĐỊNH"), its words apart. (A case-insensitive pattern would be thirty times slower.)
_WRITINGS = {
    writing
    for spelling in _SPELLINGS
    for writing in (
        spelling,
        spelling[0].lower() + spelling[1:],
        spelling.title(),
        spelling.upper(),
    )
}


class _Trie:
    """The writings as one pattern sharing their prefixes ("Thông (?:tư|tri|báo|cáo)"): an
    alternation of 200 words would be tried word by word at every character."""

    def __init__(self) -> None:
        self.children: dict[str, _Trie] = {}
        self.ends = False

    def add(self, word: str) -> None:
        node = self
        for char in word:
            node = node.children.setdefault(char, _Trie())
        node.ends = True

    def pattern(self) -> str:
        branches = [
            (r"\s++" if char == " " else re.escape(char)) + child.pattern()
            for char, child in sorted(self.children.items())
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # A longer writing is tried first ("Thông tư liên tịch" before "Thông tư").
        return f"(?:{body})?" if self.ends else body


def _trie(writings: set[str]) -> str:
    root = _Trie()
    for writing in writings:
        root.add(writing)
    return root.pattern()


_KIND = _trie(_WRITINGS)
# One part of a symbol: "NĐ", "CP", "TTg", "QH15", "BTTTT", or the year "2015".
_SEGMENT = r"(?:\d{4}|[A-ZĐ][A-ZĐ0-9]*+[a-z]?+[A-ZĐ0-9]*+)(?!\w)"
# "72/2015/NĐ-CP", "57-KL/TW", "858a/QĐ-TBDCB", "47/NQ- CP", "368 /QĐ-TTg": spaces after a
# separator, and before a slash (before a dash, " - " is the sentence's).
_NUMBER = rf"\d{{1,6}}+[a-zđ]?+(?:(?:\s*+/|-)\s*+{_SEGMENT}){{1,8}}+"
# A law may carry its name before its number: "Luật Báo chí số 103/2016/QH13". The name is up to
# ten words of letters, none of them the start of another citation.
_LAW_NAME = (
    rf"(?P<law>Bộ\s++luật|Luật|Pháp\s++lệnh)"
    rf"(?P<title>(?:\s++(?!số(?!\w)|(?:{_KIND})(?!\w))[^\W\d]\w*+){{1,10}}?)(?=\s++số(?!\w))"
)
_CITATION = re.compile(
    rf"(?<!\w)(?:{_LAW_NAME}|(?P<kind>{_KIND}))(?!\w)"
    rf"(?:\s++(?P<so>[Ss][ốỐ])(?!\w):?+)?+\s*+(?P<number>{_NUMBER})"
)
# Written after the number by mistake: "Kế hoạch số 439/KH-UBND tỉnh ngày 28/9/2021".
_STRAY = re.compile(r"\s++tỉnh(?=\s*+,?+\s*+(?:ngày|của)\s)")
_DATE_PATTERN = (
    r"(?P<day>\d{1,2})\s*+(?P<sep>[/.-])\s*+(?P<month>\d{1,2})\s*+(?P=sep)\s*+(?P<year>\d{4})"
    r"|(?P<long_day>\d{1,2})\s++tháng\s++(?P<long_month>\d{1,2})\s++năm\s++(?P<long_year>\d{4})"
)
_DATE_AFTER = re.compile(rf"\s*+,?+\s*+ngày\s++(?:{_DATE_PATTERN})(?!\d)")
_DATE_ONLY = re.compile(rf"\s*+(?:{_DATE_PATTERN})\s*+")
_ISSUER_AFTER = re.compile(r"\s*+,?+\s*+của\s++")
_SPACES = re.compile(r"\s++")
_LETTER = re.compile(r"[A-ZĐ]")
_PARTS = re.compile(r"^(\d+[a-zđ]?)[/-](?:\d{4}[/-])?(.+)$")
_YEAR = re.compile(r"^\d+[a-zđ]?[/-](\d{4})[/-]")

MAX_NUMBER = 80  # LegalDocument.number_symbol
_ISSUER_WINDOW = 250  # characters read after "của"; LegalDocument.issuer holds 255


def parse_date(text: str | None) -> datetime.date | None:
    """ "07/9/2015", "7-9-2015", "07.9.2015" or "07 tháng 9 năm 2015"; None if impossible."""
    if not text:
        return None
    match = _DATE_ONLY.fullmatch(text)
    if match is None:
        return None
    return _date_of(match)


def _date_of(match: re.Match[str]) -> datetime.date | None:
    if match.group("day") is not None:
        day, month, year = match.group("day", "month", "year")
    else:
        day, month, year = match.group("long_day", "long_month", "long_year")
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None


def year_in_number(number_symbol: str) -> int | None:
    """The year a legal act's number carries: 2016 in "22/2016/TT-BTTTT"."""
    match = _YEAR.match(number_symbol)
    return int(match.group(1)) if match else None


@dataclass
class _Found:
    kind: str
    number_symbol: str
    date: datetime.date | None
    issuer: str | None
    start: int
    end: int


def find_citations(lines: Iterable[tuple[int, str]]) -> list[Citation]:
    """Every citation, in order of appearance (repeats included).

    "Quyết định số A ngày … và Quyết định số B ngày … của X": both were issued by X.
    """
    result: list[Citation] = []
    for line, text in lines:
        found = _find_in(text)
        # From the last to the first, so that a run of citations joined by "và" or "," takes the
        # issuer named after the run.
        shared: str | None = None
        issuers: list[str | None] = []
        for index in range(len(found) - 1, -1, -1):
            one = found[index]
            joined = index + 1 < len(found) and (
                text[one.end : found[index + 1].start].strip() in {"và", ","}
            )
            shared = one.issuer or (shared if joined else None)
            issuers.append(shared)
        issuers.reverse()
        for one, issuer in zip(found, issuers, strict=True):
            parts = _PARTS.match(one.number_symbol)
            result.append(
                Citation(
                    kind=one.kind,
                    number=parts.group(1) if parts else "",
                    symbol=parts.group(2) if parts else "",
                    number_symbol=one.number_symbol,
                    date=one.date,
                    issuer=issuer,
                    text=_SPACES.sub(" ", text[one.start : one.end]),
                    line=line,
                )
            )
    return result


def _find_in(text: str) -> list[_Found]:
    found: list[_Found] = []
    position = 0
    while match := _CITATION.search(text, position):
        position = match.end()
        kind = " ".join((match.group("kind") or match.group("law")).split())
        if kind[0].islower() and match.group("so") is None:
            continue  # "kế hoạch 5 năm": in lower case, only "… số N" is a citation
        if match.group("title") and not match.group("title").lstrip()[0].isupper():
            continue  # "Luật này số …" names no law
        number = _SPACES.sub("", match.group("number"))
        if len(number) > MAX_NUMBER or not _LETTER.search(number):
            continue  # "Nghị quyết 12/2023" has no symbol: not a document's number
        end = match.end()
        if stray := _STRAY.match(text, end):
            end = stray.end()
        date: datetime.date | None = None
        issuer: str | None = None
        dated = named = False
        for _part in range(2):  # a date and an issuer, in either order
            if not dated and (written := _DATE_AFTER.match(text, end)):
                date, dated, end = _date_of(written), True, written.end()
            elif not named and (of := _ISSUER_AFTER.match(text, end)):
                name_end = issuer_end(text, of.end())
                if name_end is None:
                    break
                issuer = _SPACES.sub(" ", text[of.end() : name_end])
                named, end = True, name_end
            else:
                break
        found.append(
            _Found(
                kind=_BY_SPELLING[kind.lower()],
                number_symbol=number,
                date=date,
                issuer=issuer,
                start=match.start(),
                end=end,
            )
        )
        position = end
    return found


def read_issuer(text: str) -> str | None:
    """The issuing body's name at the start of ``text`` ("UBND tỉnh Lào Cai quyết định …" →
    "UBND tỉnh Lào Cai"), or None when no known body begins there."""
    end = issuer_end(text, 0)
    return _SPACES.sub(" ", text[:end]).strip() if end is not None else None


# --- Issuers -------------------------------------------------------------------------------------
#
# A name is read as words (canonical: lower case, one tone placement) with their capitalisation.
# Bodies come in four shapes:
#   whole names      "Chính phủ", "Thủ tướng Chính phủ", "Bộ Chính trị": nothing follows;
#   local bodies     "Tỉnh ủy", "UBND", "HĐND": then "tỉnh"/"thành phố"… and a place name, every
#                    word of which is capitalised ("UBND tỉnh Lào Cai", "Tỉnh ủy Bắc Giang");
#   titles           "Chủ tịch", "Ban Thường vụ", "Bộ trưởng": then another body;
#   named bodies     "Bộ", "Sở", "Ban", "Trường" …: then a name whose parts begin with a capital
#                    ("Văn hóa, Thể thao và Du lịch"), each part's first word may carry one
#                    lower-case syllable ("Văn hóa", "Truyền thông"); lower-case words are crossed
#                    only when a capitalised part of the name follows them closely ("Ban Chỉ đạo
#                    công tác Nhân quyền"). A word that starts the subject ("về", "phê duyệt" …)
#                    is never crossed.

_WHOLE = [
    "ban bí thư trung ương đảng",
    "ban chấp hành trung ương đảng",
    "ban chấp hành trung ương",
    "ban tuyên giáo trung ương",
    "ban đối ngoại trung ương",
    "ban dân vận trung ương",
    "ban tổ chức trung ương",
    "ban nội chính trung ương",
    "ủy ban kiểm tra trung ương",
    "ủy ban thường vụ quốc hội",
    "phó thủ tướng chính phủ",
    "thủ tướng chính phủ",
    "văn phòng chính phủ",
    "văn phòng trung ương đảng",
    "trung ương đảng",
    "phó thủ tướng",
    "bộ chính trị",
    "ban bí thư",
    "chủ tịch nước",
    "chính phủ",
    "thủ tướng",
    "quốc hội",
    "trung ương",
]
_LOCAL = [
    "liên hiệp các tổ chức hữu nghị",
    "đảng ủy khối các cơ quan",
    "đảng ủy khối doanh nghiệp",
    "mặt trận tổ quốc việt nam",
    "mặt trận tổ quốc",
    "ủy ban mặt trận tổ quốc việt nam",
    "ủy ban mặt trận tổ quốc",
    "hội đồng nhân dân",
    "ủy ban nhân dân",
    "ubmttq",
    "ubnd",
    "hđnd",
    "tỉnh ủy",
    "thành ủy",
    "huyện ủy",
    "thị ủy",
    "quận ủy",
    "đảng ủy",
    "đảng bộ",
]
_TITLES = [
    "bch",
    "btv",
    "ban cán sự đảng",
    "ban thường vụ",
    "ban chấp hành",
    "ban tuyên giáo",
    "ban dân vận",
    "ban tổ chức",
    "ủy ban kiểm tra",
    "thường trực",
    "phó chủ tịch",
    "chủ tịch",
    "bộ trưởng",
    "thứ trưởng",
    "giám đốc",
    "văn phòng",
    "đảng đoàn",
]
_NAMED = [
    "tổ công tác",
    "hội đồng",
    "bcđ",
    "ban chỉ đạo",
    "bộ tư lệnh",
    "bộ chỉ huy",
    "tổng cục",
    "học viện",
    "liên hiệp",
    "trung tâm",
    "văn phòng",
    "ủy ban",
    "công an",
    "trường",
    "viện",
    "cục",
    "bộ",
    "sở",
    "ban",
    "hội",
    "đài",
    "báo",
    "đoàn",
]
_LOWER_CASE_NAMES = {"ban chỉ đạo", "hội đồng", "tổ công tác"}
_LEVELS = ["thành phố", "thị trấn", "thị xã", "tỉnh", "huyện", "quận", "phường", "xã", "tp ."]
# Lower-case words that begin what the document is about, or a new part of the sentence.
_SUBJECT = [
    "về",
    "v/v",
    "của",
    "ngày",
    "số",
    "tại",
    "theo",
    "để",
    "đã",
    "đang",
    "sẽ",
    "vừa",
    "với",
    "cho",
    "nhằm",
    "trong",
    "trên",
    "đối với",
    "ban hành",
    "phê duyệt",
    "triển khai",
    "thực hiện",
    "hướng dẫn",
    "quy định",
    "quyết định",
    "tăng cường",
    "đẩy mạnh",
    "tổ chức",
    "tiếp tục",
    "chỉ đạo",
    "gửi",
    "yêu cầu",
    "đề nghị",
    "sửa đổi",
    "bổ sung",
    "thông qua",
    "công bố",
    "kiện toàn",
    "thành lập",
    "kết luận",
    "nâng cao",
    "xây dựng",
    "phân công",
    "chấp thuận",
    "tuyên truyền",
    "phối hợp",
    "bảo đảm",
    "đảm bảo",
    "tập trung",
    "thống nhất",
    "lãnh đạo",
    "rà soát",
]
_NEVER_NAMES = {"về", "v/v", "của", "ngày", "số", "tại", "theo"}  # even when capitalised
_CONNECTORS = {"và", ",", "-", "–"}
_BRIDGE = 6  # lower-case words crossed at most between two capitalised parts of a name
_TAIL = 3  # lower-case syllables at most at the end of a name ("Phát triển nông thôn")
_LONG_TAIL = 8  # … of a name in lower case ("Ban Chỉ đạo công tác thông tin đối ngoại")
_TOKEN = re.compile(r"[^\s,;:.()\[\]“”\"‘’!?…]++|[,;:.()\[\]“”\"‘’!?…]")


_Phrases = dict[str, list[tuple[str, ...]]]


def _phrases(phrases: list[str]) -> _Phrases:
    """The phrases by their first word, longest first."""
    table: _Phrases = {}
    for phrase in sorted((tuple(phrase.split()) for phrase in phrases), key=len, reverse=True):
        table.setdefault(phrase[0], []).append(phrase)
    return table


_WHOLE_WORDS = _phrases(_WHOLE)
_LOCAL_WORDS = _phrases(_LOCAL)
_TITLE_WORDS = _phrases(_TITLES)
_NAMED_WORDS = _phrases(_NAMED)
_LEVEL_WORDS = _phrases(_LEVELS)
_SUBJECT_WORDS = _phrases(_SUBJECT)
_HEAD_WORDS = _phrases([*_WHOLE, *_LOCAL, *_TITLES, *_NAMED])


@lru_cache(maxsize=4096)
def _canonical(word: str) -> str:
    return canonical(word)


class _Reader:
    """The words after "của"; a word's canonical form is computed when first asked for."""

    def __init__(self, text: str, start: int) -> None:
        self.text = text
        stop = min(len(text), start + _ISSUER_WINDOW)
        self.matches = list(_TOKEN.finditer(text, start, stop))
        if stop < len(text) and self.matches:
            self.matches.pop()  # perhaps cut by the window
        self.keys: list[str | None] = [None] * len(self.matches)

    def key(self, index: int) -> str:
        if index >= len(self.matches):
            return ""
        key = self.keys[index]
        if key is None:
            key = self.keys[index] = _canonical(self.matches[index].group(0))
        return key

    def at(self, index: int, phrases: _Phrases) -> int:
        """The length of the longest phrase found at ``index`` (0 if none)."""
        for phrase in phrases.get(self.key(index), ()):
            if all(self.key(index + offset) == word for offset, word in enumerate(phrase)):
                return len(phrase)
        return 0

    def capital(self, index: int) -> bool:
        """Begins with a capital letter or a digit ("UBND", "Lào", "35")."""
        if index >= len(self.matches):
            return False
        first = self.matches[index].group(0)[0]
        return first.isupper() or first.isdigit()

    def begins_name_part(self, index: int) -> bool:
        """A capitalised word that is neither "Về" nor a new citation ("Quyết định số …")."""
        return (
            self.capital(index)
            and self.key(index) not in _NEVER_NAMES
            and not _CITATION.match(self.text, self.matches[index].start())
        )

    def lower(self, index: int) -> bool:
        """A lower-case word (not punctuation) that does not begin the subject."""
        if index >= len(self.matches) or self.capital(index):
            return False
        return self.key(index)[0].isalpha() and not self.at(index, _SUBJECT_WORDS)

    def body(self, index: int) -> int | None:
        """The index after the body named at ``index``, or None."""
        if not self.capital(index):
            return None
        if size := self.at(index, _WHOLE_WORDS):
            return index + size
        if size := self.at(index, _LOCAL_WORDS):
            return self.place(index + size)
        if size := self.at(index, _TITLE_WORDS):
            inner = self.body(index + size)
            if inner is not None:
                return inner
            if self.at(index, _NAMED_WORDS) != size:
                return index + size
        if size := self.at(index, _NAMED_WORDS):
            head = " ".join(self.key(index + offset) for offset in range(size))
            return self.name(index + size, lower_case_name=head in _LOWER_CASE_NAMES)
        return None

    def place(self, index: int) -> int:
        """After a local body: "tỉnh", "thành phố Hà Nội", "Lào Cai", "Bà Rịa - Vũng Tàu"."""
        index += self.at(index, _LEVEL_WORDS)
        while self.begins_name_part(index) and not self.at(index, _SUBJECT_WORDS):
            index += 1
            if self.key(index) in {"-", "–"} and self.begins_name_part(index + 1):
                index += 1
        return index

    def name(self, index: int, *, lower_case_name: bool = False) -> int:
        """After a named body's head ("Bộ", "Ban Chỉ đạo"): its name."""
        end = index
        # The last word kept is capitalised: the part it begins may end in lower-case syllables.
        # After "Ban Chỉ đạo" the whole name may be in lower case.
        open_part = lower_case_name
        while index < len(self.matches):
            if self.begins_name_part(index):
                index = end = index + 1
                open_part = True
            elif self.key(index) in _CONNECTORS:
                follows = index + 1
                if not self.begins_name_part(follows) or self.at(follows, _HEAD_WORDS):
                    break
                index = follows
            elif self.at(index, _LEVEL_WORDS):
                return self.place(index)
            elif self.lower(index):
                run = index
                while run - index <= _LONG_TAIL and self.lower(run):
                    if self.at(run, _LEVEL_WORDS):
                        break
                    run += 1
                if run - index <= _BRIDGE and (
                    self.begins_name_part(run) or self.at(run, _LEVEL_WORDS)
                ):
                    index = run  # on to a capitalised part or to "tỉnh"
                    open_part = False
                elif not open_part:
                    break
                else:
                    longest = _LONG_TAIL if lower_case_name and end == index else _TAIL
                    # "Cục Thông tin đối ngoại", "Ban Chỉ đạo công tác nhân quyền"; or else one
                    # syllable: "Bộ Công an quản lý nhà nước …"
                    index = end = (
                        run if self.ends_name(run) and run - index <= longest else index + 1
                    )
                    open_part = False
            else:
                break
        return end

    def ends_name(self, index: int) -> bool:
        """Nothing more of a name can follow: the end, punctuation, or the subject's first word."""
        if index >= len(self.matches):
            return True
        return not self.key(index)[0].isalnum() or bool(self.at(index, _SUBJECT_WORDS))


def issuer_end(text: str, start: int) -> int | None:
    """Where the issuing body's name that begins at ``start`` ends, or None if none begins there."""
    reader = _Reader(text, start)
    after = reader.body(0)
    if after is None or after == 0:
        return None
    return reader.matches[after - 1].end()
