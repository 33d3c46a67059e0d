"""The dashboard's tables as spreadsheets (one table per workbook)."""

from __future__ import annotations

import io
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.core.xlsx import append_row
from ttdn.reporting.models import TIMELINESS_LABELS

TABLES = ("matrix", "units", "sections", "by_unit", "monthly")


def render_table_xlsx(table: str, data: dict[str, Any]) -> bytes:
    """One of ``TABLES`` of ``selectors.dashboard``'s data as an .xlsx workbook."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.worksheets[0]
    if table == "matrix":
        sheet.title = _("Units × tasks")[:31]
        append_row(sheet, [_("Unit"), *[task.code for task in data["tasks"]]])
        for row in data["matrix"]:
            append_row(
                sheet,
                [
                    row["unit"].name,
                    *[
                        str(TIMELINESS_LABELS[row["cells"][task.pk]])
                        if task.pk in row["cells"]
                        else ""
                        for task in data["tasks"]
                    ],
                ],
            )
    elif table == "units":
        sheet.title = _("Reports")[:31]
        append_row(sheet, [_("Unit"), _("State"), _("Sent")])
        for submission in data["submissions"]:
            sent = submission.submitted_at
            append_row(
                sheet,
                [
                    submission.unit.name,
                    str(submission.get_state_display()),
                    timezone.localtime(sent).strftime("%d/%m/%Y %H:%M") if sent else "",
                ],
            )
    elif table == "by_unit":
        sheet.title = _("Progress by unit")[:31]
        append_row(sheet, [_("Unit"), _("Progress (%)")])
        for unit, percent in data["by_unit"]:
            append_row(sheet, [unit.name, round(percent)])
    elif table == "monthly":
        sheet.title = _("Tasks done, month by month")[:31]
        append_row(sheet, [_("Month"), _("Tasks done")])
        for month, count in data["monthly"]:
            append_row(sheet, [month.strftime("%m/%Y"), count])
    elif table == "sections":
        sheet.title = _("Sections")[:31]
        append_row(sheet, [_("Section"), _("Progress (%)")])
        for task, percent in data["sections"]:
            append_row(sheet, [f"{task.label}. {task.title}", round(percent)])
    else:
        raise ValueError(f"unknown dashboard table {table!r}")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
