from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    """Wagtail's login form with a translatable password label (Wagtail leaves it unset)."""

    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"placeholder": _("Enter password")}),
        strip=False,
    )


MAX_ID = 2**63 - 1  # the largest key of a BigAutoField


class ModelMultipleIdsField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """A choice of several rows by id, where an id too large for the database is an unknown
    choice (SQLite raises OverflowError on ``id__in`` with such a number)."""

    def _check_values(self, value: Any) -> Any:
        for pk in value if isinstance(value, list | tuple) else []:
            text = str(pk)
            if text.isdigit() and (len(text) > 19 or int(text) > MAX_ID):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": text[:40]},
                )
        return super()._check_values(value)  # type: ignore[misc]
