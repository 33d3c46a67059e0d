"""Tasks written as prose under the task section, in each form plans use, and the warnings
given when little is found. Each expected table was written by reading its fixture."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ttdn.plans.importers import body
from ttdn.plans.importers.names import KnownNames
from ttdn.plans.importers.parse import parse_plan
from ttdn.plans.importers.prose import read_prose_tasks, task_sections
from ttdn.plans.importers.shape import Task
from ttdn.plans.importers.text_export import read_text_export

HEADER = """ỦY BAN NHÂN DÂN
TỈNH {PROVINCE_UPPER}
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: {number}
{province}, ngày {day} tháng {month} năm {year}
KẾ HOẠCH
Thông tin đối ngoại tỉnh {province} năm {year}
Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ về quản lý hoạt động thông tin \
đối ngoại, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Giới thiệu rộng rãi hình ảnh, tiềm năng của tỉnh tới bạn bè quốc tế.
2. Yêu cầu
Các hoạt động bám sát định hướng của Trung ương, bảo đảm tiết kiệm, hiệu quả.
"""

FOOTER = """III. TỔ CHỨC THỰC HIỆN
1. Sở Ngoại vụ: Theo dõi, đôn đốc các cơ quan thực hiện Kế hoạch; tổng hợp kết quả, báo cáo \
Ủy ban nhân dân tỉnh.
2. Các sở, ban, ngành: Chủ động triển khai nhiệm vụ được giao.
Nơi nhận:
- Như mục III;
- Lưu: VT.
"""


def plan_text(province: str, number: str, year: int, tasks: str) -> str:
    header = HEADER.format(
        PROVINCE_UPPER=province.upper(),
        province=province,
        number=number,
        day=20,
        month=2,
        year=year,
    )
    return header + tasks + FOOTER


# Separate units lines; nested 1. / 1.1. / a) / dash tasks; a group's lead inherited by its items.
SEPARATE_LINES = plan_text(
    "Hà Giang",
    "41/KH-UBND",
    2024,
    """II. NHIỆM VỤ CỤ THỂ
Năm 2024 tập trung quảng bá di sản và thông tin về biên giới.
1. Thông tin về Cao nguyên đá Đồng Văn
- Cơ quan chủ trì: Sở Văn hóa, Thể thao và Du lịch
- Cơ quan phối hợp: Ban Quản lý Công viên địa chất; UBND các huyện Đồng Văn, Mèo Vạc
- Thời gian thực hiện: Năm 2024
1.1. Cập nhật nội dung trang thông tin điện tử song ngữ
1.2. Sản xuất phim tài liệu về di sản địa chất
- Cơ quan chủ trì: Đài Phát thanh và Truyền hình tỉnh
- Thời gian thực hiện: Quý III
- Phim dài 30 phút, có phụ đề tiếng Anh.
2. Thông tin đối ngoại về biên giới
2.1. Tuyên truyền các văn kiện pháp lý về biên giới
a) Tập huấn cho cán bộ xã biên giới
- Cơ quan chủ trì: Bộ Chỉ huy Bộ đội Biên phòng tỉnh
- Cơ quan phối hợp: Sở Ngoại vụ
- Thời gian thực hiện: 6 tháng đầu năm
b) Phát hành tờ gấp song ngữ Việt - Trung
- In 5.000 tờ gấp cho các đồn biên phòng (Chủ trì: Sở Ngoại vụ; thời gian: Quý II)
- Phát tờ gấp tại cửa khẩu Thanh Thủy (Chủ trì: Bộ Chỉ huy Bộ đội Biên phòng tỉnh; \
phối hợp: UBND huyện Vị Xuyên)
- Nội dung tờ gấp do Sở Ngoại vụ duyệt trước khi in.
2.2. Cung cấp thông tin cho phóng viên nước ngoài
- Cơ quan chủ trì: Sở Ngoại vụ
- Cơ quan phối hợp: Công an tỉnh
- Thời gian thực hiện: Thường xuyên
""",
)
CULTURE = "Sở Văn hóa, Thể thao và Du lịch"
BORDER_GUARD = "Bộ Chỉ huy Bộ đội Biên phòng tỉnh"
GEOPARK = ["Ban Quản lý Công viên địa chất", "UBND huyện Đồng Văn", "UBND huyện Mèo Vạc"]
SEPARATE_LINES_TASKS = [
    ("II.1", None, "Thông tin về Cao nguyên đá Đồng Văn", [CULTURE], GEOPARK, "Năm 2024", True),
    (
        "II.1.1",
        "II.1",
        "Cập nhật nội dung trang thông tin điện tử song ngữ",
        [CULTURE],
        GEOPARK,
        "Năm 2024",
        False,
    ),
    (
        "II.1.2",
        "II.1",
        "Sản xuất phim tài liệu về di sản địa chất",
        ["Đài Phát thanh và Truyền hình tỉnh"],
        [],
        "Quý III",
        False,
    ),
    ("II.2", None, "Thông tin đối ngoại về biên giới", [], [], "", True),
    ("II.2.1", "II.2", "Tuyên truyền các văn kiện pháp lý về biên giới", [], [], "", True),
    (
        "II.2.1.a",
        "II.2.1",
        "Tập huấn cho cán bộ xã biên giới",
        [BORDER_GUARD],
        ["Sở Ngoại vụ"],
        "6 tháng đầu năm",
        False,
    ),
    ("II.2.1.b", "II.2.1", "Phát hành tờ gấp song ngữ Việt - Trung", [], [], "", True),
    (
        "II.2.1.b.-1",
        "II.2.1.b",
        "In 5.000 tờ gấp cho các đồn biên phòng",
        ["Sở Ngoại vụ"],
        [],
        "Quý II",
        False,
    ),
    (
        "II.2.1.b.-2",
        "II.2.1.b",
        "Phát tờ gấp tại cửa khẩu Thanh Thủy",
        [BORDER_GUARD],
        ["UBND huyện Vị Xuyên"],
        "",
        False,
    ),
    (
        "II.2.2",
        "II.2",
        "Cung cấp thông tin cho phóng viên nước ngoài",
        ["Sở Ngoại vụ"],
        ["Công an tỉnh"],
        "Thường xuyên",
        False,
    ),
]

# One inline parenthesis per item, in any order and case, with ";" or "," between its parts.
INLINE = plan_text(
    "Kon Tum",
    "27/KH-UBND",
    2023,
    """II. NHIỆM VỤ TRỌNG TÂM
1. Tổ chức Hội nghị thông tin cho báo chí về kết quả phát triển kinh tế - xã hội năm 2023 \
(Chủ trì: Văn phòng UBND tỉnh; phối hợp: Sở Thông tin và Truyền thông; thời gian: Tháng 12/2023).
2. Xây dựng chuyên mục “Kon Tum - Điểm đến” trên Báo Kon Tum điện tử (thời gian: Quý I - Quý IV; \
chủ trì: Báo Kon Tum).
3. Biên soạn sổ tay hỏi - đáp về chủ quyền biên giới quốc gia (Cơ quan chủ trì: Sở Ngoại vụ, \
Cơ quan phối hợp: Bộ Chỉ huy Quân sự tỉnh, Bộ Chỉ huy Bộ đội Biên phòng tỉnh, Thời gian: Quý II).
4. Quảng bá sâm Ngọc Linh tại các hội chợ quốc tế (CHỦ TRÌ: Sở Công Thương; PHỐI HỢP: Sở Khoa \
học và Công nghệ; UBND huyện Tu Mơ Rông; THỜI GIAN: 6 tháng cuối năm).
5. Rà soát số liệu phục vụ thông tin đối ngoại (theo Kế hoạch số 15/KH-UBND) (Chủ trì: Sở Ngoại \
vụ; phối hợp: —; thời gian: Thường xuyên)
""",
)
INLINE_TASKS = [
    (
        "II.1",
        None,
        "Tổ chức Hội nghị thông tin cho báo chí về kết quả phát triển kinh tế - xã hội năm 2023",
        ["Văn phòng UBND tỉnh"],
        ["Sở Thông tin và Truyền thông"],
        "Tháng 12/2023",
        False,
    ),
    (
        "II.2",
        None,
        "Xây dựng chuyên mục “Kon Tum - Điểm đến” trên Báo Kon Tum điện tử",
        ["Báo Kon Tum"],
        [],
        "Quý I - Quý IV",
        False,
    ),
    (
        "II.3",
        None,
        "Biên soạn sổ tay hỏi - đáp về chủ quyền biên giới quốc gia",
        ["Sở Ngoại vụ"],
        ["Bộ Chỉ huy Quân sự tỉnh", BORDER_GUARD],
        "Quý II",
        False,
    ),
    (
        "II.4",
        None,
        "Quảng bá sâm Ngọc Linh tại các hội chợ quốc tế",
        ["Sở Công Thương"],
        ["Sở Khoa học và Công nghệ", "UBND huyện Tu Mơ Rông"],
        "6 tháng cuối năm",
        False,
    ),
    (
        "II.5",
        None,
        "Rà soát số liệu phục vụ thông tin đối ngoại (theo Kế hoạch số 15/KH-UBND)",
        ["Sở Ngoại vụ"],
        [],
        "Thường xuyên",
        False,
    ),
]

# "Đơn vị/Cơ quan thực hiện" (every name leads, unless one is marked "(chủ trì)"), "Thời gian
# hoàn thành", "Thời hạn", "Tiến độ"; the task section is named NỘI DUNG.
CARRIED_OUT_BY = plan_text(
    "Bình Định",
    "63/KH-UBND",
    2022,
    """II. NỘI DUNG THỰC HIỆN
1. Tuyên truyền về Năm Du lịch quốc gia tại tỉnh
Đơn vị thực hiện: Sở Văn hóa, Thể thao và Du lịch; Báo Bình Định; Đài Phát thanh và Truyền \
hình Bình Định.
Thời gian hoàn thành: Trước 30/6
2. Đón tiếp đoàn phóng viên quốc tế đến tìm hiểu khu kinh tế Nhơn Hội
- Cơ quan thực hiện: Sở Ngoại vụ (chủ trì), Công an tỉnh, Sở Văn hóa, Thể thao và Du lịch
- Thời hạn: Quý III
- Mỗi đoàn không quá 10 phóng viên.
3. Tổng kết công tác thông tin đối ngoại
- Đơn vị thực hiện: Sở Thông tin và Truyền thông
- Tiến độ: Tháng 12
""",
)
CARRIED_OUT_BY_TASKS = [
    (
        "II.1",
        None,
        "Tuyên truyền về Năm Du lịch quốc gia tại tỉnh",
        [CULTURE, "Báo Bình Định", "Đài Phát thanh và Truyền hình Bình Định"],
        [],
        "Trước 30/6",
        False,
    ),
    (
        "II.2",
        None,
        "Đón tiếp đoàn phóng viên quốc tế đến tìm hiểu khu kinh tế Nhơn Hội",
        ["Sở Ngoại vụ"],
        ["Công an tỉnh", CULTURE],
        "Quý III",
        False,
    ),
    (
        "II.3",
        None,
        "Tổng kết công tác thông tin đối ngoại",
        ["Sở Thông tin và Truyền thông"],
        [],
        "Tháng 12",
        False,
    ),
]

# The lead stated in a sentence: "Sở X chủ trì, phối hợp với … <verb> …".
SENTENCE = plan_text(
    "Quảng Trị",
    "102/KH-UBND",
    2025,
    """II. NHIỆM VỤ
1. Sở Ngoại vụ chủ trì, phối hợp với Sở Văn hóa, Thể thao và Du lịch, UBND các huyện tổ chức \
đón đoàn nhà báo Lào, Campuchia đến tìm hiểu tỉnh.
2. Quảng bá hình ảnh tỉnh trên mạng xã hội: Giao Sở Thông tin và Truyền thông chủ trì, phối hợp \
với Báo Quảng Trị, Đài Phát thanh và Truyền hình tỉnh biên tập video ngắn bằng tiếng Anh.
3. Hội thảo về hợp tác trên Hành lang kinh tế Đông - Tây
Sở Kế hoạch và Đầu tư chủ trì thực hiện.
Thời gian: Quý IV.
Hội thảo mời đại biểu các tỉnh Trung Lào và Đông Bắc Thái Lan.
4. Công an tỉnh chủ trì, phối hợp với Ban quản lý Khu kinh tế tỉnh và các cơ quan liên quan \
kịp thời cung cấp thông tin về an ninh khu vực cửa khẩu Lao Bảo.
""",
)
SENTENCE_TASKS = [
    (
        "II.1",
        None,
        "Sở Ngoại vụ chủ trì, phối hợp với Sở Văn hóa, Thể thao và Du lịch, UBND các huyện tổ "
        "chức đón đoàn nhà báo Lào, Campuchia đến tìm hiểu tỉnh",
        ["Sở Ngoại vụ"],
        [CULTURE, "UBND các huyện"],
        "",
        False,
    ),
    (
        "II.2",
        None,
        "Quảng bá hình ảnh tỉnh trên mạng xã hội: Giao Sở Thông tin và Truyền thông chủ trì, "
        "phối hợp với Báo Quảng Trị, Đài Phát thanh và Truyền hình tỉnh biên tập video ngắn "
        "bằng tiếng Anh",
        ["Sở Thông tin và Truyền thông"],
        ["Báo Quảng Trị", "Đài Phát thanh và Truyền hình tỉnh"],
        "",
        False,
    ),
    (
        "II.3",
        None,
        "Hội thảo về hợp tác trên Hành lang kinh tế Đông - Tây",
        ["Sở Kế hoạch và Đầu tư"],
        [],
        "Quý IV",
        False,
    ),
    (
        "II.4",
        None,
        "Công an tỉnh chủ trì, phối hợp với Ban quản lý Khu kinh tế tỉnh và các cơ quan liên "
        "quan kịp thời cung cấp thông tin về an ninh khu vực cửa khẩu Lao Bảo",
        ["Công an tỉnh"],
        ["Ban quản lý Khu kinh tế tỉnh", "các cơ quan liên quan"],
        "",
        False,
    ),
]

# Arabic top-level sections: "2. NHIỆM VỤ VÀ GIẢI PHÁP", items "2.1.", "2.2.1.", "a)", "b.".
ARABIC = """KẾ HOẠCH
Thông tin đối ngoại tỉnh Sóc Trăng năm 2025
1. MỤC ĐÍCH, YÊU CẦU
Nâng cao nhận thức của cán bộ, nhân dân về công tác thông tin đối ngoại.
2. NHIỆM VỤ VÀ GIẢI PHÁP
2.1. Thông tin đối ngoại trên không gian mạng
- Cơ quan chủ trì: Sở Thông tin và Truyền thông
a) Vận hành trang tin tiếng Anh của tỉnh
b. Phản bác thông tin sai lệch về tỉnh
- Cơ quan chủ trì: Công an tỉnh
- Cơ quan phối hợp: Sở Thông tin và Truyền thông
2.2. Ngoại giao nhân dân
- Cơ quan chủ trì: Liên hiệp các tổ chức hữu nghị tỉnh
- Thời gian thực hiện: Năm 2025
2.2.1. Giao lưu hữu nghị với tỉnh Chăm-pa-sắc (Lào)
2.2.2. Tọa đàm với người Sóc Trăng ở nước ngoài về quê hương
3. TỔ CHỨC THỰC HIỆN
1. Sở Thông tin và Truyền thông: Hướng dẫn, kiểm tra việc thực hiện.
"""
FRIENDSHIP = "Liên hiệp các tổ chức hữu nghị tỉnh"
ARABIC_TASKS = [
    (
        "2.1",
        None,
        "Thông tin đối ngoại trên không gian mạng",
        ["Sở Thông tin và Truyền thông"],
        [],
        "",
        True,
    ),
    (
        "2.1.a",
        "2.1",
        "Vận hành trang tin tiếng Anh của tỉnh",
        ["Sở Thông tin và Truyền thông"],
        [],
        "",
        False,
    ),
    (
        "2.1.b",
        "2.1",
        "Phản bác thông tin sai lệch về tỉnh",
        ["Công an tỉnh"],
        ["Sở Thông tin và Truyền thông"],
        "",
        False,
    ),
    ("2.2", None, "Ngoại giao nhân dân", [FRIENDSHIP], [], "Năm 2025", True),
    (
        "2.2.1",
        "2.2",
        "Giao lưu hữu nghị với tỉnh Chăm-pa-sắc (Lào)",
        [FRIENDSHIP],
        [],
        "Năm 2025",
        False,
    ),
    (
        "2.2.2",
        "2.2",
        "Tọa đàm với người Sóc Trăng ở nước ngoài về quê hương",
        [FRIENDSHIP],
        [],
        "Năm 2025",
        False,
    ),
]


def rows(tasks: list[Task]) -> list[tuple[object, ...]]:
    return [
        (t.code, t.parent, t.title, t.lead, t.partners, t.timeframe.raw, t.is_heading)
        for t in tasks
    ]


def read(text: str, year: int) -> list[Task]:
    """The reader's paragraphs and the body's sections, then the prose reader alone."""
    paragraphs = read_text_export(text).paragraphs
    tasks, warnings = read_prose_tasks(
        paragraphs, body.read_sections(paragraphs), year, KnownNames([])
    )
    assert warnings == []
    return tasks


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        (SEPARATE_LINES, 2024, SEPARATE_LINES_TASKS),
        (INLINE, 2023, INLINE_TASKS),
        (CARRIED_OUT_BY, 2022, CARRIED_OUT_BY_TASKS),
        (SENTENCE, 2025, SENTENCE_TASKS),
    ],
    ids=["separate-lines", "inline", "carried-out-by", "sentence"],
)
def test_each_form(text: str, year: int, expected: list[tuple[object, ...]]) -> None:
    assert rows(read(text, year)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (SEPARATE_LINES, SEPARATE_LINES_TASKS),
        (INLINE, INLINE_TASKS),
        (CARRIED_OUT_BY, CARRIED_OUT_BY_TASKS),
        (SENTENCE, SENTENCE_TASKS),
    ],
    ids=["separate-lines", "inline", "carried-out-by", "sentence"],
)
def test_parse_plan_reads_prose_when_there_is_no_table(
    text: str, expected: list[tuple[object, ...]]
) -> None:
    plan = parse_plan(text.encode(), filename="kehoach.txt")
    assert rows(plan.tasks) == expected
    codes = {w.code for w in plan.warnings}
    assert not codes & {"no_tasks", "no_units", "duplicate_code"}


def test_labels_lines_and_details() -> None:
    tasks = {t.code: t for t in read(SEPARATE_LINES, 2024)}
    assert [(t.label, t.line) for t in tasks.values()][:3] == [("1", 17), ("1.1", 21), ("1.2", 22)]
    assert tasks["II.2.1.b.-2"].label == "-2"
    assert tasks["II.1.2"].details == ["Phim dài 30 phút, có phụ đề tiếng Anh."]
    # A dash line that names no unit, beside the dash tasks, describes their item.
    assert tasks["II.2.1.b"].details == ["Nội dung tờ gấp do Sở Ngoại vụ duyệt trước khi in."]
    assert tasks["II.1"].details == []  # its units lines are not details
    carried = {t.code: t for t in read(CARRIED_OUT_BY, 2022)}
    assert carried["II.2"].details == ["Mỗi đoàn không quá 10 phóng viên."]
    sentence = {t.code: t for t in read(SENTENCE, 2025)}
    assert sentence["II.3"].details == [
        "Hội thảo mời đại biểu các tỉnh Trung Lào và Đông Bắc Thái Lan."
    ]


def test_timeframes_are_dates_in_the_plan_year() -> None:
    tasks = {t.code: t for t in read(SEPARATE_LINES, 2024)}
    film = tasks["II.1.2"].timeframe
    assert (film.start, film.end) == (datetime.date(2024, 7, 1), datetime.date(2024, 9, 30))
    assert tasks["II.2.2"].timeframe.recurring
    inline = {t.code: t for t in read(INLINE, 2023)}
    assert inline["II.1"].timeframe.end == datetime.date(2023, 12, 31)


def test_arabic_top_level_sections() -> None:
    paragraphs = read_text_export(ARABIC).paragraphs
    sections = [(n, t) for n, t in paragraphs if t[:2] in ("1.", "2.", "3.") and t.isupper()]
    assert [t for _n, t in sections] == [
        "1. MỤC ĐÍCH, YÊU CẦU",
        "2. NHIỆM VỤ VÀ GIẢI PHÁP",
        "3. TỔ CHỨC THỰC HIỆN",
    ]
    tasks, warnings = read_prose_tasks(paragraphs, sections, 2025, KnownNames([]))
    assert rows(tasks) == ARABIC_TASKS
    assert warnings == []


def test_task_section_is_nhiem_vu_before_noi_dung() -> None:
    sections = [
        (1, "I. MỤC ĐÍCH, YÊU CẦU"),
        (5, "II. NỘI DUNG HOẠT ĐỘNG"),
        (9, "III. NHIỆM VỤ VÀ GIẢI PHÁP"),
        (20, "IV. TỔ CHỨC THỰC HIỆN"),
    ]
    assert task_sections(sections) == [(9, "III. NHIỆM VỤ VÀ GIẢI PHÁP")]
    assert task_sections(sections[:2]) == [(5, "II. NỘI DUNG HOẠT ĐỘNG")]
    assert task_sections([sections[0], sections[3]]) == []


@pytest.mark.parametrize(
    ("sentence", "lead", "partners"),
    [
        (
            "Sở Ngoại vụ chủ trì, phối hợp với Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch "
            "tỉnh xây dựng ấn phẩm.",
            ["Sở Ngoại vụ"],
            ["Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tỉnh"],
        ),
        (
            "Ban Tuyên giáo Tỉnh ủy chủ trì phối hợp với Ban chỉ đạo 35 tỉnh, Sở Nội vụ theo dõi "
            "dư luận.",
            ["Ban Tuyên giáo Tỉnh ủy"],
            ["Ban chỉ đạo 35 tỉnh", "Sở Nội vụ"],
        ),
        (
            "Đề nghị Hội Nhà báo tỉnh chủ trì, phối hợp cùng Báo Đồng Khởi, Đài Phát thanh và "
            "Truyền hình tỉnh để phát động giải báo chí.",
            ["Hội Nhà báo tỉnh"],
            ["Báo Đồng Khởi", "Đài Phát thanh và Truyền hình tỉnh"],
        ),
        (
            "UBND các huyện chủ trì, phối hợp với các cơ quan, đơn vị liên quan thường xuyên cập "
            "nhật thông tin.",
            ["UBND các huyện"],
            ["Các cơ quan, đơn vị liên quan"],
        ),
        ("Sở Tư pháp chủ trì thực hiện.", ["Sở Tư pháp"], []),
        (
            "Công an tỉnh chủ trì, phối hợp với Ban Chỉ đạo về nhân quyền tỉnh, Ban Quản lý "
            "chương trình mục tiêu quốc gia trình UBND tỉnh phương án.",
            ["Công an tỉnh"],
            ["Ban Chỉ đạo về nhân quyền tỉnh", "Ban Quản lý chương trình mục tiêu quốc gia"],
        ),
        (
            "Tọa đàm với doanh nghiệp Hàn Quốc - Sở Kế hoạch và Đầu tư chủ trì, phối hợp với "
            "Ban Quản lý các khu công nghiệp.",
            ["Sở Kế hoạch và Đầu tư"],
            ["Ban Quản lý các khu công nghiệp"],
        ),
        (
            "Giao nhiệm vụ cho Sở Nội vụ chủ trì, phối hợp với Sở Tài chính tham mưu.",
            ["Sở Nội vụ"],
            ["Sở Tài chính"],
        ),
    ],
)
def test_sentence_lead_ends_the_partners_at_the_verb(
    sentence: str, lead: list[str], partners: list[str]
) -> None:
    text = f"II. NHIỆM VỤ\n1. Một nhiệm vụ\n{sentence}\n"
    paragraphs = read_text_export(text).paragraphs
    tasks, _warnings = read_prose_tasks(
        paragraphs, body.read_sections(paragraphs), 2025, KnownNames([])
    )
    (task,) = tasks
    assert (task.lead, [p[:1].upper() + p[1:] for p in task.partners]) == (lead, partners)


def test_partners_named_before_phoi_hop() -> None:
    text = "II. NHIỆM VỤ\n1. Một nhiệm vụ\nSở Nội vụ chủ trì, Sở Tư pháp, Công an tỉnh phối hợp.\n"
    paragraphs = read_text_export(text).paragraphs
    (task,), _w = read_prose_tasks(paragraphs, body.read_sections(paragraphs), 2025, KnownNames([]))
    assert (task.lead, task.partners) == (["Sở Nội vụ"], ["Sở Tư pháp", "Công an tỉnh"])


# Groups "A." / "B." inside the task section, "+" lines under a "-" line, and the "+" units
# of a dash task versus the "-" units of its item.
GROUPS = """II. NHIỆM VỤ CỤ THỂ
A. CÔNG TÁC TUYÊN TRUYỀN
1. Tuyên truyền trên báo chí trong tỉnh
- Cơ quan chủ trì: Báo Lai Châu
2. Tuyên truyền trên mạng xã hội
- Trang fanpage song ngữ
+ Chủ trì: Sở Thông tin và Truyền thông
+ Thời gian: Quý I
- Video giới thiệu cửa khẩu Ma Lù Thàng
+ Thời gian: Quý III
+ Kịch bản do Sở Ngoại vụ duyệt.
- Ảnh đẹp Lai Châu đăng hằng tuần.
+ Mỗi tuần 05 ảnh.
- Cơ quan phối hợp: Sở Ngoại vụ
B. HỢP TÁC QUỐC TẾ
1. Đón đoàn tỉnh Vân Nam (Chủ trì: Sở Ngoại vụ; thời gian: Quý IV)
a) Chuẩn bị chương trình làm việc
III. TỔ CHỨC THỰC HIỆN
"""


def test_groups_and_bullet_levels() -> None:
    paragraphs = read_text_export(GROUPS).paragraphs
    tasks, warnings = read_prose_tasks(
        paragraphs, body.read_sections(paragraphs), 2024, KnownNames([])
    )
    assert warnings == []
    ict = "Sở Thông tin và Truyền thông"
    assert rows(tasks) == [
        ("II.A", None, "CÔNG TÁC TUYÊN TRUYỀN", [], [], "", True),
        ("II.A.1", "II.A", "Tuyên truyền trên báo chí trong tỉnh", ["Báo Lai Châu"], [], "", False),
        ("II.A.2", "II.A", "Tuyên truyền trên mạng xã hội", [], ["Sở Ngoại vụ"], "", True),
        ("II.A.2.-1", "II.A.2", "Trang fanpage song ngữ", [ict], [], "Quý I", False),
        (
            "II.A.2.-2",
            "II.A.2",
            "Video giới thiệu cửa khẩu Ma Lù Thàng",
            [],
            ["Sở Ngoại vụ"],
            "Quý III",
            False,
        ),
        ("II.B", None, "HỢP TÁC QUỐC TẾ", [], [], "", True),
        ("II.B.1", "II.B", "Đón đoàn tỉnh Vân Nam", ["Sở Ngoại vụ"], [], "Quý IV", True),
        (
            "II.B.1.a",
            "II.B.1",
            "Chuẩn bị chương trình làm việc",
            ["Sở Ngoại vụ"],
            [],
            "Quý IV",
            False,
        ),
    ]
    video = tasks[4]
    assert video.details == ["Kịch bản do Sở Ngoại vụ duyệt."]
    # A dash line naming no unit, and the lines under it, describe the item.
    assert tasks[2].details == ["Ảnh đẹp Lai Châu đăng hằng tuần.", "Mỗi tuần 05 ảnh."]


def test_a_sentence_that_only_mentions_a_unit_names_no_lead() -> None:
    text = (
        "II. NHIỆM VỤ\n1. Nâng cao vai trò của Sở Ngoại vụ trong công tác đối ngoại\n"
        "Tăng cường vai trò chủ trì của các sở trong việc cung cấp thông tin.\n"
    )
    paragraphs = read_text_export(text).paragraphs
    (task,), _w = read_prose_tasks(paragraphs, body.read_sections(paragraphs), 2025, KnownNames([]))
    assert (task.lead, task.partners) == ([], [])
    assert task.details == ["Tăng cường vai trò chủ trì của các sở trong việc cung cấp thông tin."]


def test_a_repeated_number_is_reported() -> None:
    text = (
        "II. NHIỆM VỤ\n1. Việc thứ nhất (Chủ trì: Sở Ngoại vụ)\n"
        "1. Việc thứ hai (Chủ trì: Sở Tư pháp)\n"
    )
    paragraphs = read_text_export(text).paragraphs
    _tasks, warnings = read_prose_tasks(
        paragraphs, body.read_sections(paragraphs), 2025, KnownNames([])
    )
    assert [(w.code, w.line, w.params) for w in warnings] == [("duplicate_code", 3, {"label": "1"})]


def test_prose_is_not_read_when_the_plan_has_a_task_table() -> None:
    """The seed's body has prose with "… chủ trì, phối hợp với …" under "II. NỘI DUNG THỰC
    HIỆN"; its tasks come from its appendix table only."""
    from ttdn.demo.files import PLAN_FILE

    plan = parse_plan(PLAN_FILE.read_bytes(), filename=PLAN_FILE.name)
    assert plan.tasks[0].code == "I"
    assert all(task.details == [] for task in plan.tasks)
    assert not any(task.code.startswith("II.1.") for task in plan.tasks)


# When little is found, the plan says so.
NO_TASK_SECTION = plan_text(
    "Cao Bằng",
    "9/KH-UBND",
    2024,
    """II. CÁC HOẠT ĐỘNG CHỦ YẾU
Tổ chức các hoạt động quảng bá Công viên địa chất toàn cầu Non nước Cao Bằng; thông tin về \
hợp tác với tỉnh Quảng Tây (Trung Quốc).
""",
)
NO_ITEMS = plan_text(
    "Cao Bằng",
    "10/KH-UBND",
    2024,
    """II. NHIỆM VỤ
Các sở, ngành tổ chức tuyên truyền về biên giới, quảng bá du lịch và văn hóa của tỉnh.
""",
)
NO_UNITS = plan_text(
    "Cao Bằng",
    "11/KH-UBND",
    2024,
    """II. NHIỆM VỤ
1. Tuyên truyền về biên giới
2. Quảng bá thác Bản Giốc
3. Thông tin về hợp tác với tỉnh Quảng Tây
""",
)


def test_no_tasks_names_where_it_looked_and_the_sections_found() -> None:
    plan = parse_plan(NO_TASK_SECTION.encode(), filename="kehoach.txt")
    assert plan.tasks == []
    (warning,) = [w for w in plan.warnings if w.code == "no_tasks"]
    assert "“TT” or “STT”" in warning.message
    assert "NHIỆM VỤ or NỘI DUNG" in warning.message
    assert "I. MỤC ĐÍCH, YÊU CẦU; II. CÁC HOẠT ĐỘNG CHỦ YẾU; III. TỔ CHỨC THỰC HIỆN" in (
        warning.message
    )
    assert warning.params == {
        "task_section": "",
        "sections": "I. MỤC ĐÍCH, YÊU CẦU; II. CÁC HOẠT ĐỘNG CHỦ YẾU; III. TỔ CHỨC THỰC HIỆN",
    }


def test_no_tasks_under_a_task_section_without_numbered_items() -> None:
    plan = parse_plan(NO_ITEMS.encode(), filename="kehoach.txt")
    (warning,) = [w for w in plan.warnings if w.code == "no_tasks"]
    assert "the section “II. NHIỆM VỤ” has no numbered items" in warning.message
    assert warning.params["task_section"] == "II. NHIỆM VỤ"
    assert warning.line == 15


def test_no_units_names_the_first_tasks_and_replaces_no_lead() -> None:
    plan = parse_plan(NO_UNITS.encode(), filename="kehoach.txt")
    assert [t.code for t in plan.tasks] == ["II.1", "II.2", "II.3"]
    codes = [w.code for w in plan.warnings]
    assert "no_lead" not in codes
    (warning,) = [w for w in plan.warnings if w.code == "no_units"]
    assert warning.params == {"count": "3", "labels": "1, 2, 3"}
    assert "3 tasks found (1, 2, 3) but none names a lead or coordinating unit" in warning.message


def test_a_plan_with_units_gets_neither_warning() -> None:
    plan = parse_plan(INLINE.encode(), filename="kehoach.txt")
    assert not {"no_tasks", "no_units"} & {w.code for w in plan.warnings}


LINES = [
    "1. Tuyên truyền về biên giới",
    "2. Quảng bá du lịch",
    "1.1. Cập nhật trang tin",
    "1.2 Sản xuất phim",
    "2.1.3. Tọa đàm",
    "a) Tập huấn",
    "đ) Phát hành tờ gấp",
    "- Cơ quan chủ trì: Sở Ngoại vụ",
    "- Cơ quan phối hợp: Công an tỉnh; UBND các huyện A, B",
    "- Thời gian thực hiện: Quý II",
    "Đơn vị thực hiện: Báo tỉnh (chủ trì), Đài tỉnh",
    "- In tờ gấp (Chủ trì: Sở Ngoại vụ; thời gian: —)",
    "+ Chủ trì: Sở Tư pháp",
    "- Hội chợ",
    "Sở Công Thương chủ trì, phối hợp với Sở Y tổ chức hội chợ.",
    "- Sở Công Thương chủ trì thực hiện.",
    "(Chủ trì: Sở X; phối hợp:",
    "Mô tả thêm về nhiệm vụ.",
    "1.000 người tham dự.",
]


@settings(max_examples=150, deadline=2000)
@given(st.lists(st.sampled_from(LINES), max_size=30))
def test_any_sequence_of_items_gives_a_consistent_tree(lines: list[str]) -> None:
    """Items, units lines and details in any order: every parent is an earlier task, the
    headings are exactly the tasks with children, each task is on one of its item's lines."""
    paragraphs = [(1, "II. NHIỆM VỤ"), *((n + 2, t) for n, t in enumerate(lines))]
    tasks, warnings = read_prose_tasks(paragraphs, [(1, "II. NHIỆM VỤ")], 2024, KnownNames([]))
    seen: set[str] = set()
    for task in tasks:
        assert task.parent is None or task.parent in seen
        assert task.code.startswith("II.")
        assert 2 <= task.line <= len(lines) + 1
        assert task.title == " ".join(task.title.split())
        assert "" not in task.lead + task.partners
        seen.add(task.code)
    parents = {task.parent for task in tasks}
    assert [t.code for t in tasks if t.is_heading] == [t.code for t in tasks if t.code in parents]
    duplicates = len(tasks) - len({t.code for t in tasks})
    assert duplicates == len([w for w in warnings if w.code == "duplicate_code"])


@pytest.mark.parametrize(
    ("section", "codes"),
    [
        ("PHẦN II. NHIỆM VỤ", ["II.1", "II.1.a"]),
        ("III - NHIỆM VỤ CỤ THỂ", ["III.1", "III.1.a"]),
        ("NHIỆM VỤ TRỌNG TÂM", ["1", "1.a"]),
    ],
)
def test_codes_take_the_section_number_however_it_is_written(
    section: str, codes: list[str]
) -> None:
    paragraphs = [(1, section), (2, "1. Tuyên truyền"), (3, "a) Viết bài (Chủ trì: Báo tỉnh)")]
    tasks, _w = read_prose_tasks(paragraphs, [(1, section)], 2024, KnownNames([]))
    assert [t.code for t in tasks] == codes
    assert tasks[1].parent == codes[0]


def test_a_task_table_without_units_gets_no_units() -> None:
    text = (
        "KẾ HOẠCH\nTHÔNG TIN ĐỐI NGOẠI TỈNH PHÚ YÊN NĂM 2024\nI. MỤC ĐÍCH, YÊU CẦU\n"
        "Quảng bá Gành Đá Đĩa.\nPHỤ LỤC\n"
        "\tTT\n\tNỘI DUNG\n\tĐƠN VỊ CHỦ TRÌ\n\tĐƠN VỊ PHỐI HỢP\n\tTHỜI GIAN\n\n"
        "\t1\n\tLàm phim quảng bá\n\t\n\t\n\tQuý I\n\n"
        "\t2\n\tIn sách ảnh\n\t\n\t\n\tQuý II\n\n"
    )
    plan = parse_plan(text.encode(), filename="phu-yen.txt")
    assert [t.code for t in plan.tasks] == ["1", "2"]
    assert [(w.code, w.params) for w in plan.warnings] == [
        ("no_units", {"count": "2", "labels": "1, 2"})
    ]


def test_a_dash_sentence_is_a_task_only_when_it_says_what_to_do() -> None:
    text = (
        "II. NHIỆM VỤ\n1. Xúc tiến đầu tư\n"
        "a) Hội nghị xúc tiến đầu tư tại Nhật Bản\n"
        "- Sở Kế hoạch và Đầu tư chủ trì, phối hợp với Sở Ngoại vụ thực hiện.\n"
        "b) Hội chợ thương mại biên giới\n"
        "- Sở Công Thương chủ trì, phối hợp với Sở Ngoại vụ tổ chức gian hàng tại Lào.\n"
        "- Sở Văn hóa, Thể thao và Du lịch chủ trì biểu diễn nghệ thuật tại hội chợ.\n"
    )
    paragraphs = read_text_export(text).paragraphs
    tasks, _w = read_prose_tasks(paragraphs, body.read_sections(paragraphs), 2024, KnownNames([]))
    assert [(t.code, t.lead, t.partners, t.is_heading) for t in tasks] == [
        ("II.1", [], [], True),
        ("II.1.a", ["Sở Kế hoạch và Đầu tư"], ["Sở Ngoại vụ"], False),
        ("II.1.b", [], [], True),
        ("II.1.b.-1", ["Sở Công Thương"], ["Sở Ngoại vụ"], False),
        ("II.1.b.-2", [CULTURE], [], False),
    ]
    assert tasks[4].title == f"{CULTURE} chủ trì biểu diễn nghệ thuật tại hội chợ"


@pytest.mark.parametrize(
    ("lines", "lead", "partners", "time"),
    [
        (
            ["- Chủ trì: Sở Ngoại vụ; Phối hợp: Công an tỉnh; Thời gian: Quý II"],
            ["Sở Ngoại vụ"],
            ["Công an tỉnh"],
            "Quý II",
        ),
        (
            [
                "+ Đơn vị chủ trì thực hiện: Sở Ngoại vụ.",
                "+ Đơn vị phối hợp thực hiện: Công an tỉnh.",
                "+ Thời hạn hoàn thành: Tháng 10/2024.",
            ],
            ["Sở Ngoại vụ"],
            ["Công an tỉnh"],
            "Tháng 10/2024",
        ),
        (
            ["Cơ quan chủ trì tham mưu: Sở Ngoại vụ", "Tiến độ thực hiện: 6 tháng đầu năm"],
            ["Sở Ngoại vụ"],
            [],
            "6 tháng đầu năm",
        ),
        (
            ["- Cơ quan chủ trì: —", "- Cơ quan phối hợp: Công an tỉnh", "- Thời gian: -"],
            [],
            ["Công an tỉnh"],
            "",
        ),
    ],
)
def test_units_lines(lines: list[str], lead: list[str], partners: list[str], time: str) -> None:
    paragraphs = [(1, "II. NHIỆM VỤ"), (2, "1. Đón đoàn"), *enumerate(lines, start=3)]
    (task,), _w = read_prose_tasks(paragraphs, [(1, "II. NHIỆM VỤ")], 2024, KnownNames([]))
    assert (task.lead, task.partners, task.timeframe.raw, task.details) == (
        lead,
        partners,
        time,
        [],
    )
