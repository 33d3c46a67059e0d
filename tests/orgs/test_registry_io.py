"""The unit registry as a spreadsheet: reading, errors by row and column, the import plan,
re-import updates, export round trip."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from tests.conftest import World, make_unit
from tests.orgs.helpers import HEADER, csv_bytes, row, xlsx
from ttdn.core.actor import SYSTEM
from ttdn.demo.load import load_units
from ttdn.orgs import registry_io, services
from ttdn.orgs.kinds import propose_kind
from ttdn.orgs.models import Unit, UnitKind
from ttdn.orgs.registry_io import Action, RegistryReadError, read_registry

LAO_CAI = [
    # Children before their parent: the order of the rows does not matter.
    row("Sở Tư pháp tỉnh Lào Cai", short_name="Sở Tư pháp", kind="Sở, ngành", parent="UBND tỉnh"),
    row("Báo Lào Cai", parent="UBND tỉnh", aliases="Báo Lào Cai điện tử; Báo LC"),
    row("UBND xã Bát Xát", kind="commune", parent="UBND tỉnh", valid_from="01/07/2025"),
    row("Ủy ban nhân dân tỉnh Lào Cai", short_name="UBND tỉnh", kind="Ủy ban nhân dân"),
]


@pytest.fixture(autouse=True)
def vietnamese() -> None:
    translation.activate("vi")


def preview(data: bytes, filename: str = "don-vi.xlsx") -> registry_io.RegistryPreview:
    return services.registry_preview(actor=SYSTEM, data=data, filename=filename)


def test_kinds_proposed_from_names() -> None:
    assert propose_kind("Sở Tư pháp tỉnh Lào Cai") == UnitKind.DEPARTMENT
    assert propose_kind("UBND tỉnh Lào Cai") == UnitKind.PEOPLES_COMMITTEE
    assert propose_kind("UBND xã Bát Xát") == UnitKind.COMMUNE
    assert propose_kind("UBND huyện Sa Pa") == UnitKind.DISTRICT
    assert propose_kind("Báo Lào Cai") == UnitKind.PRESS
    assert propose_kind("Bộ Chỉ huy Quân sự tỉnh") == UnitKind.AGENCY
    assert propose_kind("Bộ Ngoại giao") == UnitKind.CENTRAL
    assert propose_kind("Tỉnh ủy Lào Cai") == UnitKind.PARTY
    assert propose_kind("Hội Nhà báo tỉnh") == UnitKind.MASS_ORGANISATION
    assert propose_kind("Đại sứ quán Nhật Bản") == UnitKind.FOREIGN_PARTNER
    assert propose_kind("Một tên lạ") == UnitKind.OTHER


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (csv_bytes(LAO_CAI, delimiter=";", bom=True), "don-vi.csv"),
        (csv_bytes(LAO_CAI, delimiter=",", bom=False), "don-vi.csv"),
        (xlsx(LAO_CAI), "don-vi.xlsx"),
    ],
)
def test_the_same_rows_from_xlsx_and_csv(data: bytes, name: str) -> None:
    rows = read_registry(data, name)
    assert [r.name for r in rows] == [r[0] for r in LAO_CAI]
    assert [r.line for r in rows] == [2, 3, 4, 5]
    assert rows[1].aliases == ["Báo Lào Cai điện tử", "Báo LC"]
    assert rows[2].valid_from == datetime.date(2025, 7, 1)
    assert rows[2].kind == UnitKind.COMMUNE
    assert rows[3].kind == UnitKind.PEOPLES_COMMITTEE
    assert all(not r.errors for r in rows)


def test_a_file_that_cannot_be_read_says_why() -> None:
    legacy = "Tên đơn\nSơn Tây\n".encode("cp1258")  # Windows-1258, as old Excel saves
    with pytest.raises(RegistryReadError, match="UTF-8"):
        read_registry(legacy, "don-vi.csv")
    with pytest.raises(RegistryReadError, match="Tên đầy đủ"):
        read_registry(xlsx([["a", "b"]], header=["Đơn vị", "Ghi chú"]), "x.xlsx")
    with pytest.raises(RegistryReadError, match="Excel"):
        read_registry(b"not a zip", "x.xlsx")
    with pytest.raises(RegistryReadError, match=r"\.xlsx"):
        read_registry(b"", "x.ods")


@pytest.mark.django_db
def test_bad_rows_name_row_and_column_and_keep_the_good_ones() -> None:
    rows = [
        *LAO_CAI,
        row("Sở Xây dựng", kind="Sở ban", parent="UBND tỉnh"),
        row("Sở Y tế", valid_from="31/02/2025", email="khong-phai-thu"),
        row("", short_name="Không tên"),
        row("Báo Lào Cai"),
        row("Sở Nội vụ", parent="Sở Không Có"),
    ]
    result = preview(xlsx(rows))
    messages = [str(error) for error in result.errors]
    assert messages[0].startswith("Dòng 6, cột Loại: “Sở ban” không phải là loại đơn vị; các loại:")
    assert "Sở, ngành" in messages[0]
    assert "Dòng 7, cột Hiệu lực từ: “31/02/2025” không phải là ngày" in messages[1]
    assert "Dòng 7, cột E-mail:" in messages[2]
    assert "Dòng 8, cột Tên đầy đủ: tên đầy đủ đang để trống." in messages
    assert "Dòng 9, cột Tên đầy đủ: trùng đơn vị với dòng 3." in messages
    assert "Dòng 10, cột Đơn vị cấp trên: không có đơn vị “Sở Không Có”" in messages[-1]
    assert [plan.action for plan in result.rows[:4]] == [Action.CREATE] * 4
    assert result.created == 4
    assert not Unit.objects.exists()
    with pytest.raises(ValidationError):
        services.registry_import(actor=SYSTEM, data=xlsx(rows), filename="don-vi.xlsx")
    assert not Unit.objects.exists()


@pytest.mark.django_db
def test_import_resolves_parents_in_any_order_and_audits() -> None:
    before = ModelLogEntry.objects.count()
    result = preview(xlsx(LAO_CAI))
    assert result.created == 4
    assert result.rows[1].kind == UnitKind.PRESS
    assert result.rows[1].kind_proposed
    assert ModelLogEntry.objects.count() == before  # the preview keeps nothing
    assert not Unit.objects.exists()
    services.registry_import(actor=SYSTEM, data=xlsx(LAO_CAI), filename="don-vi.xlsx")
    committee = Unit.objects.get(name="Ủy ban nhân dân tỉnh Lào Cai")
    assert set(committee.children.values_list("name", flat=True)) == {
        "Sở Tư pháp tỉnh Lào Cai",
        "Báo Lào Cai",
        "UBND xã Bát Xát",
    }
    assert ModelLogEntry.objects.filter(action="orgs.unit.created").count() == 4
    entry = ModelLogEntry.objects.get(action="orgs.registry.imported")
    assert len(entry.data["created"]) == 4


@pytest.mark.django_db
def test_a_parent_loop_is_an_error_on_each_row() -> None:
    rows = [row("Sở A", parent="Sở B"), row("Sở B", parent="Sở C"), row("Sở C", parent="Sở A")]
    result = preview(xlsx(rows))
    assert [plan.action for plan in result.rows] == [Action.ERROR] * 3
    assert "vòng lặp: Sở A → Sở B → Sở C" in str(result.errors[0])
    # A loop through the registry: the file makes an existing unit the child of its own child.
    parent = make_unit("so-a", "Sở A")
    make_unit("phong-b", "Phòng B", parent=parent)
    result = preview(xlsx([row("Sở A", parent="Phòng B")]))
    assert "vòng lặp" in str(result.errors[0])


@pytest.mark.django_db
def test_reimport_matches_by_code_name_and_alias_and_updates_in_place() -> None:
    committee = make_unit("ubnd-tinh", "Ủy ban nhân dân tỉnh Lào Cai", UnitKind.PEOPLES_COMMITTEE)
    justice = make_unit("so-tu-phap", "Sở Tư pháp tỉnh Lào Cai", short_name="Sở Tư pháp")
    press = make_unit("bao", "Báo Lào Cai", UnitKind.PRESS, aliases=["Báo LC"])
    make_unit("so-y-te", "Sở Y tế tỉnh Lào Cai")  # not in the file: stays as it is
    rows = [
        # by code: renamed, moved under the committee
        row("Sở Tư pháp và Pháp chế tỉnh Lào Cai", parent="UBND tỉnh Lào Cai", code="so-tu-phap"),
        # by an alias of the registry: ends on 30/06/2025
        row("Báo LC", valid_until="30/06/2025"),
        # by name: nothing changes (an empty cell keeps what the registry holds)
        row("Ủy ban nhân dân tỉnh Lào Cai"),
    ]
    result = preview(xlsx(rows))
    assert [plan.action for plan in result.rows] == [Action.UPDATE, Action.UPDATE, Action.UNCHANGED]
    assert result.unmentioned == 1
    services.registry_import(actor=SYSTEM, data=xlsx(rows), filename="don-vi.xlsx")
    justice.refresh_from_db()
    assert justice.name == "Sở Tư pháp và Pháp chế tỉnh Lào Cai"
    assert justice.short_name == "Sở Tư pháp"
    assert justice.parent == committee
    assert "Sở Tư pháp tỉnh Lào Cai" in justice.aliases.values_list("name", flat=True)
    press.refresh_from_db()
    assert press.name == "Báo LC"  # the row's name is the unit's name now
    assert press.valid_until == datetime.date(2025, 6, 30)
    assert "Báo Lào Cai" in press.aliases.values_list("name", flat=True)
    assert Unit.objects.count() == 4
    changes = ModelLogEntry.objects.get(action="orgs.registry.imported").data["updated"]
    assert set(changes) == {"so-tu-phap", "bao"}


@pytest.mark.django_db
def test_a_name_that_clashes_with_another_unit_is_a_row_error() -> None:
    make_unit("so-y-te", "Sở Y tế tỉnh Lào Cai", short_name="Sở Y tế")
    result = preview(xlsx([row("Sở Dược", short_name="Sở Y tế"), row("Sở Nội vụ")]))
    assert result.rows[0].action == Action.ERROR
    assert "Sở Y tế" in str(result.errors[0])
    assert result.rows[1].action == Action.CREATE


@pytest.mark.django_db
def test_export_then_reimport_changes_nothing_on_the_demo_registry() -> None:
    load_units()
    count = Unit.objects.count()
    data = registry_io.export_xlsx()
    sheet = load_workbook(io.BytesIO(data))["Đơn vị"]
    assert [cell.value for cell in sheet[1]] == HEADER
    assert sheet.max_row == count + 1
    result = preview(data, "xuat.xlsx")
    assert result.errors == []
    assert result.unchanged == count
    assert result.unmentioned == 0


@pytest.mark.django_db
def test_export_keeps_formulas_as_text() -> None:
    make_unit("cong-thuc", '=HYPERLINK("http://x","Bấm")')
    sheet = load_workbook(io.BytesIO(registry_io.export_xlsx()))["Đơn vị"]
    assert sheet["A2"].value == '=HYPERLINK("http://x","Bấm")'
    assert sheet["A2"].data_type == "s"


def test_the_template_explains_each_column() -> None:
    workbook = load_workbook(io.BytesIO(registry_io.template_xlsx()))
    assert [cell.value for cell in workbook["Đơn vị"][1]] == HEADER
    guide = [row[0] for row in workbook["Hướng dẫn"].iter_rows(values_only=True)]
    assert all(header in guide for header in HEADER)
    assert "Cấp xã" in guide
    assert "Cơ quan báo chí" in guide


@pytest.mark.django_db
def test_only_the_registry_managers_import(world: World) -> None:
    data = xlsx(LAO_CAI[1:])
    with pytest.raises(PermissionDenied):
        services.registry_preview(actor=world.officer_a, data=data, filename="a.xlsx")
    with pytest.raises(PermissionDenied):
        services.registry_import(actor=world.officer_a, data=data, filename="a.xlsx")
    services.registry_import(actor=world.coordinator, data=data, filename="a.xlsx")
    assert Unit.objects.filter(name="Báo Lào Cai").exists()
