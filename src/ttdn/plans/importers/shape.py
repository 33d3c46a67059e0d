"""The one parsed shape every reader (text export, .docx) fills."""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class ParseWarning:
    # unknown_unit, spelling_variant, conflicting_dates, other_year, no_lead, duplicate_code,
    # no_tasks, no_units (little found: plans/messages.py has every code's text)
    code: str
    message: str
    location: str  # "line 132 (row 2.1)"
    suggestions: list[str] = field(default_factory=list)
    line: int = 0
    params: dict[str, str] = field(default_factory=dict)  # for messages in other languages


@dataclass
class Timeframe:
    raw: str
    start: datetime.date | None = None
    end: datetime.date | None = None
    recurring: bool = False


@dataclass
class Task:
    code: str  # qualified: "IV.2.1"
    label: str  # as written: "2.1"
    parent: str | None
    title: str
    lead: list[str]
    partners: list[str]
    timeframe: Timeframe
    line: int
    is_heading: bool = False
    # A prose task's description lines that are not its units or time ([] for table rows).
    details: list[str] = field(default_factory=list)


@dataclass
class Citation:
    kind: str  # Kết luận, Nghị quyết, Nghị định, Quyết định ...
    number_symbol: str  # "72/2015/NĐ-CP"
    date: datetime.date | None
    issuer: str | None
    text: str  # the span as written
    line: int
    number: str = ""  # "72"
    symbol: str = ""  # "NĐ-CP" (the year of a legal act, "2015", is left out)


@dataclass
class Commemoration:
    title: str
    years: int
    start: datetime.date
    date: datetime.date
    line: int


@dataclass
class Responsibility:
    unit: str
    duties: list[str]
    line: int


@dataclass
class Decision:
    """The Quyết định a plan is issued with ("ban hành kèm theo Quyết định số …")."""

    number: str | None  # None: a draft not yet numbered
    date: datetime.date | None


@dataclass
class Metadata:
    issuer: str | None = None
    number: str | None = None
    date: datetime.date | None = None
    title: str | None = None
    year: int | None = None
    province: str | None = None
    level: str | None = None  # "tỉnh" or "thành phố" (a centrally-run city)
    kind: str | None = None  # "Kế hoạch" or "Chương trình"
    decision: Decision | None = None


@dataclass
class ParsedPlan:
    metadata: Metadata
    sections: list[str]
    tasks: list[Task]
    responsibilities: list[Responsibility]
    report_deadline: datetime.date | None
    citations: list[Citation]
    commemorations: list[Commemoration]
    budget: list[str]
    warnings: list[ParseWarning]

    def to_json(self) -> dict[str, Any]:
        """The documented JSON form (docs/plans/import.md): dates as dd/mm/yyyy."""
        result: dict[str, Any] = _jsonable(asdict(self))
        return result


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_jsonable(item) for item in value]
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return value
