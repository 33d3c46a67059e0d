"""How Vietnamese trackers grade a task: done on time or late, in progress within or past its
deadline, counted in working days. Free of Django."""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass

from ttdn.core.calendar import WorkCalendar


class Status(enum.StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    NOT_CARRIED_OUT = "not_carried_out"
    ADJUSTMENT_REQUESTED = "adjustment_requested"


class Timeliness(enum.StrEnum):
    DONE_ON_TIME = "done_on_time"  # Hoàn thành đúng hạn
    DONE_LATE = "done_late"  # Hoàn thành quá hạn
    WITHIN_DEADLINE = "within_deadline"  # Đang thực hiện trong hạn
    OVERDUE = "overdue"  # Đang thực hiện quá hạn
    NOT_CARRIED_OUT = "not_carried_out"  # Không thực hiện
    NO_DEADLINE = "no_deadline"


@dataclass(frozen=True)
class Grade:
    timeliness: Timeliness
    overdue_working_days: int = 0


def grade(
    *,
    status: Status,
    deadline: datetime.date | None,
    done_on: datetime.date | None,
    today: datetime.date,
    calendar: WorkCalendar,
) -> Grade:
    """Overdue days stop counting when the task closes (done, or not carried out)."""
    if status == Status.NOT_CARRIED_OUT:
        return Grade(Timeliness.NOT_CARRIED_OUT)
    if deadline is None:
        return Grade(Timeliness.NO_DEADLINE)
    if status == Status.DONE:
        finished = done_on or today
        late = calendar.working_days_between(deadline, finished)
        return Grade(Timeliness.DONE_LATE, late) if late else Grade(Timeliness.DONE_ON_TIME)
    late = calendar.working_days_between(deadline, today)
    return Grade(Timeliness.OVERDUE, late) if late else Grade(Timeliness.WITHIN_DEADLINE)


class Rollup(enum.StrEnum):
    LEAD_ONLY = "lead_only"  # the lead unit's progress is the task's
    MEAN = "mean"  # every unit counts the same
    WEIGHTED = "weighted"  # the lead counts LEAD_WEIGHT times a coordinating unit


LEAD_WEIGHT = 3


def task_percent(parts: list[tuple[bool, int]], rule: Rollup) -> float:
    """``parts``: (is_lead, percent) per assignment; units with no report count as 0."""
    if not parts:
        return 0.0
    leads = [percent for is_lead, percent in parts if is_lead]
    if rule == Rollup.LEAD_ONLY:
        return sum(leads) / len(leads) if leads else 0.0
    if rule == Rollup.MEAN:
        return sum(percent for _lead, percent in parts) / len(parts)
    weights = [(LEAD_WEIGHT if is_lead else 1, percent) for is_lead, percent in parts]
    return sum(w * p for w, p in weights) / sum(w for w, _p in weights)


def mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0
