"""Storing the seed plan: units resolved through the registry, idempotent, amended by diff."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import ModelLogEntry

from tests.conftest import World
from tests.plans.importers.plan_headers import TRA_VINH_2023, lines, side_by_side
from ttdn.core.actor import SYSTEM
from ttdn.demo.files import PLAN_FILE
from ttdn.demo.load import load_units
from ttdn.orgs import services as orgs_services
from ttdn.orgs.models import Unit
from ttdn.plans import services
from ttdn.plans.importers.parse import parse_plan
from ttdn.plans.models import AssignmentRole, LegalDocument, Plan, Task, TaskAssignment

SEED = PLAN_FILE.read_bytes()


@pytest.fixture
def registry(db: None) -> None:
    load_units()


def test_seed_import_resolves_every_unit(registry: None) -> None:
    result = services.plan_import_file(actor=SYSTEM, data=SEED, filename=PLAN_FILE.name)
    assert result.created
    assert result.unresolved == []
    plan = result.plan
    assert (plan.number, plan.issued_on.isoformat(), plan.year) == (
        "69/KH-UBND",
        "2024-11-06",
        2025,
    )
    assert plan.report_deadline is not None
    assert plan.report_deadline.isoformat() == "2025-11-15"
    assert plan.tasks.count() == 63
    task = plan.tasks.get(code="IV.2.4")
    leads = task.assignments.filter(role=AssignmentRole.LEAD).values_list("unit__code", flat=True)
    assert set(leads) == {"bao-bac-giang", "dai-phat-thanh-va-truyen-hinh-bac-giang"}
    # A group phrase gives one assignment per member unit, never a unit of its own.
    grouped = TaskAssignment.objects.filter(
        task__plan=plan, task__code="I", via_group__isnull=False
    )
    assert grouped.count() >= 10
    assert all(a.unit is not None for a in grouped)
    assert plan.tasks.get(code="IV.2.1").parent == plan.tasks.get(code="IV.2")
    assert LegalDocument.objects.get(number_symbol="72/2015/NĐ-CP").citations.count() == 1
    assert plan.commemorations.count() == 7
    assert plan.responsibilities.count() == 14
    assert ModelLogEntry.objects.filter(
        action=services.PLAN_IMPORTED, object_id=str(plan.pk)
    ).exists()


def test_importing_the_same_document_again_changes_nothing(registry: None) -> None:
    first = services.plan_import_file(actor=SYSTEM, data=SEED, filename="a.txt")
    tasks = dict(Task.objects.values_list("code", "pk"))
    assignments = TaskAssignment.objects.count()
    entries = ModelLogEntry.objects.count()
    again = services.plan_import_file(actor=SYSTEM, data=SEED, filename="a.txt")
    assert again.unchanged
    assert again.plan.pk == first.plan.pk
    assert dict(Task.objects.values_list("code", "pk")) == tasks
    assert TaskAssignment.objects.count() == assignments
    assert ModelLogEntry.objects.count() == entries


def test_an_amended_version_is_applied_as_a_diff(registry: None) -> None:
    services.plan_import_file(actor=SYSTEM, data=SEED, filename="v1.txt")
    kept = Task.objects.get(code="IV.5.8")
    kept_assignments = set(kept.assignments.values_list("pk", flat=True))
    text = SEED.decode("utf-8")
    text = text.replace("\tPhát hành Bản tin đối ngoại điện tử", "\tPhát hành Bản tin điện tử", 1)
    removed_block = text[text.index("\t7.3\n") : text.index("\tV\n")]
    text = text.replace(removed_block, "")
    amended = text.encode("utf-8")
    result = services.plan_import_file(actor=SYSTEM, data=amended, filename="v2.txt")
    assert not result.created
    assert result.changed == ["IV.4.3"]
    assert result.removed == ["IV.7.3"]
    assert result.added == []
    assert Task.objects.get(code="IV.4.3").title.startswith("Phát hành Bản tin điện tử")
    # Unchanged tasks keep their rows, and so what is recorded on them.
    assert Task.objects.get(code="IV.5.8").pk == kept.pk
    assert set(Task.objects.get(code="IV.5.8").assignments.values_list("pk", flat=True)) == (
        kept_assignments
    )
    entry = ModelLogEntry.objects.get(action=services.PLAN_UPDATED)
    assert entry.data["changed"] == ["IV.4.3"]
    assert entry.data["removed"] == ["IV.7.3"]


def test_only_coordinators_import(world: World) -> None:
    parsed = parse_plan(SEED)
    with pytest.raises(PermissionDenied):
        services.plan_import(actor=world.officer_a, parsed=parsed, source=SEED)
    services.plan_import(actor=world.coordinator, parsed=parsed, source=SEED)
    assert Plan.objects.count() == 1


def test_a_document_without_number_is_refused(db: None) -> None:
    parsed = parse_plan("KẾ HOẠCH\nVIỆC GÌ ĐÓ NĂM 2025\n".encode())
    with pytest.raises(ValidationError, match="Không tìm thấy số và ngày"):
        services.plan_import(actor=SYSTEM, parsed=parsed, source=b"x")
    assert not Plan.objects.exists()
    assert not Unit.objects.exists()


def test_dropping_a_heading_row_keeps_its_tasks(registry: None) -> None:
    services.plan_import_file(actor=SYSTEM, data=SEED, filename="v1.txt")
    text = SEED.decode("utf-8")
    heading = text[text.index("\t7\n\tCung cấp thông tin cho báo chí") : text.index("\t7.1\n")]
    result = services.plan_import_file(
        actor=SYSTEM, data=text.replace(heading, "").encode(), filename="v2.txt"
    )
    assert result.removed == ["IV.7"]
    assert sorted(result.changed) == ["IV.7.1", "IV.7.2", "IV.7.3"]  # now directly under IV
    assert Task.objects.get(code="IV.7.1").parent == Task.objects.get(code="IV")
    assert Task.objects.count() == 62


def test_rows_with_the_same_number_are_refused(registry: None) -> None:
    text = SEED.decode("utf-8").replace("\t7.3\n", "\t7.2\n")
    with pytest.raises(ValidationError, match=r"IV\.7\.2"):
        services.plan_import_file(actor=SYSTEM, data=text.encode(), filename="dup.txt")
    assert not Plan.objects.exists()


def test_a_name_learnt_later_is_resolved_on_the_next_import(registry: None) -> None:
    text = SEED.decode("utf-8").replace("\tHội Nhà báo tỉnh\n", "\tHội Nhà báo Bắc Giang\n")
    data = text.encode()
    first = services.plan_import_file(actor=SYSTEM, data=data, filename="a.txt")
    assert first.unresolved == ["Hội Nhà báo Bắc Giang"]
    lead = TaskAssignment.objects.get(task__code="IV.5.8", role=AssignmentRole.LEAD)
    assert lead.unit is None
    unit = Unit.objects.get(code="hoi-nha-bao-tinh")
    orgs_services.unit_alias_add(actor=SYSTEM, unit=unit, name="Hội Nhà báo Bắc Giang")
    again = services.plan_import_file(actor=SYSTEM, data=data, filename="a.txt")
    assert again.resolved == ["IV.5.8"]
    assert not again.unchanged
    lead = TaskAssignment.objects.get(task__code="IV.5.8", role=AssignmentRole.LEAD)
    assert lead.unit == unit
    assert services.plan_import_file(actor=SYSTEM, data=data, filename="a.txt").unchanged


def test_the_same_number_from_another_issuer_is_another_plan(registry: None) -> None:
    services.plan_import_file(actor=SYSTEM, data=SEED, filename="tinh.txt")
    other = SEED.decode("utf-8").replace("của UBND tỉnh Bắc Giang)", "của UBND tỉnh Bắc Ninh)")
    result = services.plan_import_file(actor=SYSTEM, data=other.encode(), filename="bn.txt")
    assert result.created
    assert Plan.objects.count() == 2
    assert Task.objects.count() == 126


def test_confirming_an_upload_twice_imports_once(world: World) -> None:
    upload = services.plan_upload_create(actor=world.coordinator, filename="k.txt", data=SEED)
    services.plan_upload_confirm(actor=world.coordinator, upload=upload)
    with pytest.raises(ValidationError):
        services.plan_upload_confirm(actor=world.coordinator, upload=upload)
    assert Plan.objects.count() == 1
    assert ModelLogEntry.objects.filter(action=services.UPLOAD_IMPORTED).count() == 1


def test_a_plan_issued_by_a_decision_is_stored_with_it_under_one_identity(db: None) -> None:
    as_lines = "\n".join(lines(TRA_VINH_2023)).encode()
    first = services.plan_import_file(actor=SYSTEM, data=as_lines, filename="qd-1466.txt")
    plan = first.plan
    assert (plan.number, plan.issued_on.isoformat(), plan.issuer) == (
        "1466/QĐ-UBND",
        "2023-08-18",
        "UBND tỉnh Trà Vinh",
    )
    assert (plan.kind, plan.level, plan.province, plan.year) == (
        "Kế hoạch",
        "tỉnh",
        "Trà Vinh",
        2023,
    )
    assert (plan.decision_number, plan.decision_date.isoformat() if plan.decision_date else "") == (
        "1466/QĐ-UBND",
        "2023-08-18",
    )
    assert plan.title == "Kế hoạch thông tin đối ngoại tỉnh Trà Vinh năm 2023"
    # The decision's articles are neither sections nor responsibilities of the plan.
    assert plan.sections == TRA_VINH_2023.sections
    assert plan.responsibilities.count() == len(TRA_VINH_2023.responsibilities)
    # The same plan as a PDF gives it (header columns side by side): the same plan, updated.
    again = services.plan_import_file(
        actor=SYSTEM, data="\n".join(side_by_side(TRA_VINH_2023)).encode(), filename="qd.pdf.txt"
    )
    assert again.plan.pk == plan.pk
    assert Plan.objects.count() == 1


PROSE_PLAN = """ỦY BAN NHÂN DÂN
TỈNH ĐIỆN BIÊN
Số: 52/KH-UBND
Điện Biên, ngày 05 tháng 3 năm 2024
KẾ HOẠCH
THÔNG TIN ĐỐI NGOẠI TỈNH ĐIỆN BIÊN NĂM 2024
I. MỤC ĐÍCH, YÊU CẦU
Quảng bá hình ảnh tỉnh nhân dịp kỷ niệm chiến thắng Điện Biên Phủ.
II. NHIỆM VỤ
1. Tổ chức đón đoàn phóng viên quốc tế dự lễ kỷ niệm
- Cơ quan chủ trì: Sở Ngoại vụ
- Cơ quan phối hợp: Công an tỉnh
- Thời gian thực hiện: Quý II
- Chuẩn bị tài liệu báo chí bằng tiếng Anh và tiếng Pháp.
III. TỔ CHỨC THỰC HIỆN
Các sở, ngành triển khai theo chức năng.
"""


def test_a_prose_plan_stores_its_details_and_a_changed_detail_changes_the_task(
    db: None,
) -> None:
    first = services.plan_import_file(
        actor=SYSTEM, data=PROSE_PLAN.encode(), filename="dien-bien.txt"
    )
    task = first.plan.tasks.get(code="II.1")
    assert task.title == "Tổ chức đón đoàn phóng viên quốc tế dự lễ kỷ niệm"
    assert task.details == "Chuẩn bị tài liệu báo chí bằng tiếng Anh và tiếng Pháp."
    assert task.timeframe == "Quý II"
    written = sorted(task.assignments.values_list("role", "written_as"))
    assert written == [("lead", "Sở Ngoại vụ"), ("partner", "Công an tỉnh")]
    amended = PROSE_PLAN.replace(
        "tiếng Pháp.\n", "tiếng Pháp.\n- Bố trí phiên dịch tại Trung tâm báo chí.\n"
    )
    second = services.plan_import_file(
        actor=SYSTEM, data=amended.encode(), filename="dien-bien.txt"
    )
    assert second.changed == ["II.1"]
    again = Task.objects.get(pk=task.pk)  # updated in place
    assert again.details.split("\n") == [
        "Chuẩn bị tài liệu báo chí bằng tiếng Anh và tiếng Pháp.",
        "Bố trí phiên dịch tại Trung tâm báo chí.",
    ]
