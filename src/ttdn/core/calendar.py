"""Working days in Vietnam: weekends, public holidays (lunar Tết included), the Government's
swapped days, and the office's own extra days off and make-up working days. Free of Django."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import lru_cache

import holidays


@lru_cache(maxsize=16)
def _public_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("VN", years=[year], language="vi")


@dataclass(frozen=True)
class WorkCalendar:
    extra_days_off: frozenset[datetime.date] = field(default_factory=frozenset)
    extra_working_days: frozenset[datetime.date] = field(default_factory=frozenset)

    def is_working_day(self, day: datetime.date) -> bool:
        if day in self.extra_working_days:
            return True
        if day in self.extra_days_off:
            return False
        return bool(_public_holidays(day.year).is_working_day(day))

    def holiday_name(self, day: datetime.date) -> str | None:
        name = _public_holidays(day.year).get(day)
        return str(name) if name else None

    def add_working_days(self, day: datetime.date, count: int) -> datetime.date:
        """The working day ``count`` working days after (or before, if negative) ``day``."""
        step = datetime.timedelta(days=1 if count >= 0 else -1)
        remaining = abs(count)
        while remaining:
            day += step
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 when end <= start)."""
        count = 0
        day = start
        while day < end:
            day += datetime.timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count
