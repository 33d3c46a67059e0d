"""Whatever sequence of amended versions is imported, no recorded work is ever lost.

Versions reword titles, drop and add units and tasks, change roles and reorder rows; between
imports the units record progress and evidence. After every import: no count of progress,
updates or evidence went down, every evidence file is still on disk, the parts the plan
names are exactly the active ones, and what is archived is archived for a reason.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import make_unit
from tests.files import make_pdf
from ttdn.core.actor import SYSTEM
from ttdn.plans import services
from ttdn.plans.diff import recorded_work
from ttdn.plans.importers.shape import Metadata, ParsedPlan, Timeframe
from ttdn.plans.importers.shape import Task as ParsedTask
from ttdn.plans.models import Task, TaskAssignment
from ttdn.reporting import services as reporting_services
from ttdn.reporting.models import Evidence, Progress, ProgressUpdate

UNITS = {
    "so-tu-phap": "Sở Tư pháp",
    "so-y-te": "Sở Y tế",
    "so-noi-vu": "Sở Nội vụ",
    "bao-bac-giang": "Báo Bắc Giang",
    "cong-an-tinh": "Công an tỉnh",
}
UNKNOWN = "Ban Quản lý khu du lịch Tây Yên Tử"  # not in the registry: stored unresolved
NAMES = [*UNITS.values(), UNKNOWN]
HEADINGS = ["I", "II"]
CODES = ["I.1", "I.2", "I.3", "II.1", "II.1.1", "II.1.2", "II.2"]
PDF = make_pdf("Bien ban")
DAY = datetime.date(2025, 6, 2)


def parent_of(code: str) -> str | None:
    return code.rsplit(".", 1)[0] if "." in code else None


@st.composite
def versions(draw: Any) -> dict[str, Any]:
    """One version of the plan: which tasks, their wording, their units, their order."""
    chosen = draw(st.sets(st.sampled_from(CODES), min_size=1))
    codes = set(chosen)
    for code in chosen:  # a task's parents are in the document too
        parent = parent_of(code)
        while parent:
            codes.add(parent)
            parent = parent_of(parent)
    order = draw(st.permutations(sorted(codes)))
    rows = []
    for code in sorted(order, key=lambda c: c.count(".")):  # reordered, parents first
        lead = draw(st.sampled_from(NAMES))
        partners = draw(st.lists(st.sampled_from([n for n in NAMES if n != lead]), unique=True))
        wording = draw(st.sampled_from(["Tuyên truyền", "Thông tin, tuyên truyền"]))
        heading = code in HEADINGS
        rows.append(
            {
                "code": code,
                "title": f"{wording} về nhiệm vụ {code}",
                "lead": [] if heading else [lead],
                "partners": [] if heading else partners,
            }
        )
    return {"rows": rows}


def parsed(version: dict[str, Any]) -> ParsedPlan:
    tasks = [
        ParsedTask(
            code=row["code"],
            label=row["code"].rsplit(".", 1)[-1],
            parent=parent_of(row["code"]),
            title=row["title"],
            lead=row["lead"],
            partners=row["partners"],
            timeframe=Timeframe("Năm 2025", datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)),
            line=line,
            is_heading=row["code"] in HEADINGS,
        )
        for line, row in enumerate(version["rows"], start=1)
    ]
    return ParsedPlan(
        metadata=Metadata(
            issuer="UBND tỉnh Bắc Giang",
            number="1/KH-UBND",
            date=datetime.date(2025, 1, 2),
            title="Kế hoạch thử",
            year=2025,
            province="Bắc Giang",
        ),
        sections=[],
        tasks=tasks,
        responsibilities=[],
        report_deadline=None,
        citations=[],
        commemorations=[],
        budget=[],
        warnings=[],
    )


def counts() -> tuple[int, int, int]:
    return (Progress.objects.count(), ProgressUpdate.objects.count(), Evidence.objects.count())


def files_on_disk() -> bool:
    names = Evidence.objects.filter(kind=Evidence.Kind.FILE).values_list("file", flat=True)
    return all((Path(django_settings.MEDIA_ROOT) / name).exists() for name in names)


def named_parts(version: dict[str, Any]) -> list[tuple[str, str, str]]:
    by_name = {name: code for code, name in UNITS.items()}
    return sorted(
        (row["code"], role, by_name.get(name, name))
        for row in version["rows"]
        for role, names in (("lead", row["lead"]), ("partner", row["partners"]))
        for name in names
    )


def active_parts() -> list[tuple[str, str, str]]:
    return sorted(
        (a.task.code, a.role, a.unit.code if a.unit else a.written_as)
        for a in TaskAssignment.objects.active().select_related("task", "unit")
    )


def record_work(data: Any) -> None:
    parts = list(TaskAssignment.objects.active().filter(unit__isnull=False).order_by("pk"))
    if not parts:
        return
    for index, kind in data.draw(
        st.lists(st.tuples(st.integers(0, 99), st.sampled_from(["update", "file"])), max_size=4)
    ):
        part = parts[index % len(parts)]
        if kind == "update":
            reporting_services.progress_record(
                actor=SYSTEM, assignment=part, status="in_progress", percent=30, reported_on=DAY
            )
        else:
            reporting_services.evidence_add(
                actor=SYSTEM,
                assignment=part,
                kind="file",
                title="Biên bản",
                file=ContentFile(PDF, "bien-ban.pdf"),
            )


@pytest.fixture
def registry(db: None) -> None:
    for code, name in UNITS.items():
        make_unit(code, name)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(sequence=st.lists(versions(), min_size=2, max_size=5), data=st.data())
def test_no_sequence_of_amended_imports_loses_recorded_work(
    registry: None, sequence: list[dict[str, Any]], data: Any
) -> None:
    with transaction.atomic():
        for number, version in enumerate(sequence):
            before = counts()
            services.plan_import(
                actor=SYSTEM, parsed=parsed(version), source=repr(version).encode()
            )
            after = counts()
            assert all(a >= b for a, b in zip(after, before, strict=True)), (before, after)
            assert after == before  # an import never adds work either
            assert files_on_disk()
            # The parts the version names are exactly the active ones ...
            assert active_parts() == named_parts(version), number
            codes = {row["code"] for row in version["rows"]}
            assert set(Task.objects.active().values_list("code", flat=True)) == codes
            # ... and anything archived is kept for a reason: work on it, or a child kept.
            work = recorded_work(TaskAssignment.objects.values_list("pk", flat=True))
            for part in TaskAssignment.objects.archived():
                assert work.get(part.pk), part
            for task in Task.objects.archived():
                assert task.assignments.exists() or task.children.exists(), task.code
            record_work(data)
        transaction.set_rollback(True)
