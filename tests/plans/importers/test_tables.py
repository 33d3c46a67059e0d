"""Task tables of any shape, as any reader hands them over: rows of raw cells, header included."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ttdn.plans.importers.names import KnownNames
from ttdn.plans.importers.parse import interpret, parse_plan
from ttdn.plans.importers.raw import RawCell, RawDocument
from ttdn.plans.importers.tables import TaskTables, find_columns, is_no_unit, task_table

Rows = list[tuple[int, list[RawCell]]]


def table(*rows: list[str], merged: str = "<merged>") -> Rows:
    """Rows of cells; a cell written ``merged`` continues the cell above (a vertical merge)."""
    return [
        (number, [RawCell("", merged=True) if text == merged else RawCell(text) for text in row])
        for number, row in enumerate(rows, start=1)
    ]


def standard(rows: Rows) -> list[list[str]]:
    """The five standard cells of each task row."""
    found = task_table(rows)
    assert found is not None
    return [[cell.text for cell in row.cells[:5]] for row in found]


def test_columns_in_any_order_with_extra_columns() -> None:
    rows = table(
        [
            "Nội dung công việc",
            "STT",
            "Kinh phí (triệu đồng)",
            "Thời hạn",
            "Phối hợp",
            "Sản phẩm đầu ra",
            "Chủ trì",
            "Ghi chú",
            "Cơ sở pháp lý",
        ],
        [
            "Tổ chức đoàn công tác sang tỉnh Vân Nam",
            "1",
            "350",
            "Quý III",
            "Công an tỉnh",
            "Biên bản ghi nhớ",
            "Sở Ngoại vụ",
            "Theo lời mời",
            "Thỏa thuận 2019",
        ],
    )
    assert standard(rows) == [
        ["1", "Tổ chức đoàn công tác sang tỉnh Vân Nam", "Sở Ngoại vụ", "Công an tỉnh", "Quý III"]
    ]
    found = task_table(rows)
    assert found is not None
    other = [cell.text for cell in found[0].cells[5:]]
    assert other == ["350", "Biên bản ghi nhớ", "Theo lời mời", "Thỏa thuận 2019"]


@pytest.mark.parametrize(
    "header",
    [
        ["TT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"],
        ["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện"],
        ["Số TT", "Tên nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian hoàn thành"],
        ["Số thứ tự", "Nội dung hoạt động", "Chủ trì", "Phối hợp", "Tiến độ"],
        ["stt", "Hoạt động", "chủ trì", "phối hợp", "thời hạn"],
        ["SỐ TT", "NỘI DUNG CÔNG VIỆC", "CƠ QUAN CHỦ TRÌ", "CƠ QUAN PHỐI HỢP", "THỜI GIAN"],
        ["TT.", "Nội dung", "Cơ quan, đơn vị\nchủ trì", "Cơ quan, đơn vị\nphối hợp", "Thời gian"],
    ],
)
def test_header_synonyms_and_case(header: list[str]) -> None:
    rows = table(
        header, ["2", "Cập nhật trang tin đối ngoại", "Sở Ngoại vụ", "Sở Tư pháp", "Năm 2021"]
    )
    assert standard(rows) == [
        ["2", "Cập nhật trang tin đối ngoại", "Sở Ngoại vụ", "Sở Tư pháp", "Năm 2021"]
    ]


def test_one_units_column_packed_or_all_lead() -> None:
    rows = table(
        ["TT", "Nội dung", "Cơ quan thực hiện", "Thời gian"],
        ["1", "Biên soạn tài liệu", "- Chủ trì: Sở Ngoại vụ\n- Phối hợp: Sở Tư pháp", "Quý I"],
        [
            "2",
            "Hội nghị",
            "Cơ quan chủ trì: Công an tỉnh; cơ quan phối hợp: Bộ đội Biên phòng",
            "Tháng 6",
        ],
        ["3", "Thông tin về biên giới", "Sở Ngoại vụ, Bộ Chỉ huy Quân sự tỉnh", "Năm 2021"],
        [
            "4",
            "Hội thảo",
            "Chủ trì: Sở Ngoại vụ\nPhối hợp:\n- Sở Tư pháp;\n- Công an tỉnh",
            "Quý IV",
        ],
    )
    found = task_table(rows)
    assert found is not None
    assert [len(row.cells) for row in found] == [5, 5, 5, 5]  # the packed cell is not "other"
    assert standard(rows) == [
        ["1", "Biên soạn tài liệu", "Sở Ngoại vụ", "Sở Tư pháp", "Quý I"],
        ["2", "Hội nghị", "Công an tỉnh", "Bộ đội Biên phòng", "Tháng 6"],
        ["3", "Thông tin về biên giới", "Sở Ngoại vụ, Bộ Chỉ huy Quân sự tỉnh", "", "Năm 2021"],
        ["4", "Hội thảo", "Sở Ngoại vụ", "Sở Tư pháp;\nCông an tỉnh", "Quý IV"],
    ]


def test_two_row_header_of_the_same_width() -> None:
    """As a PDF or Word table gives it: the spanning cell followed by an empty one."""
    rows = table(
        ["TT", "Nội dung", "Đơn vị thực hiện", "", "Thời gian"],
        ["<merged>", "<merged>", "Chủ trì", "Phối hợp", "<merged>"],
        ["1", "Xuất bản sách ảnh", "Sở Văn hóa và Thể thao", "Sở Ngoại vụ", "Quý IV"],
    )
    assert standard(rows) == [
        ["1", "Xuất bản sách ảnh", "Sở Văn hóa và Thể thao", "Sở Ngoại vụ", "Quý IV"]
    ]


def test_two_row_header_with_the_spanning_cell_written_once() -> None:
    """As the text export gives it: the first row has one cell fewer."""
    rows = table(
        ["TT", "Nội dung", "Đơn vị thực hiện", "Thời gian"],
        ["", "", "Chủ trì", "Phối hợp", ""],
        ["1", "Xuất bản sách ảnh", "Sở Văn hóa và Thể thao", "Sở Ngoại vụ", "Quý IV"],
    )
    assert standard(rows) == [
        ["1", "Xuất bản sách ảnh", "Sở Văn hóa và Thể thao", "Sở Ngoại vụ", "Quý IV"]
    ]


def test_repeated_header_and_column_numbers_are_skipped() -> None:
    header = ["TT", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian"]
    rows = table(
        ["Biểu 01"],
        header,
        ["1", "2", "3", "4", "5"],
        ["1", "Tọa đàm với kiều bào", "Sở Ngoại vụ", "", "Tháng 1"],
        header,
        ["(1)", "(2)", "(3)", "(4)", "(5)"],
        ["2", "Phát hành bản tin", "Báo Lào Cai", "", "Hằng tháng"],
    )
    assert [row[0] for row in standard(rows)] == ["1", "2"]


def test_section_rows_spanning_the_table_are_split() -> None:
    rows = table(
        ["TT", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian"],
        ["A. CÔNG TÁC TUYÊN TRUYỀN", "", "", "", ""],
        [
            "1",
            "Tuyên truyền về chủ quyền biển, đảo",
            "Sở Thông tin và Truyền thông",
            "",
            "Năm 2022",
        ],
        ["II. Hoạt động thông tin đối ngoại"],
        ["Phần B: HỢP TÁC", "", "", "", ""],
        ["C - CÔNG TÁC KIỂM TRA", "", "", "", ""],
        ["3. Công tác khác", "", "", "<merged>", ""],  # a merged cell: not a row of one cell
        ["2021-2025: định hướng", "", "", "", ""],  # no label: not a section row
    )
    assert standard(rows) == [
        ["A", "CÔNG TÁC TUYÊN TRUYỀN", "", "", ""],
        [
            "1",
            "Tuyên truyền về chủ quyền biển, đảo",
            "Sở Thông tin và Truyền thông",
            "",
            "Năm 2022",
        ],
        ["II", "Hoạt động thông tin đối ngoại", "", "", ""],
        ["B", "HỢP TÁC", "", "", ""],
        ["C", "CÔNG TÁC KIỂM TRA", "", "", ""],
    ]


def test_codes_lose_their_trailing_dot_or_bracket() -> None:
    rows = table(
        ["TT", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian"],
        ["A.", "Tuyên truyền", "", "", ""],
        ["1.", "Tờ gấp", "Sở Ngoại vụ", "", "Quý I"],
        ["a)", "In ấn", "Sở Ngoại vụ", "", "Quý I"],
        ["1.1.", "Phát hành", "Sở Ngoại vụ", "", "Quý II"],
    )
    assert [row[0] for row in standard(rows)] == ["A", "1", "a", "1.1"]


def test_a_table_that_is_not_a_task_table() -> None:
    header_block = table(
        [
            "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
        ],
        ["Số: 88/KH-UBND", "Lào Cai, ngày 20 tháng 3 năm 2020"],
    )
    assert task_table(header_block) is None
    budget = table(["TT", "Nội dung", "Kinh phí"], ["1", "Đoàn ra", "200"])
    assert task_table(budget) is None
    assert find_columns([]) is None


def test_no_unit_cells() -> None:
    assert all(is_no_unit(text) for text in ("—", "–", "-", "x", "/", " - ", "\u00a0—"))
    assert not any(is_no_unit(text) for text in ("", "Sở Ngoại vụ", "\u00a0"))


HEADER = ["TT", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian"]


def test_a_table_continues_after_a_page_break_without_its_header() -> None:
    tables = TaskTables()
    assert tables.read(
        table(
            HEADER, ["I", "Tuyên truyền", "", "", ""], ["1", "Tờ gấp", "Sở Ngoại vụ", "", "Quý I"]
        )
    )
    assert tables.read(table(["2", "Phóng sự", "Đài PT-TH tỉnh", "", "Quý II"]), follows=True)
    assert tables.read(table(HEADER, ["3", "Sách ảnh", "Sở Ngoại vụ", "", "Quý III"]), follows=True)
    assert [(row.cells[0].text, row.table) for row in tables.rows] == [
        ("I", 1),
        ("1", 1),
        ("2", 1),
        ("3", 1),
    ]


def test_a_headerless_table_that_does_not_continue() -> None:
    tables = TaskTables()
    assert tables.read(table(HEADER, ["1", "Tờ gấp", "Sở Ngoại vụ", "", "Quý I"]))
    # Not right after the task table, or not as many columns: not a continuation.
    assert not tables.read(table(["2", "Phóng sự", "Đài PT-TH tỉnh", "", "Quý II"]))
    assert not tables.read(table(["2", "Phóng sự", "Quý II"]), follows=True)
    assert len(tables.rows) == 1


def test_a_second_table_that_restarts_its_numbering_is_a_new_table() -> None:
    tables = TaskTables()
    assert tables.read(
        table(
            HEADER, ["I", "Tuyên truyền", "", "", ""], ["1", "Tờ gấp", "Sở Ngoại vụ", "", "Quý I"]
        )
    )
    assert tables.read(
        table(HEADER, ["I", "Hợp tác", "", "", ""], ["1", "Đón đoàn", "Sở Ngoại vụ", "", "Quý I"]),
        follows=True,
    )
    assert [row.table for row in tables.rows] == [1, 1, 2, 2]
    assert tables.count == 2


def test_a_row_cut_by_a_page_break_joins_the_row_above() -> None:
    """A PDF page ends inside row 1: the next page's table begins with the rest, no code."""
    tables = TaskTables()
    assert tables.read(table(HEADER, ["1", "Tổ chức hội nghị", "Sở Ngoại vụ", "Sở Công", ""]))
    rest = table(
        ["", "với các tổng lãnh sự quán", "", "Thương", "Quý II"],
        ["2", "Tờ gấp", "Sở Ngoại vụ", "", "Quý I"],
    )
    assert tables.read(rest, follows=True)
    assert [[cell.text for cell in row.cells] for row in tables.rows] == [
        [
            "1",
            "Tổ chức hội nghị\nvới các tổng lãnh sự quán",
            "Sở Ngoại vụ",
            "Sở Công\nThương",
            "Quý II",
        ],
        ["2", "Tờ gấp", "Sở Ngoại vụ", "", "Quý I"],
    ]


def test_a_title_inside_the_table_above_its_header_is_left_for_the_reader() -> None:
    tables = TaskTables()
    rows = table(
        ["PHỤ LỤC II", "", "", ""],
        ["STT", "Nội dung", "Phân công thực hiện", "Thời gian"],
        ["1", "Tờ gấp", "Sở Ngoại vụ", "Quý I"],
    )
    assert tables.read(rows)
    assert [cells[0].text for _line, cells in tables.above] == ["PHỤ LỤC II"]
    assert [cell.text for cell in tables.rows[0].cells] == [
        "1",
        "Tờ gấp",
        "Sở Ngoại vụ",
        "",
        "Quý I",
    ]


# Any well-formed table, in any column order, with or without letters and Roman numerals, gives
# the codes its labels mean and no duplicate: generated tables checked against codes built here.

COLUMNS = {
    "code": "STT",
    "title": "Nội dung công việc",
    "lead": "Cơ quan chủ trì",
    "partners": "Cơ quan phối hợp",
    "time": "Thời gian hoàn thành",
    "cost": "Kinh phí",
    "note": "Ghi chú",
}
LETTERS = "ABCDEFGHI"
ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


@st.composite
def shaped_table(draw: st.DrawFn) -> tuple[list[str], list[dict[str, str]], list[str]]:
    order = draw(st.permutations(list(COLUMNS)))
    letters = draw(st.integers(min_value=0, max_value=len(LETTERS)))
    romans = draw(st.integers(min_value=0, max_value=4))
    spanning = draw(st.booleans())
    rows: list[dict[str, str]] = []
    codes: list[str] = []

    def section(label: str, code: str) -> None:
        rows.append(
            {"span": f"{label}. PHẦN {code}"} if spanning else {"code": label, "title": code}
        )
        codes.append(code)

    def tasks(prefix: str) -> None:
        for number in range(1, draw(st.integers(min_value=0, max_value=3)) + 1):
            rows.append(
                {
                    "code": str(number),
                    "title": f"Việc {prefix}{number}",
                    "lead": "Sở Ngoại vụ",
                    "partners": draw(st.sampled_from(["—", "-", "x", "Công an tỉnh"])),
                    "time": "Quý I",
                }
            )
            codes.append(f"{prefix}{number}")

    def under(prefix: str) -> None:
        if romans:
            for roman in ROMANS[:romans]:
                section(roman, f"{prefix}{roman}")
                tasks(f"{prefix}{roman}.")
        else:
            tasks(prefix)

    if letters:
        for letter in LETTERS[:letters]:
            section(letter, letter)
            under(f"{letter}.")
    else:
        under("")
    return order, rows, codes


@settings(max_examples=80, deadline=2000)
@given(shaped_table())
def test_any_column_order_and_section_labels_give_unique_codes(
    shaped: tuple[list[str], list[dict[str, str]], list[str]],
) -> None:
    order, rows, codes = shaped
    raw_rows = [[COLUMNS[key] for key in order]]
    for row in rows:
        if "span" in row:
            raw_rows.append([row["span"], *[""] * (len(order) - 1)])
        else:
            blank = "\u00a0" if "lead" not in row else ""
            raw_rows.append([row.get(key, blank) for key in order])
    found = task_table(table(*raw_rows))
    assert found is not None
    parsed = interpret(RawDocument(rows=found), KnownNames([]))
    assert [task.code for task in parsed.tasks] == codes
    assert not [w for w in parsed.warnings if w.code == "duplicate_code"]
    assert all(task.partners in ([], ["Công an tỉnh"]) for task in parsed.tasks)
    # The same table in the text export, in a plan's body: the same tasks.
    lines = ["KẾ HOẠCH", "II. NHIỆM VỤ"]
    for cells in raw_rows:
        spans = len(cells) > 1 and not any(cells[1:])
        lines.extend(f"\t{cell}" for cell in (cells[:1] if spans else cells))
        lines.append("")
    lines.append("III. KINH PHÍ")
    exported = parse_plan("\n".join(lines).encode())
    assert [task.code for task in exported.tasks] == codes
    assert exported.sections == ["II. NHIỆM VỤ", "III. KINH PHÍ"]


def test_a_cell_covered_by_a_wider_one_reads_the_wider_one_unless_another_column_owns_it() -> None:
    def covered() -> RawCell:
        return RawCell("", covered=True)

    rows: Rows = [
        (
            1,
            [
                RawCell("TT"),
                RawCell("Nội dung"),
                covered(),
                RawCell("Chủ trì"),
                RawCell("Phối hợp"),
            ],
        ),
        (2, [RawCell("1"), RawCell("Tờ gấp"), RawCell("Sở Ngoại vụ"), covered(), RawCell("—")]),
        # the title spans into the lead and partners columns: they are blank, not the title
        (3, [RawCell("II"), RawCell("Hợp tác quốc tế"), covered(), covered(), covered()]),
    ]
    assert standard(rows) == [
        ["1", "Tờ gấp", "Sở Ngoại vụ", "—", ""],
        ["II", "Hợp tác quốc tế", "", "", ""],
    ]


def test_dash_rows_naming_their_units_are_tasks_under_the_row_above() -> None:
    rows = table(
        ["TT", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian"],
        ["I", "Hội nghị, hội thảo", "", "", ""],
        ["1", "Hội nghị gặp mặt doanh nghiệp", "Sở Ngoại vụ", "", "Quý I"],
        ["", "- Tại thành phố Hồ Chí Minh", "Sở Ngoại vụ", "Sở Công Thương", "Quý II"],
        ["", "- Bằng hình thức trực tuyến và trực tiếp", "", "", ""],  # a description: not a task
        ["", "+ Tại tỉnh", "<merged>", "<merged>", "<merged>"],
        ["2", "Hội thảo", "Sở Tư pháp", "", "Quý III"],
        ["", "- Tại Hà Nội", "Sở Tư pháp", "—", "Quý IV"],
    )
    assert standard(rows)[2:4] == [
        ["-", "Tại thành phố Hồ Chí Minh", "Sở Ngoại vụ", "Sở Công Thương", "Quý II"],
        ["-", "Tại tỉnh", "", "", ""],
    ]
    found = task_table(rows)
    assert found is not None
    parsed = interpret(RawDocument(rows=found), KnownNames([]))
    got = [(t.code, t.parent, t.label, t.lead, t.partners, t.timeframe.raw) for t in parsed.tasks]
    assert got == [
        ("I", None, "I", [], [], ""),
        ("I.1", "I", "1", ["Sở Ngoại vụ"], [], "Quý I"),
        ("I.1.-1", "I.1", "-", ["Sở Ngoại vụ"], ["Sở Công Thương"], "Quý II"),
        ("I.1.-2", "I.1", "-", ["Sở Ngoại vụ"], ["Sở Công Thương"], "Quý II"),
        ("I.2", "I", "2", ["Sở Tư pháp"], [], "Quý III"),
        ("I.2.-1", "I.2", "-", ["Sở Tư pháp"], [], "Quý IV"),
    ]
    assert parsed.warnings == []


def test_a_later_table_with_the_same_columns_continues_unless_its_codes_repeat() -> None:
    tables = TaskTables()
    assert tables.read(
        table(
            HEADER, ["I", "Tuyên truyền", "", "", ""], ["1", "Tờ gấp", "Sở Ngoại vụ", "", "Quý I"]
        )
    )
    # After a page of text, the same columns again, numbering going on: the same table.
    assert tables.read(table(HEADER, ["2", "Sách ảnh", "Sở Ngoại vụ", "", "Quý II"]))
    assert tables.read(table(HEADER, ["II", "Hợp tác", "", "", ""]))
    # Its codes would repeat "II", "II.1": a table of its own, even right after the other.
    assert tables.read(
        table(HEADER, ["1", "Đoàn ra", "Sở Ngoại vụ", "", ""], ["II", "Đoàn vào", "", "", ""]),
        follows=True,
    )
    assert [row.table for row in tables.rows] == [1, 1, 1, 1, 2, 2]
    parsed = interpret(RawDocument(rows=tables.rows), KnownNames([]))
    assert [t.code for t in parsed.tasks] == ["I", "I.1", "I.2", "II", "B2.1", "B2.II"]


def test_groups_without_a_code_spanning_the_table() -> None:
    rows = table(
        ["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian"],
        ["Nhiệm vụ trọng tâm", "", "", "", ""],
        ["1", "Tổ chức Hội nghị hợp tác biên giới", "Sở Ngoại vụ", "Công an tỉnh", "Quý II"],
        ["2", "Xuất bản bản tin đối ngoại", "Sở Ngoại vụ", "", "Hằng quý"],
        ["Nhiệm vụ thường xuyên", "", "", "", ""],
        ["1", "Cập nhật cổng thông tin điện tử", "Sở Thông tin và Truyền thông", "", "Năm 2024"],
        ["A", "Nhiệm vụ khác", "", "", ""],
        ["1", "Sơ kết", "Sở Ngoại vụ", "", "Tháng 12"],
        ["Ghi chú: kinh phí do ngân sách tỉnh bảo đảm", "", "", "", ""],  # nothing under it
    )
    found = task_table(rows)
    assert found is not None
    parsed = interpret(RawDocument(rows=found), KnownNames([]))
    got = [(t.code, t.parent, t.label, t.title[:21], t.is_heading) for t in parsed.tasks]
    assert got == [
        ("P1", None, "", "Nhiệm vụ trọng tâm", True),
        ("P1.1", "P1", "1", "Tổ chức Hội nghị hợp ", False),
        ("P1.2", "P1", "2", "Xuất bản bản tin đối ", False),
        ("P2", None, "", "Nhiệm vụ thường xuyên", True),
        ("P2.1", "P2", "1", "Cập nhật cổng thông t", False),
        ("A", None, "A", "Nhiệm vụ khác", True),
        ("A.1", "A", "1", "Sơ kết", False),
    ]
    assert parsed.warnings == []
