"""From a document's bytes to the parsed shape: pick the reader, then interpret what it read."""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections import defaultdict

from ttdn.core.classification import classification_of
from ttdn.core.text import fold
from ttdn.plans.importers import body, header
from ttdn.plans.importers.citations import find_citations, year_in_number
from ttdn.plans.importers.encoding import EncodingRefusedError, decode, looks_binary
from ttdn.plans.importers.names import KnownNames, split_units
from ttdn.plans.importers.prose import TASK_SECTION_WORDS, read_prose_tasks, task_sections
from ttdn.plans.importers.raw import RawDocument, is_blank_heading_cell
from ttdn.plans.importers.shape import Citation, ParsedPlan, ParseWarning, Task
from ttdn.plans.importers.tables import blank_units, is_no_unit, row_codes, row_label
from ttdn.plans.importers.text_export import read_text_export
from ttdn.plans.importers.timeframe import normalise_timeframe
from ttdn.plans.importers.unwrap import unwrap

MAX_BYTES = 20 * 1024 * 1024
_OTHER_YEAR = re.compile(r"(?<!từ )(?<!đến )(?<!giai đoạn )(?<!- )\bnăm (\d{4})\b(?!\s*[-–])")


class PlanReadError(ValueError):
    """The file cannot be read as a plan; the message says why, in one line. ``stamp`` is the
    state-secret stamp that refused it, if that is why; ``code`` and ``params`` name the reason
    for the user's language (plans/read_errors.py), when there is one."""

    def __init__(
        self,
        message: str,
        *,
        stamp: str | None = None,
        code: str = "",
        params: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.stamp = stamp
        self.code = code
        self.params = params or {}


def parse_plan(data: bytes, *, filename: str = "", known: KnownNames | None = None) -> ParsedPlan:
    if len(data) > MAX_BYTES:
        raise PlanReadError(
            f"{filename or 'the file'} is {len(data) // (1024 * 1024)} MB, over the "
            f"{MAX_BYTES // (1024 * 1024)} MB limit"
        )
    name = filename or "the file"
    if data.startswith(b"%PDF-"):
        from ttdn.plans.importers.pdf import PdfError, read_pdf

        try:
            raw = read_pdf(data)
        except PdfError as exc:
            raise PlanReadError(f"{name}: {exc}", code=exc.code, params=exc.params) from None
    elif filename.lower().endswith(".docx") or data.startswith(b"PK\x03\x04"):
        from ttdn.plans.importers.docx import DocxError, read_docx

        try:
            raw = read_docx(data)
        except DocxError as exc:
            raise PlanReadError(f"{name}: {exc}") from None
    elif looks_binary(data):
        raise PlanReadError(
            f"{name} is not a text, Word (.docx) or PDF document", code="not_a_document"
        )
    else:
        try:
            text = decode(data)
        except EncodingRefusedError as exc:
            raise PlanReadError(f"{name}: {exc}") from None
        except UnicodeDecodeError as exc:
            raise PlanReadError(f"{name}: broken {exc.encoding} text at byte {exc.start}") from None
        raw = read_text_export(text)
    stamp = classification_of(raw.stamps or [text for _line, text in raw.paragraphs], head=40)
    if stamp is not None:
        raise PlanReadError(
            f"{name} is marked “{stamp}” (state secret): ttdn does not store classified documents",
            stamp=stamp,
        )
    return interpret(raw, known or KnownNames([]))


def interpret(raw: RawDocument, known: KnownNames) -> ParsedPlan:
    # Hard-wrapped lines joined into paragraphs; a Quyết định's own articles left out of the
    # plan's paragraphs (its legal bases stay citations).
    paragraphs = unwrap(raw.paragraphs, raw.full_lines)
    head = header.read_header(paragraphs, raw.appendix)
    metadata, plan = head.metadata, head.body
    sections = body.read_sections(plan)
    responsibilities = body.read_responsibilities(plan, sections)
    warnings: list[ParseWarning] = [*head.warnings]
    tasks = _tasks(raw, metadata.year, known, warnings)
    if not raw.rows:  # no task table: the tasks are numbered items under the task section
        tasks = _prose_tasks(plan, sections, metadata.year, known, warnings)
    cells = [(row.line, cell.text) for row in raw.rows for cell in row.cells]
    every_citation = find_citations([*paragraphs, *cells, *raw.footnotes])
    citations = _distinct_citations(every_citation, metadata.number, warnings)
    _unknown_units(tasks, known, warnings)
    _spelling_variants([*plan, *cells], known, warnings)
    _little_found(tasks, sections, warnings)
    return ParsedPlan(
        metadata=metadata,
        sections=[text for _line, text in sections],
        tasks=tasks,
        responsibilities=responsibilities,
        report_deadline=body.read_report_deadline(
            responsibilities, metadata.year, body.section_body(plan, sections, *body.DUTIES)
        ),
        citations=citations,
        commemorations=body.read_commemorations(plan),
        budget=body.read_budget(plan, sections),
        warnings=warnings,
    )


def _tasks(
    raw: RawDocument, year: int | None, known: KnownNames, warnings: list[ParseWarning]
) -> list[Task]:
    tasks: list[Task] = []
    previous: list[str] = ["", "", "", "", ""]
    seen: set[str] = set()
    table = 0
    for row, (code, parent) in zip(raw.rows, row_codes(raw.rows), strict=True):
        if row.table != table:  # a merged cell never reaches into another table
            table, previous = row.table, ["", "", "", "", ""]
        cells = row.cells
        texts: list[str] = []
        for index in range(5):
            cell = cells[index] if index < len(cells) else None
            if cell is None or cell.merged:
                texts.append(previous[index] if index >= 2 else "")
            else:
                texts.append(cell.text)
        label = row_label(row)
        heading = blank_units(row)
        location = f"line {row.line} (row {label})"
        if code in seen:
            warnings.append(
                ParseWarning(
                    "duplicate_code",
                    f"code {label} appears twice",
                    location,
                    line=row.line,
                    params={"label": label},
                )
            )
        seen.add(code)
        title = " ".join(texts[1].replace("\u00a0", " ").split())
        lead = [] if heading or is_no_unit(texts[2]) else split_units(texts[2], known)
        partners = [] if heading or is_no_unit(texts[3]) else split_units(texts[3], known)
        blank_time = is_blank_heading_cell(texts[4]) or is_no_unit(texts[4])
        timeframe_text = "" if blank_time else texts[4].strip()
        task = Task(
            code=code,
            label=label,
            parent=parent,
            title=title,
            lead=lead,
            partners=partners,
            timeframe=normalise_timeframe(timeframe_text, year),
            line=row.line,
            is_heading=heading,
        )
        tasks.append(task)
        for index in (2, 3, 4):
            if index < len(cells) and not cells[index].merged:
                previous[index] = cells[index].text
        _task_warnings(task, year, location, warnings)
    # A parent row missing from the document: hang the task under its nearest ancestor.
    codes = {task.code for task in tasks}
    for task in tasks:
        parent = task.parent
        while parent is not None and parent not in codes:
            parent = parent.rsplit(".", 1)[0] if "." in parent else None
        task.parent = parent
    _no_lead(tasks, warnings)
    return tasks


def _prose_tasks(
    paragraphs: list[tuple[int, str]],
    sections: list[tuple[int, str]],
    year: int | None,
    known: KnownNames,
    warnings: list[ParseWarning],
) -> list[Task]:
    tasks, found = read_prose_tasks(paragraphs, sections, year, known)
    warnings.extend(found)
    for task in tasks:
        _task_warnings(task, year, f"line {task.line} (item {task.label})", warnings)
    _no_lead(tasks, warnings)
    return tasks


def _little_found(
    tasks: list[Task], sections: list[tuple[int, str]], warnings: list[ParseWarning]
) -> None:
    """Say so when no task, or no unit, was found: where the parser looked, what would help."""
    if not tasks:
        where = task_sections(sections)
        if where:
            found = f"the section “{where[0][1]}” has no numbered items"
        elif sections:
            found = f"the document's sections are: {'; '.join(t for _l, t in sections)}"
        else:
            found = "the document has no numbered sections (“I. …”, “II. …”)"
        warnings.append(
            ParseWarning(
                "no_tasks",
                "no tasks found: looked for a task table (a header row with “TT” or “STT”, a "
                "content column and a lead or unit column) and for numbered items (1., 1.1., "
                f"a), -) under a section named {' or '.join(TASK_SECTION_WORDS)}; {found}. Give "
                "the tasks such a table, or number them under such a section, each with its "
                "units (“Cơ quan chủ trì: …”, “Cơ quan phối hợp: …”, “Thời gian thực hiện: …”)",
                f"line {where[0][0]}" if where else "the whole document",
                line=where[0][0] if where else 0,
                params={
                    "task_section": where[0][1] if where else "",
                    "sections": "; ".join(text for _line, text in sections),
                },
            )
        )
    elif not any(task.lead or task.partners for task in tasks):
        shown = [task.label for task in tasks if not task.is_heading] or [t.label for t in tasks]
        labels = ", ".join(shown[:5]) + (" …" if len(shown) > 5 else "")
        # One warning for the whole plan instead of one "no lead" per task.
        warnings[:] = [warning for warning in warnings if warning.code != "no_lead"]
        warnings.append(
            ParseWarning(
                "no_units",
                f"{len(tasks)} tasks found ({labels}) but none names a lead or coordinating "
                "unit: write the units in a column “Đơn vị chủ trì” / “Đơn vị phối hợp”, or "
                "under each task as “Cơ quan chủ trì: …”, “Cơ quan phối hợp: …”",
                f"line {tasks[0].line}",
                line=tasks[0].line,
                params={"count": str(len(tasks)), "labels": labels},
            )
        )


def _task_warnings(
    task: Task, year: int | None, location: str, warnings: list[ParseWarning]
) -> None:
    if year is None:
        return
    for match in _OTHER_YEAR.finditer(task.title):
        if int(match.group(1)) != year:
            warnings.append(
                ParseWarning(
                    "other_year",
                    f"task {task.label} names the year {match.group(1)}, not the plan year {year}",
                    location,
                    line=task.line,
                    params={"label": task.label, "year": match.group(1), "plan_year": str(year)},
                )
            )


def _no_lead(tasks: list[Task], warnings: list[ParseWarning]) -> None:
    parents = {task.parent for task in tasks}
    for task in tasks:
        if not task.lead and not task.is_heading and task.code not in parents:
            warnings.append(
                ParseWarning(
                    "no_lead",
                    f"task {task.label} has no lead unit",
                    f"line {task.line}",
                    line=task.line,
                    params={"label": task.label},
                )
            )


def _distinct_citations(
    found: list[Citation], plan_number: str | None, warnings: list[ParseWarning]
) -> list[Citation]:
    by_number: dict[str, Citation] = {}
    dates: dict[str, list[Citation]] = defaultdict(list)
    too_early: set[tuple[str, datetime.date]] = set()
    for citation in found:
        if citation.number_symbol == plan_number:
            continue
        year = year_in_number(citation.number_symbol)
        if (
            citation.date is not None
            and year is not None
            and citation.date.year < year
            and (citation.number_symbol, citation.date) not in too_early
        ):
            # Recorded as written; a reader checks it against the document itself.
            too_early.add((citation.number_symbol, citation.date))
            warnings.append(
                ParseWarning(
                    "citation_date_before_year",
                    f"{citation.number_symbol} is dated {citation.date:%d/%m/%Y} (line "
                    f"{citation.line}), before {year}, the year in its own number",
                    f"line {citation.line}",
                    line=citation.line,
                    params={
                        "number": citation.number_symbol,
                        "date": f"{citation.date:%d/%m/%Y}",
                        "year": str(year),
                    },
                )
            )
        first = by_number.setdefault(citation.number_symbol, citation)
        if first.issuer is None and citation.issuer:
            first.issuer = citation.issuer
        if first.date is None and citation.date:
            first.date = citation.date
        if citation.date and all(
            other.date != citation.date for other in dates[first.number_symbol]
        ):
            dates[first.number_symbol].append(citation)
    for number, dated in dates.items():
        if len(dated) > 1:
            shown = ", ".join(
                f"{c.date:%d/%m/%Y} (line {c.line})" for c in dated if c.date is not None
            )
            warnings.append(
                ParseWarning(
                    "conflicting_dates",
                    f"{number} is cited with different dates: {shown}",
                    f"line {dated[1].line}",
                    line=dated[1].line,
                    params={
                        "number": number,
                        "dates": ", ".join(f"{c.date:%d/%m/%Y}" for c in dated if c.date),
                    },
                )
            )
    return list(by_number.values())


def _unknown_units(tasks: list[Task], known: KnownNames, warnings: list[ParseWarning]) -> None:
    if not known.display:
        return
    reported: set[str] = set()
    for task in tasks:
        for name in [*task.lead, *task.partners]:
            if name not in known and name not in reported:
                reported.add(name)
                warnings.append(
                    ParseWarning(
                        "unknown_unit",
                        f"unknown unit “{name}”",
                        f"line {task.line} (row {task.label})",
                        suggestions=known.suggest(name),
                        line=task.line,
                        params={"name": name, "label": task.label},
                    )
                )


_PROPER = re.compile(r"(?:[A-ZĐ][\w]*)(?:\s+[A-ZĐ][\w]*){2,}")


def _spelling_variants(
    lines: list[tuple[int, str]], known: KnownNames, warnings: list[ParseWarning]
) -> None:
    """Proper names that differ by a letter or two in same-length syllables: likely typos."""
    first_seen: dict[str, int] = {}
    for line, text in lines:
        for match in _PROPER.finditer(unicodedata.normalize("NFC", text)):
            first_seen.setdefault(match.group(0), line)
    names = list(first_seen)
    reported: set[frozenset[str]] = set()
    for index, one in enumerate(names):
        for other in names[index + 1 :]:
            if _near_miss(one, other) and frozenset((one, other)) not in reported:
                reported.add(frozenset((one, other)))
                warnings.append(
                    ParseWarning(
                        "spelling_variant",
                        f"“{one}” (line {first_seen[one]}) and “{other}” "
                        f"(line {first_seen[other]}) look like one name spelled two ways",
                        f"line {first_seen[other]}",
                        line=first_seen[other],
                        params={
                            "one": one,
                            "other": other,
                            "line_one": str(first_seen[one]),
                            "line_other": str(first_seen[other]),
                        },
                    )
                )


def _near_miss(one: str, other: str) -> bool:
    a, b = fold(one).split(), fold(other).split()
    if len(a) != len(b) or len(a) < 3 or a[0] != b[0] or a == b:
        return False
    total = 0
    for x, y in zip(a, b, strict=True):
        if len(x) != len(y):
            return False
        diff = sum(1 for p, q in zip(x, y, strict=True) if p != q)
        if diff > 2:
            return False
        total += diff
    return 0 < total <= 3
