from typing import Any

from wagtail import hooks

from ttdn.core.audit import defined_actions


@hooks.register("register_log_actions")
def register_audit_actions(actions: Any) -> None:
    """Give every ttdn audit action its Vietnamese label in the admin's history views."""
    for name, label in defined_actions().items():
        actions.register_action(name, label, label)
