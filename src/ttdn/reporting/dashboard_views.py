"""The department's dashboard: unit × task matrix, reports received, sections, the year so far."""

from __future__ import annotations

import io
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.orgs import permissions
from ttdn.plans.models import Plan
from ttdn.reporting import selectors
from ttdn.reporting.models import TIMELINESS_LABELS

EXPORTS = {"matrix", "units", "sections", "by_unit", "monthly"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def dashboard(request: HttpRequest) -> HttpResponse:
    if not permissions.is_department(request.user):
        raise PermissionDenied
    plans = list(Plan.objects.order_by("-year", "number"))
    if not plans:
        return TemplateResponse(request, "reporting/admin/dashboard.html", {"plans": []})
    plan = get_object_or_404(Plan, pk=request.GET.get("plan") or plans[0].pk)
    data = selectors.dashboard(plan, today=timezone.localdate())
    if request.GET.get("export") in EXPORTS:
        return _export(request.GET["export"], plan, data)
    top = max((count for _month, count in data["monthly"]), default=0) or 1
    context = {
        "plans": plans,
        "plan": plan,
        "data": data,
        "labels": TIMELINESS_LABELS,
        "bars": [(month, count, round(100 * count / top)) for month, count in data["monthly"]],
        "rows": [
            {
                "unit": row["unit"],
                "cells": [row["cells"].get(task.pk) for task in data["tasks"]],
            }
            for row in data["matrix"]
        ],
    }
    return TemplateResponse(request, "reporting/admin/dashboard.html", context)


def _export(table: str, plan: Plan, data: dict[str, Any]) -> HttpResponse:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.worksheets[0]
    if table == "matrix":
        sheet.title = _("Units × tasks")[:31]
        sheet.append([_("Unit"), *[task.code for task in data["tasks"]]])
        for row in data["matrix"]:
            sheet.append(
                [
                    row["unit"].name,
                    *[
                        str(TIMELINESS_LABELS[row["cells"][task.pk]])
                        if task.pk in row["cells"]
                        else ""
                        for task in data["tasks"]
                    ],
                ]
            )
    elif table == "units":
        sheet.title = _("Reports")[:31]
        sheet.append([_("Unit"), _("State"), _("Sent")])
        for submission in data["submissions"]:
            sent = submission.submitted_at
            sheet.append(
                [
                    submission.unit.name,
                    str(submission.get_state_display()),
                    timezone.localtime(sent).strftime("%d/%m/%Y %H:%M") if sent else "",
                ]
            )
    elif table == "by_unit":
        sheet.title = _("Progress by unit")[:31]
        sheet.append([_("Unit"), _("Progress (%)")])
        for unit, percent in data["by_unit"]:
            sheet.append([unit.name, round(percent)])
    elif table == "monthly":
        sheet.title = _("Tasks done, month by month")[:31]
        sheet.append([_("Month"), _("Tasks done")])
        for month, count in data["monthly"]:
            sheet.append([month.strftime("%m/%Y"), count])
    else:
        sheet.title = _("Sections")[:31]
        sheet.append([_("Section"), _("Progress (%)")])
        for task, percent in data["sections"]:
            sheet.append([f"{task.label}. {task.title}", round(percent)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="{table}-{plan.number.replace("/", "-")}.xlsx"'
    )
    return response
