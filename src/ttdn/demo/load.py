"""The built-in demo: the Bắc Giang 2025 units, groups and 2025 reorganisation, and demo users.

Idempotent: running it again creates only what is missing and writes no new audit entries.
"""

from __future__ import annotations

import datetime
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from ttdn.core.actor import SYSTEM
from ttdn.demo.files import PLAN_FILE, UNITS_FILE
from ttdn.orgs import selectors, services
from ttdn.orgs.models import Level, Role, SuccessionEvent, Unit, UnitGroup
from ttdn.plans.models import Plan, TaskAssignment


@dataclass(frozen=True)
class Login:
    username: str
    password: str
    role: str


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def load_units(path: Path = UNITS_FILE) -> dict[str, Any]:
    """Create the registry of ``path`` (units, groups, successions); skip what exists."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    existing = {unit.code: unit for unit in Unit.objects.all()}
    pending = [row for row in data["units"] if row["code"] not in existing]
    # Parents first: repeat until every unit whose parent exists is created.
    while pending:
        progress = False
        for row in list(pending):
            parent_code = row.get("parent")
            if parent_code and parent_code not in existing:
                continue
            unit = Unit(
                code=row["code"],
                name=row["name"],
                short_name=row.get("short_name") or "",
                kind=row["kind"],
                parent=existing.get(parent_code) if parent_code else None,
                valid_from=_date(row.get("valid_from")),
                valid_until=None,  # set by the succession events below
            )
            existing[unit.code] = services.unit_save(
                actor=SYSTEM, unit=unit, aliases=row.get("aliases", [])
            )
            pending.remove(row)
            progress = True
        if not progress:
            codes = ", ".join(row["code"] for row in pending)
            raise ValueError(f"{path}: units with unknown parents: {codes}")
    groups = set(UnitGroup.objects.values_list("code", flat=True))
    for row in data.get("groups", []):
        if row["code"] in groups:
            continue
        group = UnitGroup(code=row["code"], name=row["name"], member_kinds=row["member_kinds"])
        services.group_save(
            actor=SYSTEM,
            group=group,
            aliases=row.get("aliases", []),
            members=[existing[code] for code in row.get("members", [])],
        )
    for row in data.get("successions", []):
        effective = datetime.date.fromisoformat(row["effective"])
        predecessors = [existing[code] for code in row["predecessors"]]
        if SuccessionEvent.objects.filter(
            kind=row["kind"], effective_date=effective, predecessors=predecessors[0]
        ).exists():
            continue
        for unit in predecessors:
            unit.refresh_from_db()
        services.succession_record(
            actor=SYSTEM,
            kind=row["kind"],
            effective_date=effective,
            predecessors=predecessors,
            successors=[existing[code] for code in row.get("successors", [])],
            basis=row.get("basis", ""),
            note=row.get("note", ""),
        )
    # Units that simply ended (no event) keep the end date the data gives them.
    for row in data["units"]:
        end = _date(row.get("valid_until"))
        unit = existing[row["code"]]
        unit.refresh_from_db()
        if end and unit.valid_until is None:
            unit.valid_until = end
            services.unit_save(actor=SYSTEM, unit=unit)
    return data


NARRATIVES = [
    "Trong năm 2025, đơn vị đã triển khai đầy đủ các nhiệm vụ được giao tại Kế hoạch; phối hợp "
    "chặt chẽ với các cơ quan báo chí trong công tác thông tin, tuyên truyền đối ngoại.",
    "Đơn vị đã xây dựng kế hoạch riêng, bố trí cán bộ đầu mối và tổ chức thực hiện các hoạt động "
    "thông tin đối ngoại gắn với nhiệm vụ chuyên môn; một số nhiệm vụ đang tiếp tục triển khai.",
    "Đơn vị đã tham mưu tổ chức các hoạt động quảng bá hình ảnh của tỉnh, cung cấp thông tin cho "
    "Cổng thông tin đối ngoại và tham gia các hội nghị, tập huấn nghiệp vụ.",
]


def load_reporting(plan: Plan) -> None:
    """A believable year: progress on most tasks, and the units' reports at every stage."""
    from ttdn.reporting import cycles, services
    from ttdn.reporting.models import ReportCycle

    if ReportCycle.objects.filter(plan=plan).exists():
        return
    parts = TaskAssignment.objects.filter(task__plan=plan, unit__isnull=False).select_related(
        "task"
    )
    for index, part in enumerate(parts.order_by("task__position", "pk")):
        kind = (index * 7 + part.task.position) % 10
        if kind < 5:
            status, percent, day = "done", 100, datetime.date(2025, 3 + kind, 10 + kind)
        elif kind < 8:
            status, percent, day = "in_progress", 30 + 20 * (kind - 5), datetime.date(2025, 9, 15)
        elif kind == 8:
            status, percent, day = "done", 100, datetime.date(2026, 1, 12)  # finished late
        else:
            continue  # not started
        services.progress_record(
            actor=SYSTEM,
            assignment=part,
            status=status,
            percent=percent,
            reported_on=day,
            narrative="Đã triển khai theo kế hoạch." if status == "done" else "",
        )
    cycle = cycles.cycle_from_plan(actor=SYSTEM, plan=plan)
    indicators = list(cycle.indicators.order_by("position"))
    for index, submission in enumerate(cycle.submissions.order_by("unit__name")):
        stage = index % 6
        if stage == 5:
            continue  # not submitted yet
        values = {
            indicator.pk: (index * 3 + position * 5) % 40 + (position == 7) * 2500
            for position, indicator in enumerate(indicators)
        }
        cycles.submission_save_draft(
            actor=SYSTEM,
            submission=submission,
            narrative=NARRATIVES[index % len(NARRATIVES)],
            values=values,
        )
        if stage == 4:
            continue  # a draft
        cycles.submission_submit(actor=SYSTEM, submission=submission)
        if stage == 3:
            cycles.submission_return(
                actor=SYSTEM, submission=submission, reason="Đề nghị bổ sung số liệu tập huấn."
            )
        elif stage in (0, 1):
            cycles.submission_approve(actor=SYSTEM, submission=submission)


def _password(data_dir: Path) -> str:
    """One demo password, generated once and kept under the data directory."""
    path = data_dir / "demo_password"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    password = secrets.token_urlsafe(9)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(password, encoding="utf-8")
    path.chmod(0o600)
    return password


DEMO_USERS = [
    # username, role, unit code. Since 01/03/2025 external information is coordinated by the
    # Sở Văn hóa, Thể thao và Du lịch (the plan, issued in 2024, still names Sở TT&TT).
    ("dieuphoi", Role.COORDINATOR, "so-van-hoa-the-thao-va-du-lich"),
    ("lanhdao.sct", Role.UNIT_LEADER, "so-cong-thuong"),
    ("daumoi.sct", Role.FOCAL_OFFICER, "so-cong-thuong"),
    ("daumoi.stp", Role.FOCAL_OFFICER, "so-tu-phap"),
]


def load_installation() -> None:
    """The demo serves Bắc Giang, whose 2025 plan it imports, coordinated by its Sở VHTTDL.

    Its People's Committee ended on 30/06/2025 (the merger into Bắc Ninh), so none is named;
    settings an administrator changed are left as they are.
    """
    if selectors.installation() is not None:
        return
    services.installation_set(
        actor=SYSTEM,
        province="Bắc Giang",
        level=Level.PROVINCE,
        coordinating_unit=Unit.objects.get(code=DEMO_USERS[0][2]),
        peoples_committee=None,
    )


def load_demo() -> list[Login]:
    data_dir = Path(os.environ.get("DATA_DIR") or settings.DATA_DIR)
    with transaction.atomic():
        load_units()
        load_installation()
        from ttdn.plans.services import plan_import_file

        plan = plan_import_file(
            actor=SYSTEM, data=PLAN_FILE.read_bytes(), filename=PLAN_FILE.name
        ).plan
        load_reporting(plan)
        password = _password(data_dir)
        user_model = get_user_model()
        admin, created = user_model.objects.get_or_create(
            username="admin",
            defaults={"is_superuser": True, "is_staff": True, "email": "admin@example.org"},
        )
        if created:
            admin.set_password(password)
            admin.save()
        logins = [Login("admin", password, str(Role.ADMIN.label))]
        for username, role, code in DEMO_USERS:
            unit = Unit.objects.get(code=code)
            user, created = user_model.objects.get_or_create(
                username=username, defaults={"email": f"{username}@example.org"}
            )
            if created:
                user.set_password(password)
                user.save()
            services.membership_grant(actor=SYSTEM, user=user, unit=unit, role=role)
            logins.append(Login(username, password, str(Role(role).label)))
    return logins
