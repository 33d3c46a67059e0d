"""Dates as Vietnamese documents write them: dd/mm/yyyy (d/m/yyyy accepted)."""

from __future__ import annotations

import datetime
import re

_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")


def parse_vn_date(text: str) -> datetime.date:
    """``"06/11/2024"`` or ``"6/11/2024"`` → a date; ValueError naming the text otherwise."""
    match = _DATE.match(text)
    if match is None:
        raise ValueError(f"{text!r} is not a date: use dd/mm/yyyy")
    day, month, year = (int(part) for part in match.groups())
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise ValueError(f"{text!r} is not a date of the calendar") from None


def format_vn_date(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")
