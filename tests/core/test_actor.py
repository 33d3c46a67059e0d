"""There is no "no actor": every service refuses ``None`` and anonymous visitors; SYSTEM works
and is audited as the system."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from wagtail.models import ModelLogEntry

from ttdn.core.actor import SYSTEM
from ttdn.core.audit import audit
from ttdn.demo.files import PLAN_FILE
from ttdn.demo.load import load_units
from ttdn.monitoring import services as monitoring
from ttdn.monitoring.models import Source, Topic
from ttdn.orgs import permissions
from ttdn.orgs import services as orgs
from ttdn.orgs.models import Membership, Role, Unit, UnitGroup
from ttdn.plans import services as plans
from ttdn.plans.models import Plan, RollupRule, TaskAssignment
from ttdn.reporting import cycles
from ttdn.reporting import services as reporting
from ttdn.reporting.models import CalendarDay, Evidence, Status, Submission

Call = Callable[[Any], object]


def _assignment(plan: Plan) -> TaskAssignment:
    return TaskAssignment.objects.filter(task__plan=plan, unit__isnull=False).first()  # type: ignore[return-value]


def _submission(plan: Plan) -> Submission:
    if not Submission.objects.exists():
        cycles.cycle_from_plan(actor=SYSTEM, plan=plan.__class__.objects.get(pk=plan.pk))
    return Submission.objects.order_by("pk").first()  # type: ignore[return-value]


def _calls(plan: Plan) -> dict[str, Call]:
    """One call of every service that takes an actor, on the seed plan's world."""
    unit = Unit.objects.get(code="so-tu-phap")
    user = User.objects.create_user("someone", "someone@example.org", "pw")
    spare = orgs.unit_save(actor=SYSTEM, unit=Unit(code="spare", name="Ban Dự phòng"))
    # A plan of its own: the seed plan's yearly cycle is opened by ``_submission``.
    other = plans.plan_import_file(
        actor=SYSTEM, data=PLAN_FILE.read_bytes().replace(b"69/KH", b"71/KH"), filename="o.txt"
    ).plan
    today = datetime.date(2025, 3, 14)
    return {
        "orgs.unit_save": lambda a: orgs.unit_save(actor=a, unit=Unit(code="u", name="Sở Mới")),
        "orgs.group_save": lambda a: orgs.group_save(actor=a, group=UnitGroup(name="Nhóm mới")),
        "orgs.succession_record": lambda a: orgs.succession_record(
            actor=a, kind="abolish", effective_date=today, predecessors=[spare], successors=[]
        ),
        "orgs.membership_grant": lambda a: orgs.membership_grant(
            actor=a, user=user, unit=unit, role=Role.VIEWER
        ),
        "orgs.membership_update": lambda a: orgs.membership_update(
            actor=a,
            membership=Membership.objects.get_or_create(user=user, unit=unit, role=Role.VIEWER)[0],
            role=Role.VIEWER,
            is_active=False,
        ),
        "plans.plan_import_file": lambda a: plans.plan_import_file(
            actor=a, data=PLAN_FILE.read_bytes().replace(b"69/KH", b"70/KH"), filename="k.txt"
        ),
        "plans.plan_upload_create": lambda a: plans.plan_upload_create(
            actor=a, filename="k.txt", data=PLAN_FILE.read_bytes()
        ),
        "plans.plan_settings_update": lambda a: plans.plan_settings_update(
            actor=a, plan=plan, rollup_rule=RollupRule.MEAN
        ),
        "reporting.progress_record": lambda a: reporting.progress_record(
            actor=a,
            assignment=_assignment(plan),
            status=Status.IN_PROGRESS,
            percent=10,
            reported_on=today,
        ),
        "reporting.calendar_day_set": lambda a: reporting.calendar_day_set(
            actor=a, day=today, kind=CalendarDay.Kind.DAY_OFF
        ),
        "reporting.evidence_add": lambda a: reporting.evidence_add(
            actor=a,
            assignment=_assignment(plan),
            kind=Evidence.Kind.LINK,
            title="Bài viết",
            url="https://example.org/bai-viet",
        ),
        "cycles.cycle_from_plan": lambda a: cycles.cycle_from_plan(actor=a, plan=other),
        "cycles.submission_save_draft": lambda a: cycles.submission_save_draft(
            actor=a, submission=_submission(plan), narrative="Đã thực hiện.", values={}
        ),
        "cycles.submission_submit": lambda a: cycles.submission_submit(
            actor=a, submission=_submission(plan)
        ),
        "monitoring.source_save": lambda a: monitoring.source_save(
            actor=a, source=Source(slug="bao", name="Báo", url="http://127.0.0.1:9/rss.xml")
        ),
        "monitoring.topic_save": lambda a: monitoring.topic_save(
            actor=a, topic=Topic(slug="dau-tu", name="Đầu tư", query="đầu tư")
        ),
    }


SERVICES = sorted(
    [
        "orgs.unit_save", "orgs.group_save", "orgs.succession_record", "orgs.membership_grant",
        "orgs.membership_update", "plans.plan_import_file", "plans.plan_upload_create",
        "plans.plan_settings_update", "reporting.progress_record", "reporting.calendar_day_set",
        "reporting.evidence_add", "cycles.cycle_from_plan", "cycles.submission_save_draft",
        "cycles.submission_submit", "monitoring.source_save", "monitoring.topic_save",
    ]
)  # fmt: skip


@pytest.fixture
def plan(db: None) -> Plan:
    load_units()
    return plans.plan_import_file(actor=SYSTEM, data=PLAN_FILE.read_bytes(), filename="s.txt").plan


def test_the_list_covers_every_service_with_an_actor(plan: Plan) -> None:
    assert sorted(_calls(plan)) == SERVICES


@pytest.mark.parametrize("nobody", [None, AnonymousUser()], ids=["None", "anonymous"])
def test_every_service_refuses_no_actor_and_anonymous(plan: Plan, nobody: Any) -> None:
    calls = _calls(plan)
    _submission(plan)
    before = ModelLogEntry.objects.count()
    allowed = []
    for name in SERVICES:
        try:
            calls[name](nobody)
        except PermissionDenied:
            continue
        allowed.append(name)
    assert allowed == []
    assert ModelLogEntry.objects.count() == before


def test_the_system_may_call_every_service_and_is_audited_as_such(plan: Plan) -> None:
    calls = _calls(plan)
    _submission(plan)
    for name in SERVICES:
        latest = ModelLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first()
        calls[name](SYSTEM)
        entries = ModelLogEntry.objects.filter(pk__gt=latest or 0)
        assert entries.exists(), f"{name} wrote no audit entry"
        for entry in entries:
            assert (entry.user_id, entry.data.get("by")) == (None, "system"), name


def test_permission_helpers_allow_the_system_and_refuse_nobody(plan: Plan) -> None:
    unit = Unit.objects.get(code="so-tu-phap")
    assert permissions.is_admin(SYSTEM)
    assert permissions.can_grant(SYSTEM, unit, Role.ADMIN)
    for nobody in (None, AnonymousUser()):
        assert not permissions.is_admin(nobody)  # type: ignore[arg-type]
        assert not permissions.can_manage_registry(nobody)  # type: ignore[arg-type]
        assert not permissions.can_view_unit_private(nobody, unit)  # type: ignore[arg-type]
        assert permissions.roles_of(nobody) == frozenset()  # type: ignore[arg-type]


def test_audit_refuses_no_actor(plan: Plan) -> None:
    with pytest.raises(TypeError, match="needs an actor"), transaction.atomic():
        audit(actor=None, action=orgs.UNIT_UPDATED, target=plan)  # type: ignore[arg-type]
