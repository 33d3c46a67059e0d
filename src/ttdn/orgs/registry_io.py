"""The unit registry as a spreadsheet: a template, reading .xlsx/.csv with errors per row and
column, the plan of what an import would do, and the export of the registry in the same format.

Export → edit → re-import is how a province maintains its registry. Rows are matched with the
registry by code, else by name, else by another name; what the file changes is updated in place
(a renamed unit keeps its former name as another name); an empty cell keeps what the registry
holds; units the file does not mention stay as they are (units are never deleted). Applying the
plan is :func:`ttdn.orgs.services.registry_import`.
"""

from __future__ import annotations

import csv
import datetime
import enum
import io
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, validate_slug
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ttdn.core.dates import format_vn_date, parse_vn_date
from ttdn.core.filetext import UnreadableFileError, check_zip
from ttdn.core.text import fold, name_key, nfc
from ttdn.core.xlsx import append_row
from ttdn.orgs.kinds import propose_kind
from ttdn.orgs.models import Unit, UnitKind

MAX_BYTES = 5 * 2**20
MAX_ROWS = 5000
MAX_LINES = 20000  # rows of the sheet, blank ones included
HEADER_SEARCH_ROWS = 10
SHEET_TITLE = "Đơn vị"
HELP_TITLE = "Hướng dẫn"


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # as the file writes it: the format is Vietnamese, whatever the screen's language
    help: Promise
    max_length: int = 0


COLUMNS: tuple[Column, ...] = (
    Column(
        "name",
        "Tên đầy đủ",
        gettext_lazy("The unit's full name, as official documents write it. Required."),
        255,
    ),
    Column("short_name", "Tên viết tắt", gettext_lazy("The short name, e.g. Sở VHTTDL."), 120),
    Column(
        "kind",
        "Loại",
        gettext_lazy(
            "The kind of unit: one of the kinds listed below (its name or its code). Left empty, "
            "the kind is proposed from the name."
        ),
    ),
    Column(
        "parent",
        "Đơn vị cấp trên",
        gettext_lazy(
            "The unit it belongs to: the full name, short name or code of a unit in this file or "
            "already in the registry."
        ),
        255,
    ),
    Column(
        "aliases",
        "Tên khác",
        gettext_lazy(
            "Other names and spellings documents use, separated by “;”. Re-importing adds the "
            "names it brings; it removes none."
        ),
    ),
    Column("valid_from", "Hiệu lực từ", gettext_lazy("The day the unit starts, dd/mm/yyyy.")),
    Column(
        "valid_until",
        "Hiệu lực đến",
        gettext_lazy("The last day of the unit (merged, abolished), dd/mm/yyyy."),
    ),
    Column("email", "E-mail", gettext_lazy("The unit's official e-mail address."), 254),
    Column(
        "code",
        "Mã",
        gettext_lazy(
            "The unit's code in ttdn (letters, digits and dashes). Optional for a new unit; keep "
            "it as exported, so that each row finds its unit again."
        ),
        80,
    ),
)
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}
_HEADERS = {fold(column.header): column for column in COLUMNS}
_HEADERS.update({column.key: column for column in COLUMNS})
FIELD_COLUMNS = {"name", "short_name", "kind", "parent", "valid_from", "valid_until", "email"}


class RegistryReadError(ValueError):
    """The file as a whole cannot be read (not a spreadsheet, no header row, too large)."""


@dataclass(frozen=True)
class RowError:
    line: int
    column: str  # the column's header, or "" for the row as a whole
    message: str

    def __str__(self) -> str:
        if self.column:
            return _("Row %(line)s, column %(column)s: %(message)s") % {
                "line": self.line,
                "column": self.column,
                "message": self.message,
            }
        return _("Row %(line)s: %(message)s") % {"line": self.line, "message": self.message}


@dataclass
class RegistryRow:
    """One row as read: values checked, nothing looked up in the registry yet."""

    line: int
    name: str = ""
    short_name: str = ""
    kind: str = ""
    parent: str = ""
    aliases: list[str] = field(default_factory=list)
    valid_from: datetime.date | None = None
    valid_until: datetime.date | None = None
    email: str = ""
    code: str = ""
    errors: list[RowError] = field(default_factory=list)

    @property
    def key(self) -> str:
        return name_key(self.name)

    def error(self, column: str, message: str) -> None:
        header = COLUMN_BY_KEY[column].header if column else ""
        self.errors.append(RowError(self.line, header, message))


# --- Reading ---------------------------------------------------------------------------------


def kind_labels() -> list[tuple[str, str]]:
    """(code, Vietnamese label) of every kind."""
    with translation.override("vi"):
        return [(str(value), str(label)) for value, label in UnitKind.choices]


def _kind_lookup() -> dict[str, str]:
    lookup: dict[str, str] = {}
    for value, label in UnitKind.choices:
        lookup[fold(value)] = value
        lookup[fold(str(label))] = value  # the label in the active language
    for code, vietnamese in kind_labels():
        lookup[fold(vietnamese)] = code
    return lookup


def read_registry(data: bytes, filename: str) -> list[RegistryRow]:
    """The rows of a .xlsx or .csv registry file, each with its errors (none lost to another's).

    RegistryReadError when the file as a whole cannot be read.
    """
    if len(data) > MAX_BYTES:
        raise RegistryReadError(
            _("The file is larger than %(mb)s MB.") % {"mb": MAX_BYTES // 2**20}
        )
    lower = filename.lower()
    if lower.endswith(".xlsx"):
        table = _xlsx_rows(data, filename)
    elif lower.endswith(".csv"):
        table = _csv_rows(data, filename)
    else:
        raise RegistryReadError(_("“%(name)s” is not a .xlsx or .csv file.") % {"name": filename})
    return _rows(table, filename)


def _xlsx_rows(data: bytes, filename: str) -> Iterator[tuple[int, list[object]]]:
    from openpyxl import load_workbook

    buffer = io.BytesIO(data)
    try:
        check_zip(buffer)
        workbook = load_workbook(buffer, read_only=True, data_only=True)
    except (UnreadableFileError, Exception) as exc:  # openpyxl raises its own types
        raise RegistryReadError(
            _("“%(name)s” cannot be read as an Excel workbook (%(reason)s).")
            % {"name": filename, "reason": str(exc) or type(exc).__name__}
        ) from None
    try:
        sheet = workbook[SHEET_TITLE] if SHEET_TITLE in workbook.sheetnames else workbook.active
        if sheet is None:
            raise RegistryReadError(_("“%(name)s” has no sheet.") % {"name": filename})
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, list(values)
    finally:
        workbook.close()


def _csv_rows(data: bytes, filename: str) -> Iterator[tuple[int, list[object]]]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise RegistryReadError(
                _(
                    "“%(name)s” is not UTF-8 text: in Excel, save it as “CSV UTF-8 (Comma "
                    "delimited)”, or upload the .xlsx file."
                )
                % {"name": filename}
            ) from None
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, values in enumerate(reader, start=1):
            yield number, list(values)
    except csv.Error as exc:
        raise RegistryReadError(
            _("“%(name)s”, row %(line)s: %(reason)s")
            % {"name": filename, "line": reader.line_num, "reason": exc}
        ) from None


def _header(values: list[object]) -> dict[int, Column] | None:
    found: dict[int, Column] = {}
    for index, value in enumerate(values):
        if isinstance(value, str) and fold(" ".join(value.split())) in _HEADERS:
            found[index] = _HEADERS[fold(" ".join(value.split()))]
    return found if any(column.key == "name" for column in found.values()) else None


def _rows(table: Iterator[tuple[int, list[object]]], filename: str) -> list[RegistryRow]:
    header: dict[int, Column] | None = None
    rows: list[RegistryRow] = []
    for number, values in table:
        if number > MAX_LINES:
            raise RegistryReadError(
                _("“%(name)s” has more than %(lines)s rows.")
                % {"name": filename, "lines": MAX_LINES}
            )
        if header is None:
            header = _header(values)
            if header is None and number >= HEADER_SEARCH_ROWS:
                break
            continue
        if all(_blank(value) for value in values):
            continue
        if len(rows) >= MAX_ROWS:
            raise RegistryReadError(
                _("“%(name)s” has more than %(rows)s units.") % {"name": filename, "rows": MAX_ROWS}
            )
        rows.append(_row(number, {header[i]: v for i, v in enumerate(values) if i in header}))
    if header is None:
        raise RegistryReadError(
            _(
                "“%(name)s” has no header row with a column “Tên đầy đủ” in its first %(rows)s "
                "rows: start from the template."
            )
            % {"name": filename, "rows": HEADER_SEARCH_ROWS}
        )
    _check_duplicates(rows)
    return rows


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return format_vn_date(value.date())
    if isinstance(value, datetime.date):
        return format_vn_date(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(nfc(str(value)).split())


def _row(line: int, cells: dict[Column, object]) -> RegistryRow:
    row = RegistryRow(line=line)
    values = {column.key: _text(value) for column, value in cells.items()}
    for column in COLUMNS:
        text = values.get(column.key, "")
        if column.max_length and len(text) > column.max_length:
            row.error(
                column.key,
                _("the text is longer than %(max)s characters.") % {"max": column.max_length},
            )
            values[column.key] = ""
    row.name = values.get("name", "")
    if not row.name:
        row.error("name", _("the full name is empty."))
    row.short_name = values.get("short_name", "")
    row.parent = values.get("parent", "")
    row.email = values.get("email", "")
    row.code = values.get("code", "")
    kind = values.get("kind", "")
    if kind:
        row.kind = _kind_lookup().get(fold(kind), "")
        if not row.kind:
            labels = "; ".join(label for _, label in kind_labels())
            row.error(
                "kind",
                _("“%(kind)s” is not a kind of unit; the kinds: %(kinds)s.")
                % {"kind": kind, "kinds": labels},
            )
    raw_aliases = nfc(str(cells.get(COLUMN_BY_KEY["aliases"]) or ""))
    for alias in raw_aliases.replace("\n", ";").split(";"):
        alias = " ".join(alias.split())
        if len(alias) > 255:
            row.error("aliases", _("another name is longer than 255 characters."))
        elif alias and name_key(alias) not in {name_key(a) for a in row.aliases}:
            row.aliases.append(alias)
    for key in ("valid_from", "valid_until"):
        cell = cells.get(COLUMN_BY_KEY[key])
        if isinstance(cell, datetime.datetime):
            setattr(row, key, cell.date())
        elif isinstance(cell, datetime.date):
            setattr(row, key, cell)
        elif values.get(key):
            try:
                setattr(row, key, parse_vn_date(values[key]))
            except ValueError:
                row.error(
                    key, _("“%(text)s” is not a date: write dd/mm/yyyy.") % {"text": values[key]}
                )
    if row.valid_from and row.valid_until and row.valid_until < row.valid_from:
        row.error("valid_until", _("the end of validity comes before its start."))
    if row.email:
        try:
            EmailValidator()(row.email)
        except ValidationError:
            row.error("email", _("“%(email)s” is not an e-mail address.") % {"email": row.email})
    if row.code:
        try:
            validate_slug(row.code)
        except ValidationError:
            row.error(
                "code",
                _("“%(code)s” is not a code: use letters, digits and dashes.") % {"code": row.code},
            )
    return row


def _check_duplicates(rows: list[RegistryRow]) -> None:
    codes: dict[str, int] = {}
    names: dict[tuple[str, object, object], int] = {}
    for row in rows:
        if row.code:
            if row.code in codes:
                row.error("code", _("the same code as row %(line)s.") % {"line": codes[row.code]})
            codes.setdefault(row.code, row.line)
        if row.name:
            # The same name twice is one unit twice, unless their validity periods differ.
            key = (row.key, row.valid_from, row.valid_until)
            if key in names:
                row.error("name", _("the same unit as row %(line)s.") % {"line": names[key]})
            names.setdefault(key, row.line)


# --- What an import would do -----------------------------------------------------------------


class Action(enum.StrEnum):
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    ERROR = "error"


ACTION_LABELS = {
    Action.CREATE: gettext_lazy("New"),
    Action.UPDATE: gettext_lazy("Changed"),
    Action.UNCHANGED: gettext_lazy("Unchanged"),
    Action.ERROR: gettext_lazy("Error"),
}


@dataclass
class Change:
    column: str
    before: str
    after: str


@dataclass
class RowPlan:
    row: RegistryRow
    unit: Unit | None = None  # the registry unit the row updates
    parent_row: int | None = None  # index of the parent's row in the file
    parent_unit: Unit | None = None  # or the registry unit that is the parent
    keep_parent: bool = True
    kind: str = ""
    kind_proposed: bool = False
    new_aliases: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    saved: Unit | None = None  # set when applied

    @property
    def errors(self) -> list[RowError]:
        return self.row.errors

    @property
    def action(self) -> Action:
        if self.errors:
            return Action.ERROR
        if self.unit is None:
            return Action.CREATE
        return Action.UPDATE if self.changes else Action.UNCHANGED

    @property
    def action_label(self) -> str:
        return str(ACTION_LABELS[self.action])

    @property
    def kind_label(self) -> str:
        return str(UnitKind(self.kind).label) if self.kind in UnitKind.values else ""

    @property
    def parent_name(self) -> str:
        return self.row.parent


@dataclass
class RegistryPreview:
    filename: str
    rows: list[RowPlan]
    unmentioned: int  # registry units the file does not mention (they stay as they are)

    def count(self, action: Action) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def created(self) -> int:
        return self.count(Action.CREATE)

    @property
    def updated(self) -> int:
        return self.count(Action.UPDATE)

    @property
    def unchanged(self) -> int:
        return self.count(Action.UNCHANGED)

    @property
    def errors(self) -> list[RowError]:
        return [error for row in self.rows for error in row.errors]

    def summary(self) -> str:
        return _(
            "%(file)s: %(rows)s rows; %(created)s new units, %(updated)s changed, "
            "%(unchanged)s unchanged, %(errors)s rows with errors; %(unmentioned)s units of the "
            "registry are not in the file and stay as they are."
        ) % {
            "file": self.filename,
            "rows": len(self.rows),
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": self.count(Action.ERROR),
            "unmentioned": self.unmentioned,
        }

    def lines(self) -> list[str]:
        """The preview as text (the command line prints it)."""
        lines = [self.summary()]
        for plan in self.rows:
            if plan.action == Action.CREATE:
                proposed = _(" (proposed from the name)") if plan.kind_proposed else ""
                lines.append(
                    _("  + row %(line)s: %(name)s — %(kind)s%(proposed)s")
                    % {
                        "line": plan.row.line,
                        "name": plan.row.name,
                        "kind": plan.kind_label,
                        "proposed": proposed,
                    }
                )
            elif plan.action == Action.UPDATE:
                changes = "; ".join(
                    f"{change.column}: “{change.before}” → “{change.after}”"
                    for change in plan.changes
                )
                lines.append(
                    _("  ~ row %(line)s: %(name)s — %(changes)s")
                    % {"line": plan.row.line, "name": plan.row.name, "changes": changes}
                )
        lines += [f"  ! {error}" for error in self.errors]
        return lines


class _Index:
    """Names of the file's rows and of the registry, to find units and parents."""

    def __init__(self, rows: list[RegistryRow], units: list[Unit]) -> None:
        self.today = timezone.localdate()
        self.rows_by_key: dict[str, list[int]] = {}
        for index, row in enumerate(rows):
            for key in {row.code, row.key, name_key(row.short_name), *map(name_key, row.aliases)}:
                if key:
                    self.rows_by_key.setdefault(key, []).append(index)
        self.by_code = {unit.code: unit for unit in units}
        self.by_name: dict[str, list[Unit]] = {}
        self.by_short: dict[str, list[Unit]] = {}
        self.by_alias: dict[str, list[Unit]] = {}
        for unit in units:
            self.by_name.setdefault(unit.name_key, []).append(unit)
            if unit.short_name_key:
                self.by_short.setdefault(unit.short_name_key, []).append(unit)
            for alias in unit.aliases.all():
                self.by_alias.setdefault(alias.key, []).append(unit)

    def living(self, units: list[Unit]) -> list[Unit]:
        """Units still living, when there are some (an ended namesake yields to them)."""
        alive = [u for u in units if u.valid_until is None or u.valid_until >= self.today]
        return alive or units

    def units(self, key: str) -> list[Unit]:
        for table in (self.by_name, self.by_short, self.by_alias):
            if key in table:
                return self.living(table[key])
        return []


def plan_import(rows: list[RegistryRow], filename: str) -> RegistryPreview:
    """Match each row with the registry and resolve parents; the changes, nothing written."""
    units = list(Unit.objects.prefetch_related("aliases").select_related("parent"))
    index = _Index(rows, units)
    plans = [RowPlan(row=row) for row in rows]
    claimed: dict[int, int] = {}  # unit pk → line of the row that updates it
    for plan in plans:
        if plan.row.name:
            _match(plan, index, claimed)
    for position, plan in enumerate(plans):
        if plan.row.name:
            _parent(position, plan, plans, index)
            _changes(plan)
    _cycles(plans, units)
    _blocked(plans)
    mentioned = {plan.unit.pk for plan in plans if plan.unit is not None}
    return RegistryPreview(
        filename=filename,
        rows=plans,
        unmentioned=sum(1 for unit in units if unit.pk not in mentioned),
    )


def _match(plan: RowPlan, index: _Index, claimed: dict[int, int]) -> None:
    row = plan.row
    found: list[Unit] = []
    if row.code and row.code in index.by_code:
        found = [index.by_code[row.code]]
    else:
        found = index.living(index.by_name.get(row.key, []))
        if not found:
            found = index.living(index.by_alias.get(row.key, []))
        if not found:
            for alias in row.aliases:
                found = index.units(name_key(alias))
                if found:
                    break
    if len(found) > 1:
        codes = ", ".join(unit.code for unit in found)
        row.error(
            "name",
            _("several units of the registry have this name (%(codes)s): fill in the code.")
            % {"codes": codes},
        )
        return
    if not found:
        return
    unit = found[0]
    if unit.pk in claimed:
        row.error(
            "name",
            _("row %(line)s already updates the unit “%(unit)s”.")
            % {"line": claimed[unit.pk], "unit": unit.name},
        )
        return
    claimed[unit.pk] = row.line
    plan.unit = unit


def _parent(position: int, plan: RowPlan, plans: list[RowPlan], index: _Index) -> None:
    row = plan.row
    if not row.parent:
        return
    plan.keep_parent = False
    key = name_key(row.parent)
    in_file = sorted({*index.rows_by_key.get(row.parent, []), *index.rows_by_key.get(key, [])})
    if position in in_file:
        row.error("parent", _("a unit cannot be its own parent."))
        return
    if len(in_file) > 1:
        lines = ", ".join(str(plans[i].row.line) for i in in_file)
        row.error(
            "parent",
            _("“%(name)s” names several rows of the file (%(lines)s): write the code.")
            % {"name": row.parent, "lines": lines},
        )
        return
    if in_file:
        target = plans[in_file[0]]
        if target.unit is not None:
            plan.parent_unit = target.unit
        plan.parent_row = in_file[0]
        return
    found = [index.by_code[row.parent]] if row.parent in index.by_code else index.units(key)
    if len(found) > 1:
        codes = ", ".join(unit.code for unit in found)
        row.error(
            "parent",
            _("“%(name)s” names several units of the registry (%(codes)s): write the code.")
            % {"name": row.parent, "codes": codes},
        )
    elif not found:
        row.error(
            "parent",
            _("no unit “%(name)s” in the file or in the registry.") % {"name": row.parent},
        )
    elif plan.unit is not None and found[0].pk == plan.unit.pk:
        row.error("parent", _("a unit cannot be its own parent."))
    else:
        plan.parent_unit = found[0]


def _date_text(day: datetime.date | None) -> str:
    return format_vn_date(day) if day else ""


def _changes(plan: RowPlan) -> None:
    row, unit = plan.row, plan.unit
    if unit is None:
        plan.kind = row.kind or propose_kind(row.name)
        plan.kind_proposed = not row.kind
        plan.new_aliases = list(row.aliases)
        return
    plan.kind = row.kind or unit.kind

    def compare(key: str, before: str, after: str) -> None:
        if after and after != before:
            plan.changes.append(Change(COLUMN_BY_KEY[key].header, before, after))

    compare("name", unit.name, row.name)
    compare("short_name", unit.short_name, row.short_name)
    if row.kind and row.kind != unit.kind:
        plan.changes.append(
            Change(COLUMN_BY_KEY["kind"].header, unit.get_kind_display(), plan.kind_label)
        )
    if not plan.keep_parent:
        before_parent = unit.parent.name if unit.parent else ""
        if plan.parent_unit is not None:
            if plan.parent_unit.pk != unit.parent_id:
                plan.changes.append(
                    Change(COLUMN_BY_KEY["parent"].header, before_parent, plan.parent_unit.name)
                )
        elif plan.parent_row is not None:  # a unit the file creates
            plan.changes.append(Change(COLUMN_BY_KEY["parent"].header, before_parent, row.parent))
    compare("valid_from", _date_text(unit.valid_from), _date_text(row.valid_from))
    compare("valid_until", _date_text(unit.valid_until), _date_text(row.valid_until))
    compare("email", unit.email, row.email)
    if row.code and row.code != unit.code:
        plan.changes.append(Change(COLUMN_BY_KEY["code"].header, unit.code, row.code))
    known = {unit.name_key, unit.short_name_key, *(alias.key for alias in unit.aliases.all())}
    known.add(row.key)
    plan.new_aliases = [alias for alias in row.aliases if name_key(alias) not in known]
    if row.name and row.key != unit.name_key:
        plan.new_aliases.append(unit.name)  # a renamed unit keeps its former name
    renamed_short = row.short_name and name_key(row.short_name) != unit.short_name_key
    if unit.short_name and renamed_short and unit.short_name_key != row.key:
        plan.new_aliases.append(unit.short_name)  # and its former short name
    added = [alias for alias in plan.new_aliases if alias not in (unit.name, unit.short_name)]
    if added:
        plan.changes.append(Change(COLUMN_BY_KEY["aliases"].header, "", "; ".join(added)))


def _cycles(plans: list[RowPlan], units: list[Unit]) -> None:
    """A parent chain that comes back to a row is an error on every row of the loop."""
    row_of_unit = {plan.unit.pk: i for i, plan in enumerate(plans) if plan.unit is not None}
    unit_parent = {unit.pk: unit.parent_id for unit in units}

    def parent_of(node: tuple[str, int]) -> tuple[str, int] | None:
        kind, ident = node
        if kind == "row":
            plan = plans[ident]
            if plan.parent_row is not None:
                return ("row", plan.parent_row)
            target = plan.parent_unit.pk if plan.parent_unit is not None else None
            if target is None and plan.keep_parent and plan.unit is not None:
                target = plan.unit.parent_id
            if target is None:
                return None
            return ("row", row_of_unit[target]) if target in row_of_unit else ("unit", target)
        parent = unit_parent.get(ident)
        if parent is None:
            return None
        return ("row", row_of_unit[parent]) if parent in row_of_unit else ("unit", parent)

    in_loop: set[int] = set()
    for start in range(len(plans)):
        seen: list[tuple[str, int]] = []
        node: tuple[str, int] | None = ("row", start)
        while node is not None and node not in seen:
            seen.append(node)
            node = parent_of(node)
        if node == ("row", start):
            in_loop.add(start)
    for position in sorted(in_loop):
        names = [plans[i].row.name for i in sorted(in_loop)]
        plans[position].row.error(
            "parent", _("the parent units make a loop: %(names)s.") % {"names": " → ".join(names)}
        )


def _blocked(plans: list[RowPlan]) -> None:
    """A row whose parent row has an error cannot be applied either (repeated to the leaves)."""
    changed = True
    while changed:
        changed = False
        for plan in plans:
            if plan.errors or plan.parent_row is None:
                continue
            parent = plans[plan.parent_row]
            if parent.errors:
                plan.row.error(
                    "parent",
                    _("its parent unit (row %(line)s) has an error.") % {"line": parent.row.line},
                )
                changed = True


def apply_order(plans: list[RowPlan]) -> list[RowPlan]:
    """Rows to write, parents before their children (the file's order otherwise)."""
    done: set[int] = set()
    ordered: list[RowPlan] = []

    def visit(position: int) -> None:
        if position in done:
            return
        done.add(position)
        parent = plans[position].parent_row
        if parent is not None:
            visit(parent)
        ordered.append(plans[position])

    for position in range(len(plans)):
        visit(position)
    return [plan for plan in ordered if plan.action in (Action.CREATE, Action.UPDATE)]


def free_code(name: str, taken: set[str]) -> str:
    base = slugify(fold(name))[:70] or "don-vi"
    code, number = base, 1
    while code in taken:
        number += 1
        code = f"{base}-{number}"
    return code


# --- Writing ---------------------------------------------------------------------------------


def _workbook_bytes(rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.worksheets[0]
    sheet.title = SHEET_TITLE
    append_row(sheet, [column.header for column in COLUMNS])
    for row in rows:
        append_row(sheet, row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGHI", (50, 20, 22, 40, 40, 14, 14, 28, 30), strict=True):
        sheet.column_dimensions[letter].width = width
    guide = workbook.create_sheet(HELP_TITLE)
    with translation.override("vi"):
        append_row(guide, [_("Column"), _("What to write")])
        for column in COLUMNS:
            append_row(guide, [column.header, str(column.help)])
        append_row(guide, [])
        append_row(guide, [_("Kinds of unit (column Loại)"), _("Code")])
        for value, label in kind_labels():
            append_row(guide, [label, value])
        append_row(guide, [])
        for note in (
            _("Dates are written dd/mm/yyyy, e.g. 01/07/2025."),
            _(
                "A .csv file is read too: UTF-8, with “,” or “;” between the columns, and the "
                "same header row."
            ),
            _(
                "Re-importing updates the units it finds (by code, else by name, else by another "
                "name); an empty cell keeps what the registry holds; units missing from the file "
                "are not deleted."
            ),
        ):
            append_row(guide, [note])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    guide.column_dimensions["A"].width = 40
    guide.column_dimensions["B"].width = 100
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_xlsx() -> bytes:
    """The empty registry, with its header row and a sheet explaining each column."""
    return _workbook_bytes([])


def export_xlsx() -> bytes:
    """The current registry in the template's format (export → edit → re-import)."""
    units = list(Unit.objects.select_related("parent").prefetch_related("aliases").order_by("name"))
    counts: dict[str, int] = {}
    for unit in units:
        counts[unit.name_key] = counts.get(unit.name_key, 0) + 1
    labels = dict(kind_labels())
    rows: list[list[object]] = []
    for unit in units:
        parent = ""
        if unit.parent is not None:
            shared = counts.get(unit.parent.name_key, 0) > 1
            parent = unit.parent.code if shared else unit.parent.name
        rows.append(
            [
                unit.name,
                unit.short_name,
                labels.get(unit.kind, unit.kind),
                parent,
                "; ".join(alias.name for alias in unit.aliases.all()),
                _date_text(unit.valid_from),
                _date_text(unit.valid_until),
                unit.email,
                unit.code,
            ]
        )
    return _workbook_bytes(rows)
