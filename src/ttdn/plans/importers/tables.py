"""Task tables, whatever reader found them: which column holds what, and the five standard cells.

Every reader (text export, .docx, PDF) hands each table it finds here as rows of raw cells, header
included; ``task_table`` says whether it is a plan's task table and gives its task rows as the five
standard cells the interpreter reads: code, title, lead, partners, timeframe.
"""

from __future__ import annotations

import re

from ttdn.plans.importers.raw import RawCell, RawRow

_CODE = re.compile(r"^(?:[IVXLC]+|\d+(?:\.\d+)*)\.?$")
_PACKED = re.compile(
    r"^\s*(?:đơn vị\s+)?chủ trì\s*:\s*(?P<lead>.*?)\s*"
    r"(?:[;.\n]\s*(?:đơn vị\s+)?phối hợp\s*:\s*(?P<partners>.*))?$",
    re.IGNORECASE | re.DOTALL,
)
_COLUMNS = {
    "code": re.compile(r"^(S?TT|số TT)$", re.IGNORECASE),
    "lead": re.compile(r"chủ trì", re.IGNORECASE),
    "partners": re.compile(r"phối hợp", re.IGNORECASE),
    "time": re.compile(r"thời gian|thời hạn|tiến độ", re.IGNORECASE),
    "units": re.compile(r"đơn vị|cơ quan", re.IGNORECASE),
    "title": re.compile(r"nội dung|nhiệm vụ|chương trình|hoạt động", re.IGNORECASE),
}


def task_table(rows: list[tuple[int, list[RawCell]]]) -> list[RawRow] | None:
    """The task rows of a table (header left out), or None when it is not a task table."""
    columns = _columns(rows)
    if columns is None:
        return None
    return [
        RawRow(line=row_number, cells=_standard(cells, columns))
        for row_number, cells in rows
        if cells and _CODE.match(cells[0].text.strip())
    ]


def _columns(rows: list[tuple[int, list[RawCell]]]) -> dict[str, int] | None:
    """Which column holds what, from the header row; None when this is not a task table."""
    for _number, cells in rows[:3]:
        names = [cell.text.strip() for cell in cells]
        if not names or not _COLUMNS["code"].match(names[0]):
            continue
        found: dict[str, int] = {"code": 0}
        for index, name in enumerate(names[1:], start=1):
            for key in ("lead", "partners", "time", "title", "units"):
                if key not in found and _COLUMNS[key].search(name):
                    found[key] = index
                    break
        if "title" in found and ("lead" in found or "units" in found):
            return found
    return None


def _standard(cells: list[RawCell], columns: dict[str, int]) -> list[RawCell]:
    """The five standard columns: code, title, lead, partners, timeframe."""

    def cell(key: str) -> RawCell:
        index = columns.get(key)
        return cells[index] if index is not None and index < len(cells) else RawCell("")

    if "lead" in columns:
        lead, partners = cell("lead"), cell("partners")
    else:
        packed = cell("units")
        match = _PACKED.match(packed.text)
        if packed.merged or match is None:
            lead, partners = packed, RawCell("", merged=packed.merged)
        else:
            lead = RawCell(match.group("lead") or "")
            partners = RawCell(match.group("partners") or "")
    return [cell("code"), cell("title"), lead, partners, cell("time")]
