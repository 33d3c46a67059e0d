"""The text export (TAB-prefixed cells, blank-line rows): task tables of any shape, anywhere."""

from __future__ import annotations

from ttdn.plans.importers.parse import parse_plan
from ttdn.plans.importers.text_export import read_text_export

NBSP = "\u00a0"


def export(*rows: list[str]) -> str:
    """Rows in the export's form: one TAB line per cell, a blank line after each row."""
    return "".join("".join(f"\t{cell}\n" for cell in row) + "\n" for row in rows)


# A plan whose tasks are a table in its section II, not an appendix: the text after the table is
# still the body. Columns reordered, with the extra columns some provinces add.
BODY_TABLE = (
    "KẾ HOẠCH\n"
    "Thông tin đối ngoại tỉnh Lào Cai năm 2020\n"
    "I. MỤC ĐÍCH, YÊU CẦU\n"
    "Nâng cao hiệu quả công tác thông tin đối ngoại.\n"
    "II. NHIỆM VỤ CỤ THỂ\n"
    + export(
        [
            "STT",
            "Nội dung công việc",
            "Sản phẩm",
            "Cơ quan chủ trì",
            "Cơ quan phối hợp",
            "Thời gian hoàn thành",
            "Dự kiến kinh phí",
            "Ghi chú",
        ],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"],
        ["A. CÔNG TÁC TUYÊN TRUYỀN"],
        [
            "1",
            "Tuyên truyền về công tác biên giới trên báo Lào Cai",
            "Chuyên trang",
            "Báo Lào Cai",
            "—",
            "Quý II",
            "40",
            "",
        ],
        [
            "2",
            "In tờ gấp giới thiệu tỉnh bằng tiếng Trung",
            "Tờ gấp",
            "Sở Ngoại vụ",
            "",
            "",
            "25",
            "",
        ],
        ["B", "HỢP TÁC VỚI CÁC ĐỊA PHƯƠNG NƯỚC NGOÀI", NBSP, NBSP, NBSP, NBSP, NBSP, NBSP],
        [
            "1",
            "Hội đàm với tỉnh Vân Nam",
            "Biên bản",
            "Sở Ngoại vụ",
            "Công an tỉnh;\nBộ đội Biên phòng tỉnh",
            "Tháng 9",
            "",
            "",
        ],
        ["2", "Đón đoàn nhà báo nước ngoài", "", "Sở Thông tin và Truyền thông", "x", "-", "", ""],
    )
    + "III. KINH PHÍ\n"
    "Kinh phí thực hiện từ ngân sách tỉnh.\n"
    "IV. TỔ CHỨC THỰC HIỆN\n"
    "1. Sở Ngoại vụ: theo dõi, đôn đốc thực hiện Kế hoạch.\n"
)


def test_a_table_in_the_body_with_reordered_columns_and_lettered_sections() -> None:
    raw = read_text_export(BODY_TABLE)
    assert [text for _line, text in raw.paragraphs] == [
        "KẾ HOẠCH",
        "Thông tin đối ngoại tỉnh Lào Cai năm 2020",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "Nâng cao hiệu quả công tác thông tin đối ngoại.",
        "II. NHIỆM VỤ CỤ THỂ",
        "III. KINH PHÍ",
        "Kinh phí thực hiện từ ngân sách tỉnh.",
        "IV. TỔ CHỨC THỰC HIỆN",
        "1. Sở Ngoại vụ: theo dõi, đôn đốc thực hiện Kế hoạch.",
    ]
    assert raw.appendix == []
    plan = parse_plan(BODY_TABLE.encode())
    rows = [
        (t.code, t.parent, t.title[:22], t.lead, t.partners, t.timeframe.raw) for t in plan.tasks
    ]
    assert rows == [
        ("A", None, "CÔNG TÁC TUYÊN TRUYỀN", [], [], ""),
        ("A.1", "A", "Tuyên truyền về công t", ["Báo Lào Cai"], [], "Quý II"),
        # merged cells: the partners ("—": none) and the time of the row above
        ("A.2", "A", "In tờ gấp giới thiệu t", ["Sở Ngoại vụ"], [], "Quý II"),
        ("B", None, "HỢP TÁC VỚI CÁC ĐỊA PH", [], [], ""),
        (
            "B.1",
            "B",
            "Hội đàm với tỉnh Vân N",
            ["Sở Ngoại vụ"],
            ["Công an tỉnh", "Bộ đội Biên phòng tỉnh"],
            "Tháng 9",
        ),
        ("B.2", "B", "Đón đoàn nhà báo nước ", ["Sở Thông tin và Truyền thông"], [], ""),
    ]
    assert [task.is_heading for task in plan.tasks] == [True, False, False, True, False, False]
    assert plan.warnings == []
    assert plan.sections == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. NHIỆM VỤ CỤ THỂ",
        "III. KINH PHÍ",
        "IV. TỔ CHỨC THỰC HIỆN",
    ]


APPENDICES = (
    "KẾ HOẠCH\n"
    "Triển khai công tác thông tin đối ngoại năm 2023\n"
    "PHỤ LỤC I\n"
    "CÁC NHIỆM VỤ TUYÊN TRUYỀN\n"
    + export(
        ["TT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian"],
        ["I", "Tuyên truyền đối ngoại", NBSP, NBSP, NBSP],
        ["1", "Phát hành bản tin đối ngoại", "Sở Ngoại vụ", "Báo Quảng Ninh", "Hằng quý"],
    )
    + "(tiếp theo)\n"
    + export(
        ["2", "Cập nhật cổng thông tin", "Sở Thông tin và Truyền thông", "", "Thường xuyên"],
    )
    + "PHỤ LỤC II\n"
    "CÁC HOẠT ĐỘNG HỢP TÁC\n"
    + export(
        ["STT", "Hoạt động", "Chủ trì", "Phối hợp", "Tiến độ"],
        ["I", "Hợp tác quốc tế", NBSP, NBSP, NBSP],
        ["1", "Đón đoàn tỉnh Quảng Tây", "Sở Ngoại vụ", "Công an tỉnh", "Tháng 10"],
    )
    + "[1] Quyết định số 12/2020/QĐ-UBND ngày 02/3/2020 của UBND tỉnh.\n"
)


def test_several_tables_a_continued_one_and_codes_kept_unique() -> None:
    raw = read_text_export(APPENDICES)
    assert [row.table for row in raw.rows] == [1, 1, 1, 2, 2]
    assert [text for _line, text in raw.appendix] == [
        "PHỤ LỤC I",
        "CÁC NHIỆM VỤ TUYÊN TRUYỀN",
        "(tiếp theo)",
        "PHỤ LỤC II",
        "CÁC HOẠT ĐỘNG HỢP TÁC",
    ]
    assert [text for _line, text in raw.footnotes] == [
        "Quyết định số 12/2020/QĐ-UBND ngày 02/3/2020 của UBND tỉnh."
    ]
    plan = parse_plan(APPENDICES.encode())
    assert [(t.code, t.parent) for t in plan.tasks] == [
        ("I", None),
        ("I.1", "I"),
        ("I.2", "I"),
        ("B2.I", None),
        ("B2.I.1", "B2.I"),
    ]
    assert plan.tasks[2].lead == ["Sở Thông tin và Truyền thông"]
    assert not [w for w in plan.warnings if w.code == "duplicate_code"]


def test_two_row_header_and_a_header_repeated_on_the_next_page() -> None:
    text = "KẾ HOẠCH\n" + export(
        ["TT", "Nội dung", "Đơn vị thực hiện", "Thời gian"],
        ["", "", "Chủ trì", "Phối hợp", ""],
        ["1", "Tọa đàm kiều bào", "Sở Ngoại vụ", "Ban Dân vận Tỉnh ủy", "Tháng 1"],
        ["TT", "Nội dung", "Đơn vị thực hiện", "Thời gian"],
        ["", "", "Chủ trì", "Phối hợp", ""],
        ["2", "Gặp mặt đầu xuân", "Sở Ngoại vụ", "—", "Tháng 2"],
    )
    plan = parse_plan(text.encode())
    assert [(t.code, t.lead, t.partners, t.timeframe.raw) for t in plan.tasks] == [
        ("1", ["Sở Ngoại vụ"], ["Ban Dân vận Tỉnh ủy"], "Tháng 1"),
        ("2", ["Sở Ngoại vụ"], [], "Tháng 2"),
    ]


def test_tab_lines_that_are_not_a_task_table_stay_paragraphs() -> None:
    text = (
        "\tỦY BAN NHÂN DÂN\n\tTỈNH HÀ GIANG\n\n"
        "KẾ HOẠCH\n"
        "\tTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\n"
        "PHỤ LỤC\n"
        + export(
            ["TT", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian"],
            ["1", "Tờ gấp", "Sở Ngoại vụ", "", "Quý I"],
        )
    )
    raw = read_text_export(text)
    assert [text for _line, text in raw.paragraphs] == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH HÀ GIANG",
        "KẾ HOẠCH",
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
    ]
    assert [row.cells[0].text for row in raw.rows] == ["1"]


def test_a_legal_basis_column_is_not_a_task_field_but_its_citations_are_read() -> None:
    text = "KẾ HOẠCH\n" + export(
        ["TT", "Nội dung", "Cơ sở pháp lý", "Chủ trì", "Phối hợp", "Thời gian"],
        [
            "1",
            "Tuyên truyền về người Việt Nam ở nước ngoài",
            "Chỉ thị số 45-CT/TW ngày 19/5/2015 của Bộ Chính trị",
            "Sở Ngoại vụ",
            "—",
            "Năm 2024",
        ],
    )
    plan = parse_plan(text.encode())
    assert plan.tasks[0].title == "Tuyên truyền về người Việt Nam ở nước ngoài"
    assert plan.tasks[0].lead == ["Sở Ngoại vụ"]
    assert [c.number_symbol for c in plan.citations] == ["45-CT/TW"]


def test_a_table_pasted_one_row_a_line() -> None:
    """Copied from a spreadsheet or a Word table into a text file: cells separated by TABs."""
    text = (
        "KẾ HOẠCH\n"
        "Công tác thông tin đối ngoại năm 2022\n"
        "II. NHIỆM VỤ\n"
        "STT\tNội dung\tThời gian\tChủ trì\tPhối hợp\tGhi chú\n"
        "A. TUYÊN TRUYỀN\n"
        "1\tPhóng sự về cửa khẩu\tQuý III\tĐài Phát thanh và Truyền hình tỉnh\tSở Ngoại vụ\t\n"
        "2\tChuyên mục đối ngoại\t\t\t\t\n"
        "B\tHỢP TÁC\t\t\t\t\n"
        "1\tĐón đoàn tỉnh bạn\tTháng 8\tSở Ngoại vụ\t—\tTheo lời mời\n"
        "2\tGặp mặt\t\t\t\t\n"
        "2.1\tGặp mặt kiều bào\tTháng 1\tSở Ngoại vụ\t\t\n"
        "III. KINH PHÍ\n"
    )
    plan = parse_plan(text.encode())
    rows = [(t.code, t.lead, t.partners, t.timeframe.raw, t.is_heading) for t in plan.tasks]
    assert rows == [
        ("A", [], [], "", True),
        ("A.1", ["Đài Phát thanh và Truyền hình tỉnh"], ["Sở Ngoại vụ"], "Quý III", False),
        # its empty cells continue the row above (merged)
        ("A.2", ["Đài Phát thanh và Truyền hình tỉnh"], ["Sở Ngoại vụ"], "Quý III", False),
        ("B", [], [], "", True),
        ("B.1", ["Sở Ngoại vụ"], [], "Tháng 8", False),
        ("B.2", [], [], "", True),  # its rows follow: a heading, blank rather than merged
        ("B.2.1", ["Sở Ngoại vụ"], [], "Tháng 1", False),
    ]
    assert plan.sections == ["II. NHIỆM VỤ", "III. KINH PHÍ"]
