"""Building blocks for admin views whose writes go through a service."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import HttpResponse


def attach_errors(form: BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form fields it names (else on the form)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class ServiceFormMixin:
    """Turns a service's ValidationError or PermissionDenied into form errors, nothing saved."""

    def form_valid(self, form: BaseForm) -> HttpResponse:
        try:
            return super().form_valid(form)  # type: ignore[misc, no-any-return]
        except ValidationError as exc:
            attach_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        # Wagtail shows this banner above a form that failed validation.
        self.produced_error_code = "validation_error"
        self.produced_error_message = self.get_error_message()  # type: ignore[attr-defined]
        return self.form_invalid(form)  # type: ignore[attr-defined, no-any-return]
