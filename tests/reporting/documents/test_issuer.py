"""Who issues the reports: the installation's province or centrally-run city, else the plan's."""

from __future__ import annotations

import io

import pytest
from docx import Document

from tests.reporting.conftest import D
from ttdn.core.actor import SYSTEM
from ttdn.orgs import services
from ttdn.orgs.models import Level, Unit
from ttdn.plans.models import Plan
from ttdn.reporting import cycles
from ttdn.reporting.documents.provincial import render_docx
from ttdn.reporting.documents.unit import render_unit_docx
from ttdn.reporting.selectors import report_data

TODAY = D(2025, 11, 20)


def _texts(content: bytes) -> tuple[list[str], list[str]]:
    document = Document(io.BytesIO(content))
    header = [cell.text for cell in document.tables[0]._cells]
    every_cell = [cell.text for table in document.tables for cell in table._cells]
    paragraphs = [p.text for p in document.paragraphs]
    return header, paragraphs + every_cell


def _unit_report(plan: Plan) -> bytes:
    cycle = cycles.cycle_from_plan(actor=SYSTEM, plan=plan)
    submission = cycle.submissions.get(unit__code="hoi-nha-bao-tinh")
    return render_unit_docx(submission, today=TODAY)


def _set(province: str, level: str) -> None:
    services.installation_set(
        actor=SYSTEM,
        province=province,
        level=level,
        coordinating_unit=Unit.objects.get(code="so-van-hoa-the-thao-va-du-lich"),
        peoples_committee=None,
    )


@pytest.mark.parametrize(
    ("province", "level", "full", "short", "party"),
    [
        ("Lào Cai", Level.PROVINCE, "tỉnh Lào Cai", "UBND tỉnh Lào Cai", "Tỉnh ủy"),
        ("Hà Nội", Level.CITY, "thành phố Hà Nội", "UBND thành phố Hà Nội", "Thành ủy"),
    ],
)
def test_the_installation_names_the_issuer(
    plan: Plan, province: str, level: str, full: str, short: str, party: str
) -> None:
    _set(province, level)
    header, texts = _texts(render_docx(report_data(plan, today=TODAY), today=TODAY))
    assert any(f"ỦY BAN NHÂN DÂN\n{full.upper()}" in cell.upper() for cell in header)
    assert any(f"{province}, ngày 20 tháng 11 năm 2025" in cell for cell in header)
    assert not any("Bắc Giang, ngày" in cell for cell in header)
    assert any(f"của {short})" in text for text in texts)
    assert any(f"Thường trực {party}" in text for text in texts)
    word = full.removesuffix(f" {province}")
    assert any(f"UBND {word} báo cáo kết quả như sau" in text for text in texts)

    header, texts = _texts(_unit_report(plan))
    assert any(short.upper() in cell.upper() for cell in header)
    assert any(f"{province}, ngày 20 tháng 11 năm 2025" in cell for cell in header)
    assert any(f"Cơ quan tổng hợp báo cáo của {word}" in text for text in texts)


def test_without_settings_the_plan_names_its_province(plan: Plan) -> None:
    header, _ = _texts(render_docx(report_data(plan, today=TODAY), today=TODAY))
    assert any("ỦY BAN NHÂN DÂN\nTỈNH BẮC GIANG" in cell.upper() for cell in header)
    assert any("Bắc Giang, ngày 20 tháng 11 năm 2025" in cell for cell in header)
    header, _ = _texts(_unit_report(plan))
    assert any("UBND TỈNH BẮC GIANG" in cell.upper() for cell in header)
