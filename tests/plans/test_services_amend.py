"""Importing an amended plan never loses the units' work (issue 11, item 1).

Reworded tasks keep every part and what is recorded on it; a unit or a task the new version
drops is archived with its work (deleted only when nothing was recorded), said so in the
preview and listed in the audit entry; a later version that names it again restores it.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db.models import ProtectedError
from wagtail.models import ModelLogEntry

from tests.files import make_pdf
from ttdn.core.actor import SYSTEM
from ttdn.demo.files import PLAN_FILE
from ttdn.demo.load import load_reporting, load_units
from ttdn.orgs.models import Unit
from ttdn.plans import services
from ttdn.plans.diff import plan_diff
from ttdn.plans.importers.parse import parse_plan
from ttdn.plans.models import Plan, Task, TaskAssignment
from ttdn.plans.selectors import archived_parts, plan_overview
from ttdn.reporting import selectors as reporting_selectors
from ttdn.reporting import services as reporting_services
from ttdn.reporting.models import Evidence, Progress, ProgressUpdate, Submission, SubmissionSnapshot

SEED = PLAN_FILE.read_bytes()
PDF = make_pdf("Bien ban")
DAY = datetime.date(2025, 6, 2)


def edit(text: str, code: str, *, title: str | None = None, partners: str | None = None) -> str:
    """The plan's text with one task's title or coordinating units rewritten."""
    task = next(t for t in parse_plan(text.encode()).tasks if t.code == code)
    lines = text.split("\n")
    if title is not None:
        lines[task.line] = f"\t{title}"
    if partners is not None:
        lines[task.line + 2] = f"\t{partners}"
    return "\n".join(lines)


def drop_task(text: str, code: str) -> str:
    """The plan's text without one task's block (label, title, units, timeframe)."""
    task = next(t for t in parse_plan(text.encode()).tasks if t.code == code)
    lines = text.split("\n")
    start = task.line - 1
    end = lines.index("", start)
    return "\n".join(lines[:start] + lines[end + 1 :])


def reworded(text: str) -> str:
    """Every task's title changed in wording (the report's reproduction)."""
    lines = text.split("\n")
    for task in parse_plan(text.encode()).tasks:
        lines[task.line] = lines[task.line].rstrip() + " (điều chỉnh)"
    return "\n".join(lines)


def counts() -> dict[str, int]:
    return {
        "progress": Progress.objects.count(),
        "updates": ProgressUpdate.objects.count(),
        "evidence": Evidence.objects.count(),
        "submissions": Submission.objects.count(),
        "snapshots": SubmissionSnapshot.objects.count(),
    }


def evidence_files() -> list[Path]:
    return [
        Path(settings.MEDIA_ROOT) / name
        for name in Evidence.objects.filter(kind=Evidence.Kind.FILE).values_list("file", flat=True)
    ]


def part_of(code: str, unit_code: str, role: str | None = None) -> TaskAssignment:
    found = TaskAssignment.objects.filter(task__code=code, unit__code=unit_code)
    return found.get(role=role) if role else found.get()


def work_on(assignment: TaskAssignment, *, updates: int = 1, files: int = 1) -> None:
    for _n in range(updates):
        reporting_services.progress_record(
            actor=SYSTEM, assignment=assignment, status="in_progress", percent=40, reported_on=DAY
        )
    for n in range(files):
        reporting_services.evidence_add(
            actor=SYSTEM,
            assignment=assignment,
            kind="file",
            title=f"Biên bản {n}",
            file=ContentFile(PDF, f"bien-ban-{n}.pdf"),
        )


@pytest.fixture
def seeded(db: None) -> Plan:
    load_units()
    return services.plan_import_file(actor=SYSTEM, data=SEED, filename="v1.txt").plan


def test_rewording_every_title_keeps_all_recorded_work(seeded: Plan) -> None:
    """The report: reworded titles re-imported dropped progress rows from 1,417 to 1,252."""
    load_reporting(seeded)  # the demo's year: progress on most parts, reports at every stage
    work_on(part_of("IV.5.8", "bao-bac-giang"), updates=0, files=2)
    before = counts()
    parts = set(TaskAssignment.objects.values_list("pk", "task__code", "role", "unit_id"))
    assert before["progress"] > 100
    assert before["evidence"] == 2
    text = reworded(SEED.decode())
    assert not plan_diff(seeded, parse_plan(text.encode())).archived_parts  # the preview's word

    result = services.plan_import_file(actor=SYSTEM, data=text.encode(), filename="v2.txt")

    assert len(result.changed) == 63
    assert not result.removed
    assert not result.archived
    assert counts() == before
    assert set(TaskAssignment.objects.values_list("pk", "task__code", "role", "unit_id")) == parts
    assert not TaskAssignment.objects.archived().exists()
    assert all(path.exists() for path in evidence_files())
    assert Task.objects.get(code="IV.5.8").title.endswith("(điều chỉnh)")
    entry = ModelLogEntry.objects.filter(action=services.PLAN_UPDATED).get()
    assert entry.data["archived_parts"] == []
    assert entry.data["deleted"] == []
    assert entry.data["kept_on_changed_tasks"]["reporting.progressupdate"] == before["updates"]


def test_a_unit_dropped_from_a_task_keeps_its_work_archived(seeded: Plan) -> None:
    dropped = part_of("IV.5.8", "bao-bac-giang")
    kept = part_of("IV.5.8", "hoi-nha-bao-tinh")
    work_on(dropped, updates=3, files=2)
    work_on(kept)
    before = counts()
    text = edit(
        SEED.decode(),
        "IV.5.8",
        partners="Hội Nhà báo Việt Nam, Đài Phát thanh và Truyền hình tỉnh.",
    )
    # The preview says what will happen to the work, in Vietnamese.
    diff = plan_diff(seeded, parse_plan(text.encode()))
    assert diff.changed == ["IV.5.8"]
    assert diff.removed == []
    assert [part.describe_archived() for part in diff.archived_parts] == [
        "1 tiến độ, 3 cập nhật tiến độ và 2 minh chứng của Báo Bắc Giang (nhiệm vụ IV.5.8) "
        "sẽ được lưu trữ, không bị xóa."
    ]

    services.plan_import_file(actor=SYSTEM, data=text.encode(), filename="v2.txt")

    assert counts() == before
    dropped.refresh_from_db()
    assert dropped.archived_at is not None
    assert dropped.is_archived
    assert TaskAssignment.objects.get(pk=kept.pk).archived_at is None
    assert all(path.exists() for path in evidence_files())
    entry = ModelLogEntry.objects.filter(action=services.PLAN_UPDATED).get()
    assert entry.data["archived_parts"] == [
        {
            "task": "IV.5.8",
            "unit": "bao-bac-giang",
            "role": "partner",
            "work": {
                "reporting.progress": 1,
                "reporting.progressupdate": 3,
                "reporting.evidence": 2,
            },
        }
    ]
    # Gone from what is current: the plan page's task list, standing, the unit's reports ...
    overview = plan_overview(seeded)
    row = next(r for r in overview["rows"] if r["task"].code == "IV.5.8")  # type: ignore[attr-defined]
    assert dropped not in row["partners"]
    assert [item.assignment for item in archived_parts(seeded)] == [dropped]
    dashboard = reporting_selectors.dashboard(seeded, today=DAY)
    cells = next(row for row in dashboard["matrix"] if row["unit"] == dropped.unit)["cells"]
    assert dropped.task_id not in cells
    # ... but readable, and closed to new reports.
    page = reporting_selectors.assignment_page(dropped)
    assert len(page["updates"]) == 3
    assert len(page["evidence"]) == 2
    with pytest.raises(ValidationError, match="lưu trữ"):
        work_on(dropped, updates=1, files=0)
    assert counts() == before

    # The original version names the unit again: the same part comes back with its work.
    restored = services.plan_import_file(actor=SYSTEM, data=SEED, filename="v3.txt")
    assert [part.unit_code for part in restored.diff.restored_parts] == ["bao-bac-giang"]
    dropped.refresh_from_db()
    assert dropped.archived_at is None
    assert Progress.objects.get(assignment=dropped).percent == 40
    assert counts() == before
    assert not archived_parts(seeded)


def test_a_task_dropped_with_work_is_archived_without_work_deleted(seeded: Plan) -> None:
    worked = part_of("IV.5.8", "hoi-nha-bao-tinh")
    work_on(worked, updates=2, files=1)
    before = counts()
    text = drop_task(drop_task(SEED.decode(), "IV.5.8"), "IV.7.3")
    diff = plan_diff(seeded, parse_plan(text.encode()))
    assert diff.removed == ["IV.5.8", "IV.7.3"]
    assert diff.archived == ["IV.5.8"]
    assert diff.deleted == ["IV.7.3"]
    assert [part.unit_code for part in diff.archived_parts] == ["hoi-nha-bao-tinh"]

    result = services.plan_import_file(actor=SYSTEM, data=text.encode(), filename="v2.txt")

    assert result.archived == ["IV.5.8"]
    assert counts() == before
    task = Task.objects.get(code="IV.5.8")
    assert task.archived_at is not None
    assert not Task.objects.filter(code="IV.7.3").exists()
    # Only the part with work is kept; the parts with nothing recorded went with the task.
    assert list(task.assignments.values_list("pk", flat=True)) == [worked.pk]
    assert "IV.5.8" not in [t.code for t in Task.objects.active()]
    standing = reporting_selectors.plan_standing(seeded, today=DAY)
    assert "IV.5.8" not in [s.task.code for s in standing["tasks"]]  # type: ignore[attr-defined]
    report = reporting_selectors.report_data(seeded, today=DAY)
    assert "IV.5.8" not in [row.task.code for row in report["rows"]]
    entry = ModelLogEntry.objects.filter(action=services.PLAN_UPDATED).get()
    assert entry.data["archived"] == ["IV.5.8"]
    assert entry.data["deleted"] == ["IV.7.3"]
    assert entry.data["archived_parts"][0]["work"]["reporting.progressupdate"] == 2

    # Named again: restored with its work (IV.7.3 comes back as a new, empty task).
    again = services.plan_import_file(actor=SYSTEM, data=SEED, filename="v3.txt")
    assert again.restored == ["IV.5.8"]
    assert again.added == ["IV.7.3"]
    task.refresh_from_db()
    assert task.archived_at is None
    assert TaskAssignment.objects.get(pk=worked.pk).archived_at is None
    assert task.assignments.count() == 4  # the parts without work are created again
    assert counts() == before


def test_a_parent_stays_archived_while_an_archived_child_needs_it(seeded: Plan) -> None:
    work_on(part_of("IV.7.1", "so-thong-tin-va-truyen-thong", "lead"), updates=1, files=0)
    text = SEED.decode()
    for code in ("IV.7.3", "IV.7.2", "IV.7.1", "IV.7"):
        text = drop_task(text, code)
    result = services.plan_import_file(actor=SYSTEM, data=text.encode(), filename="v2.txt")
    assert result.removed == ["IV.7", "IV.7.1", "IV.7.2", "IV.7.3"]
    assert result.archived == ["IV.7", "IV.7.1"]  # IV.7: nothing of its own, but a child kept
    assert Task.objects.get(code="IV.7.1").parent == Task.objects.get(code="IV.7")
    assert not Task.objects.filter(code__in=["IV.7.2", "IV.7.3"]).exists()


def test_recorded_work_protects_its_part(seeded: Plan) -> None:
    assignment = part_of("IV.5.8", "bao-bac-giang")
    work_on(assignment, updates=1, files=1)
    with pytest.raises(ProtectedError):
        assignment.delete()
    with pytest.raises(ProtectedError):
        Task.objects.get(code="IV.5.8").delete()
    assert counts()["updates"] == 1


def test_a_role_change_keeps_the_part_and_its_work(seeded: Plan) -> None:
    partner = part_of("IV.5.8", "bao-bac-giang")
    work_on(partner, updates=1, files=0)
    text = SEED.decode().replace(
        "\tHội Nhà báo tỉnh\n\tHội Nhà báo Việt Nam, Báo Bắc Giang, ",
        "\tBáo Bắc Giang\n\tHội Nhà báo Việt Nam, Hội Nhà báo tỉnh, ",
    )
    services.plan_import_file(actor=SYSTEM, data=text.encode(), filename="v2.txt")
    partner.refresh_from_db()
    assert (partner.role, partner.archived_at) == ("lead", None)
    assert Progress.objects.get(assignment=partner).percent == 40
    assert not TaskAssignment.objects.archived().exists()


def test_a_name_resolved_later_updates_the_part_in_place(seeded: Plan) -> None:
    text = SEED.decode().replace("\tHội Nhà báo tỉnh\n", "\tHội Nhà báo Bắc Giang\n").encode()
    services.plan_import_file(actor=SYSTEM, data=text, filename="v2.txt")
    unresolved = TaskAssignment.objects.get(task__code="IV.5.8", role="lead")
    assert unresolved.unit is None
    from ttdn.orgs import services as orgs_services

    unit = Unit.objects.get(code="hoi-nha-bao-tinh")
    orgs_services.unit_alias_add(actor=SYSTEM, unit=unit, name="Hội Nhà báo Bắc Giang")
    result = services.plan_import_file(actor=SYSTEM, data=text, filename="v2.txt")
    assert result.resolved == ["IV.5.8"]
    unresolved.refresh_from_db()
    assert unresolved.unit == unit


def test_the_cli_says_what_happens_to_recorded_work(
    seeded: Plan, capsys: pytest.CaptureFixture[str]
) -> None:
    from ttdn import cli

    work_on(part_of("IV.5.8", "bao-bac-giang"), updates=2, files=1)
    text = edit(SEED.decode(), "IV.5.8", partners="Hội Nhà báo Việt Nam.")
    text = drop_task(text, "IV.7.3")
    assert cli._plan_import(text.encode(), "v2.txt") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        "69/KH-UBND: updated; 0 tasks added, 1 changed, 1 removed (1 deleted with nothing"
        " recorded, 0 archived with their work), 0 restored"
    )
    assert out[1].startswith("  kept on the changed tasks: ")
    assert out[2:] == [
        "  archived: 1 tiến độ, 2 cập nhật tiến độ và 1 minh chứng của Báo Bắc Giang"
        " (nhiệm vụ IV.5.8) sẽ được lưu trữ, không bị xóa."
    ]
