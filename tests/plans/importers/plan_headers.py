"""Short plans of several provinces, written for these tests in the layouts real plans use.

Each plan is its header (issuer column, number, place and date) and its text from the kind word
on. ``lines``, ``table_cells`` and ``side_by_side`` give the header in the three shapes it reaches
the parser: one line per line; a borderless two-column Word table read cell by cell; the two
columns joined on one line, as PDF text extraction gives them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


@dataclass
class Plan:
    name: str
    issuer: list[str]  # the left column's top: "ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI"
    number: str  # "Số: 88/KH-UBND"
    place_date: list[str]  # one line, or two when the date is cut
    text: list[str]  # from the kind word on
    metadata: dict[str, Any]
    sections: list[str] = field(default_factory=list)
    responsibilities: list[tuple[str, int]] = field(default_factory=list)
    report_deadline: str | None = None
    warnings: list[str] = field(default_factory=list)


def lines(plan: Plan) -> list[str]:
    return [
        *filter(None, plan.issuer),
        "-------",
        NATIONAL,
        MOTTO,
        "---------------",
        plan.number,
        *plan.place_date,
        *plan.text,
    ]


def table_cells(plan: Plan) -> list[str]:
    """Row by row, cell by cell, one paragraph per paragraph of the cell."""
    return [
        *filter(None, plan.issuer),
        "——————",
        NATIONAL,
        MOTTO,
        "_______________",
        plan.number,
        *plan.place_date,
        *plan.text,
    ]


def side_by_side(plan: Plan) -> list[str]:
    issuer = [*plan.issuer, "", ""][:2]
    first_date, *rest = plan.place_date
    return [
        f"{issuer[0]} {NATIONAL}",
        f"{issuer[1]} {MOTTO}".strip(),
        "-------- ------------------",
        f"{plan.number} {first_date}",
        *rest,
        *plan.text,
    ]


SHAPES = {"lines": lines, "table_cells": table_cells, "side_by_side": side_by_side}


def numbered(texts: list[str]) -> list[tuple[int, str]]:
    return list(enumerate(texts, start=1))


LAO_CAI_2020 = Plan(
    name="lao-cai-2020",
    issuer=["ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI"],
    number="Số: 88/KH-UBND",
    place_date=["Lào Cai, ngày 20 tháng 3 năm 2020"],
    text=[
        "KẾ HOẠCH",
        "Thông tin đối ngoại tỉnh Lào Cai năm 2020",
        "Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ về quản lý hoạt động "
        "thông tin đối ngoại; căn cứ hướng dẫn của Bộ Thông tin và Truyền thông về công tác thông "
        "tin đối ngoại năm 2020, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "Giới thiệu rộng rãi với bạn bè trong nước và quốc tế về cửa khẩu quốc tế, về du lịch vùng "
        "cao và về con người các dân tộc trên địa bàn tỉnh; thu hút thêm nhà đầu tư, khách du lịch "
        "đến với tỉnh trong năm 2020.",
        "2. Yêu cầu",
        "Thông tin đưa ra phải chính xác, kịp thời, đúng với chủ trương của Đảng và pháp luật của "
        "Nhà nước; các cơ quan được giao nhiệm vụ phối hợp chặt chẽ với nhau.",
        "II. NỘI DUNG",
        "1. Quảng bá hình ảnh tỉnh trên báo chí trong nước",
        "- Cơ quan chủ trì: Sở Thông tin và Truyền thông",
        "- Cơ quan phối hợp: Báo Lào Cai, Đài Phát thanh và Truyền hình tỉnh",
        "- Thời gian thực hiện: Cả năm",
        "2. Thông tin về hợp tác với các tỉnh giáp biên của nước bạn",
        "- Cơ quan chủ trì: Sở Ngoại vụ",
        "- Thời gian thực hiện: Quý II và Quý III",
        "III. KINH PHÍ",
        "Kinh phí thực hiện do ngân sách tỉnh bảo đảm theo phân cấp hiện hành.",
        "IV. TỔ CHỨC THỰC HIỆN",
        "1. Sở Thông tin và Truyền thông: Chủ trì theo dõi, đôn đốc các đơn vị thực hiện Kế hoạch; "
        "tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh trước ngày 15/11/2020.",
        "2. Sở Ngoại vụ:",
        "- Cung cấp thông tin về các hoạt động đối ngoại của tỉnh cho các cơ quan báo chí.",
        "- Hướng dẫn phóng viên nước ngoài đến làm việc tại tỉnh theo quy định.",
        "Trên đây là Kế hoạch thông tin đối ngoại năm 2020 của tỉnh Lào Cai./.",
    ],
    metadata={
        "issuer": "UBND tỉnh Lào Cai",
        "number": "88/KH-UBND",
        "date": "20/03/2020",
        "title": "Kế hoạch thông tin đối ngoại tỉnh Lào Cai năm 2020",
        "year": 2020,
        "province": "Lào Cai",
        "level": "tỉnh",
        "kind": "Kế hoạch",
        "decision": None,
    },
    sections=["I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG", "III. KINH PHÍ", "IV. TỔ CHỨC THỰC HIỆN"],
    responsibilities=[("Sở Thông tin và Truyền thông", 1), ("Sở Ngoại vụ", 2)],
    report_deadline="15/11/2020",
)

LAO_CAI_2021 = Plan(
    name="lao-cai-2021",
    issuer=["UBND TỈNH LÀO CAI", ""],
    number="Số: 41/KH-UBND",
    place_date=["Lào Cai, ngày 02 tháng 02 năm 2021"],
    text=[
        "KẾ HOẠCH",
        "THÔNG TIN ĐỐI NGOẠI TỈNH LÀO CAI NĂM 2021",
        "Thực hiện Chỉ thị của Thủ tướng Chính phủ về tăng cường công tác thông tin đối ngoại, "
        "Ủy ban nhân dân tỉnh Lào Cai xây dựng Kế hoạch thông tin đối ngoại năm 2021 với các nội "
        "dung sau:",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "Nâng cao nhận thức của cán bộ, đảng viên và nhân dân về vị trí của công tác thông tin đối "
        "ngoại; phát huy thế mạnh của tỉnh có đường biên giới dài và nhiều cửa khẩu.",
        "II. NHIỆM VỤ CỤ THỂ",
        "1. Tuyên truyền về biên giới",
        "a) Sở Ngoại vụ chủ trì, phối hợp với Bộ Chỉ huy Bộ đội Biên phòng tỉnh, Công an tỉnh biên "
        "soạn tài liệu về quản lý biên giới cho các xã biên giới.",
        "b) Phát hành bản tin song ngữ về cửa khẩu (Chủ trì: Sở Công Thương; phối hợp: Ban Quản lý "
        "Khu kinh tế tỉnh; thời gian: Quý III).",
        "2. Đào tạo, bồi dưỡng",
        "Tổ chức một lớp bồi dưỡng nghiệp vụ thông tin đối ngoại cho cán bộ các huyện biên giới.",
        "Đơn vị thực hiện: Sở Thông tin và Truyền thông, Trường Chính trị tỉnh.",
        "Thời gian hoàn thành: Tháng 9/2021.",
        "III. TỔ CHỨC THỰC HIỆN",
        "- Sở Ngoại vụ: Phối hợp cung cấp thông tin về hoạt động đối ngoại của tỉnh.",
        "- Sở Thông tin và Truyền thông: Hướng dẫn, đôn đốc các cơ quan thực hiện Kế hoạch; tổng "
        "hợp, báo cáo kết quả chậm nhất ngày 20/11/2021.",
    ],
    metadata={
        "issuer": "UBND tỉnh Lào Cai",
        "number": "41/KH-UBND",
        "date": "02/02/2021",
        "title": "Kế hoạch thông tin đối ngoại tỉnh Lào Cai năm 2021",
        "year": 2021,
        "province": "Lào Cai",
        "level": "tỉnh",
        "kind": "Kế hoạch",
        "decision": None,
    },
    sections=["I. MỤC ĐÍCH, YÊU CẦU", "II. NHIỆM VỤ CỤ THỂ", "III. TỔ CHỨC THỰC HIỆN"],
    responsibilities=[("Sở Ngoại vụ", 1), ("Sở Thông tin và Truyền thông", 1)],
    report_deadline="20/11/2021",
)

HA_TINH_2018 = Plan(
    name="ha-tinh-2018",
    issuer=["UBND TỈNH HÀ TĨNH", ""],
    number="Số: 94 /KH-UBND",
    place_date=["Hà Tĩnh, ngày 15 tháng", "02 năm 2018"],
    text=[
        "KẾ HOẠCH",
        "Hoạt động thông tin đối ngoại năm 2018",
        "Triển khai chỉ đạo của Ban Chỉ đạo công tác thông tin đối ngoại, Ủy ban nhân dân tỉnh ban "
        "hành Kế hoạch hoạt động thông tin đối ngoại năm 2018 như sau:",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "Quảng bá tiềm năng của khu kinh tế ven biển và cảng biển nước sâu; giới thiệu các lễ hội "
        "truyền thống của địa phương với bạn bè quốc tế.",
        "II. NHIỆM VỤ",
        "1. Thông tin về đầu tư",
        "1.1. Làm video giới thiệu khu kinh tế",
        "Sở Kế hoạch và Đầu tư chủ trì, phối hợp với Ban Quản lý Khu kinh tế tỉnh, Đài Phát thanh "
        "và Truyền hình tỉnh thực hiện trong Quý II.",
        "1.2. Cập nhật thông tin trên cổng thông tin điện tử tỉnh",
        "- Đơn vị thực hiện: Văn phòng UBND tỉnh",
        "- Thời gian thực hiện: Thường xuyên",
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Sở Ngoại vụ: Là cơ quan thường trực, tổng hợp kết quả thực hiện Kế hoạch.",
        "2. Các sở, ban, ngành, địa phương:",
        "- Triển khai các nhiệm vụ được giao theo Kế hoạch này.",
        "- Báo cáo kết quả về Sở Ngoại vụ trước ngày 15 tháng 11 năm 2018.",
    ],
    metadata={
        "issuer": "UBND tỉnh Hà Tĩnh",
        "number": "94/KH-UBND",
        "date": "15/02/2018",
        "title": "Kế hoạch hoạt động thông tin đối ngoại năm 2018",
        "year": 2018,
        "province": "Hà Tĩnh",
        "level": "tỉnh",
        "kind": "Kế hoạch",
        "decision": None,
    },
    sections=["I. MỤC ĐÍCH, YÊU CẦU", "II. NHIỆM VỤ", "III. TỔ CHỨC THỰC HIỆN"],
    responsibilities=[("Sở Ngoại vụ", 1), ("Các sở, ban, ngành, địa phương", 2)],
    report_deadline="15/11/2018",
)

HA_NOI_2022 = Plan(
    name="ha-noi-2022",
    issuer=["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI"],
    number="Số: 12/CTr-UBND",
    place_date=["Hà Nội, ngày 14 tháng 01 năm 2022"],
    text=[
        "CHƯƠNG TRÌNH",
        "Thông tin đối ngoại của Thành phố",
        "Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ về quản lý hoạt động "
        "thông tin đối ngoại;",
        "Căn cứ kết quả công tác thông tin đối ngoại năm 2021, Ủy ban nhân dân Thành phố ban hành "
        "Chương trình như sau:",
        "1. MỤC ĐÍCH, YÊU CẦU",
        "1.1. Mục đích",
        "Quảng bá hình ảnh Thủ đô văn hiến, văn minh, hiện đại tới bạn bè quốc tế trong năm 2022; "
        "thu hút đầu tư, du lịch và hợp tác quốc tế của Thủ đô trong năm 2022.",
        "1.2. Yêu cầu",
        "Bám sát định hướng thông tin đối ngoại của Trung ương; phối hợp chặt chẽ giữa các sở, "
        "ngành và các quận, huyện, thị xã.",
        "2. NHIỆM VỤ",
        "2.1. Giới thiệu thành phố qua các sự kiện quốc tế",
        "a) Tổ chức các hoạt động bên lề hội nghị quốc tế tổ chức tại Thủ đô",
        "- Cơ quan chủ trì: Sở Ngoại vụ",
        "- Cơ quan phối hợp: Sở Văn hóa và Thể thao, Sở Du lịch",
        "- Thời gian thực hiện: Theo lịch các sự kiện",
        "b) Thông tin cho phóng viên nước ngoài đưa tin về các sự kiện",
        "- Cơ quan chủ trì: Sở Thông tin và Truyền thông",
        "- Thời gian thực hiện: Thường xuyên",
        "2.2. Xuất bản ấn phẩm đối ngoại",
        "Biên soạn sách ảnh về Thủ đô bằng tiếng Anh và tiếng Pháp (Chủ trì: Sở Thông tin và "
        "Truyền thông; phối hợp: Sở Ngoại vụ; thời gian: Quý IV).",
        "3. TỔ CHỨC THỰC HIỆN",
        "3.1. Sở Ngoại vụ: Là cơ quan thường trực, hướng dẫn các đơn vị triển khai Chương trình.",
        "3.2. Sở Thông tin và Truyền thông:",
        "- Định hướng báo chí Thủ đô thông tin về các sự kiện đối ngoại.",
        "- Tổng hợp, báo cáo kết quả thực hiện trước ngày 15/11 hằng năm.",
    ],
    metadata={
        "issuer": "UBND thành phố Hà Nội",
        "number": "12/CTr-UBND",
        "date": "14/01/2022",
        "title": "Chương trình thông tin đối ngoại của Thành phố",
        "year": 2022,
        "province": "Hà Nội",
        "level": "thành phố",
        "kind": "Chương trình",
        "decision": None,
    },
    sections=["1. MỤC ĐÍCH, YÊU CẦU", "2. NHIỆM VỤ", "3. TỔ CHỨC THỰC HIỆN"],
    responsibilities=[("Sở Ngoại vụ", 1), ("Sở Thông tin và Truyền thông", 2)],
    report_deadline="15/11/2022",
)

TRA_VINH_2023 = Plan(
    name="tra-vinh-2023",
    issuer=["ỦY BAN NHÂN DÂN", "TỈNH TRÀ VINH"],
    number="Số: 1466/QĐ-UBND",
    place_date=["Trà Vinh, ngày 18 tháng 8 năm 2023"],
    text=[
        "QUYẾT ĐỊNH",
        "Ban hành Kế hoạch thông tin đối ngoại tỉnh Trà Vinh năm 2023",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TRÀ VINH",
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ về quản lý hoạt động "
        "thông tin đối ngoại;",
        "Theo đề nghị của Giám đốc Sở Thông tin và Truyền thông.",
        "QUYẾT ĐỊNH:",
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thông tin đối ngoại tỉnh Trà Vinh năm "
        "2023.",
        "Điều 2. Giao Sở Thông tin và Truyền thông theo dõi việc thực hiện Kế hoạch; tổng hợp, báo "
        "cáo Chủ tịch Ủy ban nhân dân tỉnh trước ngày 30/11/2023.",
        "Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Thủ trưởng các sở, ban, ngành tỉnh và Chủ "
        "tịch Ủy ban nhân dân các huyện, thị xã, thành phố thi hành Quyết định này./.",
        "Nơi nhận:",
        "- Như Điều 3;",
        "- Lưu: VT.",
        "KẾ HOẠCH",
        "Thông tin đối ngoại tỉnh Trà Vinh năm 2023",
        "(Ban hành kèm theo Quyết định số 1466/QĐ-UBND ngày 18/8/2023 của Chủ tịch UBND tỉnh Trà "
        "Vinh)",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "Giới thiệu với bạn bè quốc tế về văn hóa của đồng bào Khmer, về vùng ven biển và về các "
        "sản phẩm nông nghiệp chủ lực của tỉnh.",
        "II. NHIỆM VỤ",
        "1. Quảng bá văn hóa các dân tộc",
        "- Cơ quan chủ trì: Sở Văn hóa, Thể thao và Du lịch",
        "- Cơ quan phối hợp: Ban Dân tộc tỉnh",
        "- Thời gian thực hiện: Tháng 11/2023",
        "2. Thông tin về kinh tế biển",
        "Sở Kế hoạch và Đầu tư chủ trì, phối hợp với Sở Ngoại vụ xây dựng tài liệu giới thiệu khu "
        "kinh tế ven biển bằng tiếng Anh.",
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Sở Thông tin và Truyền thông: Hướng dẫn, kiểm tra việc thực hiện Kế hoạch.",
        "2. Các sở, ngành, địa phương: Báo cáo kết quả thực hiện chậm nhất ngày 20/11/2023.",
    ],
    metadata={
        "issuer": "UBND tỉnh Trà Vinh",
        "number": "1466/QĐ-UBND",
        "date": "18/08/2023",
        "title": "Kế hoạch thông tin đối ngoại tỉnh Trà Vinh năm 2023",
        "year": 2023,
        "province": "Trà Vinh",
        "level": "tỉnh",
        "kind": "Kế hoạch",
        "decision": {"number": "1466/QĐ-UBND", "date": "18/08/2023"},
    },
    sections=["I. MỤC ĐÍCH, YÊU CẦU", "II. NHIỆM VỤ", "III. TỔ CHỨC THỰC HIỆN"],
    responsibilities=[("Sở Thông tin và Truyền thông", 1), ("Các sở, ngành, địa phương", 1)],
    report_deadline="20/11/2023",
)

BA_RIA_VUNG_TAU_2021 = Plan(
    name="ba-ria-vung-tau-2021-draft",
    issuer=["ỦY BAN NHÂN DÂN", "TỈNH BÀ RỊA - VŨNG TÀU"],
    number="Số:      /KH-UBND",
    place_date=["Bà Rịa - Vũng Tàu, ngày    tháng    năm 2021"],
    text=[
        "KẾ HOẠCH THÔNG TIN ĐỐI NGOẠI GIAI ĐOẠN 2021 - 2025",
        "Thực hiện chỉ đạo của Tỉnh ủy về công tác đối ngoại, Ủy ban nhân dân tỉnh xây dựng Kế "
        "hoạch thông tin đối ngoại giai đoạn 2021 - 2025 như sau:",
        "I. MỤC TIÊU",
        "Đưa hình ảnh cảng biển, dầu khí và du lịch biển của tỉnh đến với cộng đồng quốc tế; giữ "
        "vững môi trường thông tin lành mạnh về chủ quyền biển, đảo.",
        "II. NỘI DUNG",
        "1. Tuyên truyền về chủ quyền biển, đảo",
        "- Cơ quan chủ trì: Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
        "- Thời gian thực hiện: Hằng năm",
        "III. PHÂN CÔNG NHIỆM VỤ",
        "a) Sở Ngoại vụ: Chủ trì, hướng dẫn thực hiện Kế hoạch.",
        "b) Sở Du lịch:",
        "- Quảng bá các điểm đến biển bằng nhiều thứ tiếng.",
    ],
    metadata={
        "issuer": "UBND tỉnh Bà Rịa - Vũng Tàu",
        "number": None,
        "date": None,
        "title": "Kế hoạch thông tin đối ngoại giai đoạn 2021 - 2025",
        "year": 2021,
        "province": "Bà Rịa - Vũng Tàu",
        "level": "tỉnh",
        "kind": "Kế hoạch",
        "decision": None,
    },
    sections=["I. MỤC TIÊU", "II. NỘI DUNG", "III. PHÂN CÔNG NHIỆM VỤ"],
    responsibilities=[("Sở Ngoại vụ", 1), ("Sở Du lịch", 1)],
    warnings=["no_date"],
)

QUANG_TRI_2019 = Plan(
    name="quang-tri-2019-bcd",
    issuer=["UBND TỈNH QUẢNG TRỊ", "BAN CHỈ ĐẠO CÔNG TÁC TTĐN"],
    number="Số: 05/KH-BCĐ",
    place_date=["Quảng Trị, ngày 10 tháng 01 năm 2019"],
    text=[
        "KẾ HOẠCH",
        "Công tác thông tin đối ngoại",
        "Thực hiện chương trình công tác của Ban Chỉ đạo, Ban Chỉ đạo công tác thông tin đối ngoại "
        "tỉnh ban hành Kế hoạch như sau:",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "Tuyên truyền về các di tích lịch sử chiến tranh và về hành lang kinh tế Đông - Tây qua "
        "địa bàn tỉnh trong năm 2019; đón các đoàn cựu chiến binh nước ngoài trong năm 2019.",
        "II. TỔ CHỨC THỰC HIỆN",
        "1. Sở Văn hóa, Thể thao và Du lịch: Giới thiệu các di tích với du khách quốc tế.",
    ],
    metadata={
        "issuer": "UBND tỉnh Quảng Trị",
        "number": "05/KH-BCĐ",
        "date": "10/01/2019",
        "title": "Kế hoạch công tác thông tin đối ngoại",
        "year": 2019,
        "province": "Quảng Trị",
        "level": "tỉnh",
        "kind": "Kế hoạch",
        "decision": None,
    },
    sections=["I. MỤC ĐÍCH, YÊU CẦU", "II. TỔ CHỨC THỰC HIỆN"],
    responsibilities=[("Sở Văn hóa, Thể thao và Du lịch", 1)],
)

PLANS = [
    LAO_CAI_2020,
    LAO_CAI_2021,
    HA_TINH_2018,
    HA_NOI_2022,
    TRA_VINH_2023,
    BA_RIA_VUNG_TAU_2021,
    QUANG_TRI_2019,
]
