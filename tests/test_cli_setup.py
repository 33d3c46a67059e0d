"""A real province from an empty database (no demo): ``ttdn setup``, then its unit registry."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from openpyxl import Workbook, load_workbook
from wagtail.models import ModelLogEntry

from tests.orgs.helpers import HEADER
from ttdn.cli import main
from ttdn.orgs import selectors
from ttdn.orgs.models import Installation, Membership, Role, Unit, UnitKind

# The units of Lào Cai as a province would type them: children before their parents (the order
# does not matter), kinds by their Vietnamese name or left empty, another name list.
LAO_CAI = [
    [
        "Sở Tư pháp tỉnh Lào Cai",
        "Sở Tư pháp",
        "Sở, ngành",
        "UBND tỉnh Lào Cai",
        "",
        "",
        "",
        "stp@laocai.gov.vn",
        "",
    ],
    [
        "Sở Ngoại vụ tỉnh Lào Cai",
        "Sở Ngoại vụ",
        "department",
        "UBND tỉnh Lào Cai",
        "Sở NgV",
        "",
        "",
        "",
        "so-ngoai-vu",
    ],
    ["Báo Lào Cai", "", "", "UBND tỉnh Lào Cai", "Báo Lào Cai điện tử", "", "", "", ""],
    [
        "Đài Phát thanh và Truyền hình Lào Cai",
        "Đài PT-TH Lào Cai",
        "Cơ quan báo chí",
        "UBND tỉnh Lào Cai",
        "",
        "",
        "",
        "",
        "",
    ],
    ["UBND xã Bát Xát", "", "Cấp xã", "UBND tỉnh Lào Cai", "", "01/07/2025", "", "", ""],
    ["UBND phường Cam Đường", "", "", "UBND tỉnh Lào Cai", "", "01/07/2025", "", "", ""],
    [
        "Sở Công Thương tỉnh Lào Cai",
        "Sở Công Thương",
        "Sở, ngành",
        "Ủy ban nhân dân tỉnh Lào Cai",
        "Sở CT",
        "",
        "",
        "",
        "",
    ],
]


def _xlsx(rows: list[list[object]], path: Path) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Đơn vị"
    sheet.append(["DANH MỤC ĐƠN VỊ TỈNH LÀO CAI"])  # a title row above the header
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "var"))
    password = tmp_path / "password"
    password.write_text("Lao-Cai-2025-quan-tri\n", encoding="utf-8")
    return password


def _setup(password: Path, *extra: str) -> list[str]:
    return [
        "setup",
        "--province",
        "Lào Cai",
        "--level",
        "tinh",
        "--department",
        "Sở Văn hóa, Thể thao và Du lịch",
        "--department-short",
        "Sở VHTTDL",
        "--admin-username",
        "quantri",
        "--admin-email",
        "quantri@laocai.gov.vn",
        "--admin-password-file",
        str(password),
        *extra,
    ]


@pytest.mark.django_db
def test_a_province_from_nothing(
    cli_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert not Unit.objects.exists()
    assert selectors.installation() is None

    assert main(_setup(cli_env)) == 0
    out = capsys.readouterr().out
    assert "Các bước tiếp theo" in out
    assert "ttdn units template" in out
    settings = Installation.objects.get()
    assert settings.place_phrase == "tỉnh Lào Cai"
    committee = settings.peoples_committee
    department = settings.coordinating_unit
    assert committee is not None
    assert department is not None
    assert committee.kind == UnitKind.PEOPLES_COMMITTEE
    assert committee.short_name == "UBND tỉnh Lào Cai"
    assert department.name == "Sở Văn hóa, Thể thao và Du lịch tỉnh Lào Cai"
    assert department.short_name == "Sở VHTTDL"
    assert department.kind == UnitKind.DEPARTMENT
    assert department.parent == committee
    admin = User.objects.get(username="quantri")
    assert admin.is_superuser
    assert admin.check_password("Lao-Cai-2025-quan-tri")
    assert Membership.objects.filter(user=admin, unit=department, role=Role.ADMIN).exists()
    assert ModelLogEntry.objects.filter(action="orgs.installation.set").count() == 1
    assert ModelLogEntry.objects.filter(action="orgs.admin.created").count() == 1

    # Again: nothing changes, and it says what exists.
    assert main(_setup(cli_env)) == 0
    out = capsys.readouterr().out
    assert "tỉnh Lào Cai" in out
    assert "--force" in out
    assert Unit.objects.count() == 2
    assert ModelLogEntry.objects.filter(action="orgs.installation.set").count() == 1

    template = tmp_path / "mau.xlsx"
    assert main(["units", "template", str(template)]) == 0
    workbook = load_workbook(template)
    assert [cell.value for cell in workbook["Đơn vị"][1]] == HEADER
    assert "Hướng dẫn" in workbook.sheetnames

    first = _xlsx(LAO_CAI, tmp_path / "don-vi.xlsx")
    assert main(["units", "import", str(first), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "7 đơn vị mới" in out
    assert Unit.objects.count() == 2  # a dry run stores nothing
    assert main(["units", "import", str(first)]) == 0
    assert Unit.objects.count() == 9
    press = Unit.objects.get(name="Báo Lào Cai")
    assert press.kind == UnitKind.PRESS  # proposed from the name
    assert press.parent == committee
    assert Unit.objects.get(code="so-ngoai-vu").kind == UnitKind.DEPARTMENT
    commune = Unit.objects.get(name="UBND xã Bát Xát")
    assert commune.kind == UnitKind.COMMUNE
    assert commune.valid_from == datetime.date(2025, 7, 1)
    assert Unit.objects.get(name="UBND phường Cam Đường").kind == UnitKind.COMMUNE

    # Export, edit, re-import: a rename, a new unit, a unit that ends; the rest unchanged.
    exported = tmp_path / "xuat.xlsx"
    assert main(["units", "export", str(exported)]) == 0
    workbook = load_workbook(exported)
    sheet = workbook["Đơn vị"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert len(rows) == 9
    for row in rows:
        if row[0] == "Sở Ngoại vụ tỉnh Lào Cai":
            row[0], row[1] = "Sở Ngoại vụ và Hợp tác quốc tế tỉnh Lào Cai", "Sở NgV&HTQT"
        if row[0] == "UBND phường Cam Đường":
            row[6] = "30/06/2026"
    rows.append(
        ["Hội Nhà báo tỉnh Lào Cai", "", "Tổ chức chính trị - xã hội, hội", "UBND tỉnh Lào Cai"]
        + [""] * 5
    )
    second = _xlsx(rows, tmp_path / "don-vi-2.xlsx")
    assert main(["units", "import", str(second)]) == 0
    out = capsys.readouterr().out
    assert "1 đơn vị mới, 2 thay đổi, 7 không đổi" in out
    assert Unit.objects.count() == 10
    renamed = Unit.objects.get(code="so-ngoai-vu")
    assert renamed.name == "Sở Ngoại vụ và Hợp tác quốc tế tỉnh Lào Cai"
    assert "Sở Ngoại vụ tỉnh Lào Cai" in renamed.aliases.values_list("name", flat=True)
    assert selectors.unit_resolve("Sở Ngoại vụ", on=datetime.date(2025, 12, 1)).unit == renamed
    ended = Unit.objects.get(name="UBND phường Cam Đường")
    assert ended.valid_until == datetime.date(2026, 6, 30)
    assert Unit.objects.get(name="Hội Nhà báo tỉnh Lào Cai").kind == UnitKind.MASS_ORGANISATION
    imports = ModelLogEntry.objects.filter(action="orgs.registry.imported").order_by("pk")
    assert imports.count() == 2
    assert len(imports.last().data["updated"]) == 2  # type: ignore[union-attr]
    assert ModelLogEntry.objects.filter(action="orgs.unit.updated").count() == 2

    # The same file again changes nothing.
    assert main(["units", "import", str(second), "--dry-run"]) == 0
    assert "0 đơn vị mới, 0 thay đổi, 10 không đổi" in capsys.readouterr().out


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--province", " "], "tỉnh"),
        (["--level", "huyen"], "huyen"),
        (["--department", ""], "thiếu --department"),
    ],
)
def test_setup_refuses_bad_input(
    cli_env: Path, capsys: pytest.CaptureFixture[str], args: list[str], words: str
) -> None:
    command = _setup(cli_env)
    flag = args[0]
    command[command.index(flag) + 1] = args[1]
    assert main(command) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert words in err[0]
    assert not Unit.objects.exists()


@pytest.mark.django_db
def test_setup_refuses_a_weak_password(cli_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cli_env.write_text("123456\n", encoding="utf-8")
    assert main(_setup(cli_env)) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "mật khẩu" in err[0].lower()
    assert not Unit.objects.exists()  # nothing kept from a refused run
    assert not User.objects.exists()


@pytest.mark.django_db
def test_units_import_with_errors_exits_2(
    tmp_path: Path, cli_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = [*LAO_CAI, ["Sở Xây dựng", "", "Sở ban", "UBND tỉnh Lào Cai"]]
    path = _xlsx(bad, tmp_path / "loi.xlsx")
    assert main(["units", "import", str(path)]) == 2
    captured = capsys.readouterr()
    assert "Dòng 10, cột Loại: “Sở ban” không phải là loại đơn vị" in captured.out
    assert not Unit.objects.exists()


def test_the_buffer_helpers_read_back(tmp_path: Path) -> None:
    path = _xlsx(LAO_CAI[:1], tmp_path / "a.xlsx")
    assert load_workbook(io.BytesIO(path.read_bytes()))["Đơn vị"].max_row == 3


@pytest.mark.django_db
def test_force_changes_only_what_is_given(
    cli_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(_setup(cli_env)) == 0
    department = Installation.objects.get().coordinating_unit
    assert main(["setup", "--force", "--province", "Hà Nội", "--level", "thanh-pho"]) == 0
    settings = Installation.objects.get()
    assert settings.place_phrase == "thành phố Hà Nội"
    assert settings.peoples_committee is not None
    assert settings.peoples_committee.name == "Ủy ban nhân dân thành phố Hà Nội"
    assert settings.coordinating_unit == department  # not given: unchanged
    assert User.objects.count() == 1
    assert selectors.issuer_for("Lào Cai").full == "Ủy ban nhân dân\nthành phố Hà Nội"
