"""Fixtures of the reporting tests: the seed plan imported over the demo's unit registry."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User

from tests.conftest import make_user
from ttdn.core.actor import SYSTEM
from ttdn.demo.files import PLAN_FILE
from ttdn.demo.load import load_units
from ttdn.orgs.models import Unit
from ttdn.plans import services as plan_services
from ttdn.plans.models import Plan, TaskAssignment

D = datetime.date


@pytest.fixture
def plan(db: None) -> Plan:
    load_units()
    return plan_services.plan_import_file(
        actor=SYSTEM, data=PLAN_FILE.read_bytes(), filename="seed.txt"
    ).plan


def part(plan: Plan, code: str, unit_code: str) -> TaskAssignment:
    return TaskAssignment.objects.get(task__plan=plan, task__code=code, unit__code=unit_code)


def member(username: str, unit_code: str, role: str) -> User:
    return make_user(username, Unit.objects.get(code=unit_code), role)
