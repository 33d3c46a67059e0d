"""Reporting progress: who may, what is refused and why, what is recorded."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from wagtail.models import ModelLogEntry

from tests.files import make_docx, make_pdf, make_xlsx, needs_soffice, to_pdf
from tests.reporting.conftest import D, member, part
from ttdn.core.actor import SYSTEM
from ttdn.orgs.models import Role
from ttdn.plans.models import AssignmentRole, Plan, TaskAssignment
from ttdn.reporting import selectors, services
from ttdn.reporting.models import Progress, ProgressUpdate, Status


def test_permission_matrix(plan: Plan) -> None:
    lead = part(plan, "IV.5.8", "hoi-nha-bao-tinh")  # Hội Nhà báo tỉnh leads 5.8
    partner = part(plan, "IV.5.8", "bao-bac-giang")  # Báo Bắc Giang coordinates it
    officer_sct = member("officer_sct", "hoi-nha-bao-tinh", Role.FOCAL_OFFICER)
    leader_sct = member("leader_sct", "hoi-nha-bao-tinh", Role.UNIT_LEADER)
    officer_snv = member("officer_snv", "bao-bac-giang", Role.FOCAL_OFFICER)
    officer_stp = member("officer_stp", "so-tu-phap", Role.FOCAL_OFFICER)
    viewer_sct = member("viewer_sct", "hoi-nha-bao-tinh", Role.VIEWER)
    coordinator = member("coordinator", "so-van-hoa-the-thao-va-du-lich", Role.COORDINATOR)
    day = D(2025, 6, 2)

    def report(user: User, assignment: TaskAssignment) -> None:
        services.progress_record(
            actor=user,
            assignment=assignment,
            status=Status.IN_PROGRESS,
            percent=10,
            reported_on=day,
        )

    report(officer_sct, lead)
    report(leader_sct, lead)
    report(officer_snv, partner)
    for user, assignment in [
        (officer_sct, partner),  # not their unit's part
        (officer_stp, lead),  # not in the task at all
        (viewer_sct, lead),  # reads only
        (coordinator, lead),  # the department reviews, the unit reports
    ]:
        with pytest.raises(PermissionDenied):
            report(user, assignment)
    assert ProgressUpdate.objects.count() == 3
    # Who sees the task: both units and the department, not a unit outside it.
    for user in (officer_sct, officer_snv, coordinator):
        assert selectors.tasks_visible_to(user).filter(pk=lead.task_id).exists()
    assert not selectors.tasks_visible_to(officer_stp).filter(pk=lead.task_id).exists()
    # A partner opens its own part (the task's page, every part's status); the lead's part, with
    # its narratives and evidence, stays the lead's.
    assert selectors.assignments_visible_to(officer_snv).filter(pk=partner.pk).exists()
    assert not selectors.assignments_visible_to(officer_snv).filter(pk=lead.pk).exists()
    assert selectors.assignments_visible_to(coordinator).filter(pk=lead.pk).exists()


def test_bad_input_names_the_field_and_records_nothing(plan: Plan) -> None:
    lead = part(plan, "IV.5.1", "so-cong-thuong")
    officer = member("officer", "so-cong-thuong", Role.FOCAL_OFFICER)
    cases = [
        ({"percent": 120}, "percent", "từ 0 đến 100"),
        ({"percent": -5}, "percent", "từ 0 đến 100"),
        ({"status": Status.DONE, "percent": 80}, "percent", "100%"),
        ({"reported_on": D(2024, 1, 1)}, "reported_on", "01/01/2024"),
        ({"reported_on": D(2999, 1, 1)}, "reported_on", "01/01/2999"),
        ({"status": Status.NOT_CARRIED_OUT}, "reason", "lý do"),
        ({"status": Status.NOT_STARTED, "percent": 40}, "status", "Đang thực hiện"),
    ]
    for changes, field, words in cases:
        arguments = {"status": Status.IN_PROGRESS, "percent": 10, "reported_on": D(2025, 6, 2)}
        arguments.update(changes)
        with pytest.raises(ValidationError) as caught:
            services.progress_record(actor=officer, assignment=lead, **arguments)  # type: ignore[arg-type]
        assert field in caught.value.message_dict, changes
        assert words in caught.value.message_dict[field][0], caught.value.message_dict
    assert not ProgressUpdate.objects.exists()
    assert not Progress.objects.exists()


def test_progress_history_and_audit(plan: Plan) -> None:
    lead = part(plan, "IV.5.1", "so-cong-thuong")
    officer = member("officer", "so-cong-thuong", Role.FOCAL_OFFICER)
    services.progress_record(
        actor=officer,
        assignment=lead,
        status=Status.IN_PROGRESS,
        percent=40,
        reported_on=D(2025, 6, 2),
        narrative="Đã tổ chức 2 đoàn xúc tiến thương mại.",
    )
    progress = services.progress_record(
        actor=officer,
        assignment=lead,
        status=Status.DONE,
        percent=100,
        reported_on=D(2025, 10, 1),
    )
    assert (progress.status, progress.percent, progress.done_on) == ("done", 100, D(2025, 10, 1))
    assert lead.updates.count() == 2
    entries = ModelLogEntry.objects.filter(
        action=services.PROGRESS_RECORDED, object_id=str(lead.pk)
    )
    assert entries.count() == 2
    assert entries.first().data["after"] == {"status": "done", "percent": 100}  # type: ignore[union-attr]


def test_plan_standing_rolls_up_by_the_plans_rule(
    plan: Plan, django_assert_max_num_queries: object
) -> None:
    officer = member("officer", "so-cong-thuong", Role.FOCAL_OFFICER)
    lead = part(plan, "IV.5.1", "so-cong-thuong")
    services.progress_record(
        actor=officer, assignment=lead, status=Status.DONE, percent=100, reported_on=D(2026, 1, 5)
    )
    with django_assert_max_num_queries(6):  # type: ignore[operator]
        standing = selectors.plan_standing(plan, today=D(2026, 1, 5))
    by_code = {s.task.code: s for s in standing["tasks"]}  # type: ignore[attr-defined]
    assert by_code["IV.5.1"].percent == 100  # lead only (the default rule)
    # Due 31/12/2025, done Monday 05/01/2026: 1/1 is a holiday, so 2 working days late.
    assert by_code["IV.5.1"].grade.timeliness == "done_late"
    assert by_code["IV.5.1"].grade.overdue_working_days == 2
    plan.rollup_rule = "mean"
    plan.save()
    standing = selectors.plan_standing(plan, today=D(2026, 1, 5))
    by_code = {s.task.code: s for s in standing["tasks"]}  # type: ignore[attr-defined]
    partners = TaskAssignment.objects.filter(task__code="IV.5.1").count()
    assert by_code["IV.5.1"].percent == pytest.approx(100 / partners)
    assert by_code["IV.5.2"].grade.timeliness == "overdue"
    assert AssignmentRole.LEAD == "lead"


def test_the_successor_of_a_merged_unit_reports_its_part(plan: Plan) -> None:
    # Sở Ngoại vụ was merged into Văn phòng UBND tỉnh on 01/03/2025.
    part_snv = part(plan, "IV.4.3", "so-ngoai-vu")
    office = member("office", "van-phong-ubnd-tinh", Role.FOCAL_OFFICER)
    assert selectors.tasks_visible_to(office).filter(pk=part_snv.task_id).exists()
    services.progress_record(
        actor=office,
        assignment=part_snv,
        status=Status.IN_PROGRESS,
        percent=50,
        reported_on=D(2025, 6, 2),
    )
    stranger = member("stranger", "so-tu-phap", Role.FOCAL_OFFICER)
    with pytest.raises(PermissionDenied):
        services.progress_record(
            actor=stranger,
            assignment=part_snv,
            status=Status.IN_PROGRESS,
            percent=60,
            reported_on=D(2025, 6, 2),
        )


WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXCEL = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _media_files() -> set[Path]:
    return {path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()}


def test_evidence_files_are_checked_by_content(plan: Plan) -> None:
    lead = part(plan, "IV.5.8", "hoi-nha-bao-tinh")
    officer = member("officer", "hoi-nha-bao-tinh", Role.FOCAL_OFFICER)
    pdf = make_pdf("Bien ban giao luu")
    for name, data, mime in [
        ("bien-ban.pdf", pdf, "application/pdf"),
        ("bao-cao.docx", make_docx("Báo cáo kết quả hội nghị xúc tiến thương mại"), WORD),
        ("so-lieu.xlsx", make_xlsx(["Chỉ tiêu", "Kết quả"], ["Số tin bài", 12]), EXCEL),
    ]:
        evidence = services.evidence_add(
            actor=officer, assignment=lead, kind="file", title=name, file=ContentFile(data, name)
        )
        assert evidence.content_type == mime
        with evidence.file.open("rb") as stored:
            assert stored.read() == data
    before = _media_files()
    refused = [
        (ContentFile(b"MZ\x90\x00" + b"\x00" * 100, "virus.pdf"), "PDF, Word"),
        (ContentFile(make_pdf("x", padding=21 * 2**20), "to.pdf"), "20 MB"),
        (ContentFile(b"", "rong.pdf"), "Chọn tệp"),
        (None, "Chọn tệp"),
        (ContentFile(pdf[:200], "hong.pdf"), "Không đọc được"),
    ]
    for file, words in refused:
        with pytest.raises(ValidationError) as caught:
            services.evidence_add(actor=officer, assignment=lead, kind="file", title="x", file=file)
        assert words in caught.value.message_dict["file"][0], caught.value.message_dict
    assert lead.evidence.count() == 3
    assert _media_files() == before
    assert ModelLogEntry.objects.filter(action=services.EVIDENCE_ADDED).count() == 3


STAMPED = {
    "mat.docx": lambda: make_docx("KẾ HOẠCH", "Tổ chức hội nghị", header="MẬT"),
    "toi-mat.docx": lambda: make_docx("UBND TỈNH BẮC GIANG", "TỐI MẬT", "BÁO CÁO"),
    "do-mat.xlsx": lambda: make_xlsx(["Độ mật: Tuyệt mật"], ["Chỉ tiêu", 3]),
}


@pytest.mark.parametrize("name", sorted(STAMPED))
def test_evidence_bearing_a_state_secret_stamp_is_refused(plan: Plan, name: str) -> None:
    lead = part(plan, "IV.5.8", "hoi-nha-bao-tinh")
    officer = member("officer", "hoi-nha-bao-tinh", Role.FOCAL_OFFICER)
    before = _media_files()
    with pytest.raises(ValidationError) as caught:
        services.evidence_add(
            actor=officer,
            assignment=lead,
            kind="file",
            title="Tài liệu",
            file=ContentFile(STAMPED[name](), name),
        )
    message = caught.value.message_dict["file"][0]
    assert f"“{name}” mang dấu độ mật" in message
    assert "Luật Bảo vệ bí mật nhà nước 2018" in message
    assert not lead.evidence.exists()
    assert _media_files() == before  # no file left in the media folder


@needs_soffice
def test_a_stamped_pdf_printed_by_libreoffice_is_refused(plan: Plan) -> None:
    lead = part(plan, "IV.5.8", "hoi-nha-bao-tinh")
    officer = member("officer", "hoi-nha-bao-tinh", Role.FOCAL_OFFICER)
    stamped = to_pdf(make_docx("UBND TỈNH BẮC GIANG", "MẬT", "BÁO CÁO KẾT QUẢ"))
    with pytest.raises(ValidationError) as caught:
        services.evidence_add(
            actor=officer,
            assignment=lead,
            kind="file",
            title="Báo cáo",
            file=ContentFile(stamped, "bao-cao.pdf"),
        )
    assert "“MẬT”" in caught.value.message_dict["file"][0]
    ordinary = to_pdf(make_docx("BÁO CÁO", "Đơn vị giữ bí mật thông tin khách hàng.", "Mật ong"))
    evidence = services.evidence_add(
        actor=officer,
        assignment=lead,
        kind="file",
        title="Báo cáo",
        file=ContentFile(ordinary, "bao-cao.pdf"),
    )
    assert evidence.content_type == "application/pdf"
    assert lead.evidence.count() == 1


def test_typed_text_bearing_a_stamp_is_refused_and_prose_is_not(plan: Plan) -> None:
    lead = part(plan, "IV.5.8", "hoi-nha-bao-tinh")
    officer = member("officer", "hoi-nha-bao-tinh", Role.FOCAL_OFFICER)
    day = D(2025, 6, 2)
    with pytest.raises(ValidationError) as caught:
        services.progress_record(
            actor=officer,
            assignment=lead,
            status="in_progress",
            percent=50,
            reported_on=day,
            narrative="Nội dung dán từ văn bản:\nTỐI MẬT\nKế hoạch tiếp đoàn",
        )
    assert "“TỐI MẬT”" in caught.value.message_dict["narrative"][0]
    with pytest.raises(ValidationError) as caught:
        services.progress_record(
            actor=officer,
            assignment=lead,
            status="not_carried_out",
            percent=0,
            reported_on=day,
            reason="Độ mật: Mật",
        )
    assert "reason" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.evidence_add(
            actor=officer, assignment=lead, kind="document", title="MẬT", document_number="1/KH"
        )
    assert "title" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.calendar_day_set(actor=SYSTEM, day=day, kind="day_off", note="Tối mật")
    assert "note" in caught.value.message_dict
    assert not Progress.objects.exists()
    assert not lead.evidence.exists()
    # Prose that speaks of secrets or of honey is no stamp.
    services.progress_record(
        actor=officer,
        assignment=lead,
        status="in_progress",
        percent=50,
        reported_on=day,
        narrative=(
            "Quán triệt việc giữ bí mật nhà nước.\nGiới thiệu mật ong Lục Ngạn.\nMật độ tin bài"
        ),
    )
    assert Progress.objects.get(assignment=lead).percent == 50


def test_evidence_links_and_documents(plan: Plan) -> None:
    lead = part(plan, "IV.5.8", "hoi-nha-bao-tinh")
    officer = member("officer", "hoi-nha-bao-tinh", Role.FOCAL_OFFICER)
    services.evidence_add(
        actor=officer,
        assignment=lead,
        kind="link",
        title="Bài báo",
        url="https://baobacgiang.vn/bai-viet.html",
    )
    services.evidence_add(
        actor=officer,
        assignment=lead,
        kind="document",
        title="Kế hoạch của Hội",
        document_number="12/KH-HNB",
        document_date=D(2025, 3, 3),
        document_issuer="Hội Nhà báo tỉnh",
    )
    with pytest.raises(ValidationError) as caught:
        services.evidence_add(
            actor=officer, assignment=lead, kind="link", title="x", url="javascript:alert(1)"
        )
    assert "url" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.evidence_add(actor=officer, assignment=lead, kind="document", title="x")
    assert "document_number" in caught.value.message_dict
    stranger = member("stranger", "so-tu-phap", Role.FOCAL_OFFICER)
    with pytest.raises(PermissionDenied):
        services.evidence_add(
            actor=stranger, assignment=lead, kind="link", title="x", url="https://a.vn/"
        )
    assert lead.evidence.count() == 2


def test_the_office_calendar_through_the_admin(plan: Plan) -> None:
    from django.urls import reverse

    from tests.orgs.test_admin_views import client_for, english_on
    from ttdn.reporting.models import CalendarDay

    coordinator = client_for(member("coord", "so-van-hoa-the-thao-va-du-lich", Role.COORDINATOR))
    add = reverse("wagtailsnippets_reporting_calendarday:add")
    assert english_on(coordinator.get(add).content.decode()) == []
    response = coordinator.post(
        add, {"day": "14/11/2025", "kind": "day_off", "note": "Nghỉ bù lễ kỷ niệm"}
    )
    assert response.status_code == 302
    assert CalendarDay.objects.get().day == D(2025, 11, 14)
    assert not selectors.work_calendar().is_working_day(D(2025, 11, 14))
    assert ModelLogEntry.objects.filter(action=services.CALENDAR_DAY_SET).count() == 1
    officer = client_for(member("officer", "hoi-nha-bao-tinh", Role.FOCAL_OFFICER))
    refused = officer.post(add, {"day": "17/11/2025", "kind": "day_off", "note": ""})
    assert refused.status_code in (302, 403)
    assert CalendarDay.objects.count() == 1
