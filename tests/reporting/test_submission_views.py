"""The report round trip through the screens, in Vietnamese."""

from __future__ import annotations

from django.urls import reverse

from tests.orgs.test_admin_views import client_for, english_on
from tests.reporting.conftest import member
from ttdn.core.actor import SYSTEM
from ttdn.orgs.models import Role
from ttdn.plans.models import Plan
from ttdn.reporting import cycles
from ttdn.reporting.models import Submission


def test_send_return_resend_approve(plan: Plan) -> None:
    cycle = cycles.cycle_from_plan(actor=SYSTEM, plan=plan)
    submission = cycle.submissions.get(unit__code="hoi-nha-bao-tinh")
    news = cycle.indicators.get(position=0)
    officer = client_for(member("officer", "hoi-nha-bao-tinh", Role.FOCAL_OFFICER))
    coordinator = client_for(member("coord", "so-van-hoa-the-thao-va-du-lich", Role.COORDINATOR))
    url = reverse("reporting_submission", args=[submission.pk])
    listing = officer.get(reverse("reporting_submissions")).content.decode()
    assert english_on(listing) == []
    assert "Hội Nhà báo tỉnh Bắc Giang" in listing
    assert "Sở Tư pháp" not in listing  # other units' reports are not shown to a unit
    page = officer.get(url).content.decode()
    assert english_on(page) == []
    assert "Số tin, bài đã đăng" in page
    response = officer.post(
        url, {"action": "submit", "narrative": "Năm 2025, Hội đã…", f"indicator_{news.pk}": "-2"}
    )
    html = response.content.decode()
    assert "không được là số âm" in html
    assert "Năm 2025, Hội đã…" in html  # nothing the officer typed is lost
    submission.refresh_from_db()
    assert submission.state == Submission.State.DRAFT
    officer.post(
        url, {"action": "submit", "narrative": "Năm 2025, Hội đã…", f"indicator_{news.pk}": "7"}
    )
    submission.refresh_from_db()
    assert submission.state == Submission.State.SUBMITTED
    coordinator.post(url, {"action": "return", "reason": "Bổ sung kết quả giao lưu."})
    submission.refresh_from_db()
    assert submission.state == Submission.State.RETURNED
    assert "Bổ sung kết quả giao lưu." in officer.get(url).content.decode()
    officer.post(url, {"action": "submit", "narrative": "Đã bổ sung.", f"indicator_{news.pk}": "8"})
    coordinator.post(url, {"action": "approve"})
    submission.refresh_from_db()
    assert submission.state == Submission.State.APPROVED
    assert submission.snapshots.count() == 2
    # Once approved, the unit's attempt to change it is refused with a message.
    html = officer.post(url, {"action": "save", "narrative": "x"}).content.decode()
    assert "không thể sửa nữa" in html
    stranger = client_for(member("stranger", "so-tu-phap", Role.FOCAL_OFFICER))
    assert stranger.get(url).status_code == 404


def test_the_department_downloads_the_provincial_report(plan: Plan) -> None:
    import io

    from docx import Document

    coordinator = client_for(member("coord", "so-van-hoa-the-thao-va-du-lich", Role.COORDINATOR))
    listing = coordinator.get(reverse("reporting_submissions")).content.decode()
    url = reverse("reporting_provincial_report", args=[plan.pk, "docx"])
    assert url in listing
    response = coordinator.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.docx"')
    paragraphs = [p.text for p in Document(io.BytesIO(response.content)).paragraphs]
    assert "BÁO CÁO" in paragraphs
    xlsx = coordinator.get(reverse("reporting_provincial_report", args=[plan.pk, "xlsx"]))
    assert xlsx.content[:2] == b"PK"
    officer = client_for(member("officer", "hoi-nha-bao-tinh", Role.FOCAL_OFFICER))
    assert officer.get(url).status_code in (302, 403)


def test_a_units_report_as_an_official_document(plan: Plan) -> None:
    import io

    from docx import Document

    cycle = cycles.cycle_from_plan(actor=SYSTEM, plan=plan)
    submission = cycle.submissions.get(unit__code="hoi-nha-bao-tinh")
    officer_user = member("officer", "hoi-nha-bao-tinh", Role.FOCAL_OFFICER)
    cycles.submission_save_draft(
        actor=officer_user,
        submission=submission,
        narrative="Đã hoàn thành.",
        values={cycle.indicators.get(position=0).pk: "9"},
    )
    cycles.submission_submit(actor=officer_user, submission=submission)
    response = client_for(officer_user).get(reverse("reporting_unit_report", args=[submission.pk]))
    document = Document(io.BytesIO(response.content))
    texts = [p.text for p in document.paragraphs]
    assert "BÁO CÁO" in texts
    assert "Đã hoàn thành." in texts
    assert any("HỘI NHÀ BÁO TỈNH BẮC GIANG" in c.text for c in document.tables[0]._cells)
    assert document.tables[1].rows[1].cells[3].text == "9"
    stranger = client_for(member("stranger", "so-tu-phap", Role.FOCAL_OFFICER))
    assert stranger.get(reverse("reporting_unit_report", args=[submission.pk])).status_code == 404


def test_a_coordinator_opens_the_yearly_cycle(plan: Plan) -> None:
    coordinator = client_for(member("coord", "so-van-hoa-the-thao-va-du-lich", Role.COORDINATOR))
    listing = coordinator.get(reverse("reporting_submissions")).content.decode()
    assert "Mở kỳ báo cáo năm của 69/KH-UBND" in listing
    coordinator.post(reverse("reporting_open_cycle", args=[plan.pk]))
    assert plan.report_cycles.count() == 1
    officer = client_for(member("officer", "hoi-nha-bao-tinh", Role.FOCAL_OFFICER))
    officer.post(reverse("reporting_open_cycle", args=[plan.pk]))
    assert plan.report_cycles.count() == 1


def test_opening_the_yearly_cycle_twice_answers_409(plan: Plan) -> None:
    coordinator = client_for(member("coord", "so-van-hoa-the-thao-va-du-lich", Role.COORDINATOR))
    url = reverse("reporting_open_cycle", args=[plan.pk])
    first = coordinator.post(url)
    assert first.status_code == 302
    second = coordinator.post(url)
    assert second.status_code == 409
    html = second.content.decode()
    assert f"Kế hoạch {plan.number} đã có kỳ báo cáo" in html
    assert plan.report_cycles.count() == 1
