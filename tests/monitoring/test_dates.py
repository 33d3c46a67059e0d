from datetime import UTC, datetime, timedelta, timezone

import pytest

from ttdn.monitoring.dates import VIETNAM, find_date

NOW = datetime(2026, 11, 26, 5, 0, tzinfo=UTC)  # 12:00 in Hà Nội


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thứ năm, 19/11/2026, 10:30 (GMT+7)", datetime(2026, 11, 19, 10, 30, tzinfo=VIETNAM)),
        ("Cập nhật 19/11/2026 08:15", datetime(2026, 11, 19, 8, 15, tzinfo=VIETNAM)),
        ("10:30 19/11/2026", datetime(2026, 11, 19, 10, 30, tzinfo=VIETNAM)),
        ("Ngày 5-11-2026", datetime(2026, 11, 5, tzinfo=VIETNAM)),
        ("2026年11月17日 14:20", datetime(2026, 11, 17, 14, 20, tzinfo=VIETNAM)),
        ("入力 2026.11.15 09:30", datetime(2026, 11, 15, 9, 30, tzinfo=VIETNAM)),
        ("Cập nhật: 2 giờ trước", NOW - timedelta(hours=2)),
        ("30 phút trước", NOW - timedelta(minutes=30)),
        ("3 days ago", NOW - timedelta(days=3)),
        (
            "19/11/2026 10:30 (GMT+9)",
            datetime(2026, 11, 19, 10, 30, tzinfo=timezone(timedelta(hours=9))),
        ),
        # The future and impossible dates are not dates of publication.
        ("Sự kiện ngày 30/12/2026", None),
        ("31/02/2026", None),
        ("không có ngày", None),
    ],
)
def test_dates_as_newsrooms_write_them(text: str, expected: datetime | None) -> None:
    assert find_date(text, now=NOW) == expected


def test_a_future_date_gives_way_to_the_next_plausible_one() -> None:
    found = find_date("Lễ hội 01/01/2027. Đăng ngày 20/11/2026", now=NOW)
    assert found == datetime(2026, 11, 20, tzinfo=VIETNAM)
