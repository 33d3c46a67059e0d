"""State-secret stamps (Mật, Tối mật, Tuyệt mật): such documents never enter ttdn.

An internet-facing system may not store classified material (Luật Bảo vệ bí mật nhà nước
2018, số 29/2018/QH14, Điều 5 khoản 5).
Official documents carry the stamp as a line of its own near the top ("MẬT", "TỐI MẬT",
"TUYỆT MẬT") or as "Độ mật: …". A stamp is the whole line: "bí mật" or "mật ong" in a sentence
is prose, not a stamp.

Every way content enters is checked: plan documents (plans.importers.parse), monitored articles
(monitoring.pipeline), evidence files by their text (ttdn.core.filetext) and the text people
type (progress narratives and reasons, report narratives, return reasons, calendar notes,
evidence titles), through :func:`refuse_classified`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ttdn.core.text import canonical

_STAMP = re.compile(r"^(?:độ mật\s*:\s*)?(mật|tối mật|tuyệt mật)\.?$")


def classification_of(lines: Iterable[str], *, head: int | None = 15) -> str | None:
    """The stamp found among the first ``head`` non-empty lines (every line when ``head`` is
    None), as written, or None."""
    seen = 0
    for line in lines:
        text = line.strip().strip("\u00a0").strip()
        if not text:
            continue
        seen += 1
        if len(text) <= 40 and _STAMP.match(canonical(text)):  # a stamp is a short line
            return text
        if head is not None and seen >= head:
            break
    return None


def classified_message(stamp: str, *, name: str = "") -> str:
    """Why content bearing ``stamp`` is refused, with the law that forbids storing it."""
    if name:
        text = _("“%(name)s” bears the state-secret stamp “%(stamp)s”.") % {
            "name": name,
            "stamp": stamp,
        }
    else:
        text = _("This text bears the state-secret stamp “%(stamp)s”.") % {"stamp": stamp}
    return " ".join(
        [
            text,
            _(
                "State secrets may not be stored on a system connected to the Internet "
                "(Luật Bảo vệ bí mật nhà nước 2018, Điều 5 khoản 5): nothing was saved."
            ),
        ]
    )


def classified_fields(fields: Mapping[str, str]) -> dict[str, str]:
    """For each text field bearing a stamp on any of its lines, the message that refuses it."""
    errors: dict[str, str] = {}
    for field, text in fields.items():
        stamp = classification_of(text.splitlines(), head=None)
        if stamp is not None:
            errors[field] = classified_message(stamp)
    return errors


def refuse_classified(fields: Mapping[str, str]) -> None:
    """Raise a ValidationError on every field of ``fields`` whose text bears a stamp."""
    errors = classified_fields(fields)
    if errors:
        raise ValidationError(errors)
