from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import ModelLogEntry

from tests.conftest import D, World, make_unit, make_user
from ttdn.core.actor import SYSTEM
from ttdn.orgs import services
from ttdn.orgs.models import Membership, Role, SuccessionKind, Unit, UnitGroup


def entries(target: object, action: str) -> list[ModelLogEntry]:
    return list(
        ModelLogEntry.objects.filter(object_id=str(target.pk), action=action)  # type: ignore[attr-defined]
    )


def test_unit_create_and_update_are_audited_with_changes(world: World) -> None:
    unit = make_unit("so-tai-chinh", "Sở Tài chính", aliases=["STC"])
    (created,) = entries(unit, services.UNIT_CREATED)
    assert created.data["name"] == "Sở Tài chính"
    assert created.data["aliases"] == ["STC"]
    unit.short_name = "Sở TC"
    services.unit_save(actor=world.coordinator, unit=unit, aliases=["STC", "Sở Tài chánh"])
    (updated,) = entries(unit, services.UNIT_UPDATED)
    assert updated.user_id == world.coordinator.pk
    assert updated.data["changes"]["short_name"] == ["", "Sở TC"]
    assert updated.data["changes"]["aliases"] == [["STC"], ["STC", "Sở Tài chánh"]]


def test_unit_alias_may_not_name_another_living_unit(world: World) -> None:
    unit = Unit(code="x", name="Sở X", kind="department")
    with pytest.raises(ValidationError, match="Sở VHTT&DL"):
        services.unit_save(actor=SYSTEM, unit=unit, aliases=["Sở VHTT&DL"])
    assert not Unit.objects.filter(code="x").exists()


def test_unit_validity_must_be_ordered(world: World) -> None:
    unit = Unit(code="y", name="Sở Y", kind="department", valid_from=D(2025, 1, 1))
    unit.valid_until = D(2024, 1, 1)
    with pytest.raises(ValidationError) as caught:
        services.unit_save(actor=SYSTEM, unit=unit)
    assert "valid_until" in caught.value.message_dict


def test_only_registry_managers_change_units(world: World) -> None:
    world.unit_a.short_name = "changed"
    for user in (world.officer_a, world.leader_a):
        with pytest.raises(PermissionDenied):
            services.unit_save(actor=user, unit=world.unit_a)
    services.unit_save(actor=world.coordinator, unit=world.unit_a)
    services.unit_save(actor=world.admin, unit=world.unit_a)


def test_group_name_may_not_be_a_unit(world: World) -> None:
    group = UnitGroup(code="g", name="Sở Tư pháp", member_kinds=[])
    with pytest.raises(ValidationError, match="một nhóm không phải là một đơn vị"):
        services.group_save(actor=SYSTEM, group=group)
    group = UnitGroup(code="g", name="Các sở", member_kinds=["planet"])
    with pytest.raises(ValidationError, match="planet"):
        services.group_save(actor=SYSTEM, group=group)


def test_group_save_is_audited(world: World) -> None:
    group = services.group_save(
        actor=world.coordinator,
        group=UnitGroup(code="bao-chi", name="Các cơ quan báo chí Trung ương và địa phương"),
        members=[world.unit_a],
    )
    (entry,) = entries(group, services.GROUP_CREATED)
    assert entry.data["members"] == ["so-van-hoa"]


def test_succession_checks_its_shape_and_audits_every_unit(world: World) -> None:
    with pytest.raises(ValidationError, match="đúng một đơn vị kế thừa"):
        services.succession_record(
            actor=SYSTEM,
            kind=SuccessionKind.MERGE,
            effective_date=D(2025, 3, 1),
            predecessors=[world.unit_a],
            successors=[],
        )
    event = services.succession_record(
        actor=world.coordinator,
        kind=SuccessionKind.MERGE,
        effective_date=D(2025, 3, 1),
        predecessors=[world.unit_a, world.unit_b],
        successors=[world.unit_b],
    )
    assert entries(event, services.SUCCESSION_RECORDED)
    assert entries(world.unit_a, services.UNIT_SUCCEEDED)[0].data["valid_until"] == "28/02/2025"
    assert not entries(world.unit_b, services.UNIT_SUCCEEDED)
    with pytest.raises(ValidationError, match="đã hết hiệu lực từ"):
        services.succession_record(
            actor=SYSTEM,
            kind=SuccessionKind.ABOLISH,
            effective_date=D(2026, 1, 1),
            predecessors=[Unit.objects.get(pk=world.unit_a.pk)],
            successors=[],
        )


def test_membership_grant_rules(world: World) -> None:
    newcomer = make_user("newcomer")
    # A leader gives officer roles in their own unit only.
    services.membership_grant(
        actor=world.leader_a, user=newcomer, unit=world.unit_a, role=Role.FOCAL_OFFICER
    )
    with pytest.raises(PermissionDenied):
        services.membership_grant(
            actor=world.leader_a, user=newcomer, unit=world.unit_b, role=Role.FOCAL_OFFICER
        )
    with pytest.raises(PermissionDenied):
        services.membership_grant(
            actor=world.leader_a, user=newcomer, unit=world.unit_a, role=Role.COORDINATOR
        )
    with pytest.raises(PermissionDenied):
        services.membership_grant(
            actor=world.officer_a, user=newcomer, unit=world.unit_a, role=Role.VIEWER
        )
    # A coordinator gives any role but admin.
    with pytest.raises(PermissionDenied):
        services.membership_grant(
            actor=world.coordinator, user=newcomer, unit=world.department, role=Role.ADMIN
        )
    membership = services.membership_grant(
        actor=world.coordinator, user=newcomer, unit=world.department, role=Role.ANALYST
    )
    assert entries(membership, services.MEMBERSHIP_GRANTED)[0].user_id == world.coordinator.pk


def test_membership_notice_is_sent_once(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    mail.outbox.clear()
    newcomer = make_user("newcomer2")
    with django_capture_on_commit_callbacks(execute=True):
        membership = services.membership_grant(
            actor=world.coordinator, user=newcomer, unit=world.unit_b, role=Role.VIEWER
        )
    # The immediate task backend ran the notice on commit.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["newcomer2@example.org"]
    assert "Sở Tư pháp" in mail.outbox[0].body
    assert "Người xem" in mail.outbox[0].subject
    assert services.membership_notify(membership_id=membership.pk) is False
    assert len(mail.outbox) == 1
    assert len(entries(membership, services.MEMBERSHIP_NOTIFIED)) == 1


def test_membership_revoke_and_reactivate(world: World) -> None:
    membership = Membership.objects.get(user=world.officer_b)
    services.membership_revoke(actor=world.coordinator, membership=membership)
    membership.refresh_from_db()
    assert membership.is_active is False
    (entry,) = entries(membership, services.MEMBERSHIP_UPDATED)
    assert entry.data["changes"] == {"is_active": [True, False]}
    again = services.membership_grant(
        actor=world.coordinator, user=world.officer_b, unit=world.unit_b, role=Role.FOCAL_OFFICER
    )
    assert again.pk == membership.pk
    assert again.is_active
