"""The parser's warnings in the user's language (the parser itself speaks plain English)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ttdn.plans.importers.shape import ParseWarning


def warning_text(warning: ParseWarning) -> str:
    p = warning.params
    texts = {
        "other_year": lambda: (
            _("Task %(label)s names the year %(year)s, not the plan year %(plan_year)s.") % p
        ),
        "conflicting_dates": lambda: _("%(number)s is cited with different dates: %(dates)s.") % p,
        "spelling_variant": lambda: (
            _(
                "“%(one)s” (line %(line_one)s) and “%(other)s” (line %(line_other)s) look like one "
                "name spelled two ways."
            )
            % p
        ),
        "unknown_unit": lambda: _("“%(name)s” (task %(label)s) is not in the unit registry.") % p,
        "no_lead": lambda: _("Task %(label)s has no lead unit.") % p,
        "duplicate_code": lambda: _("The number %(label)s appears twice.") % p,
    }
    make = texts.get(warning.code)
    return make() if make is not None and p else warning.message


def warning_location(warning: ParseWarning) -> str:
    return _("line %(line)s") % {"line": warning.line} if warning.line else warning.location
