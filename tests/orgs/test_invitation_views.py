"""The "Mời cán bộ" screen over HTTP: who gets it, one person, many rows with a bad one."""

from __future__ import annotations

import io
from typing import Any

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from tests.conftest import World
from tests.orgs.test_admin_views import client_for, english_on
from ttdn.orgs.models import Invitation, Role

URL = "/admin/orgs/invitations/"


def test_the_screen_is_for_coordinators_and_leaders(world: World) -> None:
    assert reverse("orgs_invitations") == URL
    for user in (world.admin, world.coordinator, world.leader_a):
        response = client_for(user).get(URL)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Mời cán bộ" in html
        assert english_on(html) == []
    for user in (world.officer_a, world.officer_b):
        assert client_for(user).get(URL).status_code in (302, 403)


def test_a_leader_is_offered_only_their_unit_and_roles(world: World) -> None:
    html = client_for(world.leader_a).get(URL).content.decode()
    form = html[html.index('class="invite-one"') :]
    form = form[: form.index("</form>")]
    assert world.unit_a.name in form
    assert world.unit_b.name not in form
    assert 'value="focal_officer"' in form
    assert 'value="unit_leader"' not in form
    # Posting another unit anyway is refused, and nothing is sent.
    response = client_for(world.leader_a).post(
        URL,
        {"action": "invite", "email": "x@example.org", "unit": world.unit_b.pk, "role": "viewer"},
    )
    assert response.status_code == 200
    assert not Invitation.objects.exists()


def test_invite_one_then_resend_and_withdraw(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for(world.coordinator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            URL,
            {
                "action": "invite",
                "email": "moi@example.org",
                "unit": world.unit_b.pk,
                "role": Role.FOCAL_OFFICER,
            },
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    invitation = Invitation.objects.get()
    html = client.get(URL).content.decode()
    assert "moi@example.org" in html
    assert "Đang chờ" in html
    assert english_on(html) == []
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {"action": "resend", "invitation": invitation.pk})
    assert len(mail.outbox) == 2
    assert Invitation.objects.count() == 1
    client.post(URL, {"action": "revoke", "invitation": invitation.pk})
    assert "Đã thu hồi" in client.get(URL).content.decode()
    # A leader of another unit cannot see, resend or withdraw it.
    other = client_for(world.leader_a)
    assert "moi@example.org" not in other.get(URL).content.decode()
    assert other.post(URL, {"action": "resend", "invitation": invitation.pk}).status_code == 404


def test_many_rows_with_a_bad_one_invite_no_one(world: World) -> None:
    client = client_for(world.coordinator)
    rows = (
        "email, đơn vị, vai trò\n"
        "a@example.org, Sở VHTT&DL, focal_officer\n"
        "b@example.org, Sở Không Có, focal_officer\n"
        "c@example.org, Sở Tư pháp, Người xem\n"
    )
    response = client.post(URL, {"action": "invite_many", "rows": rows})
    assert response.status_code == 200
    html = response.content.decode()
    assert english_on(html) == []
    assert "Dòng 3 (b@example.org): không có đơn vị nào tên là “Sở Không Có”" in html
    assert "Dòng 2" not in html
    assert "a@example.org, Sở VHTT&amp;DL, focal_officer" in html  # what was pasted is kept
    assert not Invitation.objects.exists()
    fixed = rows.replace("Sở Không Có", "Sở Ngoại vụ")
    assert client.post(URL, {"action": "invite_many", "rows": fixed}).status_code == 302
    assert Invitation.objects.count() == 3
    assert Invitation.objects.get(email="c@example.org").role == Role.VIEWER


def test_many_rows_from_a_spreadsheet(world: World) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["E-mail", "Đơn vị", "Vai trò"])
    sheet.append(["a@example.org", "Sở Tư pháp", "viewer"])
    sheet.append(["khong-phai-thu", "Sở Tư pháp", "viewer"])
    data = io.BytesIO()
    book.save(data)
    upload = SimpleUploadedFile("moi.xlsx", data.getvalue())
    client = client_for(world.coordinator)
    html = client.post(URL, {"action": "invite_many", "file": upload}).content.decode()
    assert "Dòng 3 (khong-phai-thu)" in html
    assert not Invitation.objects.exists()
    junk = SimpleUploadedFile("moi.xlsx", b"not a workbook")
    html = client.post(URL, {"action": "invite_many", "file": junk}).content.decode()
    assert "Tệp không phải bảng tính Excel (.xlsx) đọc được." in html
