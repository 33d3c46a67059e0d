"""A unit's officer at work in the staff UI: their tasks, a progress report, evidence."""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.files import make_pdf
from tests.orgs.test_admin_views import client_for, english_on
from tests.reporting.conftest import member, part
from ttdn.core.actor import SYSTEM
from ttdn.orgs.models import Role
from ttdn.plans.models import Plan
from ttdn.reporting.models import Evidence, Progress

PDF = make_pdf("Bien ban giao luu")


def test_officer_reports_progress_and_evidence(plan: Plan) -> None:
    lead = part(plan, "IV.5.8", "hoi-nha-bao-tinh")
    officer = member("officer", "hoi-nha-bao-tinh", Role.FOCAL_OFFICER)
    client = client_for(officer)
    listing = client.get(reverse("reporting_tasks")).content.decode()
    assert english_on(listing) == []
    assert "Trao đổi, học tập kinh nghiệm" in listing  # IV.5.8
    assert "Đang thực hiện quá hạn" in listing or "Đang thực hiện trong hạn" in listing
    url = reverse("reporting_assignment", args=[lead.pk])
    page = client.get(url).content.decode()
    assert english_on(page) == []
    assert "Báo Bắc Giang" in page  # the coordinating units' parts are shown too
    # Bad input: the message is on the field, in Vietnamese, and the other input is kept.
    response = client.post(
        url,
        {
            "progress-status": "in_progress",
            "progress-percent": "140",
            "progress-reported_on": "02/06/2025",
            "progress-narrative": "Đã tổ chức giao lưu.",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tiến độ là tỷ lệ phần trăm từ 0 đến 100." in html
    assert "Đã tổ chức giao lưu." in html
    assert not Progress.objects.exists()
    response = client.post(
        url,
        {
            "progress-status": "in_progress",
            "progress-percent": "60",
            "progress-reported_on": "02/06/2025",
            "progress-narrative": "Đã tổ chức giao lưu.",
        },
    )
    assert response.status_code == 302
    progress = Progress.objects.get(assignment=lead)
    assert (progress.percent, progress.status) == (60, "in_progress")
    assert lead.updates.get().reported_on == datetime.date(2025, 6, 2)
    response = client.post(
        url,
        {
            "evidence-kind": "file",
            "evidence-title": "Biên bản giao lưu",
            "evidence-file": SimpleUploadedFile("bien-ban.pdf", PDF),
        },
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    download = client.get(reverse("reporting_evidence_download", args=[evidence.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF  # type: ignore[attr-defined]
    response = client.post(
        url,
        {
            "evidence-kind": "file",
            "evidence-title": "Virus",
            "evidence-file": SimpleUploadedFile("virus.pdf", b"MZ" + b"\x00" * 64),
        },
    )
    assert "không phải tệp PDF, Word, Excel hoặc ảnh" in response.content.decode()
    assert Evidence.objects.count() == 1


def test_others_cannot_report_or_see(plan: Plan) -> None:
    lead = part(plan, "IV.5.8", "hoi-nha-bao-tinh")
    officer = member("officer", "hoi-nha-bao-tinh", Role.FOCAL_OFFICER)
    client_for(officer).post(
        reverse("reporting_assignment", args=[lead.pk]),
        {
            "evidence-kind": "file",
            "evidence-title": "x",
            "evidence-file": SimpleUploadedFile("x.pdf", PDF),
        },
    )
    evidence = Evidence.objects.get()
    stranger = client_for(member("stranger", "so-tu-phap", Role.FOCAL_OFFICER))
    assert stranger.get(reverse("reporting_assignment", args=[lead.pk])).status_code == 404
    assert (
        stranger.get(reverse("reporting_evidence_download", args=[evidence.pk])).status_code == 404
    )
    coordinator = client_for(member("coord", "so-van-hoa-the-thao-va-du-lich", Role.COORDINATOR))
    assert coordinator.get(reverse("reporting_assignment", args=[lead.pk])).status_code == 200
    response = coordinator.post(
        reverse("reporting_assignment", args=[lead.pk]),
        {
            "progress-status": "done",
            "progress-percent": "100",
            "progress-reported_on": "02/06/2025",
        },
    )
    assert response.status_code in (302, 403)
    assert not Progress.objects.exists()


def test_an_archived_part_leaves_the_task_list_and_stays_readable(plan: Plan) -> None:
    from ttdn.demo.files import PLAN_FILE
    from ttdn.plans import services as plan_services
    from ttdn.reporting import services

    dropped = part(plan, "IV.5.8", "bao-bac-giang")
    officer = member("officer", "bao-bac-giang", Role.FOCAL_OFFICER)
    services.progress_record(
        actor=officer,
        assignment=dropped,
        status="in_progress",
        percent=30,
        reported_on=datetime.date(2025, 6, 2),
        narrative="Đã đăng 3 bài.",
    )
    text = PLAN_FILE.read_text(encoding="utf-8").replace(
        "\tHội Nhà báo Việt Nam, Báo Bắc Giang, Đài Phát thanh và Truyền hình tỉnh.\n",
        "\tHội Nhà báo Việt Nam, Đài Phát thanh và Truyền hình tỉnh.\n",
    )
    plan_services.plan_import_file(actor=SYSTEM, data=text.encode(), filename="v2.txt")
    client = client_for(officer)
    listing = client.get(reverse("reporting_tasks")).content.decode()
    assert reverse("reporting_assignment", args=[dropped.pk]) not in listing
    assert "Trao đổi, học tập kinh nghiệm" not in listing  # IV.5.8
    url = reverse("reporting_assignment", args=[dropped.pk])
    page = client.get(url).content.decode()
    assert english_on(page) == []
    assert "Đã lưu trữ ngày" in page
    assert "Đã đăng 3 bài." in page
    assert 'name="progress-status"' not in page  # no more reports on it
    response = client.post(
        url,
        {
            "progress-status": "done",
            "progress-percent": "100",
            "progress-reported_on": "03/06/2025",
        },
    )
    assert (response.status_code, response["Location"]) == (302, "/admin/")  # refused
    assert Progress.objects.get(assignment=dropped).percent == 30


def test_recorded_work_and_sent_reports_cannot_be_deleted_by_a_cascade(plan: Plan) -> None:
    import pytest
    from django.db.models import ProtectedError

    from ttdn.demo.load import load_reporting
    from ttdn.reporting.models import ReportCycle

    load_reporting(plan)
    cycle = ReportCycle.objects.get(plan=plan)
    for target in (plan, cycle, part(plan, "IV.5.8", "hoi-nha-bao-tinh")):
        with pytest.raises(ProtectedError):
            target.delete()
