import datetime

import pytest

from ttdn.core.dates import format_vn_date, parse_vn_date


def test_parse_and_format() -> None:
    assert parse_vn_date("06/11/2024") == datetime.date(2024, 11, 6)
    assert parse_vn_date(" 6/11/2024 ") == datetime.date(2024, 11, 6)
    assert format_vn_date(datetime.date(2025, 3, 1)) == "01/03/2025"


@pytest.mark.parametrize("text", ["2025-03-01", "31/02/2025", "1/13/2025", ""])
def test_bad_dates_are_named(text: str) -> None:
    with pytest.raises(ValueError, match="is not a date"):
        parse_vn_date(text)
