"""Invitations: e-mail with a link through the outbox, accept once, who may invite whom."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from tests.conftest import World
from tests.orgs.test_admin_views import english_on
from ttdn.notices.models import OutgoingMail
from ttdn.orgs import invitations
from ttdn.orgs.invitations import (
    InvitationError,
    invitation_accept,
    invitation_create,
    invitation_resend,
    invitation_revoke,
)
from ttdn.orgs.models import Invitation, Membership, Role

LINK = re.compile(r"http://testserver-site/moi/([A-Za-z0-9_-]+)/")


@pytest.fixture(autouse=True)
def site_url(settings: Any) -> None:
    settings.SITE_URL = "http://testserver-site"


def invite(world: World, capture: Any, email: str = "moi@example.org", **kw: Any) -> str:
    """Invite as the coordinator; return the token read from the e-mail that was sent."""
    mail.outbox.clear()
    with capture(execute=True):
        invitation_create(
            actor=kw.get("actor", world.coordinator),
            email=email,
            unit=kw.get("unit", world.unit_a),
            role=kw.get("role", Role.FOCAL_OFFICER),
        )
    assert len(mail.outbox) == 1
    match = LINK.search(mail.outbox[0].body)
    assert match is not None, mail.outbox[0].body
    return match.group(1)


def test_invite_mail_accept_sign_in(world: World, django_capture_on_commit_callbacks: Any) -> None:
    token = invite(world, django_capture_on_commit_callbacks)
    message = mail.outbox[0]
    assert message.to == ["moi@example.org"]
    assert "Sở Văn hóa, Thể thao và Du lịch" in message.subject
    expires = (timezone.localtime() + datetime.timedelta(days=14)).strftime("%d/%m/%Y")
    assert f"đến hết {expires}" in message.body
    assert "coordinator" in message.body  # who invited
    assert "Cán bộ đầu mối" in message.body
    assert OutgoingMail.objects.get(to="moi@example.org").state == OutgoingMail.State.SENT
    invitation = Invitation.objects.get()
    assert token not in invitation.token_hash
    assert len(token) >= 43  # 32 random bytes

    client = Client()
    page = client.get(f"/moi/{token}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Sở Văn hóa, Thể thao và Du lịch" in html
    assert english_on(html) == []
    short = client.post(
        f"/moi/{token}/", {"username": "moi", "password": "123", "password_again": "123"}
    )
    assert short.status_code == 200  # Django's validators refuse it, in Vietnamese
    assert "Mật khẩu này quá ngắn" in short.content.decode()
    assert 'value="moi"' in short.content.decode()  # the user name is kept
    password = "Vai-ch1n-Luc-Ngan"
    done = client.post(
        f"/moi/{token}/", {"username": "moi", "password": password, "password_again": password}
    )
    assert done["Location"] == reverse("wagtailadmin_login")
    user = User.objects.get(username="moi")
    assert user.email == "moi@example.org"
    assert Membership.objects.get(user=user).unit == world.unit_a
    signed_in = Client()
    response = signed_in.post(
        reverse("wagtailadmin_login"), {"username": "moi", "password": password}
    )
    assert response.status_code == 302  # signed in (a refusal shows the form again)
    assert signed_in.get("/admin/").status_code == 200
    actions = set(
        ModelLogEntry.objects.filter(
            action__startswith="orgs.invitation", object_id=str(invitation.pk)
        ).values_list("action", flat=True)
    )
    assert actions == {"orgs.invitation.sent", "orgs.invitation.accepted"}
    # The link works once.
    again = Client().get(f"/moi/{token}/")
    assert again.status_code == 404
    assert "đã được chấp nhận" in again.content.decode()


def test_unknown_and_expired_links_say_the_same(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    token = invite(world, django_capture_on_commit_callbacks)
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    expired = Client().get(f"/moi/{token}/")
    unknown = Client().get("/moi/" + "A" * 43 + "/")
    assert expired.status_code == unknown.status_code == 404
    text = "Liên kết mời này không còn hiệu lực"
    assert text in expired.content.decode()
    assert text in unknown.content.decode()
    assert "Sở Văn hóa" not in expired.content.decode()
    with pytest.raises(InvitationError):
        invitation_accept(token=token, username="x", password="Vai-ch1n-Luc-Ngan")
    assert not User.objects.filter(username="x").exists()


def test_revoked_link_is_refused(world: World, django_capture_on_commit_callbacks: Any) -> None:
    token = invite(world, django_capture_on_commit_callbacks)
    invitation_revoke(actor=world.coordinator, invitation=Invitation.objects.get())
    response = Client().get(f"/moi/{token}/")
    assert response.status_code == 404
    assert "đã bị thu hồi" in response.content.decode()


def test_inviting_again_resends_without_a_duplicate(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    first = invite(world, django_capture_on_commit_callbacks)
    second = invite(world, django_capture_on_commit_callbacks, email=" MOI@example.org ")
    assert Invitation.objects.count() == 1
    assert first != second
    assert Client().get(f"/moi/{first}/").status_code == 404  # the old link stops
    assert Client().get(f"/moi/{second}/").status_code == 200
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        invitation_resend(actor=world.coordinator, invitation=Invitation.objects.get())
    assert len(mail.outbox) == 1
    assert OutgoingMail.objects.filter(to="moi@example.org").count() == 3


def test_signed_in_account_with_that_address_gets_the_role(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    token = invite(world, django_capture_on_commit_callbacks, email="officer_b@example.org")
    # Not signed in: the address belongs to an account, so it must sign in first.
    with pytest.raises(ValidationError, match="đăng nhập"):
        invitation_accept(token=token, username="new", password="Vai-ch1n-Luc-Ngan")
    client = Client()
    client.force_login(world.officer_b)
    html = client.get(f"/moi/{token}/").content.decode()
    assert "officer_b" in html
    assert client.post(f"/moi/{token}/").status_code == 302
    assert Membership.objects.filter(
        user=world.officer_b, unit=world.unit_a, role=Role.FOCAL_OFFICER
    ).exists()


def test_who_may_invite_whom(world: World) -> None:
    a, b = world.unit_a, world.unit_b
    allowed = [
        (world.admin, a, Role.ADMIN),
        (world.coordinator, b, Role.UNIT_LEADER),
        (world.leader_a, a, Role.FOCAL_OFFICER),
        (world.leader_a, a, Role.VIEWER),
    ]
    refused = [
        (world.coordinator, a, Role.ADMIN),
        (world.leader_a, a, Role.UNIT_LEADER),
        (world.leader_a, b, Role.FOCAL_OFFICER),
        (world.officer_a, a, Role.FOCAL_OFFICER),
        (world.officer_a, a, Role.VIEWER),
    ]
    for number, (actor, unit, role) in enumerate(allowed):
        invitation_create(actor=actor, email=f"ok{number}@example.org", unit=unit, role=role)
    for number, (actor, unit, role) in enumerate(refused):
        with pytest.raises(PermissionDenied):
            invitation_create(actor=actor, email=f"no{number}@example.org", unit=unit, role=role)
    assert Invitation.objects.count() == len(allowed)
    assert Invitation.objects.get(email="ok0@example.org").invited_by == world.admin
    # A leader sees only their own unit's invitations.
    seen = invitations.invitations_visible_to(world.leader_a)
    assert {i.unit_id for i in seen} == {a.pk}
    assert invitations.invitations_visible_to(world.coordinator).count() == len(allowed)
    with pytest.raises(PermissionDenied):
        invitation_revoke(actor=world.leader_a, invitation=Invitation.objects.get(unit=b))


def test_bad_address_and_existing_member(world: World) -> None:
    with pytest.raises(ValidationError, match="email"):
        invitation_create(
            actor=world.coordinator, email="không-phải", unit=world.unit_a, role=Role.VIEWER
        )
    with pytest.raises(ValidationError):
        invitation_create(
            actor=world.coordinator,
            email="officer_a@example.org",
            unit=world.unit_a,
            role=Role.FOCAL_OFFICER,
        )
    assert not Invitation.objects.exists()


def test_an_address_trying_many_links_is_stopped(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    from django.core.cache import cache

    from ttdn.orgs.invitation_views import MISSES_ALLOWED

    token = invite(world, django_capture_on_commit_callbacks)
    cache.clear()
    client = Client()
    try:
        for number in range(MISSES_ALLOWED):
            assert client.get(f"/moi/sai-{number}/").status_code == 404
        refused = client.get(f"/moi/{token}/")
        assert refused.status_code == 429
        assert "Đã thử quá nhiều liên kết mời" in refused.content.decode()
        # Another address is not stopped.
        assert Client(REMOTE_ADDR="10.0.0.9").get(f"/moi/{token}/").status_code == 200
    finally:
        cache.clear()
