"""Timeframes as plans write them → concrete dates in the plan year."""

from __future__ import annotations

import calendar
import datetime
import re

from ttdn.core.text import canonical
from ttdn.plans.importers.shape import Timeframe

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_YEAR = re.compile(r"^(?:trong |cả |suốt )?năm (\d{4})$")
_IN_YEAR = r"(?:\s*[/-]\s*(\d{4})|\s+năm\s+(\d{4}))?"
_MONTHS = re.compile(
    r"^(?:từ )?tháng (\d{1,2})(?:/(\d{4}))?\s*(?:-|–|đến)\s*(?:hết )?tháng (\d{1,2})"
    + _IN_YEAR
    + "$"
)
_QUARTERS = re.compile(
    r"^quý (i{1,3}|iv|[1-4])\s*(?:,|và|-|–|đến)\s*(?:quý )?(i{1,3}|iv|[1-4])" + _IN_YEAR + "$"
)
_QUARTER = re.compile(r"^quý (i{1,3}|iv|[1-4])(?:\s*[/-]\s*(?:năm\s*)?(\d{4})|\s+năm\s+(\d{4}))?$")
_MONTH = re.compile(r"^tháng (\d{1,2})(?:\s*[/-]\s*(?:năm\s*)?(\d{4})|\s+năm\s+(\d{4}))?$")
_BEFORE = re.compile(r"^trước(?: ngày)? (\d{1,2})/(\d{1,2})(?:/(\d{4}))?$")
_HALF = re.compile(r"^6 tháng (đầu|cuối) năm(?: (\d{4}))?$")
_RECURRING = ("thường xuyên", "hằng năm", "hàng năm", "định kỳ", "liên tục")


def normalise_timeframe(raw: str, year: int | None) -> Timeframe:
    """Dates for "Năm 2025", "Quý II", "Tháng 3/2025", "Trước 15/11", "6 tháng đầu năm",
    "Thường xuyên" (recurring over the plan year). Anything else keeps only its raw text."""
    text = canonical(raw).strip(" .")
    result = Timeframe(raw=raw.strip())
    if any(not 1900 <= int(y) <= 2200 for y in re.findall(r"\d{4}", text)):
        return result  # not a year a plan runs in: keep the text, give no dates
    if not text:
        return result
    if any(text.startswith(word) for word in _RECURRING):
        result.recurring = True
        if year:
            result.start, result.end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        return result
    if match := _YEAR.match(text):
        y = int(match.group(1))
        result.start, result.end = datetime.date(y, 1, 1), datetime.date(y, 12, 31)
    elif match := _MONTHS.match(text):
        y = int(match.group(4) or match.group(5) or match.group(2) or year or 0)
        first, last = int(match.group(1)), int(match.group(3))
        if y and 1 <= first <= last <= 12:
            result.start, result.end = datetime.date(y, first, 1), _month_end(y, last)
    elif match := _QUARTERS.match(text):
        y = int(match.group(3) or match.group(4) or year or 0)
        first, last = _ROMAN[match.group(1)], _ROMAN[match.group(2)]
        if y and first <= last:
            result.start = datetime.date(y, 3 * first - 2, 1)
            result.end = _month_end(y, 3 * last)
    elif match := _QUARTER.match(text):
        y = int(match.group(2) or match.group(3) or year or 0)
        if y:
            quarter = _ROMAN[match.group(1)]
            first = 3 * quarter - 2
            result.start = datetime.date(y, first, 1)
            result.end = _month_end(y, first + 2)
    elif match := _MONTH.match(text):
        y = int(match.group(2) or match.group(3) or year or 0)
        month = int(match.group(1))
        if y and 1 <= month <= 12:
            result.start, result.end = datetime.date(y, month, 1), _month_end(y, month)
    elif match := _BEFORE.match(text):
        y = int(match.group(3) or year or 0)
        try:
            result.end = datetime.date(y, int(match.group(2)), int(match.group(1))) if y else None
        except ValueError:
            result.end = None
        if result.end:
            result.start = datetime.date(result.end.year, 1, 1)
    elif match := _HALF.match(text):
        y = int(match.group(2) or year or 0)
        if y:
            first = match.group(1) == "đầu"
            result.start = datetime.date(y, 1 if first else 7, 1)
            result.end = datetime.date(y, 6, 30) if first else datetime.date(y, 12, 31)
    return result


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])
