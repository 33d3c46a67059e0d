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

from ttdn.demo.files import PLAN_FILE, UNITS_FILE
from ttdn.orgs import services
from ttdn.orgs.models import Role, SuccessionEvent, Unit, UnitGroup


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
                actor=None, unit=unit, aliases=row.get("aliases", [])
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
            actor=None,
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
            actor=None,
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
            services.unit_save(actor=None, unit=unit)
    return data


def _password(data_dir: Path) -> str:
    """One demo password, generated once and kept under the data directory."""
    path = data_dir / "demo_password"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    password = secrets.token_urlsafe(9)
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


def load_demo() -> list[Login]:
    data_dir = Path(os.environ.get("DATA_DIR") or settings.DATA_DIR)
    with transaction.atomic():
        load_units()
        from ttdn.plans.services import plan_import_file

        plan_import_file(actor=None, data=PLAN_FILE.read_bytes(), filename=PLAN_FILE.name)
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
            services.membership_grant(actor=None, user=user, unit=unit, role=role)
            logins.append(Login(username, password, str(Role(role).label)))
    return logins
