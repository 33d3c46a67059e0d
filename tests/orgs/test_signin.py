"""Signing in: locked after repeated failures (per account, per address), unlocked by an
administrator, and every sign-in, sign-out and failure in the audit trail."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.test import Client
from wagtail.models import ModelLogEntry

from tests.conftest import World
from tests.orgs.test_admin_views import english_on
from ttdn.orgs.signin import signin_unlock

LOGIN = "/admin/login/"
LOCKED = "Đăng nhập sai quá nhiều lần"


@pytest.fixture(autouse=True)
def _limits(settings: Any) -> None:
    settings.AXES_FAILURE_LIMIT = 3


def sign_in(username: str, password: str, address: str = "10.0.0.1") -> tuple[Client, int, str]:
    client = Client(REMOTE_ADDR=address)
    response = client.post(LOGIN, {"username": username, "password": password})
    return client, response.status_code, response.content.decode()


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_wrong_passwords_lock_the_account_and_then_the_right_one_is_refused(
    world: World,
) -> None:
    for _ in range(2):
        _, status, html = sign_in("officer_a", "sai")
        assert status == 200  # the form again, with its error
        assert LOCKED not in html
    _, status, html = sign_in("officer_a", "sai")
    assert status == 429
    client, status, html = sign_in("officer_a", "pw-officer_a")
    assert status == 429
    assert not signed_in(client)
    assert LOCKED in html
    assert "15 phút" in html
    assert english_on(html) == []
    assert 'lang="vi"' in html


def test_the_limit_counts_per_account_across_addresses(world: World) -> None:
    for number in range(3):
        sign_in("officer_a", "sai", address=f"10.0.1.{number}")
    client, status, _ = sign_in("officer_a", "pw-officer_a", address="10.0.1.99")
    assert status == 429
    assert not signed_in(client)
    # Those addresses failed once each: another account signs in from them.
    client, status, _ = sign_in("officer_b", "pw-officer_b", address="10.0.1.0")
    assert status == 302
    assert signed_in(client)


def test_the_limit_counts_per_address_across_accounts(world: World) -> None:
    for username in ("officer_a", "leader_a", "khong-ai"):
        sign_in(username, "sai", address="10.0.2.1")
    client, status, html = sign_in("officer_b", "pw-officer_b", address="10.0.2.1")
    assert status == 429
    assert LOCKED in html
    client, status, _ = sign_in("officer_b", "pw-officer_b", address="10.0.2.2")
    assert status == 302
    assert signed_in(client)


def test_a_valid_account_does_not_wipe_the_counts_of_its_address(world: World) -> None:
    """Someone with one account, guessing another's password from the same address."""
    sign_in("officer_a", "sai", address="10.0.5.1")
    sign_in("officer_a", "sai", address="10.0.5.1")
    assert sign_in("officer_b", "pw-officer_b", address="10.0.5.1")[1] == 302
    sign_in("officer_a", "sai", address="10.0.5.1")
    assert sign_in("officer_a", "pw-officer_a", address="10.0.5.2")[1] == 429


def test_the_cool_off_comes_from_the_settings(world: World, settings: Any) -> None:
    import datetime

    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=45)
    for _ in range(3):
        sign_in("officer_a", "sai")
    assert "45 phút" in sign_in("officer_a", "pw-officer_a")[2]
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - datetime.timedelta(minutes=46)
    )
    assert sign_in("officer_a", "pw-officer_a")[1] == 302


def test_an_administrator_unlocks_and_it_is_audited(world: World) -> None:
    for _ in range(3):
        sign_in("officer_a", "sai")
    with pytest.raises(PermissionDenied):
        signin_unlock(actor=world.leader_a, username="officer_a")
    assert sign_in("officer_a", "pw-officer_a")[1] == 429
    assert signin_unlock(actor=world.admin, username="officer_a") >= 1
    entry = ModelLogEntry.objects.get(action="orgs.signin.unlocked")
    assert entry.user == world.admin
    assert entry.object_id == str(world.officer_a.pk)
    client, status, _ = sign_in("officer_a", "pw-officer_a")
    assert status == 302
    assert signed_in(client)
    with pytest.raises(ValidationError):
        signin_unlock(actor=world.admin, username="officer_a")  # nothing left to unlock
    with pytest.raises(ValidationError):
        signin_unlock(actor=world.admin)


def test_unlock_from_the_command_line(world: World) -> None:
    for _ in range(3):
        sign_in("khong-ai", "sai", address="10.0.3.1")
    with pytest.raises(CommandError, match="Chỉ quản trị viên"):
        call_command("signin_unlock", "--by", "officer_a", "--ip", "10.0.3.1")
    with pytest.raises(CommandError, match="no active account"):
        call_command("signin_unlock", "--by", "ai-do", "--ip", "10.0.3.1")
    out = StringIO()
    call_command("signin_unlock", "--by", "root", "--ip", "10.0.3.1", stdout=out)
    assert "unlocked" in out.getvalue()
    assert not AccessAttempt.objects.exists()
    # An unknown account has no user row: the entry is on axes' record of the attempts.
    entry = ModelLogEntry.objects.get(action="orgs.signin.unlocked")
    assert entry.data == {"username": "", "ip_address": "10.0.3.1"}
    assert entry.user == world.admin
    assert sign_in("officer_b", "pw-officer_b", address="10.0.3.1")[1] == 302


def test_sign_in_sign_out_and_failures_are_audited_without_the_password(world: World) -> None:
    sign_in("officer_a", "mat-khau-sai-1")
    sign_in("khong-ai", "mat-khau-sai-2", address="10.0.4.1")
    client, status, _ = sign_in("officer_b", "pw-officer_b", address="10.0.4.2")
    assert status == 302
    client.post("/admin/logout/")
    entries = {
        entry.action: entry
        for entry in ModelLogEntry.objects.filter(action__startswith="orgs.signin.")
    }
    failed_known = ModelLogEntry.objects.get(
        action="orgs.signin.failed", data__username="officer_a"
    )
    assert failed_known.object_id == str(world.officer_a.pk)
    assert failed_known.content_type.model_class() is User
    assert failed_known.data == {
        "username": "officer_a",
        "ip_address": "10.0.0.1",
        "locked_out": False,
    }
    failed_unknown = ModelLogEntry.objects.get(
        action="orgs.signin.failed", data__username="khong-ai"
    )
    assert failed_unknown.content_type.model_class() is AccessAttempt
    assert failed_unknown.label  # kept even after axes forgets the attempt
    signed = entries["orgs.signin.succeeded"]
    assert signed.user == world.officer_b
    assert signed.object_id == str(world.officer_b.pk)
    assert signed.data == {"ip_address": "10.0.4.2"}
    assert entries["orgs.signin.signed_out"].user == world.officer_b
    everything = " ".join(str(entry.data) for entry in ModelLogEntry.objects.all()) + " ".join(
        str(row.post_data) for row in AccessAttempt.objects.all()
    )
    assert "mat-khau-sai" not in everything


def test_the_audit_entries_read_in_vietnamese(world: World) -> None:
    sign_in("officer_a", "sai")
    client = Client()
    client.force_login(world.admin)
    html = client.get("/admin/reports/site-history/").content.decode()
    assert "Đăng nhập không thành công" in html


def test_the_user_admin_unlocks_with_a_button(world: World) -> None:
    for _ in range(3):
        sign_in("officer_a", "sai")
    admin = Client()
    admin.force_login(world.admin)
    listing = admin.get("/admin/users/").content.decode()
    url = f"/admin/users/{world.officer_a.pk}/unlock/"
    assert url in listing
    page = admin.get(url).content.decode()
    assert "có 3 lần đăng nhập sai" in page
    assert english_on(page) == []
    # Not for anyone else, and only by POST.
    leader = Client()
    leader.force_login(world.leader_a)
    assert url not in leader.get("/admin/users/").content.decode()
    assert leader.post(url).status_code in (302, 403)
    assert AccessAttempt.objects.exists()
    response = admin.post(url, follow=True)
    assert "Đã mở khóa đăng nhập cho tài khoản officer_a" in response.content.decode()
    assert not AccessAttempt.objects.exists()
    assert ModelLogEntry.objects.filter(action="orgs.signin.unlocked").count() == 1
    assert sign_in("officer_a", "pw-officer_a")[1] == 302
    again = admin.post(url, follow=True).content.decode()
    assert "Không có lần đăng nhập sai nào" in again
