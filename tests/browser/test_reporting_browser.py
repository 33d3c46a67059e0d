"""In Chromium, in Vietnamese: an officer reports a task with evidence and sends the unit report;
the coordinator returns it; the officer resends; the coordinator approves and downloads the
provincial .docx. Screenshots in var/screenshots/."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from docx import Document

from tests.browser.conftest import NEEDS_CHROMIUM, SCREENSHOTS
from tests.conftest import make_user
from tests.files import make_pdf
from ttdn.core.actor import SYSTEM
from ttdn.demo.files import PLAN_FILE
from ttdn.demo.load import load_units
from ttdn.orgs.models import Role, Unit
from ttdn.plans import services as plan_services
from ttdn.plans.models import TaskAssignment
from ttdn.reporting import cycles
from ttdn.reporting.models import Evidence, Progress, Submission

pytestmark = NEEDS_CHROMIUM
PDF = make_pdf("Bien ban giao luu")


def sign_in(browser: Any, base: str, username: str) -> Any:
    page = browser.new_page(locale="en-US", viewport={"width": 1280, "height": 900})
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pw-" + username)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}/admin/")
    return page


@pytest.mark.django_db(transaction=True)
def test_report_round_trip(browser: Any, live_server: Any, tmp_path: Any) -> None:
    load_units()
    plan = plan_services.plan_import_file(
        actor=SYSTEM, data=PLAN_FILE.read_bytes(), filename="seed.txt"
    ).plan
    cycle = cycles.cycle_from_plan(actor=SYSTEM, plan=plan)
    hoi = Unit.objects.get(code="hoi-nha-bao-tinh")
    make_user("officer", hoi, Role.FOCAL_OFFICER)
    make_user(
        "coordinator", Unit.objects.get(code="so-van-hoa-the-thao-va-du-lich"), Role.COORDINATOR
    )
    assert User.objects.count() == 2
    base = live_server.url
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    evidence_file = tmp_path / "bien-ban-giao-luu.pdf"
    evidence_file.write_bytes(PDF)

    officer = sign_in(browser, base, "officer")
    officer.get_by_role("link", name="Nhiệm vụ của đơn vị").first.click()
    officer.get_by_role("link", name="Trao đổi, học tập kinh nghiệm").first.click()
    officer.select_option("select[name=progress-status]", "done")
    officer.fill("input[name=progress-percent]", "100")
    officer.fill("input[name=progress-reported_on]", "20/10/2025")
    officer.fill(
        "textarea[name=progress-narrative]", "Đã tổ chức đoàn giao lưu với Hội Nhà báo Thái Lan."
    )
    officer.get_by_role("button", name="Lưu báo cáo").click()
    officer.wait_for_selector("text=Đã ghi nhận tiến độ.")
    officer.fill("input[name=evidence-title]", "Biên bản giao lưu")
    officer.set_input_files("input[name=evidence-file]", str(evidence_file))
    officer.get_by_role("button", name="Thêm minh chứng").click()
    officer.wait_for_selector("text=Đã thêm minh chứng.")
    officer.screenshot(path=str(SCREENSHOTS / "10-officer-task.png"), full_page=True)
    assert (
        Progress.objects.get(assignment__unit=hoi, assignment__task__code="IV.5.8").percent == 100
    )
    assert Evidence.objects.count() == 1

    submission = cycle.submissions.get(unit=hoi)
    officer.goto(f"{base}/admin/reporting/reports/{submission.pk}/")
    officer.fill(
        "textarea[name=narrative]", "Năm 2025, Hội Nhà báo tỉnh đã hoàn thành các nhiệm vụ."
    )
    officer.fill(f"input[name=indicator_{cycle.indicators.get(position=0).pk}]", "15")
    officer.get_by_role("button", name="Gửi báo cáo").click()
    officer.wait_for_selector("text=Đã gửi báo cáo.")
    officer.screenshot(path=str(SCREENSHOTS / "11-officer-report-sent.png"), full_page=True)

    coordinator = sign_in(browser, base, "coordinator")
    coordinator.goto(f"{base}/admin/reporting/reports/{submission.pk}/")
    coordinator.fill("textarea[name=reason]", "Đề nghị bổ sung số lớp tập huấn.")
    coordinator.get_by_role("button", name="Trả lại đơn vị").click()
    coordinator.wait_for_selector("text=Đã trả lại báo cáo cho đơn vị.")
    coordinator.screenshot(path=str(SCREENSHOTS / "12-coordinator-returned.png"), full_page=True)

    officer.reload()
    assert "Đề nghị bổ sung số lớp tập huấn." in officer.content()
    officer.fill(f"input[name=indicator_{cycle.indicators.get(position=2).pk}]", "2")
    officer.get_by_role("button", name="Gửi báo cáo").click()
    officer.wait_for_selector("text=Đã gửi báo cáo.")

    coordinator.reload()
    coordinator.get_by_role("button", name="Duyệt", exact=True).click()
    coordinator.wait_for_selector("text=Đã duyệt báo cáo.")
    submission.refresh_from_db()
    assert submission.state == Submission.State.APPROVED
    assert submission.snapshots.count() == 2
    coordinator.goto(f"{base}/admin/reporting/reports/")
    with coordinator.expect_download() as download_info:
        coordinator.get_by_role("link", name="69/KH-UBND (.docx)").click()
    path = download_info.value.path()
    paragraphs = [p.text for p in Document(io.BytesIO(Path(path).read_bytes())).paragraphs]
    assert "BÁO CÁO" in paragraphs
    assert any("Hội Nhà báo tỉnh Bắc Giang: Năm 2025" in p for p in paragraphs)
    coordinator.screenshot(path=str(SCREENSHOTS / "13-coordinator-reports.png"), full_page=True)
    assert TaskAssignment.objects.filter(task__plan=plan).exists()
