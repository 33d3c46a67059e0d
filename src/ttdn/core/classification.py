"""State-secret stamps (Mật, Tối mật, Tuyệt mật): such documents never enter ttdn.

An internet-facing system may not store classified material (Luật Bảo vệ bí mật nhà nước 2018).
Official documents carry the stamp as a line of its own near the top ("MẬT", "TỐI MẬT",
"TUYỆT MẬT") or as "Độ mật: …".
"""

from __future__ import annotations

import re

from ttdn.core.text import canonical

_STAMP = re.compile(r"^(?:độ mật\s*:\s*)?(mật|tối mật|tuyệt mật)\.?$")


def classification_of(lines: list[str], *, head: int = 15) -> str | None:
    """The stamp found among the first ``head`` non-empty lines, as written, or None."""
    seen = 0
    for line in lines:
        text = line.strip().strip("\u00a0").strip()
        if not text:
            continue
        seen += 1
        if len(text) <= 40 and _STAMP.match(canonical(text)):  # a stamp is a short line
            return text
        if seen >= head:
            break
    return None
