"""The department's dashboard: what it shows, who sees it, and a constant number of queries."""

from __future__ import annotations

import io
from typing import Any

from django.urls import reverse
from openpyxl import load_workbook

from tests.orgs.test_admin_views import client_for, english_on
from tests.reporting.conftest import D, member
from ttdn.core.actor import SYSTEM
from ttdn.demo.load import load_reporting
from ttdn.orgs.models import Role
from ttdn.plans.models import Plan, TaskAssignment
from ttdn.reporting import services
from ttdn.reporting.models import Progress


def test_dashboard_shows_the_plan_and_exports(plan: Plan) -> None:
    load_reporting(plan)
    client = client_for(member("coord", "so-van-hoa-the-thao-va-du-lich", Role.COORDINATOR))
    url = reverse("reporting_dashboard")
    html = client.get(url).content.decode()
    assert english_on(html) == []
    assert "Sở Công Thương tỉnh Bắc Giang" in html  # a row of the matrix
    assert 'class="cell t-done_on_time"' in html
    assert "Báo cáo đã nhận" in html
    assert "Tiến độ theo đơn vị" in html
    matrix = load_workbook(io.BytesIO(client.get(url, {"export": "matrix"}).content))
    sheet = matrix.worksheets[0]
    assert sheet.max_row > 20
    assert sheet.cell(1, 2).value == "I"
    units = load_workbook(io.BytesIO(client.get(url, {"export": "units"}).content)).worksheets[0]
    assert units.cell(1, 1).value == "Đơn vị"
    for table, header in (("by_unit", "Đơn vị"), ("monthly", "Tháng"), ("sections", "Phần")):
        sheet = load_workbook(io.BytesIO(client.get(url, {"export": table}).content)).worksheets[0]
        assert sheet.cell(1, 1).value == header, table
        assert sheet.max_row > 1, table


def test_only_the_department_sees_the_dashboard(plan: Plan) -> None:
    officer = client_for(member("officer", "hoi-nha-bao-tinh", Role.FOCAL_OFFICER))
    assert officer.get(reverse("reporting_dashboard")).status_code in (302, 403)


def test_dashboard_queries_do_not_grow_with_data(
    plan: Plan, django_assert_max_num_queries: Any
) -> None:
    load_reporting(plan)
    client = client_for(member("coord", "so-van-hoa-the-thao-va-du-lich", Role.COORDINATOR))
    url = reverse("reporting_dashboard")
    client.get(url)
    with django_assert_max_num_queries(60) as before:
        client.get(url)
    quiet = TaskAssignment.objects.filter(
        task__plan=plan, progress__isnull=True, unit__isnull=False
    )
    for assignment in quiet[:150]:  # many more reports on the same page
        services.progress_record(
            actor=SYSTEM,
            assignment=assignment,
            status="in_progress",
            percent=20,
            reported_on=D(2025, 10, 1),
        )
    assert Progress.objects.count() > 1000
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(url)
