"""The plan's body: metadata, sections, responsibilities (section IV), commemorations, budget."""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence

from ttdn.plans.importers import header
from ttdn.plans.importers.citations import parse_date
from ttdn.plans.importers.shape import Commemoration, Metadata, Responsibility

_SECTION = re.compile(r"^([IVX]+)\.\s+(.+)$")
_ARABIC_SECTION = re.compile(r"^(\d{1,2})\.\s+(.+)$")
# The words a plan's top-level sections start with, whatever their case.
SECTION_WORDS = (
    "MỤC ĐÍCH",
    "YÊU CẦU",
    "MỤC TIÊU",
    "QUAN ĐIỂM",
    "NHIỆM VỤ",
    "NỘI DUNG",
    "GIẢI PHÁP",
    "TỔ CHỨC THỰC HIỆN",
    "KINH PHÍ",
    "PHÂN CÔNG",
    "CHẾ ĐỘ BÁO CÁO",
    "ĐỐI TƯỢNG",
    "PHẠM VI",
    "CÁC HOẠT ĐỘNG",
    "HOẠT ĐỘNG",
    "TRÁCH NHIỆM",
)
DUTIES = ("TỔ CHỨC THỰC HIỆN", "PHÂN CÔNG NHIỆM VỤ", "PHÂN CÔNG TRÁCH NHIỆM", "TRÁCH NHIỆM")
# A unit's item: "1. Sở X:", "a) Sở X:", "2.1. Sở X:" with its duties after the colon or below.
_ITEM = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2})*\.|[a-zđ]\))\s+(?P<unit>[^:]{3,160}):\s*(?P<rest>.*)$"
)
# "- Sở X: …": a dash item only when it names a unit.
_DASH_ITEM = re.compile(
    r"^[-–•]\s*(?P<unit>(?:Đề nghị\s+)?(?:Sở|Ban\s+[A-ZĐ]|Văn phòng|Công an|Bộ Chỉ huy|Bộ đội|"
    r"Ủy ban|Uỷ ban|UBND|Đài|Báo|Liên hiệp|Liên minh|Hội|Cục|Chi cục|Các|Mặt trận|Tỉnh đoàn|"
    r"Thành đoàn|Đoàn|Kho bạc|Ngân hàng|Cổng|Trung tâm|Viện|Bảo hiểm|Thanh tra|Hải quan|"
    r"Trường|Tòa án|Viện kiểm sát|Bưu điện)[^:]{0,120}):\s*(?P<rest>.*)$"
)
_DUTY = re.compile(r"^[-–•+]\s*(.+)$")
_COMMEMORATION = re.compile(
    r"(?P<years>\d{1,4})\s+năm\s+(?P<title>[^();]+?)\s*\(\s*(?P<start>\d{1,2}/\d{1,2}/\d{4})"
    r"\s*[-–]\s*(?P<date>\d{1,2}/\d{1,2}/\d{4})\s*\)"
)
# "trước ngày 15/11", "chậm nhất ngày 15/11/2021", "trước ngày 15 tháng 11 năm 2021".
_DEADLINE = re.compile(
    r"(?:trước|chậm nhất(?: là)?|không muộn hơn|hạn chót)\s+(?:ngày\s+)?(\d{1,2})"
    r"(?:/|\s+tháng\s+)(\d{1,2})(?:(?:/|\s+năm\s+)(\d{4}))?",
    re.IGNORECASE,
)


def read_metadata(paragraphs: list[tuple[int, str]], appendix: list[tuple[int, str]]) -> Metadata:
    """The header's metadata (``header.read_header`` also gives its warnings and the body)."""
    return header.read_metadata(paragraphs, appendix)


def read_sections(paragraphs: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The top-level section headings, in order: roman ("II. NỘI DUNG") or, in a document that
    has none, arabic ("2. NHIỆM VỤ", or "2. Nhiệm vụ" starting with a section word), numbered
    1, 2, 3 … in turn (a "1." further down is an item, not a section)."""
    roman = [
        (line, text)
        for line, text in paragraphs
        if (match := _SECTION.match(text)) and (text.isupper() or _section_word(match.group(2)))
    ]
    if roman:
        return roman
    found: list[tuple[int, str]] = []
    for line, text in paragraphs:
        match = _ARABIC_SECTION.match(text)
        if match is None or int(match.group(1)) != len(found) + 1:
            continue
        title = match.group(2)
        if (title.isupper() and len(title.split()) >= 2) or _section_word(title):
            found.append((line, text))
    return found


def _section_word(title: str) -> bool:
    return title.upper().startswith(SECTION_WORDS)


def section_body(
    paragraphs: list[tuple[int, str]], sections: list[tuple[int, str]], *keywords: str
) -> list[tuple[int, str]]:
    """The paragraphs of the first section whose heading names one of ``keywords``."""
    for index, (line, text) in enumerate(sections):
        if any(keyword in text.upper() for keyword in keywords):
            end = sections[index + 1][0] if index + 1 < len(sections) else None
            return [
                (number, body)
                for number, body in paragraphs
                if number > line and (end is None or number < end)
            ]
    return []


def read_responsibilities(
    paragraphs: list[tuple[int, str]], sections: list[tuple[int, str]]
) -> list[Responsibility]:
    """Each unit's duties under "TỔ CHỨC THỰC HIỆN" or "PHÂN CÔNG NHIỆM VỤ/TRÁCH NHIỆM"."""
    result: list[Responsibility] = []
    current: Responsibility | None = None
    dashed = False  # the current unit is a "- Sở X:" item: its own dash lines are units too
    for line, text in section_body(paragraphs, sections, *DUTIES):
        match = _ITEM.match(text)
        if match is None and (current is None or dashed):
            match = _DASH_ITEM.match(text)  # "- Sở X: …" items, no numbered unit above them
            dashed = match is not None
        elif match is not None:
            dashed = False
        if match is not None:
            unit = re.sub(r"^Đề nghị\s+", "", " ".join(match.group("unit").split()))
            duties = [match.group("rest").strip()] if match.group("rest").strip() else []
            current = Responsibility(unit=unit, duties=duties, line=line)
            result.append(current)
        elif current is not None and (duty := _DUTY.match(text)):
            current.duties.append(duty.group(1).strip())
        else:
            current, dashed = None, False  # closing paragraphs, the distribution list
    return result


def read_report_deadline(
    responsibilities: list[Responsibility],
    year: int | None,
    paragraphs: Sequence[tuple[int, str]] = (),
) -> datetime.date | None:
    """The date the units report by: a units' duty that asks for a report, else any paragraph
    of ``paragraphs`` (the section that organises the work) that does."""
    texts = [duty for r in responsibilities for duty in r.duties]
    texts.extend(text for _line, text in paragraphs)
    for text in texts:
        if "báo cáo" in text.lower() and (match := _DEADLINE.search(text)):
            deadline_year = int(match.group(3) or year or 0)
            try:
                return datetime.date(deadline_year, int(match.group(2)), int(match.group(1)))
            except ValueError:
                continue
    return None


def read_budget(paragraphs: list[tuple[int, str]], sections: list[tuple[int, str]]) -> list[str]:
    return [text for _line, text in section_body(paragraphs, sections, "KINH PHÍ")]


def read_commemorations(paragraphs: list[tuple[int, str]]) -> list[Commemoration]:
    found: list[Commemoration] = []
    for line, text in paragraphs:
        for match in _COMMEMORATION.finditer(text):
            start, date = parse_date(match.group("start")), parse_date(match.group("date"))
            if start is None or date is None:
                continue
            found.append(
                Commemoration(
                    title=match.group("title").strip(),
                    years=int(match.group("years")),
                    start=start,
                    date=date,
                    line=line,
                )
            )
    return found
