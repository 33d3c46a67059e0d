import datetime

from ttdn.core.calendar import WorkCalendar

D = datetime.date
CAL = WorkCalendar()


def test_tet_and_weekends_are_not_working_days() -> None:
    assert not CAL.is_working_day(D(2025, 1, 29))  # Mùng 1 Tết Ất Tỵ
    assert CAL.holiday_name(D(2025, 1, 29)) == "Tết Nguyên Đán"
    assert not CAL.is_working_day(D(2025, 9, 2))  # Quốc khánh
    assert not CAL.is_working_day(D(2025, 11, 16))  # Sunday
    assert CAL.is_working_day(D(2025, 11, 14))


def test_the_governments_swapped_saturday_is_worked() -> None:
    assert CAL.is_working_day(D(2025, 4, 26))  # worked so that 02/05/2025 is off
    assert not CAL.is_working_day(D(2025, 5, 2))


def test_office_days_off_and_make_up_days() -> None:
    cal = WorkCalendar(
        extra_days_off=frozenset({D(2025, 11, 14)}),
        extra_working_days=frozenset({D(2025, 11, 15)}),
    )
    assert not cal.is_working_day(D(2025, 11, 14))
    assert cal.is_working_day(D(2025, 11, 15))


def test_counting_working_days_across_tet() -> None:
    # Fri 24/01/2025 + 1 working day: the Tết break (27/01-31/01) and the weekend → 03/02.
    assert CAL.add_working_days(D(2025, 1, 24), 1) == D(2025, 2, 3)
    assert CAL.working_days_between(D(2025, 1, 24), D(2025, 2, 3)) == 1
    assert CAL.add_working_days(D(2025, 11, 17), -1) == D(2025, 11, 14)
    assert CAL.working_days_between(D(2025, 11, 15), D(2025, 11, 10)) == 0
