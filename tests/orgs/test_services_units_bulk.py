"""units_create_many: every row or none, each failing row named, only the registry's keepers."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import ModelLogEntry

from tests.conftest import World
from ttdn.orgs.models import Unit, UnitKind
from ttdn.orgs.services import NameAction, NameRow, units_create_many


def test_creates_and_aliases_in_one_call(world: World) -> None:
    rows = [
        NameRow(
            "UBND huyện Đình Lập",
            NameAction.CREATE,
            "Ủy ban nhân dân huyện Đình Lập",
            "UBND huyện Đình Lập",
            UnitKind.DISTRICT,
        ),
        NameRow("Sở Tư Pháp tỉnh", NameAction.ALIAS, unit=world.unit_b),
        NameRow("Không biết", NameAction.SKIP),
        NameRow("STP Lạng Sơn", NameAction.CREATE, "Sở Tư pháp tỉnh Lạng Sơn", kind="department"),
    ]
    units = units_create_many(actor=world.coordinator, rows=rows)
    assert [unit.name for unit in units] == [
        "Ủy ban nhân dân huyện Đình Lập",
        "Sở Tư pháp",
        "Sở Tư pháp tỉnh Lạng Sơn",
    ]
    assert "STP Lạng Sơn" in Unit.objects.get(code="so-tu-phap-tinh-lang-son").aliases.values_list(
        "name", flat=True
    )
    district = Unit.objects.get(code="uy-ban-nhan-dan-huyen-dinh-lap")
    assert district.kind == UnitKind.DISTRICT
    assert list(district.aliases.values_list("name", flat=True)) == []  # same key as its name
    assert "Sở Tư Pháp tỉnh" in world.unit_b.aliases.values_list("name", flat=True)
    assert not Unit.objects.filter(name="Không biết").exists()
    created = ModelLogEntry.objects.filter(action="orgs.unit.created", user=world.coordinator)
    assert created.count() == 2


def test_a_failing_row_is_named_and_nothing_is_kept(world: World) -> None:
    before = Unit.objects.count()
    rows = [
        NameRow("Báo Lạng Sơn", NameAction.CREATE, "Báo Lạng Sơn", kind=UnitKind.PRESS),
        NameRow("Sở TP", NameAction.CREATE, "Sở Tư pháp", kind=UnitKind.DEPARTMENT),
        NameRow("Sở XYZ", NameAction.ALIAS),
        NameRow("Đài tỉnh", NameAction.CREATE, "Đài tỉnh", kind="radio"),
        NameRow("Báo Lạng Sơn điện tử", NameAction.CREATE, "Báo Lạng Sơn", kind=UnitKind.PRESS),
    ]
    with pytest.raises(ValidationError) as caught:
        units_create_many(actor=world.coordinator, rows=rows)
    errors = caught.value.message_dict
    assert sorted(errors) == ["1", "2", "3", "4"]
    assert errors["1"][0].startswith("“Sở TP”: ")
    assert "“Sở XYZ”" in errors["2"][0]
    assert "“Báo Lạng Sơn điện tử”" in errors["4"][0]  # the same name twice in one batch
    assert Unit.objects.count() == before


def test_only_the_registry_keepers_may(world: World) -> None:
    row = NameRow("Báo Lạng Sơn", NameAction.CREATE, "Báo Lạng Sơn", kind=UnitKind.PRESS)
    for user in (world.officer_a, world.leader_a):
        with pytest.raises(PermissionDenied):
            units_create_many(actor=user, rows=[row])
    assert not Unit.objects.filter(name="Báo Lạng Sơn").exists()
    units_create_many(actor=world.admin, rows=[row])
    assert Unit.objects.filter(name="Báo Lạng Sơn").exists()
