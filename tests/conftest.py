"""Narrative fixtures: two units with an officer each, a leader, the department, an admin."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User

from ttdn.core.actor import SYSTEM
from ttdn.demo.press_site import PressSite
from ttdn.orgs import services
from ttdn.orgs.models import Role, Unit, UnitKind


def make_unit(code: str, name: str, kind: str = UnitKind.DEPARTMENT, **fields: object) -> Unit:
    aliases = fields.pop("aliases", [])
    unit = Unit(code=code, name=name, kind=kind, **fields)
    return services.unit_save(actor=SYSTEM, unit=unit, aliases=aliases)  # type: ignore[arg-type]


def make_user(username: str, unit: Unit | None = None, role: str | None = None) -> User:
    user = User.objects.create_user(username, f"{username}@example.org", "pw-" + username)
    if unit is not None and role is not None:
        services.membership_grant(actor=SYSTEM, user=user, unit=unit, role=role)
    return user


@pytest.fixture(scope="session")
def press_site() -> Iterator[PressSite]:
    """The demo's press site on 127.0.0.1, with its files (monitoring's fixture)."""
    site = PressSite().start()
    yield site
    site.stop()


@dataclass
class World:
    unit_a: Unit
    unit_b: Unit
    department: Unit
    officer_a: User
    officer_b: User
    leader_a: User
    coordinator: User
    admin: User


@pytest.fixture
def world(db: None) -> World:
    department = make_unit("so-ngoai-vu", "Sở Ngoại vụ tỉnh Bắc Giang", short_name="Sở Ngoại vụ")
    unit_a = make_unit(
        "so-van-hoa",
        "Sở Văn hóa, Thể thao và Du lịch",
        short_name="Sở VHTT&DL",
        aliases=["Sở Văn hóa Thể thao và Du lịch"],
    )
    unit_b = make_unit("so-tu-phap", "Sở Tư pháp")
    admin = User.objects.create_superuser("root", "root@example.org", "pw-root")
    return World(
        unit_a=unit_a,
        unit_b=unit_b,
        department=department,
        officer_a=make_user("officer_a", unit_a, Role.FOCAL_OFFICER),
        officer_b=make_user("officer_b", unit_b, Role.FOCAL_OFFICER),
        leader_a=make_user("leader_a", unit_a, Role.UNIT_LEADER),
        coordinator=make_user("coordinator", department, Role.COORDINATOR),
        admin=admin,
    )


D = datetime.date
