"""Wagtail permission policies answered by ttdn's role checks."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, cast

from django.contrib.auth import get_user_model
from django.db.models import Model, QuerySet
from wagtail.permission_policies.base import BasePermissionPolicy

from ttdn.orgs.permissions import AnyUser


class RolePolicy(BasePermissionPolicy):
    """Wagtail permission policy answered by ttdn's role checks.

    ``rules`` maps an action ("add", "change", "delete", "view", ...) to a test of the user; an
    action with no rule is refused to everyone, admins included.
    """

    def __init__(
        self,
        model: type[Model],
        rules: Mapping[str, Callable[[AnyUser], bool]],
        instance_rules: Mapping[str, Callable[[AnyUser, Any], bool]] | None = None,
        visible: Callable[[AnyUser], QuerySet[Any]] | None = None,
    ) -> None:
        super().__init__(model)
        self.rules = rules
        self.instance_rules = instance_rules or {}
        self.visible = visible

    def user_has_permission(self, user: AnyUser, action: str) -> bool:
        rule = self.rules.get(action)
        return bool(rule and user.is_active and rule(user))

    def user_has_permission_for_instance(self, user: AnyUser, action: str, instance: Any) -> bool:
        if not self.user_has_permission(user, action):
            return False
        rule = self.instance_rules.get(action)
        return rule(user, instance) if rule else True

    def instances_user_has_any_permission_for(
        self, user: AnyUser, actions: list[str]
    ) -> QuerySet[Any]:
        if not self.user_has_any_permission(user, actions):
            return cast(QuerySet[Any], self.model._default_manager.none())
        if self.visible is not None:
            return self.visible(user)
        return cast(QuerySet[Any], self.model._default_manager.all())

    def users_with_any_permission(self, actions: list[str]) -> QuerySet[Any]:
        users = get_user_model().objects.filter(is_active=True)
        return users.filter(pk__in=[user.pk for user in users if self._any(user, actions)])

    def _any(self, user: AnyUser, actions: list[str]) -> bool:
        return bool(self.user_has_any_permission(user, actions))
