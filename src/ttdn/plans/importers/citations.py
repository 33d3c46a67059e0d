"""Legal documents cited in a plan: "Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ"."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable

from ttdn.plans.importers.shape import Citation

KINDS = (
    "Kết luận",
    "Nghị quyết",
    "Nghị định",
    "Quyết định",
    "Kế hoạch",
    "Thông tư liên tịch",
    "Thông tư",
    "Công văn",
    "Chỉ thị",
    "Quy chế",
    "Chương trình",
    "Hướng dẫn",
    "Luật",
    "Thông báo",
    "Công điện",
    "Đề án",
)
_KIND = "|".join(KINDS)
_NUMBER = r"\d+[a-z]?(?:\s?[/-]\s?(?:\d{4}|[A-ZĐ][A-Za-zĐđ]*))+"
_DATE = r"\d{1,2}/\d{1,2}/\d{4}|\d{1,2} tháng \d{1,2} năm \d{4}"
# Who issued it: a capitalised name after "của", up to the words that start the subject.
_ISSUER = (
    r"(?:Ban Chấp hành|Ban Thường vụ|Bộ trưởng|Bộ|Chủ tịch|Thủ tướng|Chính phủ|Quốc hội|"
    r"Ủy ban|UBND|HĐND|Hội đồng|Tỉnh ủy|Trường|Văn phòng|Ban)"
    rf"(?:,?\s(?!(?:{_KIND})\s)"
    r"(?!về\b|ban hành\b|phê duyệt\b|hướng dẫn\b|triển khai\b|thực hiện\b|quy định\b|"
    r"về việc\b|v/v\b|quy định\b|tổ chức\b|chỉ đạo\b|và\s+(?:các|Quyết|Kế|Nghị))"
    r"[^\s,;.()“”\"]+)*"
)
_CITATION = re.compile(
    rf"(?P<kind>{_KIND})(?:\s+số)?\s+(?P<number>{_NUMBER})"
    rf"(?:\s+(?:tỉnh|của \S+))?"
    rf"(?:,?\s*ngày\s+(?P<date>{_DATE}))?"
    rf"(?:\s*,?\s*của\s+(?P<issuer>{_ISSUER}))?"
)
_PARTS = re.compile(r"^(\d+[a-z]?)[/-](?:\d{4}/)?(.+)$")
_NUMERIC = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_LONG = re.compile(r"(\d{1,2}) tháng (\d{1,2}) năm (\d{4})")


def parse_date(text: str | None) -> datetime.date | None:
    if not text:
        return None
    match = _NUMERIC.fullmatch(text) or _LONG.fullmatch(text)
    if match is None:
        return None
    day, month, year = (int(group) for group in match.groups())
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def find_citations(lines: Iterable[tuple[int, str]]) -> list[Citation]:
    """Every citation, in order of appearance (repeats included).

    "Quyết định số A ngày … và Quyết định số B ngày … của X": both were issued by X.
    """
    found: list[Citation] = []
    for line, text in lines:
        matches = list(_CITATION.finditer(text))
        for index, match in enumerate(matches):
            number = re.sub(r"\s+", "", match.group("number"))
            issuer = match.group("issuer")
            previous_end = match.end()
            for following in matches[index + 1 :] if issuer is None else []:
                if text[previous_end : following.start()].strip() not in {"và", ","}:
                    break
                if following.group("issuer"):
                    issuer = following.group("issuer")
                    break
                previous_end = following.end()
            parts = _PARTS.match(number)
            found.append(
                Citation(
                    kind=match.group("kind"),
                    number=parts.group(1) if parts else "",
                    symbol=parts.group(2) if parts else "",
                    number_symbol=number,
                    date=parse_date(match.group("date")),
                    issuer=_trim_issuer(issuer) if issuer else None,
                    text=match.group(0),
                    line=line,
                )
            )
    return found


def _trim_issuer(issuer: str) -> str:
    return issuer.strip(" ,")
