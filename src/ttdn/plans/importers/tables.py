"""Task tables, whatever reader found them: which column holds what, and the five standard cells.

Every reader (text export, .docx, PDF) hands each table it finds here as rows of raw cells, header
included. ``task_table`` says whether one table is a plan's task table and gives its task rows as
the five standard cells the interpreter reads: code, title, lead, partners, timeframe (then the
other columns' non-empty cells, read only for the legal documents they cite).
``TaskTables`` does the same for a whole document, table after table, so that a table split in
two (a page break, a caption, a header repeated on each page) continues as one table.

What is read:

- the header row wherever it is among the first rows, columns in any order, extra columns
  (Kinh phí, Sản phẩm, Ghi chú, Cơ sở pháp lý …) ignored, header words in any case and with
  their usual synonyms; a two-row header (a merged "Đơn vị thực hiện" over "Chủ trì | Phối
  hợp"); one units column holding "Chủ trì: …; Phối hợp: …" or only names (then all lead);
- a header row repeated inside the table, and a row numbering the columns ("1 2 3 4 5",
  "(1) (2) …"), are skipped;
- rows whose code cell is a Roman numeral, a single capital letter, an arabic number ("2",
  "2.1") or a small letter ("a"), with or without a trailing "." or ")"; a row without a code
  whose title is a "- …" line naming its own units (or under merged ones) is a dash task under
  the row above ("II.1.-2", as in a prose plan);
- a section row that is one cell spanning the table ("A. CÔNG TÁC TUYÊN TRUYỀN"): split into
  its code and its title, with blank unit cells; without a code ("Nhiệm vụ trọng tâm") and
  with coded rows under it, a group: its code cell is empty and ``row_codes`` numbers it "P1",
  "P2" … (phần) at the level of a letter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ttdn.plans.importers.raw import NBSP, RawCell, RawRow

_LABEL = r"(?:[IVXLC]+|[A-ZĐ]|[a-zđ]|\d+(?:\.\d+)*)"
_CODE = re.compile(rf"^{_LABEL}[.)]?$")
_SPANNING = re.compile(
    rf"^(?:(?:Phần|PHẦN)\s+)?(?P<label>{_LABEL})(?:\s*[.):]|\s+[-–])\s*(?P<title>\S.*)$", re.DOTALL
)
_PACKED = re.compile(
    r"^\s*[-–+•]?\s*(?:(?:cơ quan|đơn vị)\s+)?chủ trì\s*:\s*(?P<lead>.*?)\s*"
    r"(?:(?:[;.\n]|\s)\s*[-–+•]?\s*(?:(?:cơ quan|đơn vị)\s+)?phối hợp\s*:\s*(?P<partners>.*))?$",
    re.IGNORECASE | re.DOTALL,
)
_DASH_TITLE = re.compile(r"^\s*[-–+•]\s*(\S.*)$", re.DOTALL)
DASH = "-"  # the code cell of a dash row (tables.row_codes numbers it under the row above)
_BULLET = re.compile(r"^[ \t]*[-–+•][ \t]+(?=\S)", re.MULTILINE)
_ROMAN = re.compile(r"^[IVXLC]+$")
_LETTER = re.compile(r"^[A-ZĐ]$")
_SMALL_LETTER = re.compile(r"^[a-zđ]$")
_COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?$")
# A cell saying "no unit here": a dash, a cross, a slash. Not a merged cell (that one is empty).
_NO_UNIT = frozenset({"—", "–", "-", "x", "X", "/", "--", "---"})

# Header words, tried in this order on each header cell; the first column matching a key gets it.
_HEADERS: list[tuple[str, re.Pattern[str]]] = [
    ("code", re.compile(r"^(?:s[ốô]\s*)?(?:S?TT|thứ\s+tự)\.?$", re.IGNORECASE)),
    (
        "skip",
        re.compile(
            r"^(?:dự kiến\s+)?(?:kinh phí|sản phẩm|kết quả|ghi chú|cơ sở|căn cứ|"
            r"nguồn|dự toán|chỉ tiêu|địa điểm|đối tượng)",
            re.IGNORECASE,
        ),
    ),
    ("units", re.compile(r"chủ trì.*phối hợp", re.IGNORECASE | re.DOTALL)),
    ("lead", re.compile(r"chủ trì", re.IGNORECASE)),
    ("partners", re.compile(r"phối hợp", re.IGNORECASE)),
    ("time", re.compile(r"thời gian|thời hạn|tiến độ|thời điểm", re.IGNORECASE)),
    ("units", re.compile(r"đơn vị|cơ quan|phân công|trách nhiệm", re.IGNORECASE)),
    ("title", re.compile(r"nội dung|nhiệm vụ|chương trình|hoạt động|công việc", re.IGNORECASE)),
]
HEADER_ROWS = 4  # the header is looked for among a table's first rows


def is_no_unit(text: str) -> bool:
    """A unit cell that says there is no unit ("—", "-", "x", "/"), unlike an empty merged one."""
    return text.replace(NBSP, " ").strip() in _NO_UNIT


def is_header_word(text: str) -> bool:
    """Whether a cell's text names a task table's column: where a reader may look for a header."""
    name = " ".join(text.replace(NBSP, " ").split())
    return bool(name) and any(pattern.search(name) for _key, pattern in _HEADERS)


@dataclass
class Columns:
    """Which column holds what (code, title, lead, partners, time, or one packed units column)."""

    index: dict[str, int]
    width: int  # the number of cells in a header row
    above: int = 0  # rows of the table above its header (a title written in the table)

    def same(self, other: Columns) -> bool:
        return self.index == other.index


def task_table(rows: list[tuple[int, list[RawCell]]]) -> list[RawRow] | None:
    """The task rows of one table (header left out), or None when it is not a task table."""
    tables = TaskTables()
    return tables.rows if tables.read(rows) else None


class TaskTables:
    """The task tables of one document, read table after table in reading order.

    ``read`` takes each table. A table with the same columns as the task table before continues
    it (a header repeated on a new page, the same table in two appendices) unless its codes would
    repeat that table's codes (appendix II restarting at "I"): then it is a new table. A table
    without a header continues the one before when ``follows`` says that nothing but blank
    lines or a short caption stands between them, it has as many columns, and its first row
    begins with a code (or is the rest of a row cut by the page break, which joins that row).
    Each task table gets a number (``RawRow.table``, from 1), which a continued table keeps.
    """

    def __init__(self) -> None:
        self.rows: list[RawRow] = []
        self.count = 0
        self._columns: Columns | None = None
        self.above: list[tuple[int, list[RawCell]]] = []

    def read(self, rows: list[tuple[int, list[RawCell]]], *, follows: bool = False) -> bool:
        """Read one table; True when it is a task table or continues one (rows are added).

        The rows above the header (a title written inside the table) are left in ``above``
        for the reader to give as paragraphs."""
        self.above = []
        found = find_columns(rows)
        previous = self._columns
        if found is None:
            if not follows or previous is None or not _continues(rows, previous):
                return False
            columns, body = previous, rows
        else:
            columns, header_rows = found
            self.above, body = rows[: columns.above], rows[header_rows:]
        same = previous is not None and columns.same(previous)
        if same and follows and self.rows and body:
            body = self._join_split_row(body, columns)
        task_rows = list(_task_rows(body, columns))
        if not same or self._collides(task_rows):
            self.count += 1
        for row in task_rows:
            row.table = self.count
        self._columns = columns
        self.rows.extend(task_rows)
        return True

    def _join_split_row(
        self, body: list[tuple[int, list[RawCell]]], columns: Columns
    ) -> list[tuple[int, list[RawCell]]]:
        """A row cut by the page break: its rest (no code) joins the last row's cells."""
        cells = _standard(body[0][1], columns)
        if cells[0].text.strip() or _spanning(body[0][1]) is not None or _dash_task(cells):
            return body
        last = self.rows[-1]
        for index, cell in enumerate(cells[1:], start=1):
            if cell.text.strip() and not cell.merged:
                before = last.cells[index]
                text = f"{before.text}\n{cell.text}" if before.text.strip() else cell.text
                last.cells[index] = RawCell(text)
        return body[1:]

    def _collides(self, rows: list[RawRow]) -> bool:
        """Whether these rows, read as the current table's, would repeat its codes."""
        current = [row for row in self.rows if row.table == self.count]
        for row in rows:
            row.table = self.count
        codes = [code for code, _parent in row_codes([*current, *rows])]
        return bool(set(codes[: len(current)]) & set(codes[len(current) :]))


def row_label(row: RawRow) -> str:
    return row.cells[0].text.strip().rstrip(".)") if row.cells else ""


def blank_units(row: RawRow) -> bool:
    """A heading row: its unit cells are blank (NBSP in the text export), not merged."""
    cells = row.cells
    return all(
        index < len(cells)
        and not cells[index].merged
        and not cells[index].text.replace(NBSP, " ").strip()
        for index in (2, 3)
    )


def row_codes(rows: list[RawRow]) -> list[tuple[str, str | None]]:
    """Each row's qualified code and its parent's.

    Within a table the hierarchy is letter > Roman > arabic > small letter, as found: "A",
    "A.I", "A.I.1", "A.I.1.a"; a Roman-only table gives "I", "I.1", "I.1.1". An arabic heading
    row followed by a row "1" is a section whose rows restart at 1: they become "2.1", "2.2".
    A dash row is "-N" under the row above ("I.1.-2"); a group without a code is "P1", "P2" ….
    When a later table restarts numbering already used by an earlier one, its codes are
    qualified by the table's number: "B2.I.1" (B for bảng).
    """
    result: list[tuple[str, str | None]] = []
    used: set[str] = set()
    start = 0
    while start < len(rows):
        end = start
        while end < len(rows) and rows[end].table == rows[start].table:
            end += 1
        codes = _table_codes(rows[start:end])
        if used & {code for code, _parent in codes}:
            prefix = f"B{rows[start].table}"
            codes = [
                (f"{prefix}.{code}", f"{prefix}.{parent}" if parent else None)
                for code, parent in codes
            ]
        used.update(code for code, _parent in codes)
        result.extend(codes)
        start = end
    return result


def _table_codes(rows: list[RawRow]) -> list[tuple[str, str | None]]:
    codes: list[tuple[str, str | None]] = []
    letter: str | None = None
    roman: str | None = None
    section: str | None = None  # an arabic section whose rows restart at 1
    arabic: str | None = None  # the last arabic row's code: the parent of small letters
    romans_seen = False
    dashes: dict[str, int] = {}  # dash rows counted under each row
    groups = 0
    labels = [row_label(row) for row in rows]
    for index, label in enumerate(labels):
        if not label:  # a group without a code: numbered P1, P2 … in the table, like a letter
            groups += 1
            letter, roman, section, arabic = f"P{groups}", None, None, None
            codes.append((letter, None))
            continue
        if label == DASH:
            owner = codes[-1][0].split(".-")[0] if codes else ""
            dashes[owner] = dashes.get(owner, 0) + 1
            codes.append((_join(owner, f"-{dashes[owner]}"), owner or None))
            continue
        if _is_letter(label, letter, roman, romans_seen):
            letter, roman, section, arabic = label, None, None, None
            codes.append((label, None))
            continue
        if _ROMAN.match(label):
            roman, section, arabic, romans_seen = label, None, None, True
            codes.append((_join(letter, label), letter))
            continue
        base = _join(letter, roman)
        if _SMALL_LETTER.match(label):
            owner = arabic or base
            codes.append((_join(owner, label), owner or None))
            continue
        following = labels[index + 1] if index + 1 < len(labels) else ""
        if "." not in label and following == "1" and blank_units(rows[index]):
            section = label
            qualified = label
        else:
            qualified = f"{section}.{label}" if section else label
        code = _join(base, qualified)
        parent = _join(base, qualified.rsplit(".", 1)[0]) if "." in qualified else base or None
        arabic = code
        codes.append((code, parent))
    return codes


def _is_letter(label: str, letter: str | None, roman: str | None, romans_seen: bool) -> bool:
    """A capital letter section ("A", "B" …); "C", "I", "V", "X", "L" are letters only where the
    letters' order expects them and the Roman numerals' order does not."""
    if not _LETTER.match(label):
        return False
    if not _ROMAN.match(label):
        return True
    expected_letter = chr(ord(letter) + 1) if letter and len(letter) == 1 else "A"
    if label != expected_letter:
        return False
    if not romans_seen:
        return True
    return _roman_value(label) != (_roman_value(roman) if roman else 0) + 1


def _roman_value(numeral: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for index, char in enumerate(numeral):
        value = values[char]
        following = values[numeral[index + 1]] if index + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total


def _join(*parts: str | None) -> str:
    return ".".join(part for part in parts if part)


def find_columns(rows: list[tuple[int, list[RawCell]]]) -> tuple[Columns, int] | None:
    """The columns from the header (one or two rows) among the first rows, and how many rows
    the header and what stands above it take; None when this is not a task table."""
    for position, (_number, cells) in enumerate(rows[:HEADER_ROWS]):
        names = [_name(cell.text) for cell in cells]
        columns = _columns_of(names)
        if columns is None:
            continue
        columns.above = position
        if position + 1 < len(rows):
            second = [_name(cell.text) for cell in rows[position + 1][1]]
            both = _two_row_header(names, second)
            if both is not None:
                both.above = position
                return both, position + 2
        if "lead" in columns.index or "units" in columns.index:
            return columns, position + 1
    return None


def _name(text: str) -> str:
    return " ".join(text.replace(NBSP, " ").split())


def _columns_of(names: list[str]) -> Columns | None:
    """Columns from one header row: a code column, a title column, and lead or units."""
    found: dict[str, int] = {}
    for index, name in enumerate(names):
        for key, pattern in _HEADERS:
            if pattern.search(name):
                if key != "skip" and key not in found:
                    found[key] = index
                break
    if "code" not in found or "title" not in found:
        return None
    return Columns(index=found, width=len(names))


def _two_row_header(first: list[str], second: list[str]) -> Columns | None:
    """A merged "Đơn vị thực hiện" over "Chủ trì | Phối hợp": the two rows read as one."""
    if not any(re.search("chủ trì", name, re.IGNORECASE) for name in second):
        return None
    if any(_CODE.match(name) for name in second[:1] if name):
        return None
    if len(first) < len(second):
        # The text export writes a spanning cell once: widen the units cell to fill the row.
        units = next(
            (i for i, name in enumerate(first) if re.search("đơn vị|cơ quan", name, re.I)), None
        )
        if units is None:
            return None
        extra = len(second) - len(first)
        first = [*first[: units + 1], *[""] * extra, *first[units + 1 :]]
    combined = [
        f"{one} {two}".strip()
        for one, two in zip(first, [*second, *[""] * (len(first) - len(second))], strict=False)
    ]
    columns = _columns_of(combined)
    if columns is None or "lead" not in columns.index:
        return None
    columns.width = max(len(first), len(second))
    return columns


def _continues(rows: list[tuple[int, list[RawCell]]], columns: Columns) -> bool:
    """A table without a header continues the one before: as many columns, and its first row
    begins with a code (or, the rest of a row cut by the page break, its second row does)."""
    code = columns.index["code"]
    for position, (_number, cells) in enumerate(rows[:2]):
        if len(cells) != columns.width:
            return False
        text = cells[code].text.strip() if code < len(cells) else ""
        if _CODE.match(text) or _spanning(cells) is not None:
            return True
        if position > 0 or text:
            return False
    return False


def _task_rows(rows: list[tuple[int, list[RawCell]]], columns: Columns) -> list[RawRow]:
    """Rows with a code (a header repeated on a new page has none), section rows spanning the
    table, dash rows naming their units; not the row that numbers the columns."""
    found: list[RawRow] = []
    for number, cells in rows:
        if _column_numbers([_name(cell.text) for cell in cells]):
            continue
        spanning = _spanning(cells) or _group(cells)
        if spanning is not None:
            label, title = spanning
            blank = [RawCell(""), RawCell(""), RawCell("")]
            found.append(RawRow(line=number, cells=[RawCell(label), RawCell(title), *blank]))
            continue
        standard, used = _read_row(cells, columns)
        code = standard[0].text.strip()
        extra = [c for i, c in enumerate(cells) if i not in used and c.text.strip()]
        if _CODE.match(code):
            standard[0] = RawCell(code.rstrip(".)"))
            found.append(RawRow(line=number, cells=[*standard, *extra]))
        elif not code and (dash := _dash_task(standard)) is not None:
            found.append(
                RawRow(line=number, cells=[RawCell(DASH), RawCell(dash), *standard[2:], *extra])
            )
    # A group without a code is one only when a row with a code comes under it (not a note).
    return [
        row
        for index, row in enumerate(found)
        if row.cells[0].text
        or (index + 1 < len(found) and row_label(found[index + 1]) not in ("", DASH))
    ]


def _group(cells: list[RawCell]) -> tuple[str, str] | None:
    """A row of one cell spanning the table without a code ("Nhiệm vụ trọng tâm"): a group of
    the rows below it, ("", its title); or None."""
    if not cells or any(cell.merged or cell.text.replace(NBSP, " ").strip() for cell in cells[1:]):
        return None
    title = " ".join(cells[0].text.replace(NBSP, " ").split())
    if len(title.split()) < 2 or title.startswith(("(", "*", "-", "+")):
        return None
    return "", title


def _dash_task(standard: list[RawCell]) -> str | None:
    """A row without a code whose title is a "- …" line naming its own units (or continuing
    merged ones): a task under the row above. Its title without the dash, or None."""
    match = _DASH_TITLE.match(standard[1].text)
    lead, partners = standard[2], standard[3]
    names = any(c.text.strip() and not is_no_unit(c.text) for c in (lead, partners))
    if match is None or not (names or lead.merged or partners.merged):
        return None
    return match.group(1)


def _column_numbers(names: list[str]) -> bool:
    """A row numbering the columns: "1 2 3 4 5" or "(1) (2) (3)"."""
    numbers = [name.strip("()") for name in names if name]
    return (
        len(numbers) >= 3
        and all(_COLUMN_NUMBER.match(name) for name in names if name)
        and [int(n) for n in numbers]
        == list(range(int(numbers[0]), int(numbers[0]) + len(numbers)))
    )


def _spanning(cells: list[RawCell]) -> tuple[str, str] | None:
    """A section row written in one cell spanning the table: (code, title), or None."""
    if not cells or any(cell.merged or cell.text.replace(NBSP, " ").strip() for cell in cells[1:]):
        return None
    text = cells[0].text.replace(NBSP, " ").strip()
    match = _SPANNING.match(text)
    if match is None or _CODE.match(text):
        return None
    return match.group("label"), " ".join(match.group("title").split())


def _standard(cells: list[RawCell], columns: Columns) -> list[RawCell]:
    """The five standard columns: code, title, lead, partners, timeframe."""
    return _read_row(cells, columns)[0]


def _read_row(cells: list[RawCell], columns: Columns) -> tuple[list[RawCell], set[int]]:
    """The five standard columns, and which of the row's cells they were read from."""
    used: set[int] = set()

    def cell(key: str) -> RawCell:
        index = columns.index.get(key)
        if index is None or index >= len(cells):
            return RawCell("")
        # Under the header's column stands part of a wider cell starting to its left (the
        # rows' column borders differ): that cell, unless it is another column's own.
        while index > 0 and cells[index].covered:
            index -= 1
        if index != columns.index[key] and index in columns.index.values():
            return RawCell("")
        used.add(index)
        return cells[index]

    if "lead" in columns.index:
        lead, partners = _unbulleted(cell("lead")), _unbulleted(cell("partners"))
    else:
        packed = cell("units")
        match = _PACKED.match(packed.text)
        if packed.merged or match is None:
            lead = _unbulleted(packed)
            partners = RawCell("", merged=packed.merged)
        else:
            lead = _unbulleted(RawCell(match.group("lead") or ""))
            partners = _unbulleted(RawCell(match.group("partners") or ""))
    return [cell("code"), cell("title"), lead, partners, cell("time")], used


def _unbulleted(cell: RawCell) -> RawCell:
    """A units cell listing its names as "- Sở A" lines: the names without their bullets."""
    text = _BULLET.sub("", cell.text)
    return cell if text == cell.text else RawCell(text, merged=cell.merged)
