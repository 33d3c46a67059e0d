"""Publication dates as newsrooms write them, never in the future.

Forms understood (besides ISO 8601): "Thứ năm, 26/11/2026, 10:30 (GMT+7)", "26/11/2026 08:15",
"26-11-2026", "2 giờ trước", "30 phút trước", "3 ngày trước", "hôm qua", "2026年11月17日 14:20",
"2026.11.15 09:30", and English "2 hours ago".
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

VIETNAM = timezone(timedelta(hours=7))
EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)
# A server clock a little ahead is not "the future".
TOLERANCE = timedelta(minutes=15)

_GMT = r"(?:\s*\(?\s*(?:GMT|UTC)\s*([+-]\d{1,2})(?::?(\d{2}))?\s*\)?)?"
_DMY = re.compile(
    r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\s*[,|-]?\s*(\d{1,2})[:h](\d{2}))?" + _GMT
)
_HM_DMY = re.compile(r"(?<!\d)(\d{1,2})[:h](\d{2})\s*[,|-]?\s*(\d{1,2})/(\d{1,2})/(\d{4})" + _GMT)
_CJK = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日(?:\s*(\d{1,2})[:時](\d{2}))?")
_YMD = re.compile(r"(?<!\d)(\d{4})[.-](\d{1,2})[.-](\d{1,2})\.?(?:[ T]+(\d{1,2}):(\d{2}))?")
_RELATIVE = re.compile(
    r"(\d+)\s*(phút|giờ|tiếng|ngày|tuần|minutes?|mins?|hours?|days?|weeks?)\s*(trước|ago)",
    re.IGNORECASE,
)
_UNITS = {
    "phút": "minutes",
    "min": "minutes",
    "giờ": "hours",
    "tiếng": "hours",
    "hour": "hours",
    "ngày": "days",
    "day": "days",
    "tuần": "weeks",
    "week": "weeks",
}


def plausible(moment: datetime | None, now: datetime) -> datetime | None:
    """``moment`` if it is neither in the future nor before 1990."""
    if moment is None or moment > now + TOLERANCE or moment < EARLIEST:
        return None
    return moment


def parse_iso(value: str, *, tz: tzinfo = VIETNAM) -> datetime | None:
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=tz)


def _build(
    year: str, month: str, day: str, hour: str | None, minute: str | None, tz: tzinfo
) -> datetime | None:
    try:
        return datetime(
            int(year), int(month), int(day), int(hour or 0), int(minute or 0), tzinfo=tz
        )
    except ValueError:
        return None


def _offset(hours: str | None, minutes: str | None, default: tzinfo) -> tzinfo:
    if hours is None:
        return default
    sign = -1 if hours.startswith("-") else 1
    return timezone(sign * timedelta(hours=abs(int(hours)), minutes=int(minutes or 0)))


def find_date(
    text: str, *, now: datetime, tz: tzinfo = VIETNAM, relative: bool = True
) -> datetime | None:
    """The first plausible date written in ``text`` (absolute dates before relative ones)."""
    found = find_dates(text, now=now, tz=tz)
    absolute = [moment for moment, is_relative in found if not is_relative]
    if absolute:
        return absolute[0]
    if relative:
        return next((moment for moment, _ in found), None)
    return None


def find_dates(text: str, *, now: datetime, tz: tzinfo = VIETNAM) -> list[tuple[datetime, bool]]:
    """Every plausible date in ``text``, in order, each with whether it was relative."""
    candidates: list[tuple[int, datetime | None]] = []
    relative: set[int] = set()
    for match in _HM_DMY.finditer(text):
        hour, minute, day, month, year, gh, gm = match.groups()
        candidates.append(
            (match.start(), _build(year, month, day, hour, minute, _offset(gh, gm, tz)))
        )
    for match in _DMY.finditer(text):
        day, month, year, hour, minute, gh, gm = match.groups()
        candidates.append(
            (match.start(), _build(year, month, day, hour, minute, _offset(gh, gm, tz)))
        )
    for pattern in (_CJK, _YMD):
        for match in pattern.finditer(text):
            year, month, day, hour, minute = match.groups()
            candidates.append((match.start(), _build(year, month, day, hour, minute, tz)))
    if "hôm qua" in text.lower():
        relative.add(len(candidates))
        candidates.append((text.lower().index("hôm qua"), now - timedelta(days=1)))
    for match in _RELATIVE.finditer(text):
        amount, unit = int(match.group(1)), match.group(2).lower()
        key = next(name for prefix, name in _UNITS.items() if unit.startswith(prefix))
        relative.add(len(candidates))
        candidates.append((match.start(), now - timedelta(**{key: amount})))
    ordered = sorted(range(len(candidates)), key=lambda i: candidates[i][0])
    return [
        (moment, i in relative)
        for i in ordered
        if (moment := plausible(candidates[i][1], now)) is not None
    ]


# The time zone a newsroom of a country writes its dates in, when the page does not say.
_ZONES = {
    "VN": "Asia/Ho_Chi_Minh", "CN": "Asia/Shanghai", "HK": "Asia/Hong_Kong",
    "TW": "Asia/Taipei", "JP": "Asia/Tokyo", "KR": "Asia/Seoul", "LA": "Asia/Vientiane",
    "KH": "Asia/Phnom_Penh", "TH": "Asia/Bangkok", "SG": "Asia/Singapore",
    "MY": "Asia/Kuala_Lumpur", "ID": "Asia/Jakarta", "PH": "Asia/Manila", "IN": "Asia/Kolkata",
    "RU": "Europe/Moscow", "FR": "Europe/Paris", "DE": "Europe/Berlin", "GB": "Europe/London",
    "AU": "Australia/Sydney",
}  # fmt: skip


def zone_of(country: str) -> tzinfo:
    """The usual time zone of ``country`` (ISO code); Vietnam's when unknown or empty."""
    return ZoneInfo(_ZONES.get(country.upper(), "Asia/Ho_Chi_Minh"))
