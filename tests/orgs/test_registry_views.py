"""The unit registry screens: template, export, upload → preview → confirm, as the roles."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from tests.conftest import World
from tests.orgs.helpers import HEADER, csv_bytes, refused, row, xlsx
from tests.orgs.test_admin_views import client_for, english_on
from ttdn.orgs.models import RegistryUpload, Unit

ROWS = [
    row("Báo Lào Cai", kind="Cơ quan báo chí", parent="UBND tỉnh Lào Cai"),
    row("Ủy ban nhân dân tỉnh Lào Cai", short_name="UBND tỉnh Lào Cai", kind="Ủy ban nhân dân"),
]


def _upload(client: object, data: bytes, name: str = "don-vi.xlsx") -> object:
    return client.post(  # type: ignore[attr-defined]
        reverse("orgs_registry_import"), {"file": SimpleUploadedFile(name, data)}
    )


def test_a_coordinator_uploads_previews_and_confirms(world: World) -> None:
    client = client_for(world.coordinator)
    page = client.get(reverse("orgs_registry_import"))
    html = page.content.decode()
    assert "Nhập danh mục đơn vị" in html
    assert "Tải tệp mẫu" in html
    assert english_on(html) == []
    count = Unit.objects.count()
    response = _upload(client, xlsx(ROWS))
    assert response.status_code == 302  # type: ignore[attr-defined]
    upload = RegistryUpload.objects.get()
    preview = client.get(response.url)  # type: ignore[attr-defined]
    html = preview.content.decode()
    assert "Xem trước danh mục đơn vị" in html
    assert "2 đơn vị mới, 0 thay đổi, 0 không đổi" in html
    assert "Nhập các đơn vị này" in html
    assert english_on(html) == []
    assert Unit.objects.count() == count  # nothing stored before confirming
    response = client.post(
        reverse("orgs_registry_import"), {"upload": upload.pk, "action": "confirm"}
    )
    assert response.status_code == 302
    assert Unit.objects.get(name="Báo Lào Cai").parent == Unit.objects.get(
        name="Ủy ban nhân dân tỉnh Lào Cai"
    )
    upload.refresh_from_db()
    assert upload.state == RegistryUpload.State.IMPORTED
    assert ModelLogEntry.objects.filter(action="orgs.registry.imported").count() == 1
    again = client.post(reverse("orgs_registry_import"), {"upload": upload.pk, "action": "confirm"})
    assert again.status_code == 302
    assert ModelLogEntry.objects.filter(action="orgs.registry.imported").count() == 1


def test_a_file_with_errors_shows_its_good_rows_and_cannot_be_confirmed(world: World) -> None:
    client = client_for(world.coordinator)
    rows = [*ROWS, row("Sở Xây dựng", kind="Sở ban")]
    response = _upload(client, csv_bytes(rows), "don-vi.csv")
    html = client.get(response.url).content.decode()  # type: ignore[attr-defined]
    assert "Dòng 4, cột Loại: “Sở ban” không phải là loại đơn vị" in html
    assert "Báo Lào Cai" in html
    assert "Nhập các đơn vị này" not in html
    assert "Tải lên tệp đã sửa" in html
    upload = RegistryUpload.objects.get()
    client.post(reverse("orgs_registry_import"), {"upload": upload.pk, "action": "confirm"})
    assert not Unit.objects.filter(name="Báo Lào Cai").exists()


def test_an_unreadable_file_is_refused_at_upload(world: World) -> None:
    client = client_for(world.coordinator)
    response = _upload(client, b"PK not really", "don-vi.xlsx")
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert "Không đọc được" in response.content.decode()  # type: ignore[attr-defined]
    assert not RegistryUpload.objects.exists()


def test_template_and_export_download(world: World) -> None:
    client = client_for(world.admin)
    for name in ("orgs_registry_template", "orgs_registry_export"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(response.content))["Đơn vị"]
        assert [cell.value for cell in sheet[1]] == HEADER
    exported = load_workbook(io.BytesIO(client.get(reverse("orgs_registry_export")).content))
    names = [r[0] for r in exported["Đơn vị"].iter_rows(min_row=2, values_only=True)]
    assert "Sở Tư pháp" in names


def test_a_focal_officer_is_refused_everywhere(world: World) -> None:
    client = client_for(world.officer_a)
    for name in ("orgs_registry_import", "orgs_registry_template", "orgs_registry_export"):
        assert refused(client.get(reverse(name)))
    assert refused(_upload(client, xlsx(ROWS)))
    assert not RegistryUpload.objects.exists()
