"""The parser's warnings in the user's language (the parser itself speaks plain English)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ttdn.plans.importers.shape import ParseWarning

# Warnings that say little was found in the document: the preview shows them first.
LITTLE_FOUND = ("no_tasks", "no_units")


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
        "no_tasks": lambda: _no_tasks_text(p),
        "no_units": lambda: (
            _(
                "%(count)s tasks were found (%(labels)s) but none names a lead or coordinating "
                "unit. Write the units in the columns “Đơn vị chủ trì” and “Đơn vị phối hợp”, or "
                "under each task as “Cơ quan chủ trì: …”, “Cơ quan phối hợp: …”."
            )
            % p
        ),
        "citation_date_before_year": lambda: (
            _("%(number)s is cited with the date %(date)s, before its own year %(year)s.") % p
        ),
        "no_date": lambda: _("The plan's header has no date that can be read."),
    }
    make = texts.get(warning.code)
    return make() if make is not None and (p or warning.code in _NO_PARAMS) else warning.message


_NO_PARAMS = frozenset(("no_date",))


def _no_tasks_text(p: dict[str, str]) -> str:
    looked = _(
        "No tasks were found. The importer looks for a task table (a header row with “TT” or "
        "“STT”, a content column and a lead or unit column) and for numbered items (1., 1.1., "
        "a), -) under a section named NHIỆM VỤ or NỘI DUNG."
    )
    if p.get("task_section"):
        found = _("The section “%(task_section)s” has no numbered items.") % p
    elif p.get("sections"):
        found = _("The document's sections are: %(sections)s.") % p
    else:
        found = _("The document has no numbered sections (“I. …”, “II. …”).")
    helps = _(
        "Give the tasks such a table, or number them under such a section, each with its units "
        "(“Cơ quan chủ trì: …”, “Cơ quan phối hợp: …”, “Thời gian thực hiện: …”)."
    )
    return f"{looked} {found} {helps}"


def warning_location(warning: ParseWarning) -> str:
    if warning.line:
        return _("line %(line)s") % {"line": warning.line}
    if warning.code in ("no_tasks", "no_units", "no_date"):
        return _("the whole document")
    return warning.location
