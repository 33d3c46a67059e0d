"""Upload → preview → confirm, as a coordinator does it in the admin."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from tests.conftest import make_user
from tests.orgs.test_admin_views import client_for, english_on
from tests.plans.importers.plan_headers import TRA_VINH_2023, lines
from ttdn.core.actor import SYSTEM
from ttdn.demo.files import PLAN_FILE
from ttdn.demo.load import load_units
from ttdn.orgs.models import Role, Unit
from ttdn.plans.models import Plan, PlanUpload, Task, TaskAssignment

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
    client.post(
        preview_url,
        names_post(html, {"Hội Nhà báo Bắc Giang": {"action": "alias", "unit": unit.pk}}),
    )
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


def names_post(html: str, changes: dict[str, dict[str, object]]) -> dict[str, object]:
    """The bulk form of unknown names as the page proposes it, with ``changes`` by written name."""
    data: dict[str, object] = {"action": "create_units"}
    form = html[html.index('class="unknown-names"') :]
    form = form[: form.index("</form>")]
    for name, value in re.findall(
        r'<input type="hidden" name="(names-[A-Z_]+)" value="(\d*)"', form
    ):
        data[name] = value
    rows = int(str(data["names-TOTAL_FORMS"]))
    for index in range(rows):
        prefix = f"names-{index}"
        written = unescape(_value(form, f"{prefix}-written"))
        row: dict[str, object] = {
            "written": written,
            "action": _selected(form, f"{prefix}-action"),
            "name": unescape(_value(form, f"{prefix}-name")),
            "short_name": unescape(_value(form, f"{prefix}-short_name")),
            "kind": _selected(form, f"{prefix}-kind"),
            "unit": _selected(form, f"{prefix}-unit"),
        }
        row.update(changes.get(written, {}))
        data.update({f"{prefix}-{key}": value for key, value in row.items()})
    return data


def _value(html: str, name: str) -> str:
    match = re.search(rf'name="{name}"[^>]*?value="([^"]*)"', html)
    return match.group(1) if match else ""


def _selected(html: str, name: str) -> str:
    select = html[html.index(f'name="{name}"') :]
    select = select[: select.index("</select>")]
    match = re.search(r'<option value="([^"]*)"[^>]*\bselected\b', select)
    return match.group(1) if match else ""


SEVERAL_UNKNOWN = (
    SEED.decode()
    .replace("\tHội Nhà báo tỉnh\n", "\tCâu lạc bộ Báo chí\n")
    .replace("\tBáo Bắc Giang\n", "\tỦy ban nhân dân huyện Đình Lập\n")
    .replace("\tSở KH&ĐT\n", "\tSở Thông tin và Truyền thông tỉnh Lạng Sơn\n")
    .encode()
)


def test_every_unknown_name_is_created_in_one_step(coordinator: User) -> None:
    client = client_for(coordinator)
    upload(client, "kehoach.txt", SEVERAL_UNKNOWN)
    preview_url = reverse("plans_import_preview", args=[PlanUpload.objects.get().pk])
    html = client.get(preview_url).content.decode()
    assert english_on(html) == []
    assert "Tạo tất cả" in html
    data = names_post(html, {})
    written = [data[f"names-{i}-written"] for i in range(int(str(data["names-TOTAL_FORMS"])))]
    assert {"Câu lạc bộ Báo chí", "Ủy ban nhân dân huyện Đình Lập"} <= set(written)
    district = f"names-{written.index('Ủy ban nhân dân huyện Đình Lập')}"
    assert data[f"{district}-kind"] == "district"  # proposed from the name
    assert data[f"{district}-short_name"] == "UBND huyện Đình Lập"
    club = f"names-{written.index('Câu lạc bộ Báo chí')}"
    assert data[f"{club}-kind"] == "other"
    before = Unit.objects.count()
    response = client.post(preview_url, names_post(html, {"Câu lạc bộ Báo chí": {"kind": "press"}}))
    assert response.status_code == 302
    assert Unit.objects.count() == before + len(written)
    club_unit = Unit.objects.get(name="Câu lạc bộ Báo chí")
    assert (club_unit.code, club_unit.kind) == ("cau-lac-bo-bao-chi", "press")
    assert Unit.objects.get(short_name="UBND huyện Đình Lập").kind == "district"
    assert ModelLogEntry.objects.filter(
        action="orgs.unit.created", user=coordinator
    ).count() == len(written)
    html = client.get(preview_url).content.decode()
    assert 'class="name-unknown"' not in html
    assert 'class="unknown-names"' not in html


def test_one_bad_row_creates_nothing_and_keeps_every_value(coordinator: User) -> None:
    client = client_for(coordinator)
    upload(client, "kehoach.txt", SEVERAL_UNKNOWN)
    preview_url = reverse("plans_import_preview", args=[PlanUpload.objects.get().pk])
    html = client.get(preview_url).content.decode()
    before = Unit.objects.count()
    # The club is given the name of a unit that exists: the registry refuses it.
    changes: dict[str, dict[str, object]] = {
        "Câu lạc bộ Báo chí": {"name": "Sở Tư pháp tỉnh Bắc Giang"},
        "Ủy ban nhân dân huyện Đình Lập": {"short_name": "UBND Đình Lập (sửa)"},
    }
    response = client.post(preview_url, names_post(html, changes))
    assert response.status_code == 200
    assert Unit.objects.count() == before
    html = response.content.decode()
    assert english_on(html) == []
    row = html[html.index("name-row-error") :]
    row = row[: row.index("</tr>")]
    assert "Câu lạc bộ Báo chí" in row
    assert "đã dùng cho đơn vị" in row
    assert 'value="Sở Tư pháp tỉnh Bắc Giang"' in row  # the typed value is kept
    assert 'value="UBND Đình Lập (sửa)"' in html  # and so are the other rows'
    # A row asking for an alias without a unit is refused by the form, on its row.
    response = client.post(
        preview_url, names_post(html, {"Câu lạc bộ Báo chí": {"action": "alias", "unit": ""}})
    )
    assert "Hãy chọn đơn vị" in response.content.decode()
    assert Unit.objects.count() == before


def test_rows_can_be_aliased_or_skipped(coordinator: User) -> None:
    client = client_for(coordinator)
    upload(client, "kehoach.txt", SEVERAL_UNKNOWN)
    preview_url = reverse("plans_import_preview", args=[PlanUpload.objects.get().pk])
    html = client.get(preview_url).content.decode()
    press = Unit.objects.get(code="hoi-nha-bao-tinh")
    data = names_post(html, {})
    changes: dict[str, dict[str, object]] = {
        str(data[f"names-{i}-written"]): {"action": "skip"}
        for i in range(int(str(data["names-TOTAL_FORMS"])))
    }
    changes["Câu lạc bộ Báo chí"] = {"action": "alias", "unit": press.pk}
    before = Unit.objects.count()
    assert client.post(preview_url, names_post(html, changes)).status_code == 302
    assert Unit.objects.count() == before
    assert "Câu lạc bộ Báo chí" in press.aliases.values_list("name", flat=True)
    html = client.get(preview_url).content.decode()
    form = html[html.index('class="unknown-names"') :]
    assert "Câu lạc bộ Báo chí" not in form[: form.index("</form>")]
    assert "Ủy ban nhân dân huyện Đình Lập" in form[: form.index("</form>")]  # skipped: still there


def test_officers_cannot_create_units_from_a_preview(coordinator: User) -> None:
    client = client_for(coordinator)
    upload(client, "kehoach.txt", SEVERAL_UNKNOWN)
    preview_url = reverse("plans_import_preview", args=[PlanUpload.objects.get().pk])
    data = names_post(client.get(preview_url).content.decode(), {})
    officer = make_user("officer", Unit.objects.get(code="so-tu-phap"), Role.FOCAL_OFFICER)
    before = Unit.objects.count()
    assert client_for(officer).post(preview_url, data).status_code in (302, 403)
    assert Unit.objects.count() == before


def test_bad_files_are_refused_with_the_reason(coordinator: User) -> None:
    client = client_for(coordinator)
    html = upload(client, "kehoach.odt", b"PK\x03\x04").content.decode()  # type: ignore[attr-defined]
    assert "không phải tệp .docx, .pdf hoặc .txt" in html
    html = upload(client, "kehoach.pdf", b"%PDF-1.7").content.decode()  # type: ignore[attr-defined]
    assert "“kehoach.pdf” bị hỏng hoặc không đầy đủ: không đọc được tệp PDF này." in html
    html = upload(client, "anh.pdf", bytes(range(256)) * 4).content.decode()  # type: ignore[attr-defined]
    assert "“anh.pdf” không phải văn bản, tệp Word (.docx) hay tệp PDF." in html
    html = upload(client, "mat.txt", "TỐI MẬT\nKẾ HOẠCH\nNĂM 2025\n".encode()).content.decode()  # type: ignore[attr-defined]
    assert "“mat.txt” mang dấu độ mật “TỐI MẬT”" in html
    assert "Luật Bảo vệ bí mật nhà nước 2018" in html
    assert not PlanUpload.objects.exists()


def test_a_pdf_plan_is_uploaded_and_its_tasks_previewed(coordinator: User) -> None:
    from tests.plans.importers import pdf_builder

    client = client_for(coordinator)
    page = client.get(reverse("plans_import")).content.decode()
    assert "tệp PDF xuất từ Word" in page  # the help text says which formats are read
    assert 'accept=".docx,.pdf,.txt"' in page
    response = upload(client, "ke-hoach-lao-cai.pdf", pdf_builder.plan_pdf())
    assert response.status_code == 302  # type: ignore[attr-defined]
    created = PlanUpload.objects.get()
    html = client.get(reverse("plans_import_preview", args=[created.pk])).content.decode()
    assert english_on(html) == []
    assert "88/KH-UBND" in html
    assert "Tổ chức đoàn phóng viên nước ngoài tìm hiểu du lịch Sa Pa" in html
    assert "Nhiệm vụ tuyên truyền đối ngoại thứ 12 về biên giới và hợp tác" in html
    assert not Plan.objects.exists()


def test_a_scanned_pdf_is_refused_naming_the_page_in_vietnamese(coordinator: User) -> None:
    from tests.plans.importers import pdf_builder

    client = client_for(coordinator)
    html = upload(client, "scan.pdf", pdf_builder.scanned_pdf()).content.decode()  # type: ignore[attr-defined]
    assert (
        "Trang 2 của “scan.pdf” không có lớp chữ (1 trên 3 trang): đó là ảnh quét. ttdn đọc "
        "được tệp PDF xuất từ Word hoặc đã nhận dạng chữ (OCR)."
    ) in html
    stamped = upload(client, "mat.pdf", pdf_builder.plan_pdf(stamp="MẬT", rows=2))
    assert "“mat.pdf” mang dấu độ mật “MẬT”" in stamped.content.decode()  # type: ignore[attr-defined]
    assert not PlanUpload.objects.exists()


def test_officers_cannot_import(coordinator: User) -> None:
    officer = make_user("officer", Unit.objects.get(code="so-tu-phap"), Role.FOCAL_OFFICER)
    client = client_for(officer)
    # Wagtail turns a refusal into a redirect to the dashboard with a message.
    assert client.get(reverse("plans_import")).status_code in (302, 403)
    assert upload(client, "kehoach.txt", SEED).status_code in (302, 403)  # type: ignore[attr-defined]
    assert not PlanUpload.objects.exists()


def _record(code: str, unit_code: str, *, files: int, role: str | None = None) -> TaskAssignment:
    from tests.plans.test_services_amend import part_of, work_on

    assignment = part_of(code, unit_code, role)
    work_on(assignment, updates=2, files=files)
    return assignment


def test_uploading_reworded_titles_keeps_every_record(coordinator: User) -> None:
    """The report, through the staff UI: an amended file uploaded and confirmed."""
    from tests.plans.test_services_amend import counts, evidence_files, reworded
    from ttdn.plans import services

    services.plan_import_file(actor=SYSTEM, data=SEED, filename="v1.txt")
    _record("IV.5.8", "bao-bac-giang", files=2)
    _record("IV.2.4", "bao-bac-giang", files=1, role="lead")
    before = counts()
    client = client_for(coordinator)
    upload(client, "v2.txt", reworded(SEED.decode()).encode())
    preview_url = reverse("plans_import_preview", args=[PlanUpload.objects.get().pk])
    html = client.get(preview_url).content.decode()
    assert english_on(html) == []
    assert "sửa 63 và bỏ 0" in html
    assert "4 cập nhật tiến độ" in html
    assert "3 minh chứng" in html
    assert "sẽ được lưu trữ" not in html  # nothing will be archived
    client.post(preview_url, {"action": "confirm"})
    assert counts() == before
    assert not TaskAssignment.objects.archived().exists()
    assert all(path.exists() for path in evidence_files())


def test_uploading_a_version_without_a_unit_says_its_work_is_archived(coordinator: User) -> None:
    from tests.plans.test_services_amend import counts, edit
    from ttdn.plans import services

    plan = services.plan_import_file(actor=SYSTEM, data=SEED, filename="v1.txt").plan
    dropped = _record("IV.5.8", "bao-bac-giang", files=2)
    before = counts()
    client = client_for(coordinator)
    amended = edit(
        SEED.decode(),
        "IV.5.8",
        partners="Hội Nhà báo Việt Nam, Đài Phát thanh và Truyền hình tỉnh.",
    )
    upload(client, "v2.txt", amended.encode())
    preview_url = reverse("plans_import_preview", args=[PlanUpload.objects.get().pk])
    html = client.get(preview_url).content.decode()
    assert english_on(html) == []
    assert (
        "1 tiến độ, 2 cập nhật tiến độ và 2 minh chứng của Báo Bắc Giang (nhiệm vụ IV.5.8) "
        "sẽ được lưu trữ, không bị xóa." in html
    )
    response = client.post(preview_url, {"action": "confirm"})
    assert counts() == before
    assert TaskAssignment.objects.get(pk=dropped.pk).archived_at is not None
    page = client.get(response["Location"])
    assert "lưu trữ 1 phần việc" in " ".join(m.message for m in page.context["messages"])
    html = page.content.decode()
    assert english_on(html) == []
    archived = html[html.index('class="listing plan-archived"') :]
    archived = archived[: archived.index("</table>")]
    assert "Báo Bắc Giang" in archived
    assert "2 cập nhật tiến độ" in archived
    assert reverse("reporting_assignment", args=[dropped.pk]) in archived
    tasks = html[html.index('class="listing plan-tasks"') :]
    row = tasks[tasks.index("Trao đổi, học tập kinh nghiệm") :]
    assert "Báo Bắc Giang" not in row[: row.index("</tr>")]
    assert plan.tasks.active().count() == 63


def test_the_decision_that_issues_a_plan_is_shown_before_and_after_import(
    coordinator: User,
) -> None:
    client = client_for(coordinator)
    upload(client, "qd-1466.txt", "\n".join(lines(TRA_VINH_2023)).encode())
    preview_url = reverse("plans_import_preview", args=[PlanUpload.objects.get().pk])
    said = "Ban hành kèm theo Quyết định số 1466/QĐ-UBND ngày 18/08/2023."
    html = client.get(preview_url).content.decode()
    assert said in html
    assert "Kế hoạch thông tin đối ngoại tỉnh Trà Vinh năm 2023" in html
    client.post(preview_url, {"action": "confirm"})
    plan = Plan.objects.get()
    page = client.get(reverse("wagtailsnippets_plans_plan:inspect", args=[plan.pk]))
    assert said in page.content.decode()
    assert english_on(page.content.decode()) == []


def test_a_prose_plan_without_readable_tasks_says_so_in_the_preview(coordinator: User) -> None:
    client = client_for(coordinator)
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH SƠN LA\nSố: 30/KH-UBND\nSơn La, ngày 14 tháng 02 năm 2024\n"
        "KẾ HOẠCH\nTHÔNG TIN ĐỐI NGOẠI TỈNH SƠN LA NĂM 2024\n"
        "I. MỤC ĐÍCH, YÊU CẦU\nQuảng bá hình ảnh Sơn La tới bạn bè quốc tế.\n"
        "II. CÁC HOẠT ĐỘNG CHỦ YẾU\nCác sở, ngành tổ chức quảng bá du lịch Mộc Châu, "
        "thông tin về hợp tác với các tỉnh Bắc Lào.\n"
        "III. TỔ CHỨC THỰC HIỆN\nCác cơ quan triển khai theo chức năng, nhiệm vụ.\n"
    )
    assert upload(client, "son-la.txt", text.encode()).status_code == 302  # type: ignore[attr-defined]
    preview_url = reverse("plans_import_preview", args=[PlanUpload.objects.get().pk])
    html = client.get(preview_url).content.decode()
    assert english_on(html) == []
    assert 'class="help-block help-critical little-found"' in html
    assert "Không tìm thấy nhiệm vụ nào." in html
    assert "“TT” hoặc “STT”" in html
    assert (
        "Văn bản có các phần: I. MỤC ĐÍCH, YÊU CẦU; II. CÁC HOẠT ĐỘNG CHỦ YẾU; "
        "III. TỔ CHỨC THỰC HIỆN." in html
    )
    assert not Plan.objects.exists()
    assert not Task.objects.exists()


def test_a_prose_plan_shows_its_details_in_the_preview_and_on_its_page(
    coordinator: User,
) -> None:
    client = client_for(coordinator)
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH SƠN LA\nSố: 31/KH-UBND\nSơn La, ngày 15 tháng 02 năm 2024\n"
        "KẾ HOẠCH\nTHÔNG TIN ĐỐI NGOẠI TỈNH SƠN LA NĂM 2024\n"
        "I. MỤC ĐÍCH, YÊU CẦU\nQuảng bá hình ảnh Sơn La tới bạn bè quốc tế.\n"
        "II. NHIỆM VỤ\n1. Quảng bá du lịch Mộc Châu với du khách Lào\n"
        "- Cơ quan chủ trì: Sở Văn hóa, Thể thao và Du lịch\n"
        "- Thời gian thực hiện: Quý III\n"
        "- Ấn phẩm in bằng tiếng Lào và tiếng Việt.\n"
        "III. TỔ CHỨC THỰC HIỆN\nCác cơ quan triển khai theo chức năng, nhiệm vụ.\n"
    )
    upload(client, "son-la.txt", text.encode())
    preview_url = reverse("plans_import_preview", args=[PlanUpload.objects.get().pk])
    html = client.get(preview_url).content.decode()
    assert english_on(html) == []
    assert "little-found" not in html
    assert "Quảng bá du lịch Mộc Châu với du khách Lào" in html
    assert '<ul class="task-details"><li>Ấn phẩm in bằng tiếng Lào và tiếng Việt.</li>' in html
    client.post(preview_url, {"action": "confirm"})
    plan = Plan.objects.get()
    task = plan.tasks.get(code="II.1")
    assert task.details == "Ấn phẩm in bằng tiếng Lào và tiếng Việt."
    assert task.assignments.get().unit == Unit.objects.get(code="so-van-hoa-the-thao-va-du-lich")
    page = client.get(reverse("wagtailsnippets_plans_plan:inspect", args=[plan.pk]))
    assert "Ấn phẩm in bằng tiếng Lào và tiếng Việt." in page.content.decode()


def test_junk_in_the_names_form_is_a_message_not_an_error(coordinator: User) -> None:
    client = client_for(coordinator)
    upload(client, "kehoach.txt", SEVERAL_UNKNOWN)
    preview_url = reverse("plans_import_preview", args=[PlanUpload.objects.get().pk])
    html = client.get(preview_url).content.decode()
    before = Unit.objects.count()
    for value in ["abc", "-1", "99999999999999999999", "\x00", "ä" * 10_000]:
        posts = [
            {"action": "create_units"},
            {"action": "create_units", "names-TOTAL_FORMS": value, "names-INITIAL_FORMS": "0"},
            names_post(html, {"Câu lạc bộ Báo chí": {"kind": value, "unit": value}}),
            names_post(html, {"Câu lạc bộ Báo chí": {"action": value, "name": value}}),
        ]
        for data in posts:
            assert client.post(preview_url, data).status_code in (200, 302)
    assert Unit.objects.count() == before
