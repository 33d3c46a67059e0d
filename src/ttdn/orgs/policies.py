"""Wagtail permission policies answered by ttdn's role checks, and the views that obey them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, cast

from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_list_or_404
from django.utils.functional import classproperty
from django.views import View
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.models import get_snippet_models
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import SnippetViewSet

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


# --- Every generic Wagtail endpoint answers from the policy -----------------------------------
#
# Wagtail's generic views check a model-level permission at most: its choosers list every row,
# its object views (edit, inspect, history, usage, delete) load any primary key, and its bulk
# actions list the rows a user may not touch by name. The pieces below make each of them look
# rows up among those the model's permission policy lets the user see.

VIEW_ACTIONS = ["view", "change"]


def policy_of(model: type[Model]) -> BasePermissionPolicy:
    policy: BasePermissionPolicy = policy_registry.get_by_type(model)
    return policy


def visible_to(user: AnyUser, model: type[Model]) -> QuerySet[Any]:
    """The rows of ``model`` that ``user`` may see, as the model's permission policy says."""
    policy = policy_of(model)
    if not isinstance(policy, RolePolicy):
        raise ImproperlyConfigured(
            f"{model.__name__} has no ttdn RolePolicy: register one before its viewset"
        )
    return policy.instances_user_has_any_permission_for(user, VIEW_ACTIONS)


def require_view(user: AnyUser, model: type[Model]) -> None:
    if not policy_of(model).user_has_any_permission(user, VIEW_ACTIONS):
        raise PermissionDenied


class VisibleObjectMixin:
    """An object view whose object must be among those the user may see; others are a 404."""

    model: type[Model]
    request: HttpRequest

    def get_object(self, *args: Any, **kwargs: Any) -> Any:
        instance = super().get_object(*args, **kwargs)  # type: ignore[misc]
        if not visible_to(self.request.user, self.model).filter(pk=instance.pk).exists():
            raise Http404
        return instance


class VisibleChooseMixin:
    """The chooser's list, search results and chosen rows come from the visible rows only."""

    model_class: type[Model]
    request: HttpRequest

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        require_view(request.user, self.model_class)
        response: HttpResponse = super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
        return response

    def get_object_list(self) -> QuerySet[Any]:
        return visible_to(self.request.user, self.model_class)

    def get_object(self, pk: Any) -> Any:
        return visible_to(self.request.user, self.model_class).get(pk=pk)

    def get_objects(self, pks: list[Any]) -> QuerySet[Any]:
        return visible_to(self.request.user, self.model_class).filter(pk__in=pks)


class ScopedChooseView(VisibleChooseMixin, ChooseView):
    pass


class ScopedChooseResultsView(VisibleChooseMixin, ChooseResultsView):
    pass


class ScopedChosenView(VisibleChooseMixin, SnippetChosenView):
    pass


class ScopedChosenMultipleView(VisibleChooseMixin, SnippetChosenMultipleView):
    pass


class ScopedChooserViewSet(SnippetChooserViewSet):
    choose_view_class = ScopedChooseView
    choose_results_view_class = ScopedChooseResultsView
    chosen_view_class = ScopedChosenView
    chosen_multiple_view_class = ScopedChosenMultipleView


# Wagtail's object views: each is built with VisibleObjectMixin in front of it.
_OBJECT_VIEWS: tuple[type[View], ...] = (
    snippet_views.EditView,
    snippet_views.DeleteView,
    snippet_views.InspectView,
    snippet_views.UsageView,
    snippet_views.HistoryView,
)


class ScopedSnippetViewSet(SnippetViewSet):
    """A snippet viewset whose chooser and object views answer from the model's RolePolicy."""

    chooser_viewset_class = ScopedChooserViewSet

    def construct_view(self, view_class: type[View], **kwargs: Any) -> Callable[..., Any]:
        if issubclass(view_class, _OBJECT_VIEWS) and not issubclass(view_class, VisibleObjectMixin):
            view_class = type(view_class.__name__, (VisibleObjectMixin, view_class), {})
        return cast(Callable[..., Any], super().construct_view(view_class, **kwargs))


class ScopedDeleteBulkAction(DeleteBulkAction):
    """Wagtail's bulk delete for ttdn's snippets: refused without the right, scoped with it.

    Wagtail's own lists the rows the user may not delete by name on its confirmation page.
    """

    @classproperty
    def models(cls) -> list[type[Model]]:  # noqa: N805 (a class property)
        return [
            model
            for model in get_snippet_models()
            if isinstance(policy_registry.get_by_type(model), RolePolicy)
        ]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.permission_policy.user_has_permission(request.user, self.action_type):
            raise PermissionDenied
        response: HttpResponse = super().dispatch(request, *args, **kwargs)
        return response

    def get_queryset(self, model: type[Model], object_ids: list[Any]) -> list[Any]:
        return get_list_or_404(visible_to(self.request.user, model), pk__in=object_ids)

    def get_all_objects_in_listing_query(self, parent_id: Any) -> QuerySet[Any]:
        return visible_to(self.request.user, self.model).values_list("pk", flat=True)
