"""Issue 12's "done when", end to end on an empty database (no demo): a province sets itself up,
imports its unit registry and its own plan, and invites a focal officer, who signs in."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.test_cli_setup import LAO_CAI, _setup, _xlsx, cli_env
from ttdn.cli import main
from ttdn.orgs.invitations import invitation_create
from ttdn.orgs.models import Membership, Role, Unit
from ttdn.plans.models import Plan

CORPUS = Path(__file__).parent / "plans" / "importers" / "corpus"
LINK = re.compile(r"/moi/([A-Za-z0-9_-]+)/")

__all__ = ["cli_env"]  # the fixture, imported for this module's tests


@pytest.mark.django_db
def test_a_province_sets_up_imports_its_plan_and_invites_an_officer(
    cli_env: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    django_capture_on_commit_callbacks: Any,
) -> None:
    assert not Unit.objects.exists()
    assert not Plan.objects.exists()
    assert main(_setup(cli_env)) == 0
    assert main(["units", "import", str(_xlsx(LAO_CAI, tmp_path / "units.xlsx"))]) == 0
    capsys.readouterr()

    # Its own plan, not the demo's: Lào Cai 2020, header lines and an appendix table.
    assert main(["plan", "import", str(CORPUS / "lao-cai-2020.txt")]) == 0
    plan = Plan.objects.get()
    assert plan.province == "Lào Cai"
    assert plan.year == 2020
    assert plan.tasks.filter(is_heading=False).count() >= 10
    foreign = Unit.objects.get(code="so-ngoai-vu")
    assert plan.tasks.filter(assignments__unit=foreign).exists()  # names met the registry

    # The administrator invites the department's focal officer; the e-mail carries the link.
    admin = User.objects.get(username="quantri")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(
            actor=admin, email="dau-moi@laocai.gov.vn", unit=foreign, role=Role.FOCAL_OFFICER
        )
    assert len(mail.outbox) == 1
    match = LINK.search(mail.outbox[0].body)
    assert match is not None, mail.outbox[0].body
    password = "Ngoai-vu-Lao-Cai-2026"
    accepted = Client().post(
        f"/moi/{match.group(1)}/",
        {"username": "daumoi", "password": password, "password_again": password},
    )
    assert accepted.status_code == 302
    officer = User.objects.get(username="daumoi")
    assert Membership.objects.filter(user=officer, unit=foreign, role=Role.FOCAL_OFFICER).exists()
    client = Client()
    signed_in = client.post(
        reverse("wagtailadmin_login"), {"username": "daumoi", "password": password}
    )
    assert signed_in.status_code == 302
    assert client.get("/admin/").status_code == 200
