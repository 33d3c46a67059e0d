"""The plan's body: metadata, sections, responsibilities (section IV), commemorations, budget."""

from __future__ import annotations

import datetime
import re

from ttdn.plans.importers.citations import parse_date
from ttdn.plans.importers.shape import Commemoration, Metadata, Responsibility

_SECTION = re.compile(r"^([IVX]+)\.\s+(.+)$")
_ITEM = re.compile(r"^(\d+)\.\s+(?P<unit>[^:]{3,160}):\s*(?P<rest>.*)$")
_DUTY = re.compile(r"^[-–•+]\s*(.+)$")
_COMMEMORATION = re.compile(
    r"(?P<years>\d{1,4})\s+năm\s+(?P<title>[^();]+?)\s*\(\s*(?P<start>\d{1,2}/\d{1,2}/\d{4})"
    r"\s*[-–]\s*(?P<date>\d{1,2}/\d{1,2}/\d{4})\s*\)"
)
_DEADLINE = re.compile(r"trước ngày (\d{1,2})/(\d{1,2})(?:/(\d{4}))?")
_NUMBER = re.compile(
    r"(?:Kế hoạch|KH)\s+số\s+(?P<number>\d+/KH-[A-ZĐ]+)\s+ngày\s+(?P<date>\d{1,2}/\d{1,2}/\d{4}|"
    r"\d{1,2} tháng \d{1,2} năm \d{4})(?:\s+của\s+(?P<issuer>UBND [^)]+|Ủy ban nhân dân [^)]+))?"
)
_HEADER_NUMBER = re.compile(r"^Số:\s*(?P<number>\d+/KH-[A-ZĐ]+)")
_HEADER_DATE = re.compile(r",\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
_TITLE_YEAR = re.compile(r"NĂM\s+(\d{4})\s*$", re.IGNORECASE)
_PROVINCE = re.compile(r"(?:TỈNH|tỉnh)\s+(.+?)\s+(?:NĂM|năm)\s+\d{4}")
_ISSUER_LINE = re.compile(r"^(?:TM\.\s*)?(ỦY BAN NHÂN DÂN|UBND)(?:\s+TỈNH\s+(.+))?$")


def read_metadata(paragraphs: list[tuple[int, str]], appendix: list[tuple[int, str]]) -> Metadata:
    metadata = Metadata()
    heading: list[str] = []
    for _line, text in paragraphs[:4]:
        if text.startswith(("Thực hiện", "Căn cứ")) or _SECTION.match(text):
            break
        if text.upper() == text and not text.startswith(("Số:", "CỘNG HÒA", "Độc lập")):
            heading.append(text)
    if heading:
        title = " ".join(heading)
        if match := _TITLE_YEAR.search(title):
            metadata.year = int(match.group(1))
        if match := _PROVINCE.search(title):
            metadata.province = match.group(1).title()
        if title.isupper():
            title = title[:1] + title[1:].lower()
            if metadata.province:
                title = title.replace(metadata.province.lower(), metadata.province)
        metadata.title = title
    # The number: the appendix's "(Kèm theo Kế hoạch số …)" or the header's "Số: …".
    for _line, text in appendix:
        if metadata.number is None and (match := _NUMBER.search(text)):
            metadata.number = match.group("number")
            metadata.date = parse_date(match.group("date"))
            if match.group("issuer"):
                metadata.issuer = match.group("issuer").strip()
    for _line, text in paragraphs[:12]:
        if metadata.number is None and (match := _HEADER_NUMBER.match(text)):
            metadata.number = match.group("number")
        if metadata.date is None and (match := _HEADER_DATE.search(text)):
            day, month, year = (int(group) for group in match.groups())
            metadata.date = datetime.date(year, month, day)
    if metadata.issuer is None and metadata.province:
        for _line, text in paragraphs:
            if _ISSUER_LINE.match(text):
                metadata.issuer = f"UBND tỉnh {metadata.province}"
                break
    return metadata


def read_sections(paragraphs: list[tuple[int, str]]) -> list[tuple[int, str]]:
    return [(line, text) for line, text in paragraphs if _SECTION.match(text) and text.isupper()]


def _section_body(
    paragraphs: list[tuple[int, str]], sections: list[tuple[int, str]], keyword: str
) -> list[tuple[int, str]]:
    for index, (line, text) in enumerate(sections):
        if keyword in text:
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
    result: list[Responsibility] = []
    current: Responsibility | None = None
    for line, text in _section_body(paragraphs, sections, "TỔ CHỨC THỰC HIỆN"):
        if match := _ITEM.match(text):
            unit = re.sub(r"^Đề nghị\s+", "", match.group("unit").strip())
            duties = [match.group("rest").strip()] if match.group("rest").strip() else []
            current = Responsibility(unit=unit, duties=duties, line=line)
            result.append(current)
        elif current is not None and (duty := _DUTY.match(text)):
            current.duties.append(duty.group(1).strip())
        else:
            current = None  # the closing paragraphs and the distribution list are not duties
    return result


def read_report_deadline(
    responsibilities: list[Responsibility], year: int | None
) -> datetime.date | None:
    for responsibility in responsibilities:
        for duty in responsibility.duties:
            if "báo cáo" in duty.lower() and (match := _DEADLINE.search(duty)):
                deadline_year = int(match.group(3) or year or 0)
                if deadline_year:
                    return datetime.date(deadline_year, int(match.group(2)), int(match.group(1)))
    return None


def read_budget(paragraphs: list[tuple[int, str]], sections: list[tuple[int, str]]) -> list[str]:
    return [text for _line, text in _section_body(paragraphs, sections, "KINH PHÍ")]


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
