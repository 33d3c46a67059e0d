"""Marking matched words in a text for display, escaping everything else."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def highlight(text: str, spans: Iterable[tuple[int, int]]) -> SafeString:
    """``text`` escaped, with each span inside ``<mark>``."""
    parts: list[str] = []
    at = 0
    for start, end in _merged(spans):
        start, end = max(start, at), min(end, len(text))
        if start >= end:
            continue
        parts.append(escape(text[at:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        at = end
    parts.append(escape(text[at:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above


def snippet(text: str, spans: Iterable[tuple[int, int]], *, width: int = 240) -> SafeString:
    """About ``width`` characters around the first span, highlighted; the start when none."""
    ordered = _merged(spans)
    if not ordered:
        cut = text[:width]
        return mark_safe(escape(cut) + ("…" if len(text) > width else ""))  # noqa: S308
    first = ordered[0][0]
    start = max(0, first - width // 3)
    if start:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 and start - space < 30 else start
    end = min(len(text), start + width)
    inner = [
        (max(s, start) - start, min(e, end) - start) for s, e in ordered if s < end and e > start
    ]
    body = highlight(text[start:end], inner)
    return mark_safe(("…" if start else "") + body + ("…" if end < len(text) else ""))  # noqa: S308
