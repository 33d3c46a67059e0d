import pytest
from django.db import transaction
from django.utils.translation import gettext_lazy

from tests.conftest import World
from ttdn.core.actor import SYSTEM
from ttdn.core.audit import audit, define_action, defined_actions
from ttdn.orgs import services
from ttdn.orgs.models import Unit


def test_audit_refuses_unknown_actions_and_runs_only_in_a_transaction(world: World) -> None:
    with pytest.raises(ValueError, match="Unknown audit action"), transaction.atomic():
        audit(actor=SYSTEM, action="orgs.unit.exploded", target=world.unit_a)
    # pytest-django wraps the test in a transaction; leave it to check the guard.
    connection = transaction.get_connection()
    assert connection.in_atomic_block


@pytest.mark.django_db(transaction=True)
def test_audit_outside_a_transaction_is_refused() -> None:
    unit = Unit.objects.create(code="z", name="Z", kind="other")
    with pytest.raises(RuntimeError, match="inside the service's transaction"):
        audit(actor=SYSTEM, action=services.UNIT_CREATED, target=unit)


def test_a_failing_service_leaves_nothing_behind(world: World) -> None:
    # The alias clashes after the unit row would be written: the whole change rolls back.
    before = Unit.objects.count()
    with pytest.raises(Exception, match="Sở Tư pháp"):
        services.unit_save(
            actor=SYSTEM, unit=Unit(code="dup", name="Sở Mới", kind="other"), aliases=["Sở Tư pháp"]
        )
    assert Unit.objects.count() == before


def test_every_action_has_a_label() -> None:
    assert define_action("orgs.unit.created", gettext_lazy("Unit created")) == "orgs.unit.created"
    actions = defined_actions()
    assert services.UNIT_CREATED in actions
    with pytest.raises(ValueError, match="declared twice"):
        define_action("orgs.unit.created", gettext_lazy("Something else"))
