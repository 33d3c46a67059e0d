import datetime

import pytest

from ttdn.core.calendar import WorkCalendar
from ttdn.reporting.timeliness import Rollup, Status, Timeliness, grade, task_percent

D = datetime.date
CAL = WorkCalendar()


@pytest.mark.parametrize(
    ("status", "done_on", "today", "expected", "late"),
    [
        (Status.DONE, D(2025, 11, 14), D(2025, 12, 1), Timeliness.DONE_ON_TIME, 0),
        (Status.DONE, D(2025, 11, 18), D(2025, 12, 1), Timeliness.DONE_LATE, 1),
        (Status.IN_PROGRESS, None, D(2025, 11, 14), Timeliness.WITHIN_DEADLINE, 0),
        (Status.NOT_STARTED, None, D(2025, 11, 16), Timeliness.WITHIN_DEADLINE, 0),  # Sunday
        (Status.IN_PROGRESS, None, D(2025, 11, 21), Timeliness.OVERDUE, 4),
        (Status.NOT_CARRIED_OUT, None, D(2025, 12, 1), Timeliness.NOT_CARRIED_OUT, 0),
    ],
)
def test_grades_in_working_days(
    status: Status, done_on: D | None, today: D, expected: Timeliness, late: int
) -> None:
    # Deadline Monday 17/11/2025.
    result = grade(
        status=status, deadline=D(2025, 11, 17), done_on=done_on, today=today, calendar=CAL
    )
    assert (result.timeliness, result.overdue_working_days) == (expected, late)


def test_overdue_skips_tet() -> None:
    result = grade(
        status=Status.IN_PROGRESS,
        deadline=D(2025, 1, 24),
        done_on=None,
        today=D(2025, 2, 3),
        calendar=CAL,
    )
    assert result == grade(
        status=Status.IN_PROGRESS,
        deadline=D(2025, 1, 24),
        done_on=None,
        today=D(2025, 2, 3),
        calendar=CAL,
    )
    assert result.overdue_working_days == 1


def test_no_deadline() -> None:
    result = grade(
        status=Status.IN_PROGRESS, deadline=None, done_on=None, today=D(2025, 1, 1), calendar=CAL
    )
    assert result.timeliness == Timeliness.NO_DEADLINE


def test_rollup_rules() -> None:
    parts = [(True, 100), (False, 0), (False, 50)]
    assert task_percent(parts, Rollup.LEAD_ONLY) == 100
    assert task_percent(parts, Rollup.MEAN) == 50
    assert task_percent(parts, Rollup.WEIGHTED) == (300 + 0 + 50) / 5
    assert task_percent([], Rollup.MEAN) == 0
    assert task_percent([(False, 40)], Rollup.LEAD_ONLY) == 0
