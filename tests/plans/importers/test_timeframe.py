import datetime

import pytest

from ttdn.plans.importers.timeframe import normalise_timeframe

D = datetime.date


@pytest.mark.parametrize(
    ("raw", "start", "end", "recurring"),
    [
        ("Năm 2025", D(2025, 1, 1), D(2025, 12, 31), False),
        ("Trong năm 2025", D(2025, 1, 1), D(2025, 12, 31), False),
        ("Quý II", D(2025, 4, 1), D(2025, 6, 30), False),
        ("Quý IV/2025", D(2025, 10, 1), D(2025, 12, 31), False),
        ("Quý I và II", D(2025, 1, 1), D(2025, 6, 30), False),
        ("Tháng 3/2025", D(2025, 3, 1), D(2025, 3, 31), False),
        ("Từ tháng 3 đến tháng 6", D(2025, 3, 1), D(2025, 6, 30), False),
        ("Tháng 9 - tháng 11 năm 2025", D(2025, 9, 1), D(2025, 11, 30), False),
        ("Trước 15/11", D(2025, 1, 1), D(2025, 11, 15), False),
        ("Trước ngày 30/6/2025", D(2025, 1, 1), D(2025, 6, 30), False),
        ("6 tháng đầu năm", D(2025, 1, 1), D(2025, 6, 30), False),
        ("Thường xuyên", D(2025, 1, 1), D(2025, 12, 31), True),
        ("Khi có yêu cầu", None, None, False),
        ("Trước 31/02", None, None, False),
        ("Năm 0000", None, None, False),
        ("Quý II/9999", None, None, False),
    ],
)
def test_timeframes(raw: str, start: D | None, end: D | None, recurring: bool) -> None:
    result = normalise_timeframe(raw, 2025)
    assert (result.start, result.end, result.recurring) == (start, end, recurring)
    assert result.raw == raw
