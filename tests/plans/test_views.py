"""Upload → preview → confirm, as a coordinator does it in the admin."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.conftest import make_user
from tests.orgs.test_admin_views import client_for, english_on
from ttdn.demo.files import PLAN_FILE
from ttdn.demo.load import load_units
from ttdn.orgs.models import Role, Unit
from ttdn.plans.models import Plan, PlanUpload, Task

SEED = PLAN_FILE.read_bytes()


@pytest.fixture
def coordinator(db: None) -> User:
    load_units()
    unit = Unit.objects.get(code="so-van-hoa-the-thao-va-du-lich")
    return make_user("dieuphoi", unit, Role.COORDINATOR)


def upload(client: Client, name: str, data: bytes) -> object:
    return client.post(reverse("plans_import"), {"file": SimpleUploadedFile(name, data)})


def test_upload_preview_alias_and_confirm(coordinator: User) -> None:
    client = client_for(coordinator)
    page = client.get(reverse("plans_import"))
    assert page.status_code == 200
    assert english_on(page.content.decode()) == []
    amended = SEED.decode().replace("\tHội Nhà báo tỉnh\n", "\tHội Nhà báo Bắc Giang\n").encode()
    response = upload(client, "kehoach.txt", amended)
    assert response.status_code == 302
    created = PlanUpload.objects.get()
    preview_url = reverse("plans_import_preview", args=[created.pk])
    html = client.get(preview_url).content.decode()
    assert english_on(html) == []
    assert "Hội Nhà báo Bắc Giang" in html  # listed among the names to create or alias
    assert "Xay Bổm Sum" in html  # the spelling warning is shown
    assert html.count('class="name-unknown"') >= 1
    assert not Plan.objects.exists()  # nothing stored before confirmation
    unit = Unit.objects.get(code="hoi-nha-bao-tinh")
    client.post(preview_url, {"action": "alias", "name": "Hội Nhà báo Bắc Giang", "unit": unit.pk})
    assert "Hội Nhà báo Bắc Giang" in unit.aliases.values_list("name", flat=True)
    assert 'class="name-unknown"' not in client.get(preview_url).content.decode()
    response = client.post(preview_url, {"action": "confirm"})
    plan = Plan.objects.get()
    assert response["Location"] == reverse("wagtailsnippets_plans_plan:inspect", args=[plan.pk])
    lead = Task.objects.get(plan=plan, code="IV.5.8").assignments.get(role="lead")
    assert lead.unit == unit
    # The same upload cannot be confirmed twice.
    assert client.post(preview_url, {"action": "confirm"}).status_code == 302
    assert Plan.objects.count() == 1


def test_create_unit_from_the_preview(coordinator: User) -> None:
    client = client_for(coordinator)
    amended = SEED.decode().replace("\tHội Nhà báo tỉnh\n", "\tCâu lạc bộ Báo chí\n").encode()
    upload(client, "kehoach.txt", amended)
    preview_url = reverse("plans_import_preview", args=[PlanUpload.objects.get().pk])
    client.post(
        preview_url, {"action": "create_unit", "name": "Câu lạc bộ Báo chí", "kind": "other"}
    )
    assert Unit.objects.filter(name="Câu lạc bộ Báo chí", code="cau-lac-bo-bao-chi").exists()


def test_bad_files_are_refused_with_the_reason(coordinator: User) -> None:
    client = client_for(coordinator)
    html = upload(client, "kehoach.pdf", b"%PDF-1.7").content.decode()  # type: ignore[attr-defined]
    assert "không phải tệp .docx hoặc .txt" in html
    html = upload(client, "mat.txt", "TỐI MẬT\nKẾ HOẠCH\nNĂM 2025\n".encode()).content.decode()  # type: ignore[attr-defined]
    assert "“mat.txt” mang dấu độ mật “TỐI MẬT”" in html
    assert "Luật Bảo vệ bí mật nhà nước 2018" in html
    assert not PlanUpload.objects.exists()


def test_officers_cannot_import(coordinator: User) -> None:
    officer = make_user("officer", Unit.objects.get(code="so-tu-phap"), Role.FOCAL_OFFICER)
    client = client_for(officer)
    # Wagtail turns a refusal into a redirect to the dashboard with a message.
    assert client.get(reverse("plans_import")).status_code in (302, 403)
    assert upload(client, "kehoach.txt", SEED).status_code in (302, 403)  # type: ignore[attr-defined]
    assert not PlanUpload.objects.exists()
