"""Codes and hierarchy of task rows (parse._tasks), whatever labels a province's table uses."""

from __future__ import annotations

from ttdn.plans.importers.names import KnownNames
from ttdn.plans.importers.parse import interpret
from ttdn.plans.importers.raw import RawCell, RawDocument, RawRow
from ttdn.plans.importers.shape import ParsedPlan

MERGED = "<merged>"


def plan(*rows: tuple[str, ...] | tuple[int, tuple[str, ...]]) -> ParsedPlan:
    """Interpret standard rows (code, title, lead, partners, time); (n, row) puts it in table n."""
    raw = RawDocument()
    for line, row in enumerate(rows, start=1):
        number, cells = row if isinstance(row[0], int) else (1, row)
        raw.rows.append(
            RawRow(
                line=line,
                cells=[RawCell("", merged=True) if c == MERGED else RawCell(c) for c in cells],  # type: ignore[union-attr]
                table=number,  # type: ignore[arg-type]
            )
        )
    return interpret(raw, KnownNames([]))


def codes(parsed: ParsedPlan) -> list[tuple[str, str | None]]:
    return [(task.code, task.parent) for task in parsed.tasks]


def section(label: str, title: str) -> tuple[str, ...]:
    return (label, title, "", "", "")


def task(label: str, title: str, lead: str = "Sở Ngoại vụ") -> tuple[str, ...]:
    return (label, title, lead, "", "Năm 2023")


def test_lettered_sections_with_rows_restarting_at_one() -> None:
    parsed = plan(
        section("A", "CÔNG TÁC TUYÊN TRUYỀN"),
        task("1", "Tọa đàm"),
        task("2", "Phóng sự"),
        section("B", "HỢP TÁC QUỐC TẾ"),
        task("1", "Đoàn ra"),
        task("2", "Đoàn vào"),
        section("C", "KIỂM TRA"),
        task("1", "Kiểm tra"),
        task("2", "Sơ kết"),
    )
    assert codes(parsed) == [
        ("A", None),
        ("A.1", "A"),
        ("A.2", "A"),
        ("B", None),
        ("B.1", "B"),
        ("B.2", "B"),
        ("C", None),
        ("C.1", "C"),
        ("C.2", "C"),
    ]
    assert [task.is_heading for task in parsed.tasks[:2]] == [True, False]
    assert parsed.warnings == []


def test_letters_over_roman_numerals_over_numbers() -> None:
    parsed = plan(
        section("A", "THÔNG TIN ĐỐI NGOẠI"),
        section("I", "Tuyên truyền"),
        task("1", "Tờ gấp"),
        task("1.1", "In ấn"),
        task("a", "Bản tiếng Anh"),
        task("b", "Bản tiếng Trung"),
        section("II", "Báo chí"),
        task("1", "Họp báo"),
        section("B", "HỢP TÁC"),
        section("I", "Đoàn ra"),
        task("1", "Sang Vân Nam"),
        section("II", "Đoàn vào"),
        section("C", "KIỂM TRA"),  # a letter here, not the Roman hundred
        task("1", "Kiểm tra"),
    )
    assert codes(parsed) == [
        ("A", None),
        ("A.I", "A"),
        ("A.I.1", "A.I"),
        ("A.I.1.1", "A.I.1"),
        ("A.I.1.1.a", "A.I.1.1"),
        ("A.I.1.1.b", "A.I.1.1"),
        ("A.II", "A"),
        ("A.II.1", "A.II"),
        ("B", None),
        ("B.I", "B"),
        ("B.I.1", "B.I"),
        ("B.II", "B"),
        ("C", None),
        ("C.1", "C"),
    ]
    assert not [w for w in parsed.warnings if w.code == "duplicate_code"]


def test_roman_only_table_keeps_its_codes() -> None:
    parsed = plan(
        section("I", "Tuyên truyền"),
        task("1", "Tờ gấp"),
        task("1.1", "In"),
        section("II", "Hợp tác"),
        task("1", "Đoàn ra"),
        section("III", "a"),
        section("IV", "b"),
        section("V", "c"),  # V after IV is Roman, though V is also a letter
    )
    assert codes(parsed) == [
        ("I", None),
        ("I.1", "I"),
        ("I.1.1", "I.1"),
        ("II", None),
        ("II.1", "II"),
        ("III", None),
        ("IV", None),
        ("V", None),
    ]


def test_arabic_section_rows() -> None:
    dotted = plan(
        section("1", "TUYÊN TRUYỀN"),
        task("1.1", "Tờ gấp"),
        section("2", "HỢP TÁC"),
        task("2.1", "Đoàn ra"),
    )
    assert codes(dotted) == [("1", None), ("1.1", "1"), ("2", None), ("2.1", "2")]
    restarting = plan(
        section("1", "TUYÊN TRUYỀN"),
        task("1", "Tờ gấp"),
        task("2", "Phóng sự"),
        section("2", "HỢP TÁC"),
        task("1", "Đoàn ra"),
        task("1.1", "Sang Lào"),
    )
    assert codes(restarting) == [
        ("1", None),
        ("1.1", "1"),
        ("1.2", "1"),
        ("2", None),
        ("2.1", "2"),
        ("2.1.1", "2.1"),
    ]
    assert [t.label for t in restarting.tasks] == ["1", "1", "2", "2", "1", "1.1"]
    assert restarting.warnings == []


def test_two_tables_restarting_their_numbering_stay_unique() -> None:
    parsed = plan(
        (1, section("I", "Tuyên truyền")),
        (1, task("1", "Tờ gấp")),
        (2, section("I", "Đoàn ra")),
        (2, task("1", "Sang Lào")),
        (3, section("III", "Kiểm tra")),
    )
    assert codes(parsed) == [
        ("I", None),
        ("I.1", "I"),
        ("B2.I", None),
        ("B2.I.1", "B2.I"),
        ("III", None),
    ]
    assert not [w for w in parsed.warnings if w.code == "duplicate_code"]


def test_a_merged_cell_does_not_reach_into_another_table() -> None:
    parsed = plan(
        (1, ("1", "Tờ gấp", "Sở Ngoại vụ", "Công an tỉnh", "Quý I")),
        (2, ("2", "Sách ảnh", MERGED, MERGED, MERGED)),
    )
    assert (parsed.tasks[1].lead, parsed.tasks[1].partners) == ([], [])


def test_dash_cells_mean_no_unit_unlike_merged_cells() -> None:
    parsed = plan(
        ("1", "Tọa đàm", "Sở Ngoại vụ", "—", "–"),
        ("2", "Phóng sự", "Đài Phát thanh - Truyền hình tỉnh", "x", "Quý II"),
        ("3", "Sách ảnh", MERGED, MERGED, MERGED),  # continues row 2: its units, "x" and all
        ("4", "Tờ gấp", "-", "/", "Quý III"),
    )
    rows = [(t.lead, t.partners, t.timeframe.raw, t.is_heading) for t in parsed.tasks]
    assert rows == [
        (["Sở Ngoại vụ"], [], "", False),
        (["Đài Phát thanh - Truyền hình tỉnh"], [], "Quý II", False),
        (["Đài Phát thanh - Truyền hình tỉnh"], [], "Quý II", False),
        ([], [], "Quý III", False),
    ]
    assert [w.params["label"] for w in parsed.warnings if w.code == "no_lead"] == ["4"]


def test_a_real_duplicate_is_still_reported() -> None:
    parsed = plan(section("A", "Tuyên truyền"), task("1", "Tờ gấp"), task("1", "Sách ảnh"))
    assert [w.code for w in parsed.warnings] == ["duplicate_code"]
