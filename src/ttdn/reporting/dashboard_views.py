"""The department's dashboard: unit × task matrix, reports received, sections, the year so far."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from ttdn.core.http import BadQueryError, attachment, parse_query
from ttdn.orgs import permissions
from ttdn.plans.models import Plan
from ttdn.reporting import selectors
from ttdn.reporting.documents.dashboard import TABLES, render_table_xlsx
from ttdn.reporting.models import TIMELINESS_LABELS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class DashboardQuery(forms.Form):
    plan = forms.IntegerField(
        label=gettext_lazy("Plan"), required=False, min_value=1, max_value=2**63 - 1
    )
    export = forms.CharField(label=gettext_lazy("Table"), required=False, max_length=20)


def dashboard(request: HttpRequest) -> HttpResponse:
    if not permissions.is_department(request.user):
        raise PermissionDenied
    try:
        query = parse_query(request, DashboardQuery).cleaned_data
    except BadQueryError as exc:
        return exc.response()
    plans = list(Plan.objects.order_by("-year", "number"))
    if not plans:
        return TemplateResponse(request, "reporting/admin/dashboard.html", {"plans": []})
    plan = get_object_or_404(Plan, pk=query["plan"] or plans[0].pk)
    data = selectors.dashboard(plan, today=timezone.localdate())
    if query["export"]:
        if query["export"] not in TABLES:
            raise Http404
        response = HttpResponse(render_table_xlsx(query["export"], data), content_type=XLSX)
        return attachment(response, f"{query['export']}-{plan.number}.xlsx")
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
